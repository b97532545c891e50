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
