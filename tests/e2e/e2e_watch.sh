#!/usr/bin/env bash
# e2e_watch.sh BUILD_DIR - madoctl watch: a case filed from a mail APPENDed
# to dovecot is on the watch within a second of its commit (the worker's
# event through madoguchid's relay), and so are a call filed with madoctl
# new, a follow-up and a note; without the relay the watch says it is
# polling and still shows new and changed cases, and goes live again when
# the relay is back; on a terminal it draws its list; misuse exits 2.
source "$(dirname "$0")/lib.sh"
[ -n "${T_TRACE:-}" ] && set -x
T_BUILD=$1
t_require_stack
t_setup watch
t_ctl migrate >/dev/null
rc() { local s=0; t_ctl "$@" >"$T_DIR/out" 2>"$T_DIR/err" || s=$?; echo "$s"; }

t_eq "watch --help" "$(rc watch --help)" 0
t_check "... says what it does" grep -q "^usage: madoctl watch .*--interval SECONDS" "$T_DIR/out"
t_eq "a status that does not exist" "$(rc watch --status pending)" 2
t_check "... is misuse, with usage" grep -q "^usage: madoctl watch" "$T_DIR/err"
t_eq "--mine and --owner" "$(rc watch --mine --owner carol)" 2
t_eq "--interval 0" "$(rc watch --interval 0)" 2
t_eq "--interval 2s" "$(rc watch --interval 2s)" 2
t_eq "an argument" "$(rc watch 2026-000001)" 2

# start_watch VAR NAME ARGS...: madoctl watch ARGS in the background (the
# program itself, so that t_stop signals it), its lines in $T_DIR/NAME.out
# and what it says of its mode in $T_DIR/NAME.log.
start_watch() {
	local var=$1 name=$2
	shift 2
	"$T_BUILD/tools/madoctl" -c "$T_CONFIG" watch "$@" >"$T_DIR/$name.out" 2>"$T_DIR/$name.log" &
	printf -v "$var" %s $!
	t_track $! "madoctl watch $*"
}

# now: seconds since the epoch, to the microsecond.
now() { date +%s.%6N; }

# commit_to_line OUT SQL SECONDS: waits up to SECONDS for SQL to give a case
# number (its row committed) and then for the watch output OUT to have a
# line about it. Prints "NUMBER LATENCY": from the last look that did not
# see the row (the commit came after it) to the first look that saw the
# line, so the figure can only be too high, never too low. The latency is
# "none" when the line did not come in time, and the number too when the
# row did not.
commit_to_line() {
	local out=$1 sql=$2 limit=$3 number="" missed t deadline
	deadline=$((SECONDS + limit))
	missed=$(now)
	while [ -z "$number" ]; do
		t=$(now)
		number=$(t_sql -c "$sql")
		[ -n "$number" ] && break
		missed=$t
		[ "$SECONDS" -ge "$deadline" ] && { echo none none; return; }
		sleep 0.02
	done
	until grep -Eq "^[0-9]{2}:[0-9]{2}:[0-9]{2} $number " "$out"; do
		[ "$SECONDS" -ge "$deadline" ] && { echo "$number none"; return; }
		sleep 0.02
	done
	echo "$number $(echo "$(now) - $missed" | bc)"
}
# within SECONDS LIMIT: SECONDS is a number no greater than LIMIT.
within() { [[ $1 =~ ^[0-9]*\.?[0-9]+$ ]] && [ "$(echo "$1 <= $2" | bc)" = 1 ]; }

# Live: the relay runs. A watch that polls once an hour shows within a
# second only what the events tell it.
t_start_daemon D
t_start_worker W
start_watch LIVE live --interval 3600
t_check "the watch goes live" t_wait_for 30 t_log_has "$T_DIR/live.log" "^madoctl watch: live: events from ipc://"

t_make_mails "$T_DIR/mail" 3 watch
t_imap append "$T_MAILBOX" "$T_DIR/mail/watch-00001.eml"
read -r N1 LAT < <(commit_to_line "$T_DIR/live.out" "SELECT number FROM cases WHERE subject LIKE '% watch-1'" 60)
t_log "mail case $N1: on the watch $LAT s after its commit"
t_check "a mail's case is on the watch within 1 s of its commit ($LAT s)" within "$LAT" 1.0
t_check "... as a new mail case" grep -Eq "^[0-9:]{8} $N1 new new mail ウイルスの相談 watch-1$" "$T_DIR/live.out"

"$T_BUILD/tools/madoctl" -c "$T_CONFIG" new --channel phone --requester '見守り 太郎' \
	-m 'パソコンが動かないとの電話' >"$T_DIR/new.out" 2>&1 &
NEW=$!
t_track "$NEW" "madoctl new"
read -r N2 LAT < <(commit_to_line "$T_DIR/live.out" "SELECT number FROM cases WHERE requester_name = '見守り 太郎'" 60)
t_wait_exit "$NEW"
t_log "phone case $N2: on the watch $LAT s after its commit"
t_check "madoctl new's case is on the watch within 1 s of its commit ($LAT s)" within "$LAT" 1.0
t_check "... as a new phone case" grep -Eq "^[0-9:]{8} $N2 new new phone" "$T_DIR/live.out"

# A follow-up by the case's tag, and a note (which changes no updated_at).
tag="=?UTF-8?B?$(printf 'Re: [相談#%s]' "$N1" | base64 -w0)?="
sed -e "s|^Subject: .*|Subject: $tag watch-1\r|" \
	-e "s|^Message-ID: .*|Message-ID: <watch-followup@example.jp>\r|" \
	"$T_DIR/mail/watch-00002.eml" >"$T_DIR/followup.eml"
t_imap append "$T_MAILBOX" "$T_DIR/followup.eml"
t_check "a follow-up shows as a message of its case" \
	t_wait_for 60 grep -Eq "^[0-9:]{8} $N1 message " "$T_DIR/live.out"
t_eq "a note" "$(rc note "$N1" -m '折り返し電話済み' --as alice)" 0
t_check "a note shows" t_wait_for 10 grep -Eq "^[0-9:]{8} $N1 note " "$T_DIR/live.out"

# No relay: the watch says so, and polling still shows what changes.
t_stop "$D"
t_check "without the relay the live watch says it polls" \
	t_wait_for 30 t_log_has "$T_DIR/live.log" "^madoctl watch: polling every 3600 s \(events unreachable at ipc://"
start_watch POLL poll --interval 1
t_check "a watch started without the relay says it polls" \
	t_wait_for 30 t_log_has "$T_DIR/poll.log" "^madoctl watch: polling every 1 s \(events unreachable at ipc://"
t_eq "a call while nobody relays" "$(rc new --channel visit --requester '来所 花子' -m '来所して相談')" 0
N3=$(t_sql -c "SELECT number FROM cases WHERE requester_name = '来所 花子'")
t_check "polling shows the new case" t_wait_for 30 grep -Eq "^[0-9:]{8} $N3 new new visit" "$T_DIR/poll.out"
t_eq "alice takes the mail case" "$(rc take "$N1" --as alice)" 0
t_check "polling shows the change" t_wait_for 30 grep -Eq "^[0-9:]{8} $N1 changed open mail " "$T_DIR/poll.out"

# The relay back: both watches are live again.
mark=$(t_log_mark "$T_DIR/live.log")
t_start_daemon D
t_check "the polling watch goes live when the relay is back" \
	t_wait_for 30 t_log_has "$T_DIR/poll.log" "^madoctl watch: live: events from"
t_check "... and so does the first" \
	t_wait_for 30 t_log_since "$T_DIR/live.log" "$mark" "^madoctl watch: live: events from"
t_imap append "$T_MAILBOX" "$T_DIR/mail/watch-00003.eml"
read -r N4 LAT < <(commit_to_line "$T_DIR/live.out" "SELECT number FROM cases WHERE subject LIKE '% watch-3'" 60)
t_log "mail case $N4 after the relay came back: on the watch $LAT s after its commit"
t_check "after the relay came back a case is on the watch within 1 s ($LAT s)" within "$LAT" 1.0

# Filters: a watch of alice's cases sees alice's case and not the others.
start_watch MINE mine --mine --as alice --interval 1
t_check "--mine goes live" t_wait_for 30 t_log_has "$T_DIR/mine.log" "^madoctl watch: live"
# The other case's note goes first: when alice's shows, the other's has been read.
t_eq "a note on another case" "$(rc note "$N2" -m 'メモ' --as alice)" 0
t_eq "a note on alice's case" "$(rc note "$N1" -m 'メモ' --as alice)" 0
t_check "--mine shows alice's case" t_wait_for 10 grep -Eq "^[0-9:]{8} $N1 note " "$T_DIR/mine.out"
t_check "the live watch has seen both notes" t_wait_for 10 grep -Eq "^[0-9:]{8} $N2 note " "$T_DIR/live.out"
t_check "--mine shows no other case" test -z "$(grep -v " $N1 " "$T_DIR/mine.out")"

# On a terminal: the list, drawn on the alternate screen and left on stop.
# exec: script runs the command through $SHELL, and a shell that stays as
# the parent (dash does) would take the SIGTERM meant for the watch.
script -qfec "exec $T_BUILD/tools/madoctl -c $T_CONFIG watch" "$T_DIR/tty.out" </dev/null >/dev/null 2>&1 &
TTY=$!
t_track "$TTY" "script (madoctl watch on a terminal)"
t_check "the terminal list shows the latest case" t_wait_for 30 grep -q "$N4" "$T_DIR/tty.out"
t_check "... and that it is live" t_wait_for 30 grep -q "live: events from" "$T_DIR/tty.out"
t_check "... under its column heads" grep -Eq "STATUS +NUMBER +CHAN" "$T_DIR/tty.out"
TTY_WATCH=$(pgrep -P "$TTY" -f "madoctl -c $T_CONFIG watch" || true)
t_check "the watch under script runs" test -n "$TTY_WATCH"
kill -TERM "$TTY_WATCH" 2>/dev/null || true
t_wait_exit "$TTY"
t_check "... and gives the screen back" grep -q $'\033\[?1049l' "$T_DIR/tty.out"
t_done
