/*
 * migrate.c - apply the embedded migrations once each.
 *
 * The migration bodies are fixed text compiled into the program and hold
 * several statements, so they go through PQexec (the one place that does);
 * everything that carries a value uses parameters.
 */
#include "migrate.h"

#include "db.h"
#include "log.h"

#include <stdio.h>

/* Arbitrary constant shared by every madoctl: "mdg\0migr" */
#define MIGRATE_LOCK_KEY "7234599014766110322"

DB_STATEMENT(migrate_table, 0,
	     "CREATE TABLE IF NOT EXISTS schema_migrations ("
	     " version integer PRIMARY KEY, name text NOT NULL,"
	     " applied_at timestamptz NOT NULL DEFAULT now())");
DB_STATEMENT(migrate_lock, 1, "SELECT pg_advisory_lock($1::bigint)");
DB_STATEMENT(migrate_check, 1, "SELECT 1 FROM schema_migrations WHERE version = $1::int");
DB_STATEMENT(migrate_record, 2,
	     "INSERT INTO schema_migrations (version, name) VALUES ($1::int, $2)");
DB_STATEMENT(migrate_unlock, 1, "SELECT pg_advisory_unlock($1::bigint)");
/* Without schema_migrations (never migrated), every migration is pending. */
DB_STATEMENT(migrate_exists, 0, "SELECT to_regclass('schema_migrations') IS NOT NULL");

static int apply_one(PGconn *conn, const struct migration *m)
{
	char version[16];
	const char *params[2] = {version, m->name};
	PGresult *res;

	snprintf(version, sizeof(version), "%d", m->version);
	if (db_begin(conn) == -1)
		return -1;
	res = PQexec(conn, m->sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK) {
		log_warnx("migrate version=%d name=%s error=\"%s\"", m->version, m->name,
			  PQresultErrorMessage(res));
		PQclear(res);
		db_rollback(conn);
		return -1;
	}
	PQclear(res);
	if (db_run_exec(conn, &migrate_record, params) == -1 ||
	    db_commit(conn) == -1) {
		db_rollback(conn);
		return -1;
	}
	log_info("migrate version=%d name=%s result=applied", m->version, m->name);
	return 0;
}

int migrate_run(PGconn *conn)
{
	const char *lock[1] = {MIGRATE_LOCK_KEY};
	PGresult *res;
	int applied = 0;

	if (db_run_exec(conn, &migrate_table, NULL) == -1)
		return -1;
	res = db_run(conn, &migrate_lock, lock, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	PQclear(res);
	for (const struct migration *m = migrations; m->version != 0; m++) {
		char version[16];
		const char *params[1] = {version};
		bool done;

		snprintf(version, sizeof(version), "%d", m->version);
		res = db_run(conn, &migrate_check, params, PGRES_TUPLES_OK);
		if (res == NULL) {
			applied = -1;
			break;
		}
		done = PQntuples(res) > 0;
		PQclear(res);
		if (done)
			continue;
		if (apply_one(conn, m) == -1) {
			applied = -1;
			break;
		}
		applied++;
	}
	res = db_run(conn, &migrate_unlock, lock, PGRES_TUPLES_OK);
	PQclear(res);
	return applied;
}

int migrate_pending(PGconn *conn)
{
	PGresult *res;
	int pending = 0;

	res = db_run(conn, &migrate_exists, NULL, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	if (PQgetvalue(res, 0, 0)[0] != 't') {
		PQclear(res);
		for (const struct migration *m = migrations; m->version != 0; m++)
			pending++;
		return pending;
	}
	PQclear(res);
	for (const struct migration *m = migrations; m->version != 0; m++) {
		char version[16];
		const char *params[1] = {version};

		snprintf(version, sizeof(version), "%d", m->version);
		res = db_run(conn, &migrate_check, params, PGRES_TUPLES_OK);
		if (res == NULL)
			return -1;
		pending += PQntuples(res) == 0;
		PQclear(res);
	}
	return pending;
}
