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
files=("$T_DIR"/corpus/*.eml)
t_imap append "$T_MAILBOX" "${files[@]}"
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
for ((k = 0; k < ${#files[@]}; k++)); do
	name=$(basename "${files[$k]}" .eml)
	IFS='|' read -r id disp number dupof <<<"${rows[$k]}"
	case_of[$name]=$number
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
	duplicate) t_check "$name: recorded as a duplicate" test "$disp" = duplicate -o "$dupof" = t ;;
	quarantine)
		t_eq "$name: quarantined" "$disp" quarantine
		reason=$(sed -n 's/^quarantine-reason: *//p' "$expect")
		t_check "$name: reason mentions [$reason]" \
			grep -qF "$reason" <<<"$(t_sql -c "SELECT reason FROM quarantine WHERE inbound_id = $id")"
		;;
	*) t_fail "$name: unknown kind [$kind]" ;;
	esac
done
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

kill -TERM "$W"
wait "$W" || true
T_PIDS=()
if [ "$T_FAILED" -gt 0 ]; then tail -n 40 "$T_DIR"/*.log >&2; fi
t_done
