/*
 * db_outbox.c - SQL for the outbox.
 */
#include "db_outbox.h"

#include "db.h"
#include "db_result.h"
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

/* Binary result: the raw message as it is (the other columns are text either way). */
DB_STATEMENT(outbox_claim, 0,
	     "UPDATE outbox SET state = 'sending', attempts = attempts + 1,"
	     " next_attempt_at = now() + make_interval(secs => 60 * power(2, attempts))"
	     " WHERE id = (SELECT id FROM outbox WHERE state IN ('queued', 'sending')"
	     "  AND next_attempt_at <= now() ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)"
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
	if (!db_result_has_fields(res, &outbox_claim, 4))
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

int db_outbox_claim(PGconn *conn, struct db_outbox_mail *out)
{
	PGresult *res = db_run_bin(conn, &outbox_claim, NULL, NULL, NULL, 1, PGRES_TUPLES_OK);
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
