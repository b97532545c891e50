#!/usr/bin/env bash
# e2e_states.sh BUILD_DIR - who works on a case and what it waits for:
# madoctl take, steal, untake, assign, wait and reopen on cases filed from
# real mail, several at once (numbers, ranges, "-" for stdin), each move
# audited from -> to, illegal moves refused with exit 1 and a sentence
# saying why and what is allowed, misuse exit 2 with usage, --dry-run
# changing nothing.
source "$(dirname "$0")/lib.sh"
[ -n "${T_TRACE:-}" ] && set -x
T_BUILD=$1
t_require_stack
t_setup states
t_close_freely
t_ctl migrate >/dev/null

t_make_mails "$T_DIR/mail" 6 state
t_imap append "$T_MAILBOX" "$T_DIR"/mail/*.eml
t_start_worker W
t_daemon --once
t_check "6 cases filed" t_wait_for 60 t_has_cases 6
mapfile -t N < <(t_sql -c "SELECT number FROM cases ORDER BY number")
st() { t_sql -c "SELECT status || '|' || coalesce(owner, '') || '|' || coalesce(wait_until::text, '') FROM cases WHERE number = '$1'"; }
audits() { t_sql -c "SELECT count(*) FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '$1' AND a.action = '$2'"; }
# rc CMD...: the exit status of madoctl CMD..., its output in $T_DIR/out and $T_DIR/err.
rc() { local s=0; t_ctl "$@" >"$T_DIR/out" 2>"$T_DIR/err" || s=$?; echo "$s"; }

# take: a new case opens with its taker as owner, and the move is audited from -> to.
t_eq "alice takes the first case" "$(rc take "${N[0]}" --as alice)" 0
t_eq "it is open, alice's" "$(st "${N[0]}")" "open|alice|"
t_eq "one line per case" "$(cat "$T_DIR/out")" "${N[0]}: open, owner alice (was new)"
t_eq "the audit row says from and to" \
	"$(t_sql -c "SELECT actor || ' ' || (detail->'from'->>'status') || '>' || (detail->'to'->>'status') || ' ' || (detail->'to'->>'owner') FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '${N[0]}' AND a.action = 'take'")" \
	"alice new>open alice"
t_eq "taking it again changes nothing" "$(rc take "${N[0]}" --as alice)" 0
t_eq "... and says so" "$(cat "$T_DIR/out")" "${N[0]}: unchanged, open, owner alice"
t_eq "... and is not audited twice" "$(audits "${N[0]}" take)" 1

# Someone else's case: take is refused and says what is allowed; steal takes it over.
t_eq "bob cannot take alice's case" "$(rc take "${N[0]}" --as bob)" 1
t_check "the refusal names the owner and steal" grep -q "alice owns it; madoctl steal" "$T_DIR/err"
t_eq "... and nothing changed" "$(st "${N[0]}")" "open|alice|"
t_eq "bob steals it" "$(rc steal "${N[0]}" --as bob)" 0
t_eq "it is bob's" "$(st "${N[0]}")" "open|bob|"
t_eq "alice cannot give back bob's case" "$(rc untake "${N[0]}" --as alice)" 1
t_eq "bob gives it back" "$(rc untake "${N[0]}" --as bob)" 0
t_eq "nobody owns it, it stays open" "$(st "${N[0]}")" "open||"
t_eq "giving back an unowned case is refused" "$(rc untake "${N[0]}" --as bob)" 1
t_check "... saying nobody owns it" grep -q "nobody owns it" "$T_DIR/err"

# A range: every case between that exists; assign's last argument is the staff member.
t_eq "assign a range to carol" "$(rc assign "${N[1]}..${N[3]}" carol --as alice)" 0
t_eq "three lines" "$(wc -l <"$T_DIR/out")" 3
for i in 1 2 3; do t_eq "${N[$i]} is carol's" "$(st "${N[$i]}")" "open|carol|"; done
t_eq "the one after the range is untouched" "$(st "${N[4]}")" "new||"
t_eq "the audit names who assigned" "$(t_sql -c "SELECT actor FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '${N[2]}' AND a.action = 'assign'")" alice

# wait: needs a date, and a case someone answered.
t_eq "wait without --until is misuse" "$(rc wait "${N[1]}")" 2
t_check "... with usage" grep -q "^usage: madoctl wait" "$T_DIR/err"
t_eq "wait until no date is misuse" "$(rc wait "${N[1]}" --until 2027-02-30)" 2
t_eq "a new case cannot wait" "$(rc wait "${N[5]}" --until 2027-01-15)" 1
t_check "... take it first" grep -q "take it first" "$T_DIR/err"
t_eq "carol's case waits" "$(rc wait "${N[1]}" --until 2027-01-15 --as carol)" 0
t_eq "waiting until the date" "$(st "${N[1]}")" "waiting|carol|2027-01-15"
t_ctl show "${N[1]}" >"$T_DIR/show.txt"
t_check "show says who owns it" grep -q "^Owner:      carol" "$T_DIR/show.txt"
t_check "show says until when it waits" grep -q "^Waiting:    until 2027-01-15" "$T_DIR/show.txt"
t_eq "list --json has owner and date" \
	"$(t_ctl list --json | jq -r --arg n "${N[1]}" '.[] | select(.number == $n) | .owner + " " + .wait_until')" \
	"carol 2027-01-15"

# Closed: nothing moves but reopen, which clears the closing.
t_ctl close "${N[2]}" --resolution answered >/dev/null
t_eq "a closed case cannot be taken" "$(rc take "${N[2]}" --as dave)" 1
t_check "... reopen brings it back" grep -q "madoctl reopen brings it back" "$T_DIR/err"
t_eq "an open case cannot be reopened" "$(rc reopen "${N[3]}")" 1
t_eq "reopen" "$(rc reopen "${N[2]}" --as dave)" 0
t_eq "open again, its closing gone" \
	"$(t_sql -c "SELECT status || '|' || coalesce(resolution, '-') || '|' || (closed_at IS NULL) FROM cases WHERE number = '${N[2]}'")" \
	"open|-|true"

# Several at once: one refusal does not stop the others, and the exit says it.
t_eq "a batch with a refusal exits 1" "$(rc take "${N[4]}" "${N[3]}" "${N[5]}" --as erin)" 1
t_eq "... the free ones taken" "$(st "${N[4]}") $(st "${N[5]}")" "open|erin| open|erin|"
t_eq "... carol's kept" "$(st "${N[3]}")" "open|carol|"
t_eq "an unknown case number fails" "$(rc take 2026-999999 --as erin)" 1
t_check "... saying so" grep -q "no such case" "$T_DIR/err"

# "-": the numbers of a pipe; --dry-run says what would change and changes nothing.
audit_rows=$(t_sql -c "SELECT count(*) FROM audit_log")
s=0
printf '%s\n%s\n' "${N[4]}" "${N[5]}" | t_ctl steal - --as frank --dry-run >"$T_DIR/out" 2>&1 || s=$?
t_eq "a dry run from stdin" "$s" 0
t_check "... says what would change" grep -q "^${N[5]}: would be open, owner frank (was open, owner erin)" "$T_DIR/out"
t_eq "... changes nothing" "$(st "${N[5]}")" "open|erin|"
t_eq "... and audits nothing" "$(t_sql -c "SELECT count(*) FROM audit_log")" "$audit_rows"
s=0
printf '%s %s\n' "${N[4]}" "${N[5]}" | t_ctl steal - --as frank >/dev/null 2>&1 || s=$?
t_eq "stdin for real" "$s" 0
t_eq "... both frank's" "$(st "${N[4]}") $(st "${N[5]}")" "open|frank| open|frank|"

# Misuse: usage and exit 2, the database untouched.
t_eq "take without a case" "$(rc take)" 2
t_eq "take with a word that is no case" "$(rc take tomorrow)" 2
t_check "... says which word" grep -q '"tomorrow" is no case number, range or -' "$T_DIR/err"
t_eq "a range backwards" "$(rc take "${N[3]}..${N[1]}")" 2
t_eq "assign without a user" "$(rc assign "${N[3]}")" 2
t_eq "--as with a blank" "$(rc take "${N[3]}" --as 'a b')" 2
t_eq "take --help" "$(rc take --help)" 0

# list: whose cases, which are due, numbers only for a pipe.
t_eq "list --mine as carol" "$(t_ctl list --mine --as carol -i | paste -sd' ')" "${N[1]} ${N[2]} ${N[3]}"
t_eq "list --owner frank" "$(t_ctl list --owner frank -i | paste -sd' ')" "${N[4]} ${N[5]}"
t_eq "list --unowned" "$(t_ctl list --unowned -i | paste -sd' ')" "${N[0]}"
t_eq "nothing is due yet" "$(t_ctl list --due -i | wc -l)" 0
t_ctl wait "${N[3]}" --until 2026-01-05 --as carol >/dev/null
t_eq "a date gone by is due" "$(t_ctl list --due -i)" "${N[3]}"
t_eq "list --channel fax" "$(t_ctl list --channel fax -i | wc -l)" 0
t_eq "the table names the owner" "$(t_ctl list --owner frank | awk 'NR == 2 {print $6}')" frank
t_eq "--mine with --owner is misuse" "$(rc list --mine --owner frank)" 2
t_eq "--channel must be one the desk has" "$(rc list --channel pigeon)" 2
s=0
t_ctl list --unowned -i | t_ctl take - --as gina >/dev/null 2>&1 || s=$?
t_eq "list -i | take -" "$s" 0
t_eq "... the unowned one is gina's" "$(st "${N[0]}")" "open|gina|"

# note: internal, audited, shown, never a message of the case.
t_eq "a note" "$(rc note "${N[1]}" -m "電話で確認済み。来週また連絡する。" --as carol)" 0
s=0
printf 'first line\nsecond line\n' | t_ctl note "${N[1]}" "${N[2]}" -m - --as carol >/dev/null 2>&1 || s=$?
t_eq "a note from stdin on two cases" "$s" 0
t_eq "two notes on the first" "$(t_ctl show "${N[1]}" --json | jq '.notes | length')" 2
t_eq "by carol, as typed" "$(t_ctl show "${N[1]}" --json | jq -r '.notes[1].author + "|" + .notes[1].body')" \
	"carol|first line
second line"
t_check "show prints it as internal" grep -q "^--- internal note 1 by carol" <(t_ctl show "${N[1]}")
t_eq "no message was added" "$(t_ctl show "${N[1]}" --json | jq '.messages | length')" 1
t_eq "audited" "$(audits "${N[1]}" note)" 2
t_eq "an empty note is misuse" "$(rc note "${N[1]}" -m '  ')" 2
t_eq "stdin for both note and cases is misuse" "$(rc note - -m -)" 2
t_eq "a note on no case fails" "$(rc note 2026-999999 -m x)" 1

# list --search: the subject or any message's text, a two-character Japanese word too.
t_eq "search a word of every subject" "$(t_ctl list --search 相談 -i | wc -l)" 6
t_eq "search a message's text" "$(t_ctl list --search 'pc 4' --json | jq -r '.[].subject')" "ウイルスの相談 state-4"
t_eq "search is not a pattern" "$(t_ctl list --search '%' -i | wc -l)" 0
t_eq "--since far ahead" "$(t_ctl list --since 2099-01-01 -i | wc -l)" 0
t_eq "--until long ago" "$(t_ctl list --until 2000-01-01 -i | wc -l)" 0
t_eq "--since long ago" "$(t_ctl list --since 2000-01-01 -i | wc -l)" 6
t_eq "--since takes a date" "$(rc list --since yesterday)" 2
t_ctl list --csv >"$T_DIR/list.csv"
t_eq "csv: a header and a row per case" "$(wc -l <"$T_DIR/list.csv")" 7
t_eq "csv: its columns" "$(head -1 "$T_DIR/list.csv" | tr -d '\r')" \
	"number,status,channel,category,urgent,owner,wait_until,received_at,requester_name,requester_address,subject"
t_eq "two ways to print at once is misuse" "$(rc list -i --csv)" 2

# close takes several cases too: a pipe from list.
s=0
t_ctl list --owner frank -i | t_ctl close - --resolution answered --as frank >"$T_DIR/out" 2>&1 || s=$?
t_eq "list -i | close -" "$s" 0
t_eq "... both closed" "$(st "${N[4]}") $(st "${N[5]}")" "closed|frank| closed|frank|"
t_eq "... audited by frank" "$(t_sql -c "SELECT actor FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '${N[5]}' AND a.action = 'close'")" frank
t_eq "closing a closed case again fails" "$(rc close "${N[4]}" "${N[5]}" --resolution answered)" 1

# The requester's answer to a waiting case opens it again, audited.
mid=$(t_sql -c "SELECT m.message_id FROM case_messages m JOIN cases c ON c.id = m.case_id WHERE c.number = '${N[1]}'")
{
	printf 'From: user@example.jp\r\nTo: soudan@desk.example.jp\r\nSubject: Re: answer\r\n'
	printf 'Message-ID: <answer-1@example.jp>\r\nIn-Reply-To: <%s>\r\n' "$mid"
	printf 'Date: Tue, 3 Nov 2026 10:00:00 +0900\r\nMIME-Version: 1.0\r\n'
	printf 'Content-Type: text/plain; charset=UTF-8\r\n\r\nThank you, here it is.\r\n'
} >"$T_DIR/answer.eml"
t_imap append "$T_MAILBOX" "$T_DIR/answer.eml"
t_daemon --once
answer_filed() { [ -n "$(t_sql -c "SELECT disposition FROM inbound_messages WHERE message_id = 'answer-1@example.jp'")" ]; }
t_check "the answer is filed" t_wait_for 30 answer_filed
t_eq "... into the waiting case" "$(t_sql -c "SELECT c.number FROM case_messages m JOIN cases c ON c.id = m.case_id WHERE m.message_id = 'answer-1@example.jp'")" "${N[1]}"
t_eq "the waiting case is open again, its date gone" "$(st "${N[1]}")" "open|carol|"
t_eq "... audited as answered" "$(audits "${N[1]}" answered)" 1

t_stop "$W"
t_done
