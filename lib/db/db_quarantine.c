/*
 * db_quarantine.c - listing, showing and releasing quarantined messages.
 *
 * Release files the message as a case without trusting its structure: the
 * subject and sender come from the raw header lines, the text is the raw
 * bytes read as text (cut at 256 KB), so a message the decoder refused can
 * still be handled by staff.
 */
#include "db_quarantine.h"

#include "buf.h"
#include "charset.h"
#include "db.h"
#include "db_case.h"
#include "mailhdr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RELEASE_TEXT_MAX (256 * 1024)

#define QUARANTINE_COLUMNS                                                                         \
	"q.id, q.inbound_id,"                                                                       \
	" to_char(q.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), q.reason,"   \
	" i.size, i.mailbox,"                                                                       \
	" to_char(q.released_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"           \
	" q.released_by"

int quarantine_add(PGconn *conn, int64_t inbound_id, const char *reason)
{
	char idtext[24];
	const char *params[2] = {idtext, reason};

	snprintf(idtext, sizeof(idtext), "%lld", (long long)inbound_id);
	return db_exec(conn, "quarantine_add",
		       "WITH q AS (INSERT INTO quarantine (inbound_id, reason) VALUES ($1::bigint, $2)"
		       "  ON CONFLICT (inbound_id) DO NOTHING RETURNING inbound_id)"
		       " UPDATE inbound_messages SET disposition = 'quarantine' WHERE id = $1::bigint",
		       2, params);
}

PGresult *quarantine_list(PGconn *conn, bool all)
{
	const char *params[1] = {all ? "t" : "f"};

	return db_query(conn, "quarantine_list",
			"SELECT " QUARANTINE_COLUMNS " FROM quarantine q"
			" JOIN inbound_messages i ON i.id = q.inbound_id"
			" WHERE $1::boolean OR q.released_at IS NULL ORDER BY q.id",
			1, params, PGRES_TUPLES_OK);
}

PGresult *quarantine_get(PGconn *conn, int64_t id)
{
	char idtext[24];
	const char *params[1] = {idtext};

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	return db_query_bin(conn, "quarantine_get",
			    "SELECT q.id::text, q.inbound_id::text,"
			    " to_char(q.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
			    " q.reason, i.size::text, i.mailbox,"
			    " to_char(q.released_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
			    " q.released_by, i.raw"
			    " FROM quarantine q JOIN inbound_messages i ON i.id = q.inbound_id"
			    " WHERE q.id = $1::bigint",
			    1, params, NULL, NULL, 1, PGRES_TUPLES_OK);
}

int quarantine_release(PGconn *conn, int64_t id, const char *actor, const char *note,
		       char number[16])
{
	PGresult *res;
	const char *raw;
	size_t len, cut;
	char *subject_raw, *from_raw, *subject, idtext[24];
	struct mailhdr_address from;
	struct buf text = BUF_INIT;
	struct case_message m;
	int64_t inbound;
	int rc = -1, filed;

	if (db_begin(conn) == -1)
		return -1;
	res = quarantine_get(conn, id);
	if (res == NULL)
		goto fail;
	if (PQntuples(res) == 0 || !PQgetisnull(res, 0, 6)) {
		PQclear(res);
		db_rollback(conn);
		return 0;
	}
	inbound = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
	raw = PQgetvalue(res, 0, 8);
	len = (size_t)PQgetlength(res, 0, 8);
	subject_raw = mailhdr_get(raw, len, "Subject");
	from_raw = mailhdr_get(raw, len, "From");
	subject = mailhdr_decode(subject_raw ? subject_raw : "(quarantined message)", NULL);
	mailhdr_parse_address(from_raw, &from);
	cut = len < RELEASE_TEXT_MAX ? len : RELEASE_TEXT_MAX;
	charset_decode(NULL, raw, cut, &text);
	for (size_t i = 0; i < text.len; i++)
		if (text.data[i] == '\0')
			text.data[i] = ' ';
	m = (struct case_message){
	    .inbound_id = inbound,
	    .channel = "mail",
	    .subject = subject,
	    .from_name = from.name,
	    .from_address = from.address,
	    .body_text = text.data ? text.data : "",
	    .decode_notes = PQgetvalue(res, 0, 3),
	};
	filed = case_file_message(conn, &m, number);
	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	if (filed != -1) {
		const char *params[4] = {idtext, actor, note, number};

		filed = db_exec(conn, "quarantine_release",
				"WITH q AS (UPDATE quarantine SET released_at = now(), released_by = $2,"
				"  release_note = $3 WHERE id = $1::bigint RETURNING inbound_id),"
				" d AS (UPDATE inbound_messages SET disposition = 'case'"
				"  WHERE id = (SELECT inbound_id FROM q) RETURNING 1)"
				" INSERT INTO audit_log (case_id, actor, action, detail)"
				" SELECT c.id, $2, 'quarantine_release',"
				"  jsonb_strip_nulls(jsonb_build_object('quarantine', $1::bigint, 'note', $3::text))"
				" FROM cases c WHERE c.number = $4",
				4, params);
	}
	PQclear(res);
	free(subject_raw);
	free(from_raw);
	free(subject);
	mailhdr_address_free(&from);
	buf_free(&text);
	if (filed == -1 || db_commit(conn) == -1)
		goto fail;
	return 1;
fail:
	db_rollback(conn);
	return rc;
}
