#!/usr/bin/env bash
# e2e_status.sh BUILD_DIR - madoctl status, against the programs running:
# nothing has run yet (exit 1, each missing part said); the daemon and a
# worker running and the mailbox in step (exit 0, "all well"); a dead job,
# failed mail and quarantined mail each need a person; a worker stopped
# cleanly is said stopped at once; a daemon killed leaves its beat to age
# and is said gone once three beats are missed; a wrong IMAP password is
# the mailbox's error.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
t_require_stack
t_setup status
t_ctl migrate >/dev/null
st() { local s=0; t_ctl status "$@" >"$T_DIR/status" 2>"$T_DIR/status.err" || s=$?; echo "$s"; }
says() { grep -Eq -- "$1" "$T_DIR/status"; }

t_eq "nothing has run: status is 1" "$(st)" 1
t_check "... madoguchid has never run" says "^madoguchid +NEEDS A PERSON +0 alive: none has ever run"
t_check "... the mailbox was never synced" says "^mailbox default +NEEDS A PERSON .*never synced"
t_check "... no worker" says "^workers +NEEDS A PERSON +0 alive"
t_check "... and how many things" says "^several things need a person$"

t_make_mails "$T_DIR/m" 1 status
t_imap append "$T_MAILBOX" "$T_DIR"/m/*.eml
t_start_daemon D
t_start_worker W
all_well() { [ "$(st)" = 0 ] && says " 1 done, "; }
t_check "the desk running, the mail filed: status is 0" t_wait_for 60 all_well
t_check "... madoguchid alive" says "^madoguchid +ok +1 alive: .+:$D seen [0-9]+s ago"
t_check "... the mailbox in step" says "^mailbox default +ok +synced [0-9]+s ago"
t_check "... the worker alive" says "^workers +ok +1 alive: .+:$W seen"
t_check "... the mail filed" says "^jobs +ok +0 queued, 0 running, 1 done, 0 dead"
t_check "... all well" says "^all well$"
t_eq "--json: every check ok" \
	"$(t_ctl status --json | jq -r '[.[] | .state] | unique | join(",")')" "ok"

t_sql -c "UPDATE jobs SET state = 'dead', last_error = 'test'" >/dev/null
t_eq "a dead job: status is 1" "$(st)" 1
t_check "... where to look" says "^jobs +NEEDS A PERSON +0 queued, 0 running, 0 done, 1 dead \(madoctl jobs --failed\)"
t_sql -c "UPDATE jobs SET state = 'done'" >/dev/null
t_sql -c "INSERT INTO outbox (case_id, kind, rcpt, message_id, raw, state)
	SELECT id, 'ack', 'a@example.jp', '<s1@desk>', 'x'::bytea, 'failed' FROM cases LIMIT 1" >/dev/null
t_eq "failed mail: status is 1" "$(st)" 1
t_check "... the outbox" says "^outbox +NEEDS A PERSON +0 waiting, 1 failed"
t_sql -c "DELETE FROM outbox" >/dev/null
t_sql -c "INSERT INTO quarantine (inbound_id, reason) SELECT id, 'test' FROM inbound_messages LIMIT 1" >/dev/null
t_eq "quarantined mail: status is 1" "$(st)" 1
t_check "... the quarantine" says "^quarantine +NEEDS A PERSON +1 held"
t_sql -c "UPDATE quarantine SET released_at = now(), released_by = 'test'" >/dev/null
t_eq "all well again" "$(st)" 0

kill -TERM "$W"
t_wait_exit "$W"
t_eq "the worker stopped: status is 1" "$(st)" 1
t_check "... said stopped at once" says "^workers +NEEDS A PERSON +0 alive: .+:$W stopped"

kill -KILL "$D"
t_reap 137 "was killed" "$D"
t_eq "a killed daemon leaves no clean stop" \
	"$(t_sql -c "SELECT count(*) FROM service_heartbeats WHERE program = 'madoguchid' AND stopped_at IS NULL")" 1
# Three beats (30 s) without waiting for them: the beat is aged as time would.
t_sql -c "UPDATE service_heartbeats SET beat_at = now() - interval '31 seconds' WHERE program = 'madoguchid'" >/dev/null
st >/dev/null
t_check "... said gone once three beats are missed" says "^madoguchid +NEEDS A PERSON +0 alive: .+:$D gone, last seen 3[0-9]s ago"

# A wrong password: the daemon keeps trying, and the mailbox says why.
cp "$T_CONFIG" "$T_DIR/wrong.conf"
t_config_set "$T_DIR/wrong.conf" imap password not-the-password
t_start_daemon D2 "$T_DIR/wrong.conf" daemon2
mailbox_failed() { st >/dev/null; says "^mailbox default +NEEDS A PERSON +[0-9]+s ago: cannot open the mailbox"; }
t_check "a wrong IMAP password is the mailbox's error" t_wait_for 30 mailbox_failed
t_done
