/*
 * db_outbox.c - SQL for the outbox.
 */
#include "db_outbox.h"

#include "db.h"
#include "db_audit.h"
#include "db_result.h"
#include "pgarray.h"
#include "log.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DB_STATEMENT(outbox_recent, 1,
	     "SELECT count(*) FROM outbox WHERE kind IN ('ack', 'notice') AND rcpt = $1"
	     " AND created_at > now() - interval '1 day'");

/* One statement: the mail and its record with the case are written together. */
DB_STATEMENT(outbox_add, 5,
	     "WITH c AS (SELECT id, subject FROM cases WHERE number = $1),"
	     " o AS (INSERT INTO outbox (case_id, kind, rcpt, message_id, raw)"
	     "  SELECT id, $5, $2, $3, $4::bytea FROM c RETURNING id)"
	     " INSERT INTO case_messages (case_id, direction, kind, message_id,"
	     "  from_address, subject, sent_at, body_text)"
	     " SELECT c.id, 'out', CASE $5 WHEN 'ack' THEN 'ack' ELSE 'reply' END, $3, '',"
	     "  '[相談#' || $1 || '] ' || CASE $5 WHEN 'ack' THEN '受付のお知らせ'"
	     "  ELSE '終了したご相談について' END,"
	     "  now(), convert_from($4::bytea, 'UTF8') FROM c, o");

/*
 * outbox_add for a batch of acknowledgements, the daily cap included: a
 * recipient who had CAP already in the last day gets none. The numbers of
 * the cases whose acknowledgement was queued come back.
 */
DB_STATEMENT(outbox_add_acks, 5,
	     "WITH src AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[])"
	     "  WITH ORDINALITY AS s(number, rcpt, message_id, raw, ord)),"
	     " ok AS (SELECT s.*, c.id AS case_id FROM src s JOIN cases c ON c.number = s.number"
	     "  WHERE (SELECT count(*) FROM outbox o WHERE o.kind IN ('ack', 'notice')"
	     "   AND o.rcpt = s.rcpt AND o.created_at > now() - interval '1 day') < $5::int),"
	     " o AS (INSERT INTO outbox (case_id, kind, rcpt, message_id, raw)"
	     "  SELECT case_id, 'ack', rcpt, message_id, raw FROM ok ORDER BY ord RETURNING id),"
	     " m AS (INSERT INTO case_messages (case_id, direction, kind, message_id,"
	     "  from_address, subject, sent_at, body_text)"
	     "  SELECT ok.case_id, 'out', 'ack', ok.message_id, '',"
	     "  '[相談#' || ok.number || '] 受付のお知らせ', now(), convert_from(ok.raw, 'UTF8')"
	     "  FROM ok ORDER BY ord RETURNING id)"
	     " SELECT ok.number FROM ok ORDER BY ok.ord");

/* Binary result: the raw message as it is (the other columns are text either way). */
DB_STATEMENT(outbox_claim, 1,
	     "UPDATE outbox SET state = 'sending', attempts = attempts + 1,"
	     " next_attempt_at = now() + make_interval(secs => $1::int * power(2, attempts))"
	     " WHERE id = (SELECT id FROM outbox WHERE state IN ('queued', 'sending')"
	     "  AND next_attempt_at <= now() ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)"
	     " RETURNING id::text, rcpt, raw, attempts::text");

/* One mail just queued, unless a worker has claimed it first. */
DB_STATEMENT(outbox_claim_id, 2,
	     "UPDATE outbox SET state = 'sending', attempts = attempts + 1,"
	     " next_attempt_at = now() + make_interval(secs => $2::int * power(2, attempts))"
	     " WHERE id = (SELECT id FROM outbox WHERE id = $1::bigint AND state = 'queued'"
	     "  FOR UPDATE SKIP LOCKED)"
	     " RETURNING id::text, rcpt, raw, attempts::text");

DB_STATEMENT(outbox_done, 3,
	     "UPDATE outbox SET state = $3, last_error = $2,"
	     " sent_at = CASE WHEN $3 = 'sent' THEN now() END WHERE id = $1::bigint");

int db_outbox_recent(PGconn *conn, const char *rcpt, int *count)
{
	const char *params[1] = {rcpt};
	PGresult *res = db_run(conn, &outbox_recent, params, PGRES_TUPLES_OK);
	int rc = -1;

	if (res == NULL)
		return -1;
	if (db_result_has_fields(res, &outbox_recent, 1) && PQntuples(res) == 1) {
		*count = atoi(PQgetvalue(res, 0, 0));
		rc = 0;
	}
	PQclear(res);
	return rc;
}

int db_outbox_add(PGconn *conn, const char *number, const char *kind, const char *rcpt,
		  const char *message_id, const void *raw, size_t len)
{
	const char *params[5] = {number, rcpt, message_id, (const char *)raw, kind};
	const int lengths[5] = {0, 0, 0, (int)len, 0}, formats[5] = {0, 0, 0, 1, 0};
	PGresult *res = db_run_bin(conn, &outbox_add, params, lengths, formats, 0, PGRES_COMMAND_OK);

	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}

static int parse_mail(const PGresult *res, struct db_outbox_mail *out)
{
	if (PQnfields(res) != 4)
		return -1;
	out->id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	out->len = (size_t)PQgetlength(res, 0, 2);
	out->rcpt = strdup(PQgetvalue(res, 0, 1));
	/* One byte more: an empty message is still an allocation. */
	out->raw = malloc(out->len + 1);
	if (out->rcpt == NULL || out->raw == NULL) {
		log_warnx("db query=%s error=\"out of memory\"", outbox_claim.name);
		return -1;
	}
	memcpy(out->raw, PQgetvalue(res, 0, 2), out->len);
	out->attempts = atoi(PQgetvalue(res, 0, 3));
	return 1;
}

/* Runs a claim statement (binary result) with PARAMS, text format. */
static int claim(PGconn *conn, const struct db_stmt *stmt, const char *const *params,
		 struct db_outbox_mail *out)
{
	PGresult *res = db_run_bin(conn, stmt, params, NULL, NULL, 1, PGRES_TUPLES_OK);
	int rc;

	memset(out, 0, sizeof(*out));
	if (res == NULL)
		return -1;
	rc = PQntuples(res) == 0 ? 0 : parse_mail(res, out);
	PQclear(res);
	if (rc == -1)
		db_outbox_mail_free(out);
	return rc;
}

int db_outbox_claim(PGconn *conn, int retry_interval, struct db_outbox_mail *out)
{
	char iv[16];
	const char *p[1] = {iv};

	snprintf(iv, sizeof(iv), "%d", retry_interval);
	return claim(conn, &outbox_claim, p, out);
}

int db_outbox_claim_id(PGconn *conn, int64_t id, int retry_interval, struct db_outbox_mail *out)
{
	char idtext[24], iv[16];
	const char *p[2] = {idtext, iv};

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	snprintf(iv, sizeof(iv), "%d", retry_interval);
	return claim(conn, &outbox_claim_id, p, out);
}

void db_outbox_mail_free(struct db_outbox_mail *m)
{
	free(m->rcpt);
	free(m->raw);
	memset(m, 0, sizeof(*m));
}

int db_outbox_done(PGconn *conn, int64_t id, const char *state, const char *error)
{
	char idtext[24];
	const char *params[3] = {idtext, error, state};

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	return db_run_exec(conn, &outbox_done, params);
}

DB_STATEMENT(outbox_list_select, 1,
	     "SELECT o.id::text, c.number, o.kind, o.rcpt, o.state, o.attempts::text, o.last_error,"
	     " to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
	     " CASE WHEN o.state = 'queued' THEN"
	     "  to_char(o.next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') END,"
	     " o.staff FROM outbox o JOIN cases c ON c.id = o.case_id"
	     " WHERE $1::boolean OR o.state IN ('queued', 'sending', 'failed') ORDER BY o.id");

DB_STATEMENT(outbox_retry_update, 1,
	     "UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = now()"
	     " WHERE id = $1::bigint AND state IN ('queued', 'failed') RETURNING case_id::text");

DB_STATEMENT(outbox_cancel_update, 1,
	     "UPDATE outbox SET state = 'cancelled' WHERE id = $1::bigint"
	     " AND state IN ('queued', 'failed') RETURNING case_id::text");

int db_outbox_list(PGconn *conn, bool all, struct db_outbox_rows *out)
{
	const char *p[1] = {all ? "true" : "false"};
	PGresult *res;

	memset(out, 0, sizeof(*out));
	res = db_run_rows(conn, &outbox_list_select, p, 10);
	if (res == NULL)
		return -1;
	out->v = db_result_rows(res, sizeof(*out->v));
	for (int r = 0; r < PQntuples(res); r++) {
		struct db_outbox_row *o = &out->v[out->n++];

		o->id = db_result_int64(res, r, 0);
		o->case_number = db_result_text(res, r, 1);
		o->kind = db_result_text(res, r, 2);
		o->rcpt = db_result_text(res, r, 3);
		o->state = db_result_text(res, r, 4);
		o->attempts = (int)db_result_int64(res, r, 5);
		o->last_error = db_result_text_or_null(res, r, 6);
		o->created_at = db_result_text(res, r, 7);
		o->next_attempt_at = db_result_text_or_null(res, r, 8);
		o->staff = db_result_text_or_null(res, r, 9);
	}
	PQclear(res);
	return 0;
}

void db_outbox_rows_free(struct db_outbox_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		struct db_outbox_row *o = &rows->v[i];

		free(o->case_number);
		free(o->kind);
		free(o->rcpt);
		free(o->state);
		free(o->last_error);
		free(o->created_at);
		free(o->next_attempt_at);
		free(o->staff);
	}
	free(rows->v);
	memset(rows, 0, sizeof(*rows));
}

int db_outbox_staff(PGconn *conn, int64_t id, const char *what, const char *actor)
{
	char idtext[24], detail[64], action[32];
	const char *p[1] = {idtext};
	bool retry = strcmp(what, "retry") == 0;
	PGresult *res;
	int64_t case_id;

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	if (db_begin(conn) == -1)
		return -1;
	res = db_run_rows(conn, retry ? &outbox_retry_update : &outbox_cancel_update, p, 1);
	if (res == NULL)
		goto fail;
	if (PQntuples(res) == 0) {
		PQclear(res);
		db_rollback(conn);
		return 0;
	}
	case_id = db_result_int64(res, 0, 0);
	PQclear(res);
	snprintf(detail, sizeof(detail), "{\"outbox\":%s}", idtext);
	snprintf(action, sizeof(action), "outbox_%s", retry ? "retry" : "cancel");
	if (audit_add(conn, case_id, actor, action, detail) == -1 || db_commit(conn) == -1)
		goto fail;
	return 1;
fail:
	db_rollback(conn);
	return -1;
}

int db_outbox_add_acks(PGconn *conn, const char *const *numbers, const char *const *rcpts,
		       const char *const *message_ids, const struct buf *raws, size_t n, int cap,
		       bool *queued)
{
	struct pgarray a[4];
	char capt[16];
	const char *params[5];
	int lengths[5] = {0}, formats[5] = {1, 1, 1, 1, 0};
	PGresult *res;

	pgarray_init(&a[0], PG_OID_TEXT);
	pgarray_init(&a[1], PG_OID_TEXT);
	pgarray_init(&a[2], PG_OID_TEXT);
	pgarray_init(&a[3], PG_OID_BYTEA);
	for (size_t i = 0; i < n; i++) {
		pgarray_add(&a[0], numbers[i], strlen(numbers[i]));
		pgarray_add(&a[1], rcpts[i], strlen(rcpts[i]));
		pgarray_add(&a[2], message_ids[i], strlen(message_ids[i]));
		pgarray_add(&a[3], raws[i].data, raws[i].len);
		queued[i] = false;
	}
	for (int i = 0; i < 4; i++)
		params[i] = pgarray_value(&a[i], &lengths[i]);
	snprintf(capt, sizeof(capt), "%d", cap);
	params[4] = capt;
	res = db_run_bin(conn, &outbox_add_acks, params, lengths, formats, 0, PGRES_TUPLES_OK);
	for (int i = 0; i < 4; i++)
		pgarray_free(&a[i]);
	if (res == NULL)
		return -1;
	/* The numbers are distinct and in the batch's order. */
	for (int r = 0, i = 0; r < PQntuples(res); r++) {
		while ((size_t)i < n && strcmp(numbers[i], PQgetvalue(res, r, 0)) != 0)
			i++;
		if ((size_t)i < n)
			queued[i++] = true;
	}
	PQclear(res);
	return 0;
}
