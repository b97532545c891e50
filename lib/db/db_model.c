/*
 * db_model.c - SQL for model_versions.
 */
#include "db_model.h"

#include "db.h"
#include "db_result.h"

DB_STATEMENT(model_version_add_insert, 1,
	     "INSERT INTO model_versions (trained_by, cases_used)"
	     " SELECT $1, count(*) FROM cases WHERE category_confirmed"
	     " RETURNING id, cases_used");

int model_version_add(PGconn *conn, const char *trained_by, int64_t *id, int64_t *cases_used)
{
	const char *params[1] = {trained_by};
	PGresult *res;

	res = db_run(conn, &model_version_add_insert, params, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	if (!db_result_has_fields(res, &model_version_add_insert, 2) || PQntuples(res) != 1) {
		PQclear(res);
		return -1;
	}
	*id = db_result_int64(res, 0, 0);
	*cases_used = db_result_int64(res, 0, 1);
	PQclear(res);
	return 0;
}
