/*
 * db_split.c - SQL for splitting a message out of its case; the audit rows
 * go through audit_add() in the same transaction.
 */
#include "db_split.h"

#include "buf.h"
#include "db.h"
#include "db_audit.h"
#include "db_result.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DB_STATEMENT(case_split_lock, 1, "SELECT id FROM cases WHERE number = $1 FOR UPDATE");

DB_STATEMENT(case_split_message, 2,
	     "SELECT id, direction, message_id, subject, coalesce(own_words, body_text)"
	     " FROM (SELECT id, direction, message_id, subject, own_words, body_text,"
	     "  row_number() OVER (ORDER BY id) AS ord FROM case_messages"
	     "  WHERE case_id = $1::bigint) t WHERE ord = $2::int");

/* The same numbering as a new request's case (db_case.c), then the move. */
DB_STATEMENT(case_split_create, 4,
	     "WITH n AS (INSERT INTO case_counters AS cc (year, last_no)"
	     "  VALUES (extract(year FROM now() AT TIME ZONE 'Asia/Tokyo')::int, 1)"
	     "  ON CONFLICT (year) DO UPDATE SET last_no = cc.last_no + 1"
	     "  RETURNING year::text || '-' || to_char(last_no, 'FM000000') AS number),"
	     " c AS (INSERT INTO cases (number, channel, subject, requester_name,"
	     "  requester_address, received_at, mailbox, category, urgent, triage)"
	     "  SELECT n.number, o.channel, m.subject, m.from_name, m.from_address,"
	     "  coalesce(i.received_at, m.created_at), o.mailbox, $2::text,"
	     "  $3::boolean AND $2::text IS NOT NULL, $4::jsonb"
	     "  FROM n, case_messages m JOIN cases o ON o.id = m.case_id"
	     "  LEFT JOIN inbound_messages i ON i.id = m.inbound_id"
	     "  WHERE m.id = $1::bigint RETURNING id, number),"
	     " u AS (UPDATE case_messages SET case_id = c.id, kind = 'request',"
	     "  joined_heuristically = false FROM c WHERE case_messages.id = $1::bigint"
	     "  RETURNING case_messages.inbound_id),"
	     " d AS (UPDATE case_documents SET case_id = c.id FROM c, u"
	     "  WHERE case_documents.inbound_id = u.inbound_id RETURNING 1),"
	     " x AS (UPDATE inbound_messages SET disposition = 'case' FROM u"
	     "  WHERE inbound_messages.id = u.inbound_id RETURNING 1)"
	     " SELECT c.id, c.number, (SELECT count(*) FROM d), (SELECT count(*) FROM x) FROM c");

/* The split audit detail: {"message_id": ID or null, "from": OLD, "to": NEW}. */
static char *split_detail(const char *message_id, const char *from, const char *to)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "{\"message_id\":");
	json_buf_string(&b, message_id);
	buf_adds(&b, ",\"from\":");
	json_buf_string(&b, from);
	buf_adds(&b, ",\"to\":");
	json_buf_string(&b, to);
	buf_addc(&b, '}');
	return buf_steal(&b);
}

/* The result of a refusal: nothing was changed. */
static enum case_split_result refuse(PGconn *conn, PGresult *res, enum case_split_result r)
{
	PQclear(res);
	db_rollback(conn);
	return r;
}

enum case_split_result case_split(PGconn *conn, const char *number, int ordinal,
				  const char *actor, case_split_triage_fn triage, void *arg,
				  char new_number[CASE_NUMBER_LEN + 1])
{
	struct case_split_triage t = {NULL, false, NULL};
	char old_id[24], ord[16], row[24], *message_id = NULL, *detail;
	PGresult *res;
	int64_t new_id;
	int rc;

	if (db_begin(conn) == -1)
		return CASE_SPLIT_ERROR;
	{
		const char *p[1] = {number};

		res = db_run(conn, &case_split_lock, p, PGRES_TUPLES_OK);
	}
	if (res == NULL || !db_result_has_fields(res, &case_split_lock, 1))
		goto fail;
	if (PQntuples(res) == 0)
		return refuse(conn, res, CASE_SPLIT_NO_CASE);
	snprintf(old_id, sizeof(old_id), "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	snprintf(ord, sizeof(ord), "%d", ordinal);
	{
		const char *p[2] = {old_id, ord};

		res = db_run(conn, &case_split_message, p, PGRES_TUPLES_OK);
	}
	if (res == NULL || !db_result_has_fields(res, &case_split_message, 5))
		goto fail;
	if (PQntuples(res) == 0)
		return refuse(conn, res, CASE_SPLIT_NO_MESSAGE);
	if (ordinal == 1)
		return refuse(conn, res, CASE_SPLIT_FIRST);
	if (strcmp(PQgetvalue(res, 0, 1), "in") != 0)
		return refuse(conn, res, CASE_SPLIT_OUTBOUND);
	snprintf(row, sizeof(row), "%s", PQgetvalue(res, 0, 0));
	message_id = db_result_text_or_null(res, 0, 2);
	if (triage != NULL)
		triage(PQgetvalue(res, 0, 3), PQgetvalue(res, 0, 4), arg, &t);
	PQclear(res);
	{
		const char *p[4] = {row, t.category, t.urgent ? "t" : "f", t.json};

		res = db_run(conn, &case_split_create, p, PGRES_TUPLES_OK);
	}
	if (res == NULL || !db_result_has_fields(res, &case_split_create, 4) ||
	    PQntuples(res) != 1)
		goto fail;
	new_id = db_result_int64(res, 0, 0);
	snprintf(new_number, CASE_NUMBER_LEN + 1, "%s", PQgetvalue(res, 0, 1));
	PQclear(res);
	res = NULL;
	detail = split_detail(message_id, number, new_number);
	rc = audit_add(conn, strtoll(old_id, NULL, 10), actor, "split", detail);
	if (rc == 0)
		rc = audit_add(conn, new_id, actor, "split", detail);
	free(detail);
	if (rc == -1 || db_commit(conn) == -1)
		goto fail;
	free(message_id);
	return CASE_SPLIT_DONE;
fail:
	PQclear(res);
	free(message_id);
	db_rollback(conn);
	return CASE_SPLIT_ERROR;
}
