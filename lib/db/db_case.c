/*
 * db_case.c - SQL for cases, case_messages, case_counters and audit_log.
 */
#include "db_case.h"

#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CASE_COLUMNS                                                                               \
	"c.number, c.status, c.channel, c.category, c.urgent, c.subject, c.requester_name,"       \
	" c.requester_address,"                                                                    \
	" to_char(c.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static void time_text(time_t t, char *out, size_t outsz)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, outsz, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int case_lock_inbound(PGconn *conn, int64_t inbound_id, char number[CASE_NUMBER_LEN + 1])
{
	char inbound[24];
	const char *p1[1] = {inbound};
	PGresult *res;
	int rc;

	snprintf(inbound, sizeof(inbound), "%lld", (long long)inbound_id);
	res = db_query(conn, "case_lock_inbound",
		       "SELECT c.number FROM inbound_messages i"
		       " LEFT JOIN case_messages cm ON cm.inbound_id = i.id"
		       " LEFT JOIN cases c ON c.id = cm.case_id"
		       " WHERE i.id = $1::bigint FOR UPDATE OF i",
		       1, p1, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return -1;
	}
	rc = !PQgetisnull(res, 0, 0);
	if (rc)
		snprintf(number, CASE_NUMBER_LEN + 1, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return rc;
}

int case_file_message(PGconn *conn, struct case_message *m,
		      char number[CASE_NUMBER_LEN + 1])
{
	char inbound[24], sent[32];
	PGresult *res;

	snprintf(inbound, sizeof(inbound), "%lld", (long long)m->inbound_id);
	{
		int r = case_lock_inbound(conn, m->inbound_id, number);

		if (r != 0)
			return r == 1 ? 0 : -1;
	}
	if (m->sent_at != 0)
		time_text(m->sent_at, sent, sizeof(sent));
	{
		const char *params[19] = {m->channel,
					  m->subject,
					  m->from_name,
					  m->from_address,
					  inbound,
					  m->message_id,
					  m->sent_at != 0 ? sent : NULL,
					  m->body_text,
					  m->decode_notes,
					  m->fax_number,
					  m->fax_csid,
					  m->needs_manual_reading ? "t" : "f",
					  m->own_words,
					  m->body_sha256_hex,
					  m->in_reply_to,
					  m->mailbox,
					  m->category,
					  m->urgent ? "t" : "f",
					  m->triage_json};

		/*
		 * One statement: the year's counter row stays locked from here to
		 * COMMIT, so the less happens after it, the less workers wait.
		 */
		res = db_query(conn, "case_create",
			       "WITH n AS (INSERT INTO case_counters AS cc (year, last_no)"
			       "  VALUES (extract(year FROM now() AT TIME ZONE 'Asia/Tokyo')::int, 1)"
			       "  ON CONFLICT (year) DO UPDATE SET last_no = cc.last_no + 1"
			       "  RETURNING year::text || '-' || to_char(last_no, 'FM000000') AS number),"
			       " c AS (INSERT INTO cases (number, channel, subject, requester_name,"
			       "  requester_address, received_at, fax_number, fax_csid,"
			       "  needs_manual_reading, mailbox, category, urgent, triage)"
			       "  SELECT n.number, $1, $2, $3, $4, i.received_at, $10, $11, $12::boolean,"
			       "  $16, $17::text, $18::boolean AND $17::text IS NOT NULL, $19::jsonb"
			       "  FROM n, inbound_messages i WHERE i.id = $5::bigint"
			       "  RETURNING id, number),"
			       " m AS (INSERT INTO case_messages (case_id, inbound_id, direction,"
			       "  message_id, from_name, from_address, subject, sent_at, body_text,"
			       "  decode_notes, own_words, body_sha256, in_reply_to)"
			       "  SELECT c.id, $5::bigint, 'in', $6, $3, $4, $2, $7::timestamptz, $8, $9,"
			       "  $13, decode($14, 'hex'), $15 FROM c RETURNING id, case_id),"
			       " d AS (UPDATE inbound_messages SET disposition = 'case'"
			       "  WHERE id = $5::bigint RETURNING 1)"
			       " SELECT c.number, m.id, (SELECT count(*) FROM d) FROM c JOIN m ON m.case_id = c.id",
			       19, params, PGRES_TUPLES_OK);
	}
	if (res != NULL && PQntuples(res) == 1) {
		snprintf(number, CASE_NUMBER_LEN + 1, "%s", PQgetvalue(res, 0, 0));
		m->message_row = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
	}
	else if (res != NULL) {
		PQclear(res);
		return -1;
	}
	if (res == NULL)
		return -1;
	PQclear(res);
	return 1;
}

int case_add_document(PGconn *conn, const char *number, const struct case_document *doc)
{
	char inbound[24], size[24], pages[16], conf[16];
	const char *params[11] = {number,
				  inbound,
				  doc->kind,
				  doc->content_type,
				  doc->filename,
				  size,
				  (const char *)doc->sha256,
				  doc->pages > 0 ? pages : NULL,
				  doc->ocr_text,
				  doc->ocr_confidence >= 0 ? conf : NULL,
				  doc->ocr_error};
	int lengths[11] = {0, 0, 0, 0, 0, 0, 32, 0, 0, 0, 0};
	int formats[11] = {0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0};
	PGresult *res;

	snprintf(inbound, sizeof(inbound), "%lld", (long long)doc->inbound_id);
	snprintf(size, sizeof(size), "%zu", doc->size);
	snprintf(pages, sizeof(pages), "%d", doc->pages);
	snprintf(conf, sizeof(conf), "%d", doc->ocr_confidence);
	res = db_query_bin(conn, "case_add_document",
			   "INSERT INTO case_documents (case_id, inbound_id, kind, content_type,"
			   " filename, size, sha256, pages, ocr_text, ocr_confidence, ocr_error)"
			   " SELECT id, $2::bigint, $3, $4, $5, $6::int, $7::bytea, $8::int, $9,"
			   " $10::int, $11 FROM cases WHERE number = $1",
			   11, params, lengths, formats, 0, PGRES_COMMAND_OK);
	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}

int case_link(PGconn *conn, const char *number, const char *previous)
{
	const char *params[2] = {number, previous};

	return db_exec(conn, "case_link",
		       "UPDATE cases SET linked_case_id = (SELECT id FROM cases WHERE number = $2)"
		       " WHERE number = $1",
		       2, params);
}

PGresult *case_documents(PGconn *conn, const char *case_id)
{
	const char *params[1] = {case_id};

	return db_query(conn, "case_documents",
			"SELECT kind, content_type, filename, size, pages, ocr_confidence, ocr_error,"
			" ocr_text FROM case_documents WHERE case_id = $1::bigint ORDER BY id",
			1, params, PGRES_TUPLES_OK);
}

PGresult *case_list(PGconn *conn, const char *status)
{
	const char *params[1] = {status};

	return db_query(conn, "case_list",
			"SELECT " CASE_COLUMNS " FROM cases c"
			" WHERE $1::text IS NULL OR c.status = $1 ORDER BY c.number",
			1, params, PGRES_TUPLES_OK);
}

PGresult *case_get(PGconn *conn, const char *number)
{
	const char *params[1] = {number};

	return db_query(conn, "case_get",
			"SELECT " CASE_COLUMNS ", c.id, c.resolution,"
			" to_char(c.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
			" c.fax_number, c.fax_csid, c.needs_manual_reading"
			" FROM cases c WHERE c.number = $1",
			1, params, PGRES_TUPLES_OK);
}

PGresult *case_messages(PGconn *conn, const char *case_id)
{
	const char *params[1] = {case_id};

	return db_query(conn, "case_messages",
			"SELECT direction, message_id, from_name, from_address, subject,"
			" to_char(sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
			" body_text, decode_notes FROM case_messages"
			" WHERE case_id = $1::bigint ORDER BY id",
			1, params, PGRES_TUPLES_OK);
}

int case_close(PGconn *conn, const char *number, const char *resolution, const char *note,
	       const char *actor)
{
	const char *p1[1] = {number};
	PGresult *res;
	char id[24];
	int rc;

	if (db_begin(conn) == -1)
		return -1;
	res = db_query(conn, "case_close_lock",
		       "SELECT id, status FROM cases WHERE number = $1 FOR UPDATE", 1, p1,
		       PGRES_TUPLES_OK);
	if (res == NULL)
		goto fail;
	if (PQntuples(res) == 0 || strcmp(PQgetvalue(res, 0, 1), "closed") == 0) {
		rc = PQntuples(res) == 0 ? 0 : 2;
		PQclear(res);
		db_rollback(conn);
		return rc;
	}
	snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	{
		const char *p2[2] = {id, resolution};

		if (db_exec(conn, "case_close",
			    "UPDATE cases SET status = 'closed', resolution = $2,"
			    " closed_at = now(), updated_at = now() WHERE id = $1::bigint",
			    2, p2) == -1)
			goto fail;
	}
	{
		const char *p4[4] = {id, actor, resolution, note};

		if (db_exec(conn, "case_close_audit",
			    "INSERT INTO audit_log (case_id, actor, action, detail)"
			    " VALUES ($1::bigint, $2, 'close',"
			    " jsonb_strip_nulls(jsonb_build_object('resolution', $3::text,"
			    " 'note', $4::text)))",
			    4, p4) == -1)
			goto fail;
	}
	if (db_commit(conn) == -1)
		goto fail;
	return 1;
fail:
	db_rollback(conn);
	return -1;
}
