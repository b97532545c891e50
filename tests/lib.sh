# shellcheck shell=bash
# lib.sh - helpers for the end-to-end test scripts.
#
# Each test gets a database and an IMAP mailbox of its own inside the
# private stack started by tools/test, so tests never see each other's data.

set -euo pipefail

T_FAILED=0
T_PASSED=0

t_fail() { echo "FAIL: $*" >&2; T_FAILED=$((T_FAILED + 1)); }
t_pass() { T_PASSED=$((T_PASSED + 1)); }
t_check() { # t_check "what" test-args...
	local what=$1
	shift
	if "$@"; then t_pass; else t_fail "$what"; fi
}
t_eq() { # t_eq "what" got want
	if [ "$2" == "$3" ]; then t_pass; else t_fail "$1: got [$2], want [$3]"; fi
}
t_done() {
	echo "$T_PASSED passed, $T_FAILED failed"
	[ "$T_FAILED" -eq 0 ] && [ "$T_PASSED" -gt 0 ]
}

t_require_stack() {
	local v
	for v in MADOGUCHI_CONFIG PG_PORT IMAP_PORT IMAP_USER IMAP_PASSWORD STACK_DIR; do
		if [ -z "${!v:-}" ]; then
			echo "$v is not set: run the tests through tools/test, which starts the stack" >&2
			exit 1
		fi
	done
}

# t_setup NAME: a fresh database and mailbox NAME; writes $T_CONFIG and $T_DIR.
t_setup() {
	T_NAME=$1
	T_DIR=$(mktemp -d "$STACK_DIR/test-$T_NAME.XXXXXX")
	T_DB="t_${T_NAME}_$$"
	T_MAILBOX="$T_NAME-$$"
	T_PIDS=()
	psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt -c "CREATE DATABASE $T_DB" >/dev/null
	T_CONNINFO="host=127.0.0.1 port=$PG_PORT dbname=$T_DB user=postgres"
	sed -e "s|^conninfo = .*|conninfo = $T_CONNINFO|" \
		-e "s|^mailbox = .*|mailbox = $T_MAILBOX|" \
		-e "s|^endpoint = .*|endpoint = ipc://$T_DIR/queue.sock|" \
		"$MADOGUCHI_CONFIG" >"$T_DIR/madoguchi.conf"
	T_CONFIG=$T_DIR/madoguchi.conf
	# A second daemon's config: the same mailbox, a queue endpoint of its own.
	sed -e "s|^endpoint = .*|endpoint = ipc://$T_DIR/queue2.sock|" "$T_CONFIG" >"$T_CONFIG.second"
	trap t_teardown EXIT
}

t_teardown() {
	local p
	for p in "${T_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
	for p in "${T_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}

t_sql() { psql "$T_CONNINFO" -qAt -v ON_ERROR_STOP=1 "$@"; }

# t_wait_for SECONDS CMD...: polls until CMD succeeds; returns 1 on timeout.
t_wait_for() {
	local limit=$1 i
	shift
	for ((i = 0; i < limit * 10; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}

# Runs a command as the user the private servers run as.
t_as_server() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u "$STACK_SERVER_USER" -- "$@"; else "$@"; fi
}
t_pg_restart() {
	t_as_server "$PG_BIN/pg_ctl" -D "$STACK_DIR/pg" -m fast -w restart \
		-o "-p $PG_PORT -k $STACK_DIR/pgsock -c listen_addresses=127.0.0.1" >/dev/null 2>&1
}
t_imap_stop() { t_as_server dovecot -c "$STACK_DIR/dovecot/dovecot.conf" stop >/dev/null 2>&1; }
t_imap_start() {
	t_as_server dovecot -c "$STACK_DIR/dovecot/dovecot.conf" </dev/null >/dev/null 2>&1
	t_wait_for 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$IMAP_PORT" 2>/dev/null
}

# t_make_mails DIR N PREFIX: N distinct small Japanese mails as DIR/PREFIX-NNNNN.eml.
t_make_mails() {
	local dir=$1 n=$2 prefix=$3 i
	mkdir -p "$dir"
	for ((i = 1; i <= n; i++)); do
		printf 'From: =?UTF-8?B?5bGx55Sw?= <user%d@example.jp>\r\nTo: soudan@desk.example.jp\r\nSubject: =?UTF-8?B?44Km44Kk44Or44K544Gu55u46KuH?= %s-%d\r\nDate: Mon, 2 Nov 2026 10:00:00 +0900\r\nMessage-ID: <%s-%d@example.jp>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nPC %d\r\n' \
			"$i" "$prefix" "$i" "$prefix" "$i" "$i" >"$dir/$prefix-$(printf %05d "$i").eml"
	done
}

# t_config_set FILE SECTION KEY VALUE: sets (or adds) KEY in [SECTION] of an INI file.
t_config_set() {
	local file=$1 section=$2 key=$3 value=$4
	awk -v s="[$section]" -v k="$key" -v v="$value" '
		$0 == s { insec = 1; print; next }
		/^\[/ { if (insec && !done) { print k " = " v; done = 1 } insec = 0 }
		insec && $1 == k { if (!done) print k " = " v; done = 1; next }
		{ print }
		END { if (!done) { if (!insec) print s; print k " = " v } }' "$file" >"$file.tmp"
	mv "$file.tmp" "$file"
}

# Process helpers: the programs under test, started in the background with logs in $T_DIR.
t_daemon() { "$T_BUILD/daemon/madoguchid" -c "${T_CFG:-$T_CONFIG}" "$@" 2>>"$T_DIR/daemon.log"; }
t_start_daemon() { # t_start_daemon VAR [config]
	"$T_BUILD/daemon/madoguchid" -c "${2:-$T_CONFIG}" 2>>"$T_DIR/daemon.log" &
	printf -v "$1" %s $!
	T_PIDS+=($!)
}
t_start_worker() { # t_start_worker VAR
	"$T_BUILD/workers/madoguchi-worker" -c "$T_CONFIG" 2>>"$T_DIR/worker.log" &
	printf -v "$1" %s $!
	T_PIDS+=($!)
}
t_ctl() { "$T_BUILD/tools/madoctl" -c "$T_CONFIG" "$@"; }
t_imap() { "$T_BUILD/tests/imap_tool" 127.0.0.1 "$IMAP_PORT" "$IMAP_USER" "$IMAP_PASSWORD" "$@"; }
t_cases() { t_sql -c "SELECT count(*) FROM cases"; }
t_has_cases() { [ "$(t_cases)" -ge "$1" ]; }
t_jobs_settled() { [ "$(t_sql -c "SELECT count(*) FROM jobs WHERE state <> 'done'")" = 0 ]; }
# No inbound message filed twice, and every stored original filed once.
t_check_exactly_once() { # t_check_exactly_once N
	t_eq "originals stored" "$(t_sql -c 'SELECT count(*) FROM inbound_messages WHERE duplicate_of IS NULL')" "$1"
	t_eq "cases" "$(t_cases)" "$1"
	t_eq "messages filed twice" "$(t_sql -c 'SELECT count(*) FROM (SELECT inbound_id FROM case_messages GROUP BY inbound_id HAVING count(*) > 1) x')" 0
	t_eq "originals without a case" "$(t_sql -c 'SELECT count(*) FROM inbound_messages i WHERE duplicate_of IS NULL AND NOT EXISTS (SELECT 1 FROM case_messages m WHERE m.inbound_id = i.id)')" 0
	t_eq "distinct Message-IDs" "$(t_sql -c 'SELECT count(DISTINCT message_id) FROM case_messages')" "$1"
	t_eq "jobs not done" "$(t_sql -c "SELECT count(*) FROM jobs WHERE state <> 'done'")" 0
}
