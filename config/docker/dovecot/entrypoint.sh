#!/bin/sh
# The mailbox's password from the compose secret, a certificate for the
# name "imap" if the shared volume has none yet, then dovecot in the
# foreground.
set -eu
password=$(cat "${IMAP_PASSWORD_FILE:?IMAP_PASSWORD_FILE names the password secret}")
umask 077
printf 'desk:{PLAIN}%s\n' "$password" >/run/dovecot-users
chown dovecot /run/dovecot-users
if [ ! -s /certs/imap.pem ]; then
	openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=imap \
		-addext subjectAltName=DNS:imap -keyout /certs/imap-key.pem -out /certs/imap.pem \
		2>/dev/null
	chmod 644 /certs/imap.pem
fi
exec dovecot -F
