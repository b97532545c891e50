/*
 * db_note.c - SQL for staff's internal notes; see db_note.h.
 */
#include "db_note.h"

#include "buf.h"
#include "db.h"
#include "db_audit.h"
#include "db_result.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DB_STATEMENT(case_note_insert, 3,
	     "INSERT INTO case_notes (case_id, author, body)"
	     " SELECT id, $2, $3 FROM cases WHERE number = $1 RETURNING case_id, id");

DB_STATEMENT(case_notes_select, 1,
	     "SELECT author, body,"
	     " to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
	     " FROM case_notes WHERE case_id = $1::bigint ORDER BY id");

int case_note_add(PGconn *conn, const char *number, const char *author, const char *body,
		  bool dry_run)
{
	const char *p[3] = {number, author, body};
	struct buf detail = BUF_INIT;
	PGresult *res;
	long long case_id;
	int rc;

	if (db_begin(conn) == -1)
		return -1;
	res = db_run_rows(conn, &case_note_insert, p, 2);
	if (res == NULL)
		goto fail;
	if (PQntuples(res) == 0) {
		PQclear(res);
		db_rollback(conn);
		return 0;
	}
	case_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	buf_printf(&detail, "{\"note\":%s}", PQgetvalue(res, 0, 1));
	PQclear(res);
	rc = audit_add(conn, case_id, author, "note", detail.data);
	buf_free(&detail);
	if (rc == -1)
		goto fail;
	if (dry_run)
		db_rollback(conn);
	else if (db_commit(conn) == -1)
		goto fail;
	return 1;
fail:
	db_rollback(conn);
	return -1;
}

int case_notes(PGconn *conn, long long case_id, struct case_note_rows *out)
{
	char id[24];
	const char *p[1] = {id};
	PGresult *res;

	memset(out, 0, sizeof(*out));
	snprintf(id, sizeof(id), "%lld", case_id);
	res = db_run_rows(conn, &case_notes_select, p, 3);
	if (res == NULL)
		return -1;
	out->v = db_result_rows(res, sizeof(*out->v));
	for (int r = 0; r < PQntuples(res); r++) {
		struct case_note_row *n = &out->v[out->n++];

		n->author = db_result_text(res, r, 0);
		n->body = db_result_text(res, r, 1);
		n->created_at = db_result_text(res, r, 2);
	}
	PQclear(res);
	return 0;
}

void case_note_rows_free(struct case_note_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->v[i].author);
		free(rows->v[i].body);
		free(rows->v[i].created_at);
	}
	free(rows->v);
	memset(rows, 0, sizeof(*rows));
}
