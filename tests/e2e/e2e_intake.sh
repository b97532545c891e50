#!/usr/bin/env bash
# e2e_intake.sh BUILD_DIR SAMPLE_DIR - the walking skeleton end to end:
# 20 Japanese mails APPENDed to a real dovecot, fetched by madoguchid,
# filed by two workers into real PostgreSQL, read back through madoctl.
source "$(dirname "$0")/lib.sh"
BUILD=$1
SAMPLES=$2
MADOCTL="$BUILD/tools/madoctl"
t_require_stack
t_setup intake
t_close_freely

ctl() { "$MADOCTL" -c "$T_CONFIG" "$@"; }
case_count() { t_sql -c "SELECT count(*) FROM cases"; }
has_cases() { [ "$(case_count)" -ge "$1" ]; }
jobs_settled() { [ "$(t_sql -c "SELECT count(*) FROM jobs WHERE state <> 'done'")" = 0 ]; }

# Schema: the first migrate applies, the second does nothing.
nsql=$(ls "$(dirname "$0")"/../../sql/[0-9][0-9][0-9]_*.sql | wc -l)
t_eq "first migrate" "$(ctl migrate)" "applied $nsql migration$([ "$nsql" -gt 1 ] && echo s)"
t_eq "second migrate" "$(ctl migrate)" "schema is up to date"
t_eq "migrations recorded once" "$(t_sql -c 'SELECT count(*) FROM schema_migrations')" "$nsql"

"$BUILD/tests/imap_tool" 127.0.0.1 "$IMAP_PORT" "$IMAP_USER" "$IMAP_PASSWORD" append "$T_MAILBOX" \
	"$SAMPLES"/*.eml

T_BUILD=$BUILD
t_start_worker W1 worker1
t_start_worker W2 worker2
t_start_daemon D
t_check "20 cases within 60 s" t_wait_for 60 has_cases 20
t_check "all jobs done" t_wait_for 30 jobs_settled
t_eq "exactly 20 cases" "$(case_count)" 20
t_eq "20 inbound messages" "$(t_sql -c 'SELECT count(*) FROM inbound_messages')" 20

# Every sample's decoded subject and sender, through the JSON contract.
ctl list --json >"$T_DIR/list.json"
t_eq "list --json has 20 objects" "$(jq length "$T_DIR/list.json")" 20
while IFS=$'\t' read -r file subject name addr first_line; do
	[ "${file:0:1}" = "#" ] && continue
	[ "$name" = "-" ] && name=
	want_req=$addr
	[ -n "$name" ] && want_req="$name <$addr>"
	n=$(jq --arg s "$subject" --arg r "$want_req" --arg a "$addr" \
		'[.[] | select(.subject == $s and .requester == $r and .requester_address == $a
			and .channel == "mail" and .status == "new")] | length' "$T_DIR/list.json")
	t_eq "$file: one case with subject [$subject] from [$want_req]" "$n" 1
	number=$(jq -r --arg s "$subject" '.[] | select(.subject == $s) | .number' "$T_DIR/list.json")
	ctl show "$number" --json >"$T_DIR/show.json"
	t_check "$file: decoded body starts with [$first_line]" \
		jq -e --arg l "$first_line" '.messages[0].text | startswith($l)' "$T_DIR/show.json" >/dev/null
done <"$SAMPLES/expected.tsv"
t_check "case numbers are YYYY-NNNNNN in sequence" \
	test "$(jq -r '.[].number' "$T_DIR/list.json" | sed 's/^[0-9]\{4\}-//' | sort -n | tr '\n' ' ')" \
	= "$(seq -f '%06g' 1 20 | tr '\n' ' ')"

# A clean stop: SIGTERM ends the daemon with status 0.
t_stop "$D"

# Run the intake again and re-run every job: still 20 cases.
t_daemon --once
t_eq "second intake stores nothing new" "$(t_sql -c 'SELECT count(*) FROM inbound_messages')" 20
t_sql -c "UPDATE jobs SET state = 'queued'" >/dev/null
t_check "re-run jobs settle" t_wait_for 30 jobs_settled
t_eq "still exactly 20 cases after re-running every job" "$(case_count)" 20

# Close one case: status, resolution and the audit row with the OS user.
number=$(jq -r '.[0].number' "$T_DIR/list.json")
t_eq "close prints" "$(ctl close "$number" --resolution answered --note '電話で回答済み')" \
	"$number: closed (resolution: answered, was new)"
t_eq "closed status" "$(ctl show "$number" --json | jq -r '.status + "/" + .resolution')" \
	"closed/answered"
t_eq "audit row" "$(t_sql -c "SELECT a.actor || '|' || a.action || '|' || (a.detail->>'resolution') || '|' || (a.detail->>'note')
	FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '$number'")" \
	"$(id -un)|close|answered|電話で回答済み"
t_eq "list --status closed" "$(ctl list --status closed --json | jq -r '.[].number')" "$number"
status=0
ctl close "$number" --resolution answered 2>/dev/null || status=$?
t_eq "closing twice fails" "$status" 1

# Misuse exits 2 with usage; failures exit 1.
for args in "close" "close $number" "bogus" "list --status nope" "show" "migrate extra"; do
	status=0
	# shellcheck disable=SC2086
	ctl $args >/dev/null 2>"$T_DIR/usage.err" || status=$?
	t_eq "madoctl $args exits 2" "$status" 2
	t_check "madoctl $args prints usage" grep -q "usage:" "$T_DIR/usage.err"
done
status=0
ctl show 1999-000001 2>/dev/null || status=$?
t_eq "show of a missing case exits 1" "$status" 1
t_check "help" ctl close --help

t_stop "$W1" "$W2"
t_done
