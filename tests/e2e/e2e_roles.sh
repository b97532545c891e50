#!/usr/bin/env bash
# e2e_roles.sh BUILD_DIR - the roles of sql/023_roles.sql, each tried for
# what it must and must not do: the intake stores raw mail and jobs but
# reads no case; the staff works cases but neither deletes nor changes raw
# mail; the admin may; and madoctl, without its role, says why it cannot
# connect.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
t_require_stack
t_setup roles
t_ctl migrate >/dev/null
t_sql -c "INSERT INTO cases (number, channel, subject, received_at) VALUES ('2026-000001', 'mail', 's', now())" >/dev/null
# as ROLE SQL: the statement's status (0, or psql's 1 when it is refused) and its words in $T_DIR/err.
as() {
	local s=0
	psql "$T_CONNINFO" -qAt -v ON_ERROR_STOP=1 -c "BEGIN" -c "SET ROLE $1" -c "$2" -c "ROLLBACK" \
		>/dev/null 2>"$T_DIR/err" || s=$?
	echo "$s"
}
denied() { grep -q "permission denied" "$T_DIR/err"; }

t_eq "the intake stores raw mail" "$(as madoguchi_intake "INSERT INTO inbound_messages (mailbox, uidvalidity, uid, raw, size, raw_sha256) VALUES ('m', 1, 1, 'x', 1, sha256('x'))")" 0
t_eq "... and its job" "$(as madoguchi_intake "INSERT INTO jobs (inbound_id) SELECT id FROM inbound_messages LIMIT 1")" 0
t_eq "the intake cannot read cases" "$(as madoguchi_intake "SELECT count(*) FROM cases")" 1
t_check "... permission denied" denied
t_eq "... nor messages" "$(as madoguchi_intake "SELECT count(*) FROM case_messages")" 1
t_check "... permission denied" denied
t_sql -c "INSERT INTO inbound_messages (mailbox, uidvalidity, uid, raw, size, raw_sha256) VALUES ('m', 1, 2, 'x', 1, sha256('x'))" >/dev/null
t_eq "the staff reads cases" "$(as madoguchi_staff "SELECT count(*) FROM cases")" 0
t_eq "... and raw mail" "$(as madoguchi_staff "SELECT count(raw) FROM inbound_messages")" 0
t_eq "the staff cannot delete raw mail" "$(as madoguchi_staff "DELETE FROM inbound_messages")" 1
t_check "... permission denied" denied
t_eq "... nor change it" "$(as madoguchi_staff "UPDATE inbound_messages SET raw = ''")" 1
t_check "... permission denied" denied
t_eq "the workers file cases" "$(as madoguchi_worker "INSERT INTO cases (number, channel, subject, received_at) VALUES ('2026-000002', 'mail', 's', now())")" 0
t_eq "... and cannot delete raw mail" "$(as madoguchi_worker "DELETE FROM inbound_messages")" 1
t_check "... permission denied" denied
t_eq "the admin may (for purge)" "$(as madoguchi_admin "UPDATE inbound_messages SET raw = ''")" 0

# A login that is not a member of the staff's role: madoctl says why it cannot connect.
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt -c "DROP ROLE IF EXISTS t_outsider_$$" \
	-c "CREATE ROLE t_outsider_$$ LOGIN" >/dev/null
cp "$T_CONFIG" "$T_DIR/outsider.conf"
t_config_set "$T_DIR/outsider.conf" database conninfo "host=127.0.0.1 port=$PG_PORT dbname=$T_DB user=t_outsider_$$"
s=0
"$T_BUILD/tools/madoctl" -c "$T_DIR/outsider.conf" list >/dev/null 2>"$T_DIR/out.err" || s=$?
t_eq "a login without the role: madoctl fails" "$s" 1
t_check "... and says why" grep -q "cannot take the role: is the login a member" "$T_DIR/out.err"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt -c "DROP ROLE t_outsider_$$" >/dev/null
t_done
