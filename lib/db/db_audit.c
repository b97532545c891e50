/*
 * db_audit.c - the one place an audit_log row is written.
 */
#include "db_audit.h"

#include "db.h"

#include <stdio.h>

DB_STATEMENT(audit_insert, 4,
	     "INSERT INTO audit_log (case_id, actor, action, detail)"
	     " VALUES (NULLIF($1::bigint, 0), $2, $3,"
	     " coalesce($4::jsonb, '{}'::jsonb))");

int audit_add(PGconn *conn, int64_t case_id, const char *actor, const char *action,
	      const char *detail_json)
{
	char id[24];
	const char *params[4] = {id, actor, action, detail_json};

	snprintf(id, sizeof(id), "%lld", (long long)case_id);
	return db_run_exec(conn, &audit_insert, params);
}
