/*
 * db_result.c - typed values out of text-format results.
 */
#include "db_result.h"

#include "log.h"

#include <stdlib.h>
#include <string.h>

bool db_result_has_fields(const PGresult *res, const struct db_stmt *stmt, int nfields)
{
	if (PQnfields(res) == nfields)
		return true;
	log_warnx("db query=%s error=\"%d columns, expected %d\"", stmt->name, PQnfields(res),
		  nfields);
	return false;
}

PGresult *db_run_rows(PGconn *conn, const struct db_stmt *stmt, const char *const *params,
		      int nfields)
{
	PGresult *res = db_run(conn, stmt, params, PGRES_TUPLES_OK);

	if (res != NULL && !db_result_has_fields(res, stmt, nfields)) {
		PQclear(res);
		return NULL;
	}
	return res;
}

void *db_result_rows(const PGresult *res, size_t size)
{
	void *v;

	if (PQntuples(res) == 0)
		return NULL;
	v = calloc((size_t)PQntuples(res), size);
	if (v == NULL)
		fatal("db_result_rows: %d rows", PQntuples(res));
	return v;
}

char *db_result_text(const PGresult *res, int row, int col)
{
	char *s = strdup(PQgetvalue(res, row, col));

	if (s == NULL)
		fatal("db_result_text");
	return s;
}

char *db_result_text_or_null(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : db_result_text(res, row, col);
}

int64_t db_result_int64(const PGresult *res, int row, int col)
{
	return strtoll(PQgetvalue(res, row, col), NULL, 10);
}

bool db_result_bool(const PGresult *res, int row, int col)
{
	return strcmp(PQgetvalue(res, row, col), "t") == 0;
}

int db_begin_locked(PGconn *conn, const struct db_stmt *stmt, const char *const *params,
		    int nfields, PGresult **res)
{
	*res = NULL;
	if (db_begin(conn) == -1)
		return -1;
	*res = db_run_rows(conn, stmt, params, nfields);
	if (*res == NULL) {
		db_rollback(conn);
		return -1;
	}
	if (PQntuples(*res) > 0)
		return 1;
	PQclear(*res);
	*res = NULL;
	db_rollback(conn);
	return 0;
}
