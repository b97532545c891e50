#!/usr/bin/env bash
# e2e_close.sh BUILD_DIR KB_DIR SHOW_DIR - the end of a case's day: referrals
# recorded (refer), closing refused until the category is confirmed and every
# suggested referral is made or dismissed, bulk close from a pipe, merge,
# link, the intake answers set on any case, and show --json of a fixed case.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
KB=$2
SHOW=$3
t_require_stack
t_setup close
t_ctl migrate >/dev/null
rc() { local s=0; t_ctl "$@" >"$T_DIR/out" 2>"$T_DIR/err" || s=$?; echo "$s"; }
new_case() { t_ctl new --channel phone --requester "$1" -m "$2" --as alice --json | jq -r .number; }
field() { t_ctl show "$1" --json | jq -r "$2"; }

# Filed before the knowledge base: no category at all.
bare=$(new_case '佐藤' '冊子の在庫について問い合わせの電話')
t_ctl kb import "$KB" >/dev/null

bec='経理担当から電話。取引先を名乗るメールで振込先の口座が変わったと連絡があり、昨日300万円を振り込んでしまった。後で取引先に確認したらそんなメールは送っていないと言われた。'
A=$(new_case '鈴木 一郎' "$bec")
t_eq "triage: bec" "$(field "$A" .category)" bec
t_eq "... its own four referrals suggested first" \
	"$(field "$A" '[.referrals[0:4][] | .code + ":" + .state] | join(",")')" \
	"local_police:suggested,ipa_anshin:suggested,antiphishing:suggested,houterasu:suggested"
# The runner-up category's referrals may be suggested too: staff dismiss them.
mapfile -t extra < <(field "$A" '.referrals[4:][] | .code')

# Closing discipline: each missing field named, nothing changed.
t_eq "close refused while category and referrals are open" "$(rc close "$A" --resolution answered)" 1
t_check "... names the unconfirmed category" grep -q "the category bec is not confirmed" "$T_DIR/err"
t_check "... names every pending referral" \
	grep -q "referrals neither made nor dismissed: local_police, ipa_anshin, antiphishing, houterasu" "$T_DIR/err"
t_eq "... still open" "$(field "$A" .status)" new
t_eq "an unknown resolution is misuse" "$(rc close "$A" --resolution solved)" 2
t_check "... and lists the configured ones" grep -q "resolutions in .* are: answered, referred" "$T_DIR/err"
t_eq "no case without a category closes" "$(rc close "$bare" --resolution answered)" 1
t_check "... says it has none" grep -q "it has no category" "$T_DIR/err"

# refer: made, confirmed, dismissed; unknown codes refused; dry runs change nothing.
t_eq "refer --dry-run" "$(rc refer "$A" local_police --state made --dry-run --as bob)" 0
t_check "... says what would be" grep -q "local_police would be made (was suggested)" "$T_DIR/out"
t_eq "... and changed nothing" "$(field "$A" '.referrals[0].state')" suggested
t_eq "referral made" "$(rc refer "$A" local_police --state made --note '最寄りの警察署を案内' --as bob)" 0
t_eq "the same again is no change" "$(rc refer "$A" local_police --state made --as bob)" 0
t_check "... said so" grep -q "unchanged" "$T_DIR/out"
t_eq "an unknown code is refused" "$(rc refer "$A" nowhere --state made)" 1
t_check "... with the reason" grep -q "not in the referral directory" "$T_DIR/err"
t_eq "a referral triage did not suggest can be made" "$(rc refer "$A" consumer_hotline --state made --as bob)" 0
for x in "${extra[@]}"; do t_ctl refer "$A" "$x" --state dismissed --as bob >/dev/null; done
t_eq "two dismissed at once over two cases? no: one case, two calls" \
	"$(rc refer "$A" antiphishing --state dismissed --as bob)$(rc refer "$A" houterasu --state dismissed --as bob)" 00
t_eq "close refused for the one referral left" "$(rc close "$A" --resolution answered)" 1
t_check "... names only ipa_anshin" grep -q "dismissed: ipa_anshin (madoctl" "$T_DIR/err"
t_eq "refer ipa_anshin made" "$(rc refer "$A" ipa_anshin --state made --as bob)" 0
t_eq "close refused for the category alone" "$(rc close "$A" --resolution answered)" 1
t_check "... not for referrals any more" test -z "$(grep referrals "$T_DIR/err")"
t_eq "an unknown --category is refused" "$(rc close "$A" --resolution answered --category fraud)" 1
t_check "... so said" grep -q "fraud is no category" "$T_DIR/err"
t_eq "close --dry-run with --category" "$(rc close "$A" --resolution answered --category bec --dry-run)" 0
t_eq "... changed nothing" "$(field "$A" '.status + " " + (.category_confirmed | tostring)')" "new false"
t_eq "the requester reports back: confirmed" "$(rc refer "$A" local_police --state confirmed --as bob)" 0
t_eq "close with --category confirms and closes" \
	"$(rc close "$A" --resolution answered --category bec --note '警察に届出済み' --as bob)" 0
t_eq "... says so" "$(cat "$T_DIR/out")" \
	"$A: closed (resolution: answered, category bec confirmed, was new)"
t_eq "... stored" "$(field "$A" '[.status, .resolution, .category, (.category_confirmed | tostring)] | join(" ")')" \
	"closed answered bec true"
t_eq "... referrals as recorded" "$(field "$A" '[.referrals[] | .code + ":" + .state] | join(",")')" \
	"local_police:confirmed,ipa_anshin:made,antiphishing:dismissed,houterasu:dismissed$(printf ',%s:dismissed' "${extra[@]}"),consumer_hotline:made"
t_eq "... audited" "$(t_sql -c "SELECT a.actor || ' ' || (a.detail->>'resolution') || ' ' || (a.detail->>'category') || ' ' || (a.detail->>'note') FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '$A' AND a.action = 'close'")" \
	"bob answered bec 警察に届出済み"
t_eq "refer is audited from -> to" "$(t_sql -c "SELECT string_agg((a.detail->>'code') || ':' || coalesce(a.detail->>'from', '-') || '>' || (a.detail->>'to'), ',' ORDER BY a.id) FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '$A' AND a.action = 'refer' AND a.detail->>'code' IN ('local_police', 'consumer_hotline', 'antiphishing')")" \
	"local_police:suggested>made,consumer_hotline:->made,antiphishing:suggested>dismissed,local_police:made>confirmed"
t_check "show lists the referrals with their state" grep -q "^  confirmed  local_police" <(t_ctl show "$A")
t_check "show prints the audit trail" grep -q "^Audit trail:" <(t_ctl show "$A")

# Bulk close from a pipe: one bad number reported, the others closed.
S1=$(new_case '迷惑' '知らない会社から広告のFAXが毎日届いて困っているという電話')
S2=$(new_case '迷惑' '同じ内容の宣伝メールが大量に届くとの電話')
S3=$(new_case '迷惑' '宣伝メールの配信停止をしたいとの電話')
s=0
printf '%s\n%s\n2026-999999\n%s\n' "$S1" "$S2" "$S3" | t_ctl close - --resolution spam --as carol \
	>"$T_DIR/out" 2>"$T_DIR/err" || s=$?
t_eq "bulk close with a bad number exits 1" "$s" 1
t_check "... reports the bad number" grep -q "2026-999999: no such case" "$T_DIR/err"
t_eq "... and closed the three others" "$(grep -c ": closed (resolution: spam" "$T_DIR/out")" 3
t_eq "... all three closed as spam" "$(t_sql -c "SELECT count(*) FROM cases WHERE number IN ('$S1', '$S2', '$S3') AND status = 'closed' AND resolution = 'spam'")" 3
t_eq "without review: suggested referrals recorded dismissed" \
	"$(t_sql -c "SELECT count(*) = count(*) FILTER (WHERE r.state = 'dismissed' AND r.note = 'closed as spam') AND count(*) > 0 FROM case_referrals r JOIN cases c ON c.id = r.case_id WHERE c.number = '$S1'")" t
t_eq "a closed case is not closed again" "$(rc close "$S1" --resolution spam)" 1
t_check "... says why" grep -q "closed already" "$T_DIR/err"

# recategorize and note take several cases and --dry-run too.
t_eq "recategorize --dry-run" "$(rc recategorize "$S1" "$S2" spam --dry-run --as carol)" 0
t_eq "... says what would be" "$(grep -c "would be spam" "$T_DIR/out")" 2
t_eq "... and changed nothing" "$(t_sql -c "SELECT count(*) FROM cases WHERE number IN ('$S1', '$S2') AND category_confirmed")" 0
t_eq "recategorize two cases" "$(rc recategorize "$S1" "$S2" spam --as carol)" 0
t_eq "... both confirmed, audited by carol" "$(t_sql -c "SELECT count(*) FROM cases c WHERE number IN ('$S1', '$S2') AND category = 'spam' AND category_confirmed AND EXISTS (SELECT 1 FROM audit_log a WHERE a.case_id = c.id AND a.action = 'recategorize' AND a.actor = 'carol')")" 2
t_eq "an unknown category stops at once" "$(rc recategorize "$S1" "$S2" nothing.such)" 1
t_eq "note --dry-run" "$(rc note "$S1" -m 'メモ' --dry-run)" 0
t_eq "... adds nothing" "$(t_sql -c "SELECT count(*) FROM case_notes n JOIN cases c ON c.id = n.case_id WHERE c.number = '$S1'")" 0

# merge: the same company phoned, then faxed; its number still shows the case.
B=$(new_case '田中商店' 'ホームページが改ざんされて見知らぬ画像が表示されているとの電話')
C=$(new_case '田中商店' 'ホームページ改ざんの件で再度電話。管理会社とも連絡がつかない。')
t_ctl note "$C" -m '管理会社の連絡先を確認中' --as bob >/dev/null
t_ctl refer "$C" ipa_anshin --state made --as bob >/dev/null
t_ctl take "$C" --as bob >/dev/null
t_eq "merge --dry-run" "$(rc merge "$C" "$B" --dry-run)" 0
t_eq "... nothing moved" "$(field "$B" '.messages | length')" 1
t_eq "merge C into B" "$(rc merge "$C" "$B" --as bob)" 0
t_eq "... B has both messages" "$(field "$B" '[.messages[].text | startswith("ホームページ")] | map(tostring) | join(",")')" "true,true"
t_eq "... and C's note" "$(field "$B" '.notes[0].body')" "管理会社の連絡先を確認中"
t_eq "... and C's referral decision" "$(field "$B" '[.referrals[] | select(.state == "made") | .code] | join(",")')" ipa_anshin
t_eq "... and C's audit trail" "$(t_sql -c "SELECT count(*) FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '$B' AND a.action IN ('note', 'refer', 'take', 'merge')")" 4
t_eq "... C is closed, merged" "$(t_sql -c "SELECT status || ' ' || resolution || ' ' || (SELECT number FROM cases m WHERE m.id = c.merged_into) FROM cases c WHERE number = '$C'")" \
	"closed merged $B"
t_eq "C's number shows B" "$(t_ctl show "$C" --json 2>"$T_DIR/err" | jq -r .number)" "$B"
t_check "... saying so" grep -q "$C was merged into $B" "$T_DIR/err"
t_eq "B shows what was merged in" "$(field "$B" '.merged_from | join(",")')" "$C"
t_eq "taking a merged case is refused" "$(rc take "$C")" 1
t_check "... pointing at B" grep -q "merged into $B" "$T_DIR/err"
t_eq "merging it again is refused" "$(rc merge "$C" "$B")" 1
t_eq "merging into a merged case is refused" "$(rc merge "$A" "$C")" 1
t_eq "merging into a closed case is refused" "$(rc merge "$B" "$A")" 1
t_check "... reopen first" grep -q "reopen it first" "$T_DIR/err"
t_eq "a case merged with itself is misuse" "$(rc merge "$B" "$B")" 2

# link
t_eq "link B with A" "$(rc link "$B" "$A" --as bob)" 0
t_eq "... shown on both" "$(field "$B" .linked) $(field "$A" .linked)" "$A $B"
t_eq "linking again changes nothing" "$(rc link "$A" "$B")" 0
t_check "... said so" grep -q unchanged "$T_DIR/out"
t_eq "one link row" "$(t_sql -c 'SELECT count(*) FROM case_links')" 1

# set: the intake answers on any case, audited from -> to.
t_eq "set intake answers" "$(rc set "$B" --role システム管理者 --vendor no --source '区の広報' --as bob)" 0
t_eq "... stored" "$(field "$B" '[.caller_role, (.it_vendor | tostring), .source] | join(" ")')" "admin false 区の広報"
t_eq "... audited" "$(t_sql -c "SELECT detail->'caller_role'->>'to' || ' ' || (detail->'it_vendor'->>'to') FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '$B' AND a.action = 'set'")" \
	"admin false"
t_eq "the same again is no change" "$(rc set "$B" --vendor no)" 0
t_check "... said so" grep -q unchanged "$T_DIR/out"
t_eq "set with nothing to set is misuse" "$(rc set "$B")" 2
t_eq "a bad role is misuse" "$(rc set "$B" --role boss)" 2

# show --json of a fixed case: every member, as the golden file has it.
t_sql -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
INSERT INTO cases (number, status, channel, category, urgent, subject, requester_name,
    requester_address, received_at, created_at, triage, owner, organisation, caller_role)
VALUES ('2026-900001', 'open', 'mail', 'bec', true, '振込先変更の連絡について', '山本 花子',
    'yamamoto@example.co.jp', '2026-11-02 10:00:00+09', '2026-11-02 10:00:05+09',
    '{"kind":"consultation","category":"bec","confidence":0.812,"alternatives":[],"urgent":true,
      "referrals":["local_police","ipa_anshin"],"answers":["bec.1"],"material_request":null,
      "explain":["「振込先」はビジネスメール詐欺の語","被害額の記載があり急ぎ"]}',
    'tanaka', '山本商事', 'owner');
INSERT INTO case_messages (case_id, direction, kind, message_id, from_name, from_address,
    subject, sent_at, body_text, created_at)
SELECT id, 'in', 'request', 'fixed-1@example.co.jp', '山本 花子', 'yamamoto@example.co.jp',
    '振込先変更の連絡について', '2026-11-02 09:58:00+09', '取引先から振込先変更のメールが届きました。', '2026-11-02 10:00:05+09'
FROM cases WHERE number = '2026-900001';
INSERT INTO case_notes (case_id, author, body, created_at)
SELECT id, 'tanaka', '電話で事情を確認', '2026-11-02 11:00:00+09' FROM cases WHERE number = '2026-900001';
INSERT INTO case_referrals (case_id, code, state, note, updated_by, updated_at)
SELECT id, 'local_police', 'made', '新宿署', 'tanaka', '2026-11-02 11:05:00+09' FROM cases WHERE number = '2026-900001';
INSERT INTO audit_log (case_id, actor, action, detail, at)
SELECT id, 'tanaka', 'take', '{"from":{"status":"new","owner":null,"wait_until":null},"to":{"status":"open","owner":"tanaka","wait_until":null}}', '2026-11-02 10:30:00+09'
FROM cases WHERE number = '2026-900001';
SQL
t_ctl show 2026-900001 --json | jq -S . >"$T_DIR/fixed.json"
t_check "show --json of the fixed case is the golden file" diff -u "$SHOW/fixed.json" "$T_DIR/fixed.json"
t_ctl show 2026-900001 >"$T_DIR/fixed.txt"
t_check "show text: category with label, confidence, unconfirmed" \
	grep -q "^Category:   bec ビジネスメール詐欺 (confidence 81%, not confirmed)" "$T_DIR/fixed.txt"
m1=$(grep -n '^--- message 1' "$T_DIR/fixed.txt" | cut -d: -f1)
n1=$(grep -n '^--- internal note 1' "$T_DIR/fixed.txt" | cut -d: -f1)
t_check "show text: the note after the message, in filing order" test "${m1:-0}" -gt 0 -a "${n1:-0}" -gt "${m1:-0}"
t_check "show text: the triage's reasons" grep -q "^  because: 「振込先」" "$T_DIR/fixed.txt"
t_check "show text: the suggested answer with its title" grep -q "^  bec.1 .*振込先変更" "$T_DIR/fixed.txt"

# list on a terminal: the table fits its width, Japanese counted double,
# categories by their labels; longer than the screen, it goes through $PAGER.
on_tty() { # on_tty COLS ROWS PAGER: madoctl list on a pseudo-terminal of that size
	script -qec "stty cols $1 rows $2; PAGER='$3' '$T_BUILD/tools/madoctl' -c '$T_CONFIG' list" /dev/null | tr -d '\r'
}
on_tty 120 60 cat >"$T_DIR/tty.txt"
t_check "the table has every case" grep -q "^$B " "$T_DIR/tty.txt"
widest_line() { local l w=0 n; while IFS= read -r l; do n=$(printf '%s' "$l" | LC_ALL=C.UTF-8 wc -L); [ "$n" -gt "$w" ] && w=$n; done <"$1"; echo "$w"; }
t_check "no line is wider than the terminal" test "$(widest_line "$T_DIR/tty.txt")" -le 120
on_tty 72 60 cat >"$T_DIR/narrow.txt"
t_check "... nor on a narrow one" test "$(widest_line "$T_DIR/narrow.txt")" -le 72
t_check "... which still has every case" test "$(grep -c '^2026-' "$T_DIR/narrow.txt")" = "$(t_cases)"
t_check "categories by their Japanese label" grep -q "ビジネスメール詐欺" "$T_DIR/tty.txt"
t_check "received in Tokyo time" grep -q "^2026-900001 .* 2026-11-02 10:00 " "$T_DIR/tty.txt"
t_check "a long list goes through the pager" grep -q "^P:NUMBER" <(on_tty 90 5 "sed s/^/P:/")
t_eq "--limit: the first N" "$(t_ctl list --limit 2 -i | wc -l)" 2
t_check "... the table says more match" grep -q "^(more cases match: --limit N" <(t_ctl list --limit 2)
t_eq "... not when none do" "$(t_ctl list --limit 0 | grep -c "more cases match")" 0
t_eq "--limit takes a number" "$(rc list --limit many)" 2
t_check "a pipe gets whole lines, no pager" grep -q "^$B .*ホームページが改ざんされて見知らぬ画像が表示されているとの電話" <(t_ctl list)

# Bash completion asks madoctl itself, with the -c FILE of the line.
complete_line() { # complete_line WORD...: what completing the last word offers
	bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _madoctl; [ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' \
		_ "$(dirname "$0")/../../tools/madoctl.bash" "$T_BUILD/tools/madoctl" -c "$T_CONFIG" "$@" | sort | tr '\n' ' '
}
t_check "completes case numbers still worked on" grep -q "$B" <<<"$(complete_line take 2026-)"
t_eq "... not closed ones" "$(complete_line take "$A")" ""
t_eq "completes category codes" "$(complete_line close "$B" --category be)" "bec "
t_eq "completes referral codes for refer" "$(complete_line refer "$B" ipa_a)" "ipa_anshin "

t_eq "help" "$(rc refer --help)" 0
t_eq "refer without --state is misuse" "$(rc refer "$A" police)" 2
t_done
