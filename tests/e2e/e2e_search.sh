#!/usr/bin/env bash
# e2e_search.sh BUILD_DIR - madoctl list --search is exact: a two-character
# Japanese word is found in a subject, in a message's text and in a fax's
# OCR text, never made of characters that are apart or in two different
# texts of a case; Latin letters match in either case; 50% and a_b are
# those characters; one character and longer words are found as typed; the
# bigram sets (sql/016_search.sql) follow texts that are added, changed,
# moved to another case and deleted.
source "$(dirname "$0")/lib.sh"
[ -n "${T_TRACE:-}" ] && set -x
T_BUILD=$1
t_require_stack
t_setup search
t_ctl migrate >/dev/null

# new CALLER TEXT: a phone case whose first message is TEXT; prints its number.
new() { t_ctl new --channel phone --requester "$1" -m "$2" --json | jq -r .number; }
# found TEXT [ARGS...]: the callers of the cases list --search TEXT finds, in
# code point order, on one line.
found() {
	local q=$1
	shift
	t_ctl list --search "$q" "$@" --json | jq -r '.[].requester' | sed 's/ <.*//' | LC_ALL=C sort | paste -sd' ' -
}
id() { t_sql -c "SELECT id FROM cases WHERE number = '$1'"; }

body=$(new 本文 $'ご相談\n取引先を装ったビジネスメール詐欺の被害に遭いました。')
subj=$(new 件名 $'ご相談\n不審なメールが届きました。')
t_sql -c "UPDATE cases SET subject = '詐欺メールについて' WHERE number = '$subj'"
fax=$(new ファクス $'ご相談\nファクスでの相談です。')
t_sql -c "INSERT INTO case_documents (case_id, kind, content_type, size, sha256, ocr_text)
	VALUES ($(id "$fax"), 'fax_image', 'image/tiff', 1, '\\x00', E'【記入欄】\\nご相談内容：架空請求の詐欺です')"
apart=$(new 離れ $'ご相談\n名前を詐称され、欺かれました。')
split=$(new 境目 $'欺瞞について\n以上です。')
t_sql -c "UPDATE cases SET subject = '身分を詐' WHERE number = '$split'"
latin=$(new 英字 $'ご相談\nEmotet に感染しました。割引50%のメールと file a_b.exe が届きました。')
other=$(new 別件 $'ご相談\nファイル aXb.exe と 50 パーセント。')

t_eq "two characters: in a message, a subject and a fax's OCR text" "$(found 詐欺)" "ファクス 件名 本文"
t_eq "not from characters apart, nor across two texts" "$(found 詐欺 | grep -c -e 離れ -e 境目)" 0
t_eq "a longer word is confirmed as typed" "$(found メール詐欺)" "本文"
t_eq "... and across its own texts' bigrams only" "$(found 詐欺メール)" "件名"
t_eq "one character" "$(found 詐)" "ファクス 件名 境目 本文 離れ"
t_eq "one character of a word found nowhere else" "$(found 瞞)" "境目"
t_eq "Latin letters in either case" "$(found EMOTET)" "英字"
t_eq "... lower case too" "$(found emotet)" "英字"
t_eq "50% is those characters" "$(found 50%)" "英字"
t_eq "% alone is a percent sign" "$(found %)" "英字"
t_eq "a_b is those characters" "$(found a_b)" "英字"
t_eq "nothing matches a word nobody wrote" "$(found 暗号資産)" ""
t_eq "search and another filter" "$(found 詐欺 --channel phone --status new)" "ファクス 件名 本文"
t_eq "-i prints the numbers" "$(t_ctl list --search 詐欺 -i | LC_ALL=C sort | paste -sd' ' -)" \
	"$(printf '%s\n' "$body" "$subj" "$fax" | LC_ALL=C sort | paste -sd' ' -)"

# The sets follow the texts: a changed OCR text, a new message, a message
# moved to another case (madoctl split moves them so), a deleted message,
# a changed subject.
t_sql -c "UPDATE case_documents SET ocr_text = '読めませんでした' WHERE case_id = $(id "$fax")"
t_eq "an OCR text changed" "$(found 詐欺)" "件名 本文"
t_sql -c "INSERT INTO case_messages (case_id, direction, body_text)
	VALUES ($(id "$other"), 'in', 'ワンクリック詐欺の画面が出ました')"
t_eq "a message added" "$(found 詐欺)" "件名 別件 本文"
t_sql -c "UPDATE case_messages SET case_id = $(id "$latin") WHERE case_id = $(id "$other") AND body_text LIKE 'ワンクリック%'"
t_eq "a message moved" "$(found 詐欺)" "件名 本文 英字"
t_sql -c "DELETE FROM case_messages WHERE case_id = $(id "$latin") AND body_text LIKE 'ワンクリック%'"
t_eq "a message deleted" "$(found 詐欺)" "件名 本文"
t_sql -c "UPDATE cases SET subject = 'ご相談' WHERE number = '$subj'"
t_eq "a subject changed" "$(found 詐欺)" "本文"
t_eq "every case's set is its texts' bigrams" \
	"$(t_sql -c "SELECT count(*) FROM cases WHERE bigrams::text[] IS DISTINCT FROM case_bigrams(id, subject)")" 0

"$T_BUILD/tests/test_statements" "$T_CONNINFO" >/dev/null
t_done
