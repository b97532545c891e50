/*
 * db_quarantine.c - quarantining, listing, showing and releasing messages.
 *
 * Release files the message as a case without trusting its structure; what
 * it is filed with (subject, sender, text) the caller reads from the raw
 * bytes, so that the database layer needs no mail parser and a message the
 * decoder refused can still be handled by staff.
 */
#include "db_quarantine.h"

#include "buf.h"
#include "db.h"
#include "db_audit.h"
#include "db_case.h"
#include "db_result.h"
#include "json.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUARANTINE_NCOLUMNS 8

DB_STATEMENT(quarantine_add_insert, 2,
	     "WITH q AS (INSERT INTO quarantine (inbound_id, reason) VALUES ($1::bigint, $2)"
	     "  ON CONFLICT (inbound_id) DO NOTHING RETURNING inbound_id)"
	     " UPDATE inbound_messages SET disposition = 'quarantine' WHERE id = $1::bigint");

DB_STATEMENT(quarantine_list_select, 1,
	     "SELECT q.id, q.inbound_id,"
	     " to_char(q.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), q.reason,"
	     " i.size, i.mailbox,"
	     " to_char(q.released_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
	     " q.released_by"
	     " FROM quarantine q JOIN inbound_messages i ON i.id = q.inbound_id"
	     " WHERE $1::boolean OR q.released_at IS NULL ORDER BY q.id");

/* A binary result for the raw bytes: every other column comes as text. */
DB_STATEMENT(quarantine_get_select, 1,
	     "SELECT q.id::text, q.inbound_id::text,"
	     " to_char(q.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
	     " q.reason, i.size::text, i.mailbox,"
	     " to_char(q.released_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
	     " q.released_by, i.raw"
	     " FROM quarantine q JOIN inbound_messages i ON i.id = q.inbound_id"
	     " WHERE q.id = $1::bigint");

/*
 * FOR UPDATE: a second release of the same entry at the same moment waits
 * here, then finds it released and files nothing.
 */
DB_STATEMENT(quarantine_release_select, 1,
	     "SELECT inbound_id, reason FROM quarantine"
	     " WHERE id = $1::bigint AND released_at IS NULL FOR UPDATE");

DB_STATEMENT(quarantine_release_update, 4,
	     "WITH q AS (UPDATE quarantine SET released_at = now(), released_by = $2,"
	     "  release_note = $3 WHERE id = $1::bigint RETURNING inbound_id),"
	     " d AS (UPDATE inbound_messages SET disposition = 'case'"
	     "  WHERE id = (SELECT inbound_id FROM q) RETURNING 1)"
	     " SELECT c.id FROM cases c WHERE c.number = $4");

int quarantine_add(PGconn *conn, int64_t inbound_id, const char *reason)
{
	char idtext[24];
	const char *params[2] = {idtext, reason};

	snprintf(idtext, sizeof(idtext), "%lld", (long long)inbound_id);
	return db_run_exec(conn, &quarantine_add_insert, params);
}

/* The first QUARANTINE_NCOLUMNS columns of ROW, all in text, into OUT. */
static void quarantine_row_parse(const PGresult *res, int row, struct quarantine_row *out)
{
	out->id = db_result_int64(res, row, 0);
	out->inbound_id = db_result_int64(res, row, 1);
	out->created_at = db_result_text(res, row, 2);
	out->reason = db_result_text(res, row, 3);
	out->size = db_result_int64(res, row, 4);
	out->mailbox = db_result_text(res, row, 5);
	out->released_at = db_result_text_or_null(res, row, 6);
	out->released_by = db_result_text_or_null(res, row, 7);
}

int quarantine_list(PGconn *conn, bool all, struct quarantine_rows *out)
{
	const char *params[1] = {all ? "t" : "f"};
	PGresult *res;

	memset(out, 0, sizeof(*out));
	res = db_run_rows(conn, &quarantine_list_select, params, QUARANTINE_NCOLUMNS);
	if (res == NULL)
		return -1;
	out->v = db_result_rows(res, sizeof(*out->v));
	for (int r = 0; r < PQntuples(res); r++)
		quarantine_row_parse(res, r, &out->v[out->n++]);
	PQclear(res);
	return 0;
}

int quarantine_get(PGconn *conn, int64_t id, struct quarantine_row *out)
{
	char idtext[24];
	const char *params[1] = {idtext};
	PGresult *res;
	int found;

	memset(out, 0, sizeof(*out));
	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	res = db_run_bin(conn, &quarantine_get_select, params, NULL, NULL, 1, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	if (!db_result_has_fields(res, &quarantine_get_select, QUARANTINE_NCOLUMNS + 1)) {
		PQclear(res);
		return -1;
	}
	found = PQntuples(res) > 0;
	if (found) {
		size_t len = (size_t)PQgetlength(res, 0, QUARANTINE_NCOLUMNS);

		/* One byte more, a NUL, so that the bytes can be read as a string too. */
		out->raw = malloc(len + 1);
		if (out->raw == NULL) {
			log_warn("quarantine id=%lld: %zu bytes", (long long)id, len);
			PQclear(res);
			return -1;
		}
		memcpy(out->raw, PQgetvalue(res, 0, QUARANTINE_NCOLUMNS), len);
		out->raw[len] = '\0';
		out->raw_len = len;
		quarantine_row_parse(res, 0, out);
	}
	PQclear(res);
	return found;
}

void quarantine_row_free(struct quarantine_row *row)
{
	free(row->created_at);
	free(row->reason);
	free(row->mailbox);
	free(row->released_at);
	free(row->released_by);
	free(row->raw);
	memset(row, 0, sizeof(*row));
}

void quarantine_rows_free(struct quarantine_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++)
		quarantine_row_free(&rows->v[i]);
	free(rows->v);
	memset(rows, 0, sizeof(*rows));
}

/*
 * The release audit detail: {"quarantine": ID, "note": NOTE}, without
 * "note" when there is none (what jsonb_strip_nulls made of it).
 */
static char *release_detail(int64_t id, const char *note)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "{\"quarantine\":%lld", (long long)id);
	if (note != NULL) {
		buf_adds(&b, ",\"note\":");
		json_buf_string(&b, note);
	}
	buf_addc(&b, '}');
	return buf_steal(&b);
}

int quarantine_release(PGconn *conn, int64_t id, const struct quarantine_mail *mail,
		       const char *actor, const char *note, char number[16])
{
	char idtext[24], *detail;
	const char *p1[1] = {idtext};
	struct case_message m;
	PGresult *res;
	int rc;

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	if (db_begin(conn) == -1)
		return -1;
	res = db_run_rows(conn, &quarantine_release_select, p1, 2);
	if (res == NULL)
		goto fail;
	if (PQntuples(res) == 0) {
		PQclear(res);
		db_rollback(conn);
		return 0;
	}
	m = (struct case_message){
	    .inbound_id = db_result_int64(res, 0, 0),
	    .channel = "mail",
	    .subject = mail->subject,
	    .from_name = mail->from_name,
	    .from_address = mail->from_address,
	    .body_text = mail->body_text,
	    .decode_notes = PQgetvalue(res, 0, 1),
	};
	rc = case_file_message(conn, &m, number);
	PQclear(res);
	if (rc == -1)
		goto fail;
	{
		const char *params[4] = {idtext, actor, note, number};

		res = db_run(conn, &quarantine_release_update, params, PGRES_TUPLES_OK);
	}
	if (res == NULL)
		goto fail;
	if (!db_result_has_fields(res, &quarantine_release_update, 1)) {
		PQclear(res);
		goto fail;
	}
	rc = 0;
	if (PQntuples(res) == 1) {
		detail = release_detail(id, note);
		rc = audit_add(conn, db_result_int64(res, 0, 0), actor, "quarantine_release",
			       detail);
		free(detail);
	}
	PQclear(res);
	if (rc == -1 || db_commit(conn) == -1)
		goto fail;
	return 1;
fail:
	db_rollback(conn);
	return -1;
}
