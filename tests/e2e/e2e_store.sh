#!/usr/bin/env bash
# e2e_store.sh BUILD_DIR - the intake's store statements on a freshly
# migrated database: test_store stores batches through both and checks
# which one each batch got and what each mail became; the rows they left
# are checked here.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
t_require_stack
t_setup store
t_ctl migrate >/dev/null
rc=0
"$T_BUILD/tests/test_store" "$T_CONNINFO" || rc=$?
t_eq "test_store passes" "$rc" 0

# uid: 1 2 3 5 (plain), 6 8 (plain: a copy of 1, a truncated mail), 9 (plain:
# 1's bytes under another Message-ID), 10 11 12 (general: 12 repeats 11),
# 14 13 (general: out of order), then 1 2 3 5 again (all present).
t_eq "12 rows, each UID once" "$(t_sql -c "SELECT count(*), count(DISTINCT uid) FROM inbound_messages" | tr '|' ' ')" "12 12"
t_eq "uid 6 is 1's duplicate, without bytes" \
	"$(t_sql -c "SELECT o.uid || ' ' || length(d.raw) || ' ' || d.disposition FROM inbound_messages d
		JOIN inbound_messages o ON o.id = d.duplicate_of WHERE d.uid = 6")" "1 0 duplicate"
t_eq "uid 9 is an original" "$(t_sql -c "SELECT duplicate_of IS NULL FROM inbound_messages WHERE uid = 9")" t
t_eq "uid 12 is 11's duplicate" \
	"$(t_sql -c "SELECT o.uid FROM inbound_messages d JOIN inbound_messages o ON o.id = d.duplicate_of WHERE d.uid = 12")" 11
t_eq "uid 8 stored truncated and quarantined" \
	"$(t_sql -c "SELECT i.size || ' ' || i.truncated FROM quarantine q JOIN inbound_messages i ON i.id = q.inbound_id")" "9000 true"
t_eq "rows in UID order, whatever order the batch had" \
	"$(t_sql -c "SELECT (SELECT id FROM inbound_messages WHERE uid = 13) < (SELECT id FROM inbound_messages WHERE uid = 14)")" t
t_eq "one job per original whole mail, in UID order" \
	"$(t_sql -c "SELECT string_agg(i.uid::text, ' ' ORDER BY j.id) FROM jobs j JOIN inbound_messages i ON i.id = j.inbound_id")" \
	"1 2 3 5 9 10 11 13 14"
t_done
