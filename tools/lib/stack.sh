# shellcheck shell=bash
# stack.sh - the private stack shared by tools/test, tools/demo and tools/bench.
#
# Installs what is missing (Debian 12), builds, and starts a private
# PostgreSQL 15 and dovecot IMAP server on free loopback ports inside one
# temp dir. Servers that refuse to run as root run as an unprivileged user.
# Source it, then: stack_deps; stack_build DIR [cmake args]; stack_start; ...
# stack_stop (installed as an EXIT trap by stack_start).

STACK_PACKAGES=(build-essential cmake pkg-config libpq-dev libzmq3-dev libetpan-dev
	libcurl4-gnutls-dev libgnutls28-dev libsasl2-modules libtiff-dev
	libtesseract-dev libleptonica-dev tesseract-ocr-jpn tesseract-ocr-eng
	libpoppler-glib-dev libcairo2-dev postgresql-15 postgresql-client-15
	dovecot-imapd openssl iproute2 procps bc jq util-linux
	libpango1.0-dev fonts-ipafont-gothic fonts-ipafont-mincho poppler-utils
	libxlsxwriter-dev python3-openpyxl libsystemd-dev)
STACK_USER=madoguchi-test
PG_BIN=/usr/lib/postgresql/15/bin

# stack_config_set FILE SECTION KEY VALUE: sets (or adds) KEY in [SECTION] of an INI file.
stack_config_set() {
	local file=$1 section=$2 key=$3 value=$4
	awk -v s="[$section]" -v k="$key" -v v="$value" '
		$0 == s { insec = 1; print; next }
		/^\[/ { if (insec && !done) { print k " = " v; done = 1 } insec = 0 }
		insec && $1 == k { if (!done) print k " = " v; done = 1; next }
		{ print }
		END { if (!done) { if (!insec) print s; print k " = " v } }' "$file" >"$file.tmp"
	mv "$file.tmp" "$file"
}
stack_log() { printf '[stack] %s\n' "$*" >&2; }

stack_as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

stack_deps() {
	local missing=() p
	for p in "${STACK_PACKAGES[@]}" "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	stack_log "installing: ${missing[*]}"
	stack_as_root apt-get update -q >/dev/null
	# policy-rc.d keeps Debian from starting the system-wide PostgreSQL and dovecot.
	stack_as_root env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 \
		apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

stack_build() {
	local dir=$1
	shift
	cmake -S "$STACK_ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=Debug "$@" >/dev/null
	cmake --build "$dir" -j "$(nproc)" >/dev/null || cmake --build "$dir" -j1
}

# stack_pick_port VAR: a loopback port nobody listens on, never one this
# stack already handed out (IMAP and IMAPS must differ), in VAR. The choice
# is checked with ss rather than by connecting, and a server that still
# loses a race for it fails its start, which stack_start answers with
# another port.
STACK_PORTS=()
stack_pick_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 40000))
		[[ " ${STACK_PORTS[*]} " == *" $p "* ]] && continue
		[ -n "$(ss -Htln "sport = :$p")" ] && continue
		STACK_PORTS+=("$p")
		printf -v "$1" %s "$p"
		return 0
	done
}

# stack_until SECONDS WHAT CMD...: polls CMD every 0.1 s until it succeeds;
# after SECONDS it says what it waited for and returns 1.
stack_until() {
	local limit=$1 what=$2 deadline
	shift 2
	deadline=$((SECONDS + limit))
	while ! "$@" 2>/dev/null; do
		if [ "$SECONDS" -ge "$deadline" ]; then
			stack_log "gave up after $limit s waiting for $what"
			return 1
		fi
		sleep 0.1
	done
}

stack_port_closed() { [ -z "$(ss -Htln "sport = :$1")" ]; }
stack_port_open() { ! stack_port_closed "$1"; }
stack_pid_gone() { ! kill -0 "$1" 2>/dev/null; }

# Runs a command as the unprivileged server user (or as ourselves when not root).
stack_run_as() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u "$STACK_USER" -- "$@"; else "$@"; fi
}

# The private servers. Every start waits until the server answers (a
# SELECT 1, an IMAP greeting) and every stop until its master process has
# exited and its ports are closed: a start right after a stop must never
# meet the old server still holding its pid file or its port.

stack_pg_answers() {
	[ "$(PGCONNECT_TIMEOUT=5 psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qAt \
		-c 'SELECT 1' 2>/dev/null)" = 1 ]
}

stack_pg_start() {
	stack_run_as "$PG_BIN/pg_ctl" -D "$STACK_DIR/pg" -l "$STACK_DIR/logs/postgresql.log" -w -t 60 \
		start </dev/null >/dev/null 2>&1 || {
		stack_log "PostgreSQL did not start on port $PG_PORT:"
		tail -n 5 "$STACK_DIR/logs/postgresql.log" >&2
		return 1
	}
	stack_until 30 "PostgreSQL on port $PG_PORT to answer SELECT 1" stack_pg_answers
}

stack_pg_stop() {
	local pidfile=$STACK_DIR/pg/postmaster.pid pid
	[ -f "$pidfile" ] || return 0
	pid=$(head -n 1 "$pidfile")
	stack_run_as "$PG_BIN/pg_ctl" -D "$STACK_DIR/pg" -m fast -w -t 60 stop >/dev/null 2>&1 ||
		stack_log "pg_ctl stop failed; waiting for pid $pid all the same"
	stack_until 30 "PostgreSQL's postmaster (pid $pid) to exit" stack_pid_gone "$pid" &&
		stack_until 10 "port $PG_PORT to close" stack_port_closed "$PG_PORT"
}

stack_pg_restart() { stack_pg_stop && stack_pg_start; }

stack_imap_answers() {
	# A subshell: a refused connection must not end a caller under set -e.
	(
		exec 3<>"/dev/tcp/127.0.0.1/$IMAP_PORT" || exit 1
		IFS= read -r -t 5 line <&3 || exit 1
		[[ $line == "* OK"* ]]
	)
}

stack_imap_start() {
	local conf=$STACK_DIR/dovecot/dovecot.conf
	stack_run_as dovecot -c "$conf" </dev/null >>"$STACK_DIR/logs/dovecot-start.log" 2>&1 || {
		stack_log "dovecot did not start:"
		tail -n 5 "$STACK_DIR/logs/dovecot-start.log" >&2
		return 1
	}
	stack_until 30 "dovecot's IMAP greeting on port $IMAP_PORT" stack_imap_answers &&
		stack_until 10 "dovecot to listen for IMAPS on port $IMAPS_PORT" stack_port_open "$IMAPS_PORT"
}

# stack_port_free PORT: waits for PORT to close; a process still listening
# after 10 s (a dovecot child that outlived its master) is killed.
stack_port_free() {
	local holders
	stack_until 10 "port $1 to close" stack_port_closed "$1" && return 0
	holders=$(ss -Htlnp "sport = :$1" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u)
	[ -n "$holders" ] || return 1
	stack_log "killing what still listens on port $1: $(ps -o pid=,comm= -p "${holders//$'\n'/,}" | xargs)"
	# shellcheck disable=SC2086
	kill -KILL $holders 2>/dev/null || true
	stack_until 10 "port $1 to close" stack_port_closed "$1"
}

stack_imap_stop() {
	local pidfile=$STACK_DIR/dovecot/run/master.pid pid
	[ -f "$pidfile" ] || return 0
	pid=$(cat "$pidfile")
	# "dovecot stop" signals the master and waits at most 3 s; a child of the
	# master (imap-login) can hold the listening port longer still. The
	# waiting is ours: for the master, then for the ports.
	stack_run_as dovecot -c "$STACK_DIR/dovecot/dovecot.conf" stop >/dev/null 2>&1 ||
		stack_log "dovecot stop failed; waiting for pid $pid all the same"
	stack_until 30 "dovecot's master (pid $pid) to exit" stack_pid_gone "$pid" &&
		stack_port_free "$IMAP_PORT" && stack_port_free "$IMAPS_PORT"
}

stack_imap_restart() { stack_imap_stop && stack_imap_start; }

# Writes the dovecot configuration for the current ports.
stack_dovecot_conf() {
	local user=$1 d=$STACK_DIR/dovecot
	cat >"$d/dovecot.conf" <<CONF
instance_name = madoguchi-$(basename "$STACK_DIR")
base_dir = $d/run
state_dir = $d/state
log_path = $STACK_DIR/logs/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <$STACK_DIR/tls/server.pem
ssl_key = <$STACK_DIR/tls/server-key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = $user
default_internal_user = $user
default_internal_group = $(id -gn "$user")
first_valid_uid = $(id -u "$user")
last_valid_uid = $(id -u "$user")
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $d/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $d/users
}
service imap-login {
  chroot =
  user = $user
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  # 127.0.0.2 is not in the test certificate: a name-mismatch target.
  inet_listener imaps {
    address = 127.0.0.1, 127.0.0.2
    port = $IMAPS_PORT
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-reader {
    user = $user
    mode = 0600
  }
  unix_listener stats-writer {
    user = $user
    mode = 0600
  }
}
CONF
	[ "$(id -u)" -eq 0 ] && chown "$user" "$d/dovecot.conf"
	return 0
}

stack_start() {
	local uid gid user attempt
	if [ "$(id -u)" -eq 0 ]; then
		id "$STACK_USER" >/dev/null 2>&1 ||
			useradd --system --no-create-home --shell /usr/sbin/nologin "$STACK_USER"
		user=$STACK_USER
	else
		user=$(id -un)
	fi
	uid=$(id -u "$user")
	gid=$(id -g "$user")
	STACK_DIR=$(mktemp -d /tmp/madoguchi-stack.XXXXXX)
	chmod 755 "$STACK_DIR"
	trap stack_stop EXIT
	mkdir -p "$STACK_DIR"/{pg,pgsock,dovecot/run,dovecot/state,dovecot/home,logs,spool}
	[ "$(id -u)" -eq 0 ] && chown -R "$user" "$STACK_DIR"/{pg,pgsock,dovecot,logs}

	stack_run_as "$PG_BIN/initdb" -D "$STACK_DIR/pg" -A trust -U postgres -E UTF8 \
		--locale=C.UTF-8 >"$STACK_DIR/logs/initdb.log"
	# Settings live in a file of their own, so every start and restart uses the same.
	echo "include = 'stack.conf'" | stack_run_as tee -a "$STACK_DIR/pg/postgresql.conf" >/dev/null
	for attempt in 1 2 3; do
		stack_pick_port PG_PORT
		printf "port = %s\nunix_socket_directories = '%s'\nlisten_addresses = '127.0.0.1'\nfsync = on\n" \
			"$PG_PORT" "$STACK_DIR/pgsock" | stack_run_as tee "$STACK_DIR/pg/stack.conf" >/dev/null
		stack_pg_start && break
		[ "$attempt" = 3 ] && return 1
		stack_log "trying PostgreSQL on another port"
	done
	psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt -c "CREATE DATABASE madoguchi" >/dev/null
	PG_CONNINFO="host=127.0.0.1 port=$PG_PORT dbname=madoguchi user=postgres"

	# TLS: certificates from a test CA, so clients can verify the server for real.
	mkdir -p "$STACK_DIR/tls"
	"$STACK_ROOT/tests/tls/make-certs.sh" "$STACK_DIR/tls" >/dev/null
	[ "$(id -u)" -eq 0 ] && chown -R "$user" "$STACK_DIR/tls"
	STACK_CA=$STACK_DIR/tls/ca.pem
	STACK_UNTRUSTED_CA=$STACK_DIR/tls/untrusted.pem

	IMAP_USER=desk
	IMAP_PASSWORD=desk-test-secret
	local d=$STACK_DIR/dovecot
	printf '%s:{PLAIN}%s:%s:%s::%s/home/%s::\n' "$IMAP_USER" "$IMAP_PASSWORD" "$uid" "$gid" \
		"$d" "$IMAP_USER" >"$d/users"
	[ "$(id -u)" -eq 0 ] && chown -R "$user" "$d"
	for attempt in 1 2 3; do
		stack_pick_port IMAP_PORT
		stack_pick_port IMAPS_PORT
		stack_dovecot_conf "$user"
		stack_imap_start && break
		stack_imap_stop || true
		[ "$attempt" = 3 ] && return 1
		stack_log "trying dovecot on other ports"
	done

	QUEUE_ENDPOINT="ipc://$STACK_DIR/queue.sock"
	MADOGUCHI_CONFIG=$STACK_DIR/madoguchi.conf
	cat >"$MADOGUCHI_CONFIG" <<CONF
# Written by tools/lib/stack.sh for the private test stack in $STACK_DIR.
[database]
conninfo = $PG_CONNINFO

[imap]
host = 127.0.0.1
port = $IMAP_PORT
security = none
user = $IMAP_USER
password = $IMAP_PASSWORD
mailbox = INBOX
poll_interval = 1

[queue]
endpoint = $QUEUE_ENDPOINT

[smtp]
url = smtp://127.0.0.1:2525
from = desk@example.jp

[fax]
spool_dir = $STACK_DIR/spool

[events]
endpoint = ipc://$STACK_DIR/events.sock
publish = ipc://$STACK_DIR/events-in.sock
CONF
	STACK_SERVER_USER=$user
	export STACK_DIR PG_PORT PG_CONNINFO IMAP_PORT IMAPS_PORT IMAP_USER IMAP_PASSWORD \
		QUEUE_ENDPOINT MADOGUCHI_CONFIG STACK_CA STACK_UNTRUSTED_CA STACK_SERVER_USER PG_BIN
	stack_log "PostgreSQL on 127.0.0.1:$PG_PORT, dovecot IMAP on 127.0.0.1:$IMAP_PORT, in $STACK_DIR"
}

stack_stop() {
	[ -n "${STACK_DIR:-}" ] && [ -d "$STACK_DIR" ] || return 0
	stack_imap_stop || true
	stack_pg_stop || true
	if [ -n "${STACK_KEEP:-}" ]; then
		stack_log "kept $STACK_DIR"
	else
		rm -rf "$STACK_DIR"
	fi
	STACK_DIR=
}
