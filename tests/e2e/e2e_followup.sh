#!/usr/bin/env bash
# e2e_followup.sh BUILD_DIR - follow-ups without threading headers: a mail
# with no In-Reply-To, References or case tag joins the one case of the
# same sender whose subject is the same without reply prefixes, tag and
# width; never another sender's, never on a generic subject, never when two
# cases fit, never outside [worker] heuristic_join_days (0: off). The join
# is audited and shown, and madoctl split moves it out again.
source "$(dirname "$0")/lib.sh"
[ -n "${T_TRACE:-}" ] && set -x
T_BUILD=$1
t_require_stack
t_setup followup
t_close_freely
t_ctl migrate >/dev/null

mail() { # mail FILE MSGID FROM-ADDRESS SUBJECT-UTF8 [BODY-UTF8]
	{
		printf 'From: =?UTF-8?B?5bGx55Sw?= <%s>\r\nTo: soudan@desk.example.jp\r\n' "$3"
		printf 'Subject: =?UTF-8?B?%s?=\r\nMessage-ID: <%s>\r\n' "$(printf '%s' "$4" | base64 -w0)" "$2"
		printf 'Date: Mon, 2 Nov 2026 10:00:00 +0900\r\n'
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n%s\r\n' "${5:-$2 の本文です。}"
	} >"$T_DIR/$2.eml"
}
filed() { [ -n "$(t_sql -c "SELECT disposition FROM inbound_messages WHERE message_id = '$1'")" ]; }
# send MSGID FROM SUBJECT [BODY]: delivers one mail and waits until the worker filed it.
send() {
	mail "$T_DIR/$1.eml" "$1" "$2" "$3" "${4:-}"
	t_imap append "$T_MAILBOX" "$T_DIR/$1.eml"
	t_daemon --once
	t_check "$1 is filed" t_wait_for 30 filed "$1"
}
disposition() { t_sql -c "SELECT disposition FROM inbound_messages WHERE message_id = '$1'"; }
case_of() { t_sql -c "SELECT c.number FROM cases c JOIN case_messages m ON m.case_id = c.id WHERE m.message_id = '$1'"; }
audits() { # audits CASE ACTION
	t_sql -c "SELECT count(*) FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '$1' AND a.action = '$2'"
}
restart_worker() {
	t_stop "$W"
	t_start_worker W
}

t_start_worker W
send orig@example.jp yamada@example.jp "ネットショップの偽サイトについて"
A=$(case_of orig@example.jp)
t_eq "the first mail opens a case" "$(disposition orig@example.jp)" case

# A hand-typed "Re:" without any threading header joins it.
send re1@example.jp yamada@example.jp "Re: ネットショップの偽サイトについて"
t_eq "hand-typed Re: is a follow-up" "$(disposition re1@example.jp)" followup
t_eq "of the sender's case" "$(case_of re1@example.jp)" "$A"
t_eq "audited as a heuristic join with the message and the subject" \
	"$(t_sql -c "SELECT (a.detail->>'message_id') || '|' || (a.detail->>'subject') FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '$A' AND a.action = 'heuristic_join'")" \
	"re1@example.jp|ネットショップの偽サイトについて"
# Full-width and bracketed prefixes, an upper-case address.
send re2@example.jp Yamada@Example.JP "ＲＥ：ネットショップの偽サイトについて"
t_eq "full-width ＲＥ： joins" "$(case_of re2@example.jp)" "$A"
send re3@example.jp yamada@example.jp "【返信】 ネットショップの偽サイトについて"
t_eq "【返信】 joins" "$(case_of re3@example.jp)" "$A"
t_eq "three heuristic joins audited" "$(audits "$A" heuristic_join)" 3

# The same subject from another address opens a case of its own.
send other@example.jp suzuki@example.jp "Re: ネットショップの偽サイトについて"
t_eq "another sender's mail is a new case" "$(disposition other@example.jp)" case
t_check "not the first sender's" test "$(case_of other@example.jp)" != "$A"

# Generic subjects never join.
send gen1@example.jp yamada@example.jp "お問い合わせ"
send gen2@example.jp yamada@example.jp "Re: お問い合わせ"
t_eq "a generic subject does not join" "$(disposition gen2@example.jp)" case

# Rule 4: a mail that reports back on what the desk advised joins the sender's one case,
# whatever its subject; the same subject without such words does not.
send ono1@example.jp ono@example.jp "ホームページが書き換えられた"
send ono2@example.jp ono@example.jp "お礼" "先日は丁寧に教えていただき、ありがとうございました。その後は問題なく動いています。"
t_eq "a thank-you that reports back joins" "$(case_of ono2@example.jp)" "$(case_of ono1@example.jp)"
send ono3@example.jp ono@example.jp "見積もりのご依頼" "ウイルス対策ソフトの見積もりをお願いします。"
t_eq "a new matter from the same sender is a new case" "$(disposition ono3@example.jp)" case
t_check "it has its own case" test "$(case_of gen2@example.jp)" != "$(case_of gen1@example.jp)"
# ... and a mail that says it follows a request made before joins it, whatever its subject.
send mori1@example.jp mori@example.jp "ガイドブック送付のお願い" "社内研修用に15部お送りください。"
send mori2@example.jp mori@example.jp "受取方法について" "先日は15部のお願いをいたしました。来所が難しくなったので、着払いでお送りいただけますか。"
t_eq "a mail about the request made before joins" "$(case_of mori2@example.jp)" "$(case_of mori1@example.jp)"

# heuristic_join_days = 0 turns it off: the same subject twice makes two cases ...
restart_worker_with() {
	t_stop "$W"
	t_config_set "$T_CONFIG" worker heuristic_join_days "$1"
	t_start_worker W
}
restart_worker_with 0
send sato1@example.jp sato@example.jp "パスワードが漏れたかもしれない"
send sato2@example.jp sato@example.jp "Re: パスワードが漏れたかもしれない"
t_eq "with the window 0, no heuristic join" "$(disposition sato2@example.jp)" case
# ... and with two open cases of that subject, a third mail joins neither.
restart_worker_with 30
send sato3@example.jp sato@example.jp "Re: パスワードが漏れたかもしれない"
t_eq "two cases fit: a new case" "$(disposition sato3@example.jp)" case
t_eq "no join audited for sato" \
	"$(t_sql -c "SELECT count(*) FROM audit_log WHERE action = 'heuristic_join' AND detail->>'message_id' LIKE 'sato%'")" 0

# A case closed within the window is reopened as for a threaded follow-up ...
send kato1@example.jp kato@example.jp "請求書の詐欺メールが届いた"
K=$(case_of kato1@example.jp)
t_ctl close "$K" --resolution answered >/dev/null
send kato2@example.jp kato@example.jp "Re: 請求書の詐欺メールが届いた"
t_eq "joins the recently closed case" "$(case_of kato2@example.jp)" "$K"
t_eq "which is reopened" "$(t_sql -c "SELECT status FROM cases WHERE number = '$K'")" open
t_eq "reopen audited" "$(audits "$K" reopen)" 1
t_eq "join audited" "$(audits "$K" heuristic_join)" 1
# ... one closed longer ago than the window is not a candidate.
t_ctl close "$K" --resolution answered >/dev/null
t_sql -c "UPDATE cases SET closed_at = now() - interval '40 days' WHERE number = '$K'"
send kato3@example.jp kato@example.jp "Re: 請求書の詐欺メールが届いた"
t_eq "outside the window: a new case" "$(disposition kato3@example.jp)" case
t_eq "not linked to the old one" \
	"$(t_sql -c "SELECT linked_case_id IS NULL FROM cases WHERE number = '$(case_of kato3@example.jp)'")" t
t_eq "the old case stays closed" "$(t_sql -c "SELECT status FROM cases WHERE number = '$K'")" closed

# madoctl show marks heuristic joins, in text and JSON.
t_ctl show "$A" >"$T_DIR/show.txt"
t_eq "show marks the three joins" "$(grep -c '^Joined: heuristically' "$T_DIR/show.txt")" 3
t_eq "show --json marks them" \
	"$(t_ctl show "$A" --json | jq -c '[.messages[] | select(.direction == "in") | .joined_heuristically]')" \
	"[false,true,true,true]"

# Staff split the first follow-up out: a new case of its own, triaged as a
# new request, audited on both.
t_ctl kb import "$(dirname "$0")/../../config/kb" >/dev/null
t_ctl split "$A" 2 >"$T_DIR/split.out"
N=$(case_of re1@example.jp)
t_check "the message has moved" test "$N" != "$A"
t_check "madoctl names the new case" grep -q "$N" "$T_DIR/split.out"
t_eq "the new case's requester and subject are the message's" \
	"$(t_ctl show "$N" --json | jq -r '[.requester_address, .subject, .status, (.messages | length), .messages[0].joined_heuristically] | map(tostring) | join("|")')" \
	"yamada@example.jp|Re: ネットショップの偽サイトについて|new|1|false"
t_eq "the new case is triaged" \
	"$(t_sql -c "SELECT category IS NOT NULL AND category = triage->>'category' FROM cases WHERE number = '$N'")" t
t_eq "as the classifier reads the message" \
	"$(t_sql -c "SELECT category FROM cases WHERE number = '$N'")" \
	"$(t_ctl classify --json "$T_DIR/re1@example.jp.eml" | jq -r .category)"
t_eq "the old case keeps the rest" "$(t_ctl show "$A" --json | jq '[.messages[] | select(.direction == "in")] | length')" 3
t_eq "split audited on the old case" \
	"$(t_sql -c "SELECT (detail->>'message_id') || '|' || (detail->>'to') FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '$A' AND a.action = 'split'")" \
	"re1@example.jp|$N"
t_eq "and on the new case" \
	"$(t_sql -c "SELECT (detail->>'from') || '|' || actor FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '$N' AND a.action = 'split'")" \
	"$A|$(id -un)"

# Refusals and misuse.
status=0
t_ctl split "$A" 1 2>"$T_DIR/err" || status=$?
t_eq "the first message is refused" "$status" 1
t_check "with the reason" grep -q "message 1" "$T_DIR/err"
status=0
t_ctl split "$A" 9 2>/dev/null || status=$?
t_eq "no such message" "$status" 1
status=0
t_ctl split 2026-999999 2 2>/dev/null || status=$?
t_eq "no such case" "$status" 1
for bad in "$A" "$A x" "$A 0" "$A 2 3" "$A 2 --json"; do
	status=0
	# shellcheck disable=SC2086
	t_ctl split $bad 2>/dev/null || status=$?
	t_eq "misuse (split $bad): usage" "$status" 2
done
t_eq "nothing moved by the refusals" "$(t_ctl show "$A" --json | jq '.messages | length')" \
	"$(t_sql -c "SELECT count(*) FROM case_messages m JOIN cases c ON c.id = m.case_id WHERE c.number = '$A'")"

t_stop "$W"
t_done
