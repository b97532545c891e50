# shellcheck shell=bash
# lib.sh - helpers for the end-to-end test scripts.
#
# Each test gets a database and an IMAP mailbox of its own inside the
# private stack started by tools/test, so tests never see each other's data.
# Every program a test starts is stopped by t_stop (or t_done) and must exit
# 0 on SIGTERM; every sanitizer report of any program it ran fails the test;
# a failed test prints the tails of its programs' and the servers' logs.

set -euo pipefail
# shellcheck source=tools/lib/stack.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../tools/lib/stack.sh"

T_FAILED=0
T_PASSED=0
T_DONE=
T_PIDS=()
declare -A T_WHAT

t_log() { printf '[test] %s\n' "$*" >&2; }
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

t_require_stack() {
	local v
	for v in MADOGUCHI_CONFIG PG_PORT IMAP_PORT IMAPS_PORT IMAP_USER IMAP_PASSWORD STACK_DIR; do
		if [ -z "${!v:-}" ]; then
			echo "$v is not set: run the tests through tools/test, which starts the stack" >&2
			exit 1
		fi
	done
}

# One test's failure must not take the servers down for the next: a server
# that does not answer is started again, and the log says so.
t_ensure_stack() {
	if ! stack_pg_answers; then
		t_log "PostgreSQL on port $PG_PORT does not answer: restarting it"
		stack_pg_stop || true
		stack_pg_start
	fi
	if ! stack_imap_answers; then
		t_log "dovecot on port $IMAP_PORT does not answer: restarting it"
		stack_imap_stop || true
		stack_imap_start
	fi
}

# t_setup NAME: a fresh database and mailbox NAME; writes $T_CONFIG and $T_DIR.
t_setup() {
	T_NAME=$1
	t_ensure_stack
	T_DIR=$(mktemp -d "$STACK_DIR/test-$T_NAME.XXXXXX")
	T_DB="t_${T_NAME}_$$"
	T_MAILBOX="$T_NAME-$$"
	# Sanitizer reports go to files of their own, whichever program wrote them
	# and wherever its stderr went; t_done fails the test when one exists.
	T_SAN=$T_DIR/sanitizer
	export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}:log_path=$T_SAN"
	export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}:log_path=$T_SAN"
	psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt -c "CREATE DATABASE $T_DB" >/dev/null
	T_CONNINFO="host=127.0.0.1 port=$PG_PORT dbname=$T_DB user=postgres"
	sed -e "s|^conninfo = .*|conninfo = $T_CONNINFO|" \
		-e "s|^mailbox = .*|mailbox = $T_MAILBOX|" \
		-e "s|^endpoint = .*|endpoint = ipc://$T_DIR/queue.sock|" \
		"$MADOGUCHI_CONFIG" >"$T_DIR/madoguchi.conf"
	T_CONFIG=$T_DIR/madoguchi.conf
	# Case events on sockets of the test's own (the seds rewrite every
	# "endpoint = " line, [events] endpoint too: set again after them).
	t_config_set "$T_CONFIG" events endpoint "ipc://$T_DIR/events.sock"
	t_config_set "$T_CONFIG" events publish "ipc://$T_DIR/events-in.sock"
	# A second daemon's config: the same mailbox, a queue endpoint of its own.
	sed -e "s|^endpoint = .*|endpoint = ipc://$T_DIR/queue2.sock|" "$T_CONFIG" >"$T_CONFIG.second"
	t_config_set "$T_CONFIG.second" events endpoint "ipc://$T_DIR/events2.sock"
	t_config_set "$T_CONFIG.second" events publish "ipc://$T_DIR/events2-in.sock"
	trap t_exit EXIT
}

# t_track PID WHAT: a background program the test started; t_stop or t_done ends it.
t_track() {
	T_PIDS+=("$1")
	T_WHAT[$1]=$2
}
t_untrack() {
	local p keep=()
	for p in "${T_PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
	T_PIDS=("${keep[@]}")
}

# t_reap STATUS LABEL PID...: waits for each and checks it ended with STATUS.
t_reap() {
	local want=$1 label=$2 p s
	shift 2
	for p in "$@"; do
		s=0
		# Quiet: the shell would report every job it saw killed.
		{ wait "$p" || s=$?; } 2>/dev/null
		t_eq "${T_WHAT[$p]:-pid $p} $label" "$s" "$want"
		t_untrack "$p"
	done
}

# t_stop PID...: SIGTERM, then each must exit with status 0 on its own.
t_stop() {
	local p
	for p in "$@"; do kill -TERM "$p" 2>/dev/null || true; done
	t_reap 0 "exits 0 on SIGTERM" "$@"
}

# t_wait_exit PID...: programs that end by themselves must end with status 0.
t_wait_exit() { t_reap 0 "exits 0" "$@"; }

# t_kill9 PID...: a deliberate crash. A program that had already ended on its
# own by then (any status but SIGKILL's 137) is a failure.
t_kill9() {
	local p
	for p in "$@"; do kill -KILL "$p" 2>/dev/null || true; done
	t_reap 137 "was still running when killed" "$@"
}

t_show_logs() {
	local f
	for f in "$T_DIR"/*.log "$STACK_DIR/logs/dovecot.log" "$STACK_DIR/logs/postgresql.log"; do
		[ -s "$f" ] || continue
		echo "---- last lines of $f" >&2
		tail -n "${T_LOG_LINES:-30}" "$f" >&2
	done
}

t_check_sanitizers() {
	local f
	for f in "$T_SAN".*; do
		[ -e "$f" ] || continue
		t_fail "sanitizer report in $f:"
		head -n 60 "$f" >&2
	done
}

t_done() {
	[ ${#T_PIDS[@]} -gt 0 ] && t_stop "${T_PIDS[@]}"
	t_check_sanitizers
	[ "$T_FAILED" -gt 0 ] && t_show_logs
	T_DONE=1
	echo "$T_PASSED passed, $T_FAILED failed"
	[ "$T_FAILED" -eq 0 ] && [ "$T_PASSED" -gt 0 ]
}

# On any exit: a script that stopped before t_done (set -e, a failed
# helper) says where, shows the logs, and leaves no program running.
t_exit() {
	local status=$? p
	[ -n "$T_DONE" ] && return 0
	echo "FAIL: the test stopped early (status $status) after $T_PASSED passed, $T_FAILED failed" >&2
	for p in "${T_PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
	t_check_sanitizers
	t_show_logs
	exit 1
}
trap '[ -n "$T_DONE" ] || t_fail "line $LINENO: \"$BASH_COMMAND\" failed"' ERR

t_sql() { psql "$T_CONNINFO" -qAt -v ON_ERROR_STOP=1 "$@"; }

# t_wait_for SECONDS CMD...: polls until CMD succeeds; on timeout says what
# it waited for and returns 1.
t_wait_for() {
	local limit=$1 deadline
	shift
	deadline=$((SECONDS + limit))
	until "$@"; do
		if [ "$SECONDS" -ge "$deadline" ]; then
			t_log "waited $limit s in vain for: $*"
			return 1
		fi
		sleep 0.1
	done
}

# t_log_mark FILE: how many lines the log has now, for t_log_since.
t_log_mark() { wc -l <"$1"; }
# t_log_since FILE MARK PATTERN: a line after the first MARK lines matches.
t_log_since() { tail -n +$(($2 + 1)) "$1" | grep -Eq -- "$3"; }
# t_log_has FILE PATTERN: the log holds a line matching the extended regex.
t_log_has() { [ -f "$1" ] && grep -Eq -- "$2" "$1"; }
# t_wait_log SECONDS FILE PATTERN: waits for such a line.
t_wait_log() { t_wait_for "$1" t_log_has "$2" "$3"; }

# Restarts go through the stack's helpers, which wait for the old server to
# be gone and the new one to answer.
t_pg_restart() { stack_pg_restart; }
t_imap_stop() { stack_imap_stop; }
t_imap_start() { stack_imap_start; }

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
t_config_set() { stack_config_set "$@"; }
# For tests about something else than closing discipline: "answered" closes
# without the review (confirmed category, referrals decided) e2e_close tests.
t_close_freely() { t_config_set "$T_CONFIG" close without_review "answered, duplicate, spam"; }

# The programs under test, with logs in $T_DIR.
# t_daemon ARGS...: madoguchid in the foreground (e.g. --once); a failure is a test failure.
t_daemon() {
	local s=0
	"$T_BUILD/daemon/madoguchid" -c "${T_CFG:-$T_CONFIG}" "$@" 2>>"$T_DIR/daemon.log" || s=$?
	t_eq "madoguchid $* exits 0" "$s" 0
}
t_start_daemon() { # t_start_daemon VAR [config [log]]
	"$T_BUILD/daemon/madoguchid" -c "${2:-$T_CONFIG}" 2>>"$T_DIR/${3:-daemon}.log" &
	printf -v "$1" %s $!
	t_track $! "madoguchid ($1)"
}
t_start_worker() { # t_start_worker VAR [log]
	"$T_BUILD/workers/madoguchi-worker" -c "$T_CONFIG" 2>>"$T_DIR/${2:-worker}.log" &
	printf -v "$1" %s $!
	t_track $! "madoguchi-worker ($1)"
}
# t_smtp_sink: an SMTP sink writing to $SINK (NNNN.eml and .env per mail),
# tracked like the programs, and the configuration's acknowledgements sent to it.
t_smtp_sink() {
	SINK=$T_DIR/sink
	mkdir -p "$SINK"
	# The sink takes a free port itself and names it once it listens.
	"$T_BUILD/tests/smtp_sink" "$T_DIR/sink.port" "$SINK" 2>>"$T_DIR/smtp_sink.log" &
	t_track $! smtp_sink
	t_check "the SMTP sink listens" t_wait_for 10 test -s "$T_DIR/sink.port"
	t_config_set "$T_CONFIG" smtp url "smtp://127.0.0.1:$(cat "$T_DIR/sink.port")"
	t_config_set "$T_CONFIG" smtp from "相談窓口 <soudan@desk.example.jp>"
	t_config_set "$T_CONFIG" ack enabled yes
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
