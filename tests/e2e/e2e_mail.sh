#!/usr/bin/env bash
# e2e_mail.sh BUILD_DIR CORPUS_DIR - the whole mail corpus through the real
# daemon and a worker: every message ends as its .expect says (a case, a
# follow-up of the right case, a robot's answer set aside, a duplicate
# recorded once, or quarantined with its reason), and madoctl quarantine
# lists, shows and releases what was set aside.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
CORPUS=$2
t_require_stack
t_setup mail
t_ctl migrate >/dev/null

# The desk's tags in the corpus name cases of 2026; cases are numbered in the current year.
year=$(TZ=Asia/Tokyo date +%Y)
mkdir -p "$T_DIR/corpus"
for f in "$CORPUS"/*.eml; do
	sed -e "s/\[相談#2026-/[相談#$year-/g" -e "s/\[madoguchi:2026-/[madoguchi:$year-/g" \
		-e "s/^X-Madoguchi-Case: 2026-/X-Madoguchi-Case: $year-/" "$f" >"$T_DIR/corpus/$(basename "$f")"
done
# An IMAP server refuses some of them (an empty file): those never reach the desk.
files=()
refused=()
for f in "$T_DIR"/corpus/*.eml; do
	if t_imap append "$T_MAILBOX" "$f" 2>/dev/null; then files+=("$f"); else refused+=("$(basename "$f")"); fi
done
t_eq "only the empty message is refused by the IMAP server" "${refused[*]}" "062-empty-file.eml"
# One worker: a reply must be read after the mail it answers, as it was sent.
t_start_worker W
t_daemon --once
t_check "every job done" t_wait_for 120 t_jobs_settled

# Inbound rows in UID order are the files in append order.
mapfile -t rows < <(t_sql -c "SELECT id || '|' || coalesce(disposition, '') || '|' ||
	coalesce((SELECT c.number FROM case_messages m JOIN cases c ON c.id = m.case_id
	          WHERE m.inbound_id = i.id), '') || '|' || (duplicate_of IS NOT NULL)
	FROM inbound_messages i ORDER BY uid")
t_eq "one inbound row per message" "${#rows[@]}" "${#files[@]}"
declare -A case_of
rewritten=()
for ((k = 0; k < ${#files[@]}; k++)); do
	name=$(basename "${files[$k]}" .eml)
	IFS='|' read -r id disp number dupof <<<"${rows[$k]}"
	case_of[$name]=$number
	# The IMAP server may rewrite what it cannot store as is (dovecot drops NUL
	# bytes): such a message is judged by what the desk received, not by its file.
	stored=$(t_sql -c "SELECT encode(sha256(raw), 'hex') FROM inbound_messages WHERE id = $id AND duplicate_of IS NULL")
	if [ -n "$stored" ] && [ "$stored" != "$(sha256sum <"${files[$k]}" | cut -d' ' -f1)" ]; then
		rewritten+=("$name")
		t_check "$name: rewritten by the server, still filed or quarantined" \
			test "$disp" = case -o "$disp" = quarantine
		continue
	fi
	expect="$CORPUS/$name.expect"
	kind=$(sed -n 's/^kind: *//p' "$expect")
	case $kind in
	case) t_eq "$name: filed as a case" "$disp" case ;;
	followup)
		t_eq "$name: a follow-up" "$disp" followup
		of=$(sed -n 's/^thread-of: *//p' "$expect")
		[ -n "$of" ] && t_eq "$name: joins the case of $of" "$number" "${case_of[$of]:-?}"
		;;
	autoreply | list) t_eq "$name: set aside as $kind" "$disp" "$kind" ;;
	bounce) t_eq "$name: set aside as a bounce" "$disp" bounce ;;
	duplicate) t_check "$name: recorded as a duplicate" test "$disp" = duplicate -o "$dupof" = true ;;
	quarantine)
		t_eq "$name: quarantined" "$disp" quarantine
		reason=$(sed -n 's/^quarantine-reason: *//p' "$expect")
		t_check "$name: reason mentions [$reason]" \
			grep -qF "$reason" <<<"$(t_sql -c "SELECT reason FROM quarantine WHERE inbound_id = $id")"
		;;
	*) t_fail "$name: unknown kind [$kind]" ;;
	esac
done
# dovecot stores line ends its own way and drops NUL bytes; test_corpus reads those files as sent.
t_eq "rewritten by the IMAP server" "${rewritten[*]:-none}" \
	"059-nul-in-header 060-nul-in-body 064-bare-cr 065-bare-lf 066-mixed-line-ends"
t_eq "robots got no case" "$(t_sql -c "SELECT count(*) FROM inbound_messages i JOIN case_messages m ON m.inbound_id = i.id WHERE i.disposition IN ('autoreply', 'list')")" 0

# Quarantine from the admin's side.
nq=$(t_sql -c "SELECT count(*) FROM quarantine")
t_check "some messages quarantined" test "$nq" -gt 0
t_eq "list --json counts them" "$(t_ctl quarantine list --json | jq length)" "$nq"
qid=$(t_sql -c "SELECT min(id) FROM quarantine")
t_check "show prints the reason" bash -c "'$T_BUILD/tools/madoctl' -c '$T_CONFIG' quarantine show $qid | grep -q '^Reason:'"
t_eq "show --raw gives the bytes as received" \
	"$(t_ctl quarantine show "$qid" --raw | sha256sum | cut -d' ' -f1)" \
	"$(t_sql -c "SELECT encode(sha256(raw), 'hex') FROM inbound_messages WHERE id = (SELECT inbound_id FROM quarantine WHERE id = $qid)")"
out=$(t_ctl quarantine release "$qid" --note "checked by hand")
t_check "release files a case ($out)" grep -Eq "^released $qid as case [0-9]{4}-[0-9]{6}$" <<<"$out"
t_eq "released entry leaves the list" "$(t_ctl quarantine list --json | jq length)" $((nq - 1))
t_eq "release audited" "$(t_sql -c "SELECT actor || '|' || (detail->>'note') FROM audit_log WHERE action = 'quarantine_release'")" "$(id -un)|checked by hand"
status=0
t_ctl quarantine release "$qid" 2>/dev/null || status=$?
t_eq "releasing twice fails" "$status" 1
status=0
t_ctl quarantine show x 2>/dev/null || status=$?
t_eq "bad id is misuse" "$status" 2

# Two staff members release the same entry at the same moment: while a
# third session holds the entry, both releases must wait for it, and when
# it lets go exactly one files a case.
qid2=$(t_sql -c "SELECT min(id) FROM quarantine WHERE released_at IS NULL")
cases_before=$(t_sql -c "SELECT count(*) FROM cases")
mkfifo "$T_DIR/hold"
exec 7<>"$T_DIR/hold"
psql "$T_CONNINFO" -qAt -v ON_ERROR_STOP=1 <&7 >/dev/null &
H=$!
echo "BEGIN; SELECT 1 FROM quarantine WHERE id = $qid2 FOR UPDATE; SELECT 'held';" >&7
waiting() { # waiting N QUERY-PATTERN: N sessions wait for a lock in a query like the pattern
	[ "$(t_sql -c "SELECT count(*) FROM pg_stat_activity WHERE $2 AND pid <> pg_backend_pid()")" = "$1" ]
}
t_wait_for 10 waiting 1 "state = 'idle in transaction'" || t_fail "the holding session did not take the entry"
t_ctl quarantine release "$qid2" >"$T_DIR/rel1.out" 2>&1 & R1=$!
t_ctl quarantine release "$qid2" >"$T_DIR/rel2.out" 2>&1 & R2=$!
t_wait_for 20 waiting 2 "wait_event_type = 'Lock' AND query LIKE '%FROM quarantine%'" ||
	t_fail "the two releases did not both wait for the entry"
# psql reads the pipe it also holds open for writing: it ends on \q, not on EOF.
printf 'COMMIT;\n\\q\n' >&7
exec 7>&-
wait "$H"
s1=0 s2=0
wait "$R1" || s1=$?
wait "$R2" || s2=$?
t_eq "one release succeeds, the other finds it released" "$((s1 + s2))" 1
t_eq "one case filed" "$(t_sql -c "SELECT count(*) FROM cases")" $((cases_before + 1))
t_eq "one release audited" "$(t_sql -c "SELECT count(*) FROM audit_log WHERE action = 'quarantine_release' AND (detail->>'quarantine')::bigint = $qid2")" 1

t_stop "$W"
t_done
