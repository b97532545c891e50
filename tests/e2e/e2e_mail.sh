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

t_stop "$W"
t_done
