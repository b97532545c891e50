#!/usr/bin/env bash
# e2e_tls.sh BUILD_DIR - TLS to the private dovecot, whose certificate comes
# from a test CA: verified connections work (implicit TLS and STARTTLS,
# LOGIN and AUTHENTICATE PLAIN); an untrusted certificate is refused with a
# clear reason before any password is sent.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
t_require_stack
t_setup tls
t_ctl migrate >/dev/null
t_make_mails "$T_DIR/m" 4 tls
t_imap append "$T_MAILBOX" "$T_DIR"/m/*.eml

variant() { # variant NAME KEY=VALUE...: a config for one TLS setting
	local f="$T_DIR/$1.conf" kv
	shift
	cp "$T_CONFIG" "$f"
	for kv in "$@"; do t_config_set "$f" imap "${kv%%=*}" "${kv#*=}"; done
	echo "$f"
}
run_once() { # run_once CONF LOG: madoguchid --once, status echoed
	local s=0
	"$T_BUILD/daemon/madoguchid" -c "$1" --once 2>"$2" || s=$?
	echo "$s"
}

# What the server saw: dovecot logs every login, and every connection that
# ended without one ("no auth attempts").
DLOG=$STACK_DIR/logs/dovecot.log
mark() { t_log_mark "$DLOG"; }
logins_since() { tail -n +$(($1 + 1)) "$DLOG" | grep -c "Login: user=<$IMAP_USER>" || true; }
no_auth_since() { t_log_since "$DLOG" "$1" "no auth attempts"; }

ok=$(variant tls security=tls port="$IMAPS_PORT" tls_ca_file="$STACK_CA")
m=$(mark)
t_eq "implicit TLS, verified" "$(run_once "$ok" "$T_DIR/ok.log")" 0
logged_in() { [ "$(logins_since "$m")" -gt 0 ]; }
t_check "the server logged the login" t_wait_for 10 logged_in
t_eq "4 messages fetched over TLS" "$(t_sql -c 'SELECT count(*) FROM inbound_messages')" 4

t_make_mails "$T_DIR/n" 2 tls-starttls
t_imap append "$T_MAILBOX" "$T_DIR"/n/*.eml
st=$(variant starttls security=starttls port="$IMAP_PORT" tls_ca_file="$STACK_CA" auth=plain host=localhost)
t_eq "STARTTLS to localhost with AUTHENTICATE PLAIN" "$(run_once "$st" "$T_DIR/st.log")" 0
# "localhost" is another mailbox key than "127.0.0.1": the 4 seen before are recognised.
t_eq "2 more fetched" "$(t_sql -c 'SELECT count(*) FROM inbound_messages WHERE duplicate_of IS NULL')" 6
t_eq "the 4 seen before are duplicates" "$(t_sql -c 'SELECT count(*) FROM inbound_messages WHERE duplicate_of IS NOT NULL')" 4

# refused WHAT CONF LOG: the daemon fails, and the server saw the connection
# end without any login: no password was sent.
refused() {
	local m
	m=$(mark)
	t_eq "$1: refused" "$(run_once "$2" "$3")" 1
	t_check "$1: the server saw the connection end" t_wait_for 10 no_auth_since "$m"
	t_eq "$1: no login was attempted" "$(logins_since "$m")" 0
}
bad=$(variant untrusted security=tls port="$IMAPS_PORT" tls_ca_file="$STACK_UNTRUSTED_CA")
refused "untrusted certificate" "$bad" "$T_DIR/bad.log"
t_check "the reason says the certificate is not trusted" grep -q "tls=refused reason=\"certificate is not trusted" "$T_DIR/bad.log"

sys=$(variant system security=tls port="$IMAPS_PORT")
refused "system store, which does not know the test CA" "$sys" "$T_DIR/sys.log"
t_check "refusal logged" grep -q "tls=refused" "$T_DIR/sys.log"

name=$(variant name security=tls port="$IMAPS_PORT" tls_ca_file="$STACK_CA" host=127.0.0.2)
refused "wrong host name" "$name" "$T_DIR/name.log"
t_check "the reason names the mismatch" grep -q "host name mismatch" "$T_DIR/name.log"

off=$(variant off security=tls port="$IMAPS_PORT" tls_verify=no)
t_eq "tls_verify = no connects" "$(run_once "$off" "$T_DIR/off.log")" 0
t_check "with a warning" grep -q "NOT checked" "$T_DIR/off.log"

t_done
