#!/usr/bin/env bash
# e2e_crash.sh BUILD_DIR - 2,000 mails ingested while madoguchid and the
# workers are killed with SIGKILL at random moments, PostgreSQL is
# restarted and the IMAP server is stopped and started again. Afterwards
# every mail must have exactly one case and no job may be stuck.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
t_require_stack
t_setup crash
N=${CRASH_MAILS:-2000}

t_ctl migrate >/dev/null
t_config_set "$T_CONFIG" imap batch_size 25
t_config_set "$T_CONFIG" worker lease 5
t_config_set "$T_CONFIG" queue resend_interval 2
t_make_mails "$T_DIR/mails" "$N" crash
t_imap append "$T_MAILBOX" "$T_DIR"/mails/*.eml

t_start_daemon D
t_start_worker W1
t_start_worker W2
RANDOM=${CRASH_SEED:-4242}
echo "seed ${CRASH_SEED:-4242}"
for round in $(seq 1 10); do
	sleep "0.$((RANDOM % 6 + 2))"
	case $((RANDOM % 3)) in
	0) t_kill9 "$D"; t_start_daemon D ;;
	1) t_kill9 "$W1"; t_start_worker W1 ;;
	2) t_kill9 "$W2"; t_start_worker W2 ;;
	esac
	echo "round $round: cases $(t_cases)"
	if [ "$round" = 4 ]; then
		t_pg_restart
		echo "round $round: PostgreSQL restarted"
	fi
	if [ "$round" = 7 ]; then
		# The server stays down until the daemon has noticed: the outage
		# must be seen, not slept through.
		mark=$(t_log_mark "$T_DIR/daemon.log")
		t_imap_stop
		t_check "the daemon saw the IMAP server go away" \
			t_wait_for 30 t_log_since "$T_DIR/daemon.log" "$mark" 'retry_in_ms|error='
		mark=$(t_log_mark "$T_DIR/daemon.log")
		t_imap_start
		t_check "and selected the mailbox again once it was back" \
			t_wait_for 60 t_log_since "$T_DIR/daemon.log" "$mark" 'result=selected'
		echo "round $round: dovecot stopped and started"
	fi
done
# A last kill of everything at once, then a clean run to the end.
t_kill9 "$D" "$W1" "$W2"
t_start_daemon D
t_start_worker W1
t_start_worker W2
t_check "all $N cases within 120 s" t_wait_for 120 t_has_cases "$N"
t_check "no job left within 60 s" t_wait_for 60 t_jobs_settled
t_check_exactly_once "$N"
t_done
