#!/usr/bin/env bash
# e2e_jobs.sh BUILD_DIR - the job queue under trouble: a job that keeps
# killing workers ends dead and can be retried; lost wake-ups only delay;
# SIGHUP reloads the mailboxes and refuses a bad file.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
t_require_stack
t_setup jobs
t_ctl migrate >/dev/null
t_config_set "$T_CONFIG" worker max_attempts 2
t_config_set "$T_CONFIG" worker lease 5

# Lost wake-ups: the daemon announces while no worker listens; the worker's scan finds the jobs.
t_make_mails "$T_DIR/a" 3 jobs-a
t_imap append "$T_MAILBOX" "$T_DIR"/a/*.eml
t_daemon --once
t_eq "3 jobs queued, nobody listening" "$(t_sql -c "SELECT count(*) FROM jobs WHERE state = 'queued'")" 3
t_start_worker W
t_check "the worker finds them without a wake-up" t_wait_for 15 t_has_cases 3

# A job that died with its worker twice (lease expired after max_attempts claims) ends dead.
t_make_mails "$T_DIR/b" 1 jobs-b
t_imap append "$T_MAILBOX" "$T_DIR"/b/*.eml
kill -STOP "$W" # nobody may take the job while we stage the crash
t_daemon --once
job=$(t_sql -c "SELECT max(id) FROM jobs")
t_sql -c "UPDATE jobs SET state = 'running', attempts = 2, worker = 'gone:1',
	lease_until = now() - interval '1 second' WHERE id = $job" >/dev/null
kill -CONT "$W"
dead() { [ "$(t_sql -c "SELECT state FROM jobs WHERE id = $job")" = dead ]; }
t_check "the job is dead" t_wait_for 15 dead
t_check "madoctl jobs --failed lists it with the reason" \
	bash -c "'$T_BUILD/tools/madoctl' -c '$T_CONFIG' jobs --failed | grep -q '^$job .*lease expired'"
t_eq "json view" "$(t_ctl jobs --failed --json | jq -r '.[0].state')" dead
t_eq "no case for the dead job" "$(t_cases)" 3
t_eq "retry" "$(t_ctl jobs retry "$job")" "job $job queued again"
t_check "the retried job files its case" t_wait_for 15 t_has_cases 4
t_eq "retry audited" "$(t_sql -c "SELECT count(*) FROM audit_log WHERE action = 'job_retry'")" 1
status=0
t_ctl jobs retry "$job" 2>/dev/null || status=$?
t_eq "retrying a done job fails" "$status" 1
status=0
t_ctl jobs retry abc 2>/dev/null || status=$?
t_eq "bad job id is misuse" "$status" 2

# SIGHUP: a second mailbox appears; a broken file is refused and the daemon carries on.
t_start_daemon D "$T_CONFIG" running
# Its signal handlers are in place before it selects the mailbox.
t_check "the daemon is up" t_wait_log 30 "$T_DIR/running.log" "result=selected"
cat >>"$T_CONFIG" <<CONF

[imap.second]
host = 127.0.0.1
port = $IMAP_PORT
security = none
user = $IMAP_USER
password = $IMAP_PASSWORD
mailbox = $T_MAILBOX-second
poll_interval = 1
CONF
t_imap append "$T_MAILBOX-second" "$T_DIR"/b/*.eml
t_make_mails "$T_DIR/c" 2 jobs-c
t_imap append "$T_MAILBOX-second" "$T_DIR"/c/*.eml
kill -HUP "$D"
t_check "mail of the new mailbox filed after SIGHUP" t_wait_for 20 t_has_cases 6
t_check "the same mail in two mailboxes is one case" test "$(t_cases)" = 6
cp "$T_CONFIG" "$T_DIR/good.conf"
echo "this is not a key value line" >>"$T_CONFIG"
kill -HUP "$D"
t_check "bad reload refused" t_wait_for 10 grep -q "reload refused" "$T_DIR/running.log"
t_check "daemon still running" kill -0 "$D"
cp "$T_DIR/good.conf" "$T_CONFIG"
t_make_mails "$T_DIR/d" 1 jobs-d
t_imap append "$T_MAILBOX" "$T_DIR"/d/*.eml
t_check "and still fetching" t_wait_for 20 t_has_cases 7

t_done
