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

int case_file_message(PGconn *conn, const struct case_message *m,
		      char number[CASE_NUMBER_LEN + 1])
{
	char inbound[24], sent[32];
	const char *p1[1] = {inbound};
	PGresult *res;

	snprintf(inbound, sizeof(inbound), "%lld", (long long)m->inbound_id);
	/* The row lock serialises two workers on the same message (an expired lease). */
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
	if (!PQgetisnull(res, 0, 0)) {
		snprintf(number, CASE_NUMBER_LEN + 1, "%s", PQgetvalue(res, 0, 0));
		PQclear(res);
		return 0;
	}
	PQclear(res);

	res = db_query(conn, "case_number",
		       "INSERT INTO case_counters AS cc (year, last_no)"
		       " VALUES (extract(year FROM now() AT TIME ZONE 'Asia/Tokyo')::int, 1)"
		       " ON CONFLICT (year) DO UPDATE SET last_no = cc.last_no + 1"
		       " RETURNING year, last_no",
		       0, NULL, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	snprintf(number, CASE_NUMBER_LEN + 1, "%04d-%06d", atoi(PQgetvalue(res, 0, 0)),
		 atoi(PQgetvalue(res, 0, 1)));
	PQclear(res);

	if (m->sent_at != 0)
		time_text(m->sent_at, sent, sizeof(sent));
	{
		const char *params[10] = {number,
					  m->channel,
					  m->subject,
					  m->from_name,
					  m->from_address,
					  inbound,
					  m->message_id,
					  m->sent_at != 0 ? sent : NULL,
					  m->body_text,
					  m->decode_notes};

		res = db_query(conn, "case_create",
			       "WITH c AS (INSERT INTO cases (number, channel, subject,"
			       "  requester_name, requester_address, received_at)"
			       "  SELECT $1, $2, $3, $4, $5, received_at FROM inbound_messages"
			       "  WHERE id = $6::bigint RETURNING id)"
			       " INSERT INTO case_messages (case_id, inbound_id, direction,"
			       "  message_id, from_name, from_address, subject, sent_at, body_text,"
			       "  decode_notes)"
			       " SELECT id, $6::bigint, 'in', $7, $4, $5, $3, $8::timestamptz, $9, $10"
			       " FROM c RETURNING case_id",
			       10, params, PGRES_TUPLES_OK);
	}
	if (res == NULL)
		return -1;
	PQclear(res);
	return 1;
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
			" to_char(c.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
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
