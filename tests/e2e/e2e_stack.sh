#!/usr/bin/env bash
# e2e_stack.sh BUILD_DIR - the harness the other end-to-end tests stand on:
# a stop waits until the server's master is gone and its ports are closed,
# a start until the server answers, and a test's set-up starts again a
# server that died (kill -9), saying so, so one test cannot take the stack
# down for the next.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
t_require_stack

dovecot_pid() { cat "$STACK_DIR/dovecot/run/master.pid"; }
pg_pid() { head -n 1 "$STACK_DIR/pg/postmaster.pid"; }

# Stop and start, as every restart in the tests does it.
pid=$(dovecot_pid)
t_check "dovecot stops" stack_imap_stop
t_check "its master is gone" stack_pid_gone "$pid"
t_check "its IMAP port is closed" stack_port_closed "$IMAP_PORT"
t_check "its IMAPS port is closed" stack_port_closed "$IMAPS_PORT"
t_check "dovecot starts" stack_imap_start
t_check "and greets" stack_imap_answers
pid=$(pg_pid)
t_check "PostgreSQL restarts" stack_pg_restart
t_check "its old postmaster is gone" stack_pid_gone "$pid"
t_check "and the new one answers SELECT 1" stack_pg_answers

# Both servers die; the next test's set-up brings them back.
kill -KILL "$(dovecot_pid)" "$(pg_pid)"
t_check "dovecot no longer answers" t_wait_for 10 eval '! stack_imap_answers'
t_check "PostgreSQL no longer answers" t_wait_for 10 eval '! stack_pg_answers'
t_setup stack 2>"$STACK_DIR/setup-$$.log"
t_check "the set-up restarted PostgreSQL and said so" \
	grep -q "PostgreSQL on port $PG_PORT does not answer: restarting it" "$STACK_DIR/setup-$$.log"
t_check "the set-up restarted dovecot and said so" \
	grep -q "dovecot on port $IMAP_PORT does not answer: restarting it" "$STACK_DIR/setup-$$.log"
t_check "PostgreSQL answers" stack_pg_answers
t_check "dovecot answers" stack_imap_answers
# And the stack is usable: a mail goes in and is read back.
t_make_mails "$T_DIR/m" 1 stack
t_imap append "$T_MAILBOX" "$T_DIR"/m/*.eml
t_eq "the mailbox holds it" "$(t_imap count "$T_MAILBOX")" 1
t_done
