/*
 * db_state.c - SQL for a case's state and owner; see db_state.h.
 */
#include "db_state.h"

#include "buf.h"
#include "db.h"
#include "db_audit.h"
#include "db_result.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DB_STATEMENT(case_state_lock, 1,
	     "SELECT c.id, c.status, coalesce(c.owner, ''), coalesce(c.wait_until::text, ''),"
	     " coalesce((SELECT m.number FROM cases m WHERE m.id = c.merged_into), '')"
	     " FROM cases c WHERE c.number = $1 FOR UPDATE OF c");

/* A case that leaves closed loses its closing; one that stops waiting, its date. */
DB_STATEMENT(case_state_update, 4,
	     "UPDATE cases SET status = $2, owner = nullif($3, ''),"
	     " wait_until = nullif($4, '')::date,"
	     " closed_at = CASE WHEN $2 = 'closed' THEN closed_at END,"
	     " resolution = CASE WHEN $2 = 'closed' THEN resolution END,"
	     " updated_at = now() WHERE id = $1::bigint");

DB_STATEMENT(case_numbers_range, 2,
	     "SELECT number FROM cases WHERE number BETWEEN $1 AND $2 ORDER BY number");

static void state_json(struct buf *b, const struct case_state *s)
{
	buf_adds(b, "{\"status\":");
	json_buf_string(b, s->status);
	buf_adds(b, ",\"owner\":");
	json_buf_string(b, s->owner[0] != '\0' ? s->owner : NULL);
	buf_adds(b, ",\"wait_until\":");
	json_buf_string(b, s->wait_until[0] != '\0' ? s->wait_until : NULL);
	buf_addc(b, '}');
}

enum case_state_result case_state_move(PGconn *conn, const char *number, const char *actor,
				       const char *action, bool dry_run,
				       case_state_decide decide, void *arg,
				       struct case_state *from, struct case_state *to,
				       char *why, size_t whysz)
{
	const char *p1[1] = {number};
	struct case_state a, b;
	struct buf detail = BUF_INIT;
	PGresult *res;
	char id[24];
	enum case_state_result result;
	int d, rc;

	why[0] = '\0';
	switch (db_begin_locked(conn, &case_state_lock, p1, 5, &res)) {
	case 0:
		return CASE_STATE_NO_CASE;
	case -1:
		return CASE_STATE_ERROR;
	}
	snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, 0));
	memset(&a, 0, sizeof(a));
	snprintf(a.status, sizeof(a.status), "%s", PQgetvalue(res, 0, 1));
	snprintf(a.owner, sizeof(a.owner), "%s", PQgetvalue(res, 0, 2));
	snprintf(a.wait_until, sizeof(a.wait_until), "%s", PQgetvalue(res, 0, 3));
	snprintf(a.merged_into, sizeof(a.merged_into), "%s", PQgetvalue(res, 0, 4));
	PQclear(res);
	b = a;
	d = decide(&a, &b, why, whysz, arg);
	if (from != NULL)
		*from = a;
	if (to != NULL)
		*to = b;
	if (case_state_stop(conn, d, dry_run, &result))
		return result;
	{
		const char *p2[4] = {id, b.status, b.owner, b.wait_until};

		if (db_run_exec(conn, &case_state_update, p2) == -1)
			goto fail;
	}
	buf_adds(&detail, "{\"from\":");
	state_json(&detail, &a);
	buf_adds(&detail, ",\"to\":");
	state_json(&detail, &b);
	buf_addc(&detail, '}');
	rc = audit_add(conn, strtoll(id, NULL, 10), actor, action, detail.data);
	buf_free(&detail);
	if (rc == -1 || db_commit(conn) == -1)
		goto fail;
	return CASE_STATE_CHANGED;
fail:
	db_rollback(conn);
	return CASE_STATE_ERROR;
}

bool case_state_stop(PGconn *conn, int d, bool dry_run, enum case_state_result *r)
{
	if (d == 0 && !dry_run)
		return false;
	db_rollback(conn);
	*r = d == 2 ? CASE_STATE_REFUSED : d == 1 ? CASE_STATE_UNCHANGED : CASE_STATE_CHANGED;
	return true;
}

int case_numbers_between(PGconn *conn, const char *first, const char *last,
			 bool (*each)(const char *number, void *arg), void *arg)
{
	const char *p[2] = {first, last};
	PGresult *res = db_run_rows(conn, &case_numbers_range, p, 1);

	if (res == NULL)
		return -1;
	for (int r = 0; r < PQntuples(res) && each(PQgetvalue(res, r, 0), arg); r++)
		;
	PQclear(res);
	return 0;
}
