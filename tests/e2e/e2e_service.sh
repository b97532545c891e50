#!/usr/bin/env bash
# e2e_service.sh BUILD_DIR - what madoguchid and madoguchi-worker tell
# systemd (Type=notify), read at the manager's end of the socket
# (notify_sink): READY once they run, with a status; WATCHDOG pings at half
# the unit's interval, from the daemon's loop; RELOADING then READY again
# on SIGHUP; STOPPING on SIGTERM, then a clean exit. Without NOTIFY_SOCKET
# they run as before (every other test).
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
t_require_stack
t_setup service
t_ctl migrate >/dev/null

"$T_BUILD/tests/notify_sink" "$T_DIR/notify.sock" "$T_DIR/notify.out" 2>>"$T_DIR/notify_sink.log" &
t_track $! notify_sink
t_check "the manager's socket is there" t_wait_for 10 test -S "$T_DIR/notify.sock"
has() { grep -qx -- "$1" "$T_DIR/notify.out"; }
count() { grep -cx -- "$1" "$T_DIR/notify.out" || true; }

# The daemon, with a watchdog of one second: pings every half second.
NOTIFY_SOCKET=$T_DIR/notify.sock WATCHDOG_USEC=1000000 \
	"$T_BUILD/daemon/madoguchid" -c "$T_CONFIG" 2>>"$T_DIR/daemon.log" &
D=$!
t_track "$D" "madoguchid"
t_check "the daemon says it is ready" t_wait_for 30 has "READY=1"
t_check "... with what it runs" grep -Eq "^STATUS=1 mailbox" "$T_DIR/notify.out"
t_check "it pings the watchdog" t_wait_for 10 eval '[ "$(count WATCHDOG=1)" -ge 4 ]'
# Half the interval is 2 pings a second (every 0.6 s, with the loop's
# 0.2 s tick): in 3 s at least one a second, and fewer than the loop's 15.
pings_before=$(count WATCHDOG=1)
sleep 3
pings=$(($(count WATCHDOG=1) - pings_before))
t_check "at half the interval: about 5 pings in 3 s (got $pings)" test "$pings" -ge 3 -a "$pings" -le 8
kill -HUP "$D"
t_check "SIGHUP: it says it is reloading" t_wait_for 10 has "RELOADING=1"
t_check "... then ready again" t_wait_for 10 eval \
	'sed -n "/^RELOADING=1$/,\$p" "$T_DIR/notify.out" | grep -qx "READY=1"'
kill -TERM "$D"
t_check "SIGTERM: it says it is stopping" t_wait_for 30 has "STOPPING=1"
t_wait_exit "$D"

# A worker, without a watchdog: ready and stopping, never a ping.
: >"$T_DIR/notify.out"
NOTIFY_SOCKET=$T_DIR/notify.sock "$T_BUILD/workers/madoguchi-worker" -c "$T_CONFIG" \
	2>>"$T_DIR/worker.log" &
W=$!
t_track "$W" "madoguchi-worker"
t_check "the worker says it is ready" t_wait_for 30 has "READY=1"
t_check "... and which worker it is" grep -Eq "^STATUS=worker .+:$W$" "$T_DIR/notify.out"
kill -TERM "$W"
t_check "the worker says it is stopping" t_wait_for 30 has "STOPPING=1"
t_wait_exit "$W"
t_eq "no watchdog asked, none pinged" "$(count WATCHDOG=1)" 0
t_done
