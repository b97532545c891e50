#!/bin/sh
# On the first start, a cluster with the desk's database and its owner,
# whose password is the compose secret POSTGRES_PASSWORD_FILE; then
# PostgreSQL in the foreground, as the container's one process.
set -eu
: "${POSTGRES_DB:=madoguchi}" "${POSTGRES_USER:=madoguchi}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
	password=$(cat "${POSTGRES_PASSWORD_FILE:?POSTGRES_PASSWORD_FILE names the password secret}")
	initdb -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 \
		--auth-local=peer --auth-host=scram-sha-256 >/dev/null
	cat >>"$PGDATA/postgresql.conf" <<CONF
listen_addresses = '*'
unix_socket_directories = '/tmp'
CONF
	echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
	pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
	psql -h /tmp -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
		-v owner="$POSTGRES_USER" -v db="$POSTGRES_DB" -v password="$password" <<'SQL'
CREATE ROLE :"owner" LOGIN CREATEROLE PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"owner";
SQL
	pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
fi
exec postgres -D "$PGDATA"
