/*
 * db_reply.c - SQL for staff replies; see db_reply.h.
 */
#include "db_reply.h"

#include "buf.h"
#include "db.h"
#include "db_audit.h"
#include "db_result.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* References: the last ten Message-IDs of the thread before the one answered. */
DB_STATEMENT(reply_target_select, 1,
	     "WITH c AS (SELECT * FROM cases WHERE number = $1),"
	     " last_in AS (SELECT m.id, m.message_id FROM case_messages m, c"
	     "  WHERE m.case_id = c.id AND m.direction = 'in' AND m.message_id IS NOT NULL"
	     "  ORDER BY m.id DESC LIMIT 1)"
	     " SELECT c.number, c.status, c.channel,"
	     " coalesce((SELECT m.number FROM cases m WHERE m.id = c.merged_into), ''),"
	     " c.requester_name, c.requester_address, c.subject, coalesce(c.fax_number, ''),"
	     " (SELECT message_id FROM last_in),"
	     " coalesce((SELECT string_agg('<' || t.message_id || '>', ' ' ORDER BY t.id)"
	     "  FROM (SELECT m.id, m.message_id FROM case_messages m WHERE m.case_id = c.id"
	     "  AND m.message_id IS NOT NULL AND m.id < coalesce((SELECT id FROM last_in), 0)"
	     "  ORDER BY m.id DESC LIMIT 10) t), '')"
	     " FROM c");

DB_STATEMENT(reply_lock, 1,
	     "SELECT id, status FROM cases WHERE number = $1 FOR UPDATE");

DB_STATEMENT(reply_outbox_insert, 5,
	     "INSERT INTO outbox (case_id, kind, rcpt, message_id, raw, staff)"
	     " VALUES ($1::bigint, 'reply', $2, $3, $4::bytea, $5) RETURNING id::text");

DB_STATEMENT(reply_message_insert, 7,
	     "INSERT INTO case_messages (case_id, direction, kind, via, author, message_id,"
	     " from_address, subject, sent_at, body_text)"
	     " VALUES ($1::bigint, 'out', 'reply', $2, $3, $4, $5, $6, now(), $7)");

/* A reply asks the requester something: the case waits, and someone owns it. */
DB_STATEMENT(reply_case_update, 3,
	     "UPDATE cases SET status = CASE WHEN $2::date IS NULL THEN status ELSE 'waiting' END,"
	     " wait_until = coalesce($2::date, wait_until), owner = coalesce(owner, $3),"
	     " updated_at = now() WHERE id = $1::bigint");

int db_reply_target(PGconn *conn, const char *number, struct reply_target *out)
{
	const char *p[1] = {number};
	PGresult *res;

	memset(out, 0, sizeof(*out));
	res = db_run_rows(conn, &reply_target_select, p, 10);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return 0;
	}
	snprintf(out->number, sizeof(out->number), "%s", PQgetvalue(res, 0, 0));
	snprintf(out->status, sizeof(out->status), "%s", PQgetvalue(res, 0, 1));
	snprintf(out->channel, sizeof(out->channel), "%s", PQgetvalue(res, 0, 2));
	snprintf(out->merged_into, sizeof(out->merged_into), "%s", PQgetvalue(res, 0, 3));
	out->requester_name = db_result_text(res, 0, 4);
	out->requester_address = db_result_text(res, 0, 5);
	out->subject = db_result_text(res, 0, 6);
	out->fax_number = db_result_text(res, 0, 7);
	out->in_reply_to = db_result_text_or_null(res, 0, 8);
	out->references = db_result_text(res, 0, 9);
	PQclear(res);
	return 1;
}

void reply_target_free(struct reply_target *t)
{
	free(t->requester_name);
	free(t->requester_address);
	free(t->subject);
	free(t->fax_number);
	free(t->in_reply_to);
	free(t->references);
	memset(t, 0, sizeof(*t));
}

static int audit_reply(PGconn *conn, const char *id, const struct reply_record *r,
		       const char *from_status)
{
	struct buf b = BUF_INIT;
	int rc;

	buf_adds(&b, "{\"via\":");
	json_buf_string(&b, r->via);
	buf_adds(&b, ",\"to\":");
	json_buf_string(&b, r->rcpt);
	buf_adds(&b, ",\"message_id\":");
	json_buf_string(&b, r->message_id);
	buf_adds(&b, ",\"from\":");
	json_buf_string(&b, from_status);
	buf_adds(&b, ",\"wait_until\":");
	json_buf_string(&b, r->wait_until);
	buf_addc(&b, '}');
	rc = audit_add(conn, strtoll(id, NULL, 10), r->actor, "reply", b.data);
	buf_free(&b);
	return rc;
}

int db_reply_record(PGconn *conn, const struct reply_record *r, int64_t *outbox_id)
{
	const char *p1[1] = {r->number};
	char id[24], status[16];
	PGresult *res;

	*outbox_id = 0;
	switch (db_begin_locked(conn, &reply_lock, p1, 2, &res)) {
	case 0:
		return 0;
	case -1:
		return -1;
	}
	snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, 0));
	snprintf(status, sizeof(status), "%s", PQgetvalue(res, 0, 1));
	PQclear(res);
	if (r->raw != NULL) {
		const char *p[5] = {id, r->rcpt, r->message_id, r->raw, r->actor};
		const int lengths[5] = {0, 0, 0, (int)r->len, 0}, formats[5] = {0, 0, 0, 1, 0};

		res = db_run_bin(conn, &reply_outbox_insert, p, lengths, formats, 0, PGRES_TUPLES_OK);
		if (res == NULL)
			goto fail;
		*outbox_id = PQntuples(res) == 1 ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
		PQclear(res);
	}
	{
		const char *p[7] = {id, r->via, r->actor, r->message_id, r->from, r->subject, r->body};
		const char *p3[3] = {id, r->wait_until, r->actor};

		if (db_run_exec(conn, &reply_message_insert, p) == -1 ||
		    db_run_exec(conn, &reply_case_update, p3) == -1)
			goto fail;
	}
	if (audit_reply(conn, id, r, status) == -1 || db_commit(conn) == -1)
		goto fail;
	return 1;
fail:
	db_rollback(conn);
	return -1;
}
