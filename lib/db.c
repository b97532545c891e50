/*
 * db.c - libpq calls, checked against the status the caller expects.
 */
#include "db.h"

#include "log.h"

#include <string.h>

static void db_log_failure(PGconn *conn, const char *name, const PGresult *res)
{
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
	size_t n = strlen(msg);

	/* libpq messages end in a newline; the log adds its own. */
	while (n > 0 && msg[n - 1] == '\n')
		n--;
	log_warnx("db query=%s error=\"%.*s\"", name, (int)n, msg);
}

PGconn *db_connect(const char *conninfo)
{
	PGconn *conn = PQconnectdb(conninfo);
	PGresult *res;

	if (conn == NULL) {
		log_warnx("db connect: out of memory");
		return NULL;
	}
	if (PQstatus(conn) != CONNECTION_OK) {
		db_log_failure(conn, "connect", NULL);
		PQfinish(conn);
		return NULL;
	}
	res = db_query(conn, "session_setup",
		       "SELECT set_config('client_encoding', 'UTF8', false),"
		       " set_config('TimeZone', 'UTC', false)",
		       0, NULL, PGRES_TUPLES_OK);
	if (res == NULL) {
		PQfinish(conn);
		return NULL;
	}
	PQclear(res);
	return conn;
}

PGresult *db_query_bin(PGconn *conn, const char *name, const char *sql, int nparams,
		       const char *const *params, const int *lengths, const int *formats,
		       int result_format, ExecStatusType expect)
{
	PGresult *res = PQexecParams(conn, sql, nparams, NULL, params, lengths, formats,
				     result_format);

	if (res == NULL || PQresultStatus(res) != expect) {
		db_log_failure(conn, name, res);
		PQclear(res);
		return NULL;
	}
	return res;
}

PGresult *db_query(PGconn *conn, const char *name, const char *sql, int nparams,
		   const char *const *params, ExecStatusType expect)
{
	return db_query_bin(conn, name, sql, nparams, params, NULL, NULL, 0, expect);
}

int db_exec(PGconn *conn, const char *name, const char *sql, int nparams,
	    const char *const *params)
{
	PGresult *res = db_query(conn, name, sql, nparams, params, PGRES_COMMAND_OK);

	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}

int db_relax_durability(PGconn *conn)
{
	return db_exec(conn, "relax_durability", "SET synchronous_commit TO off", 0, NULL);
}

int db_begin(PGconn *conn)
{
	return db_exec(conn, "begin", "BEGIN", 0, NULL);
}

int db_commit(PGconn *conn)
{
	return db_exec(conn, "commit", "COMMIT", 0, NULL);
}

void db_rollback(PGconn *conn)
{
	PGresult *res = PQexec(conn, "ROLLBACK");

	PQclear(res);
}

bool db_is_broken(PGconn *conn)
{
	return PQstatus(conn) != CONNECTION_OK;
}
