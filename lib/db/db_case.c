/*
 * db_case.c - SQL for cases, case_messages, case_documents and
 * case_counters; the audit rows of what staff do to a case go through
 * audit_add() in the same transaction.
 */
#include "db_case.h"

#include "buf.h"
#include "db.h"
#include "db_audit.h"
#include "db_result.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CASE_COLUMNS                                                                               \
	"c.number, c.status, c.channel, c.category, c.urgent, c.subject, c.requester_name,"       \
	" c.requester_address,"                                                                    \
	" to_char(c.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"      \
	" c.owner, c.wait_until::text"
#define CASE_NCOLUMNS 11

DB_STATEMENT(case_lock_inbound_select, 1,
	     "SELECT c.number FROM inbound_messages i"
	     " LEFT JOIN case_messages cm ON cm.inbound_id = i.id"
	     " LEFT JOIN cases c ON c.id = cm.case_id"
	     " WHERE i.id = $1::bigint FOR UPDATE OF i");

/*
 * One statement: the year's counter row stays locked from here to COMMIT,
 * so the less happens after it, the less workers wait.
 */
DB_STATEMENT(case_create, 21,
	     "WITH n AS (INSERT INTO case_counters AS cc (year, last_no)"
	     "  VALUES (extract(year FROM now() AT TIME ZONE 'Asia/Tokyo')::int, 1)"
	     "  ON CONFLICT (year) DO UPDATE SET last_no = cc.last_no + 1"
	     "  RETURNING year::text || '-' || to_char(last_no, 'FM000000') AS number),"
	     " c AS (INSERT INTO cases (number, channel, subject, requester_name,"
	     "  requester_address, received_at, fax_number, fax_csid,"
	     "  needs_manual_reading, mailbox, category, urgent, triage)"
	     "  SELECT n.number, $1, $2, coalesce($20::text, $3), coalesce($21::text, $4),"
	     "  i.received_at, $10, $11, $12::boolean,"
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
	     " SELECT c.number, m.id, (SELECT count(*) FROM d) FROM c JOIN m ON m.case_id = c.id");

DB_STATEMENT(case_add_document_insert, 11,
	     "INSERT INTO case_documents (case_id, inbound_id, kind, content_type,"
	     " filename, size, sha256, pages, ocr_text, ocr_confidence, ocr_error)"
	     " SELECT id, $2::bigint, $3, $4, $5, $6::int, $7::bytea, $8::int, $9,"
	     " $10::int, $11 FROM cases WHERE number = $1");

DB_STATEMENT(case_link_update, 2,
	     "UPDATE cases SET linked_case_id = (SELECT id FROM cases WHERE number = $2)"
	     " WHERE number = $1");

DB_STATEMENT(case_list_select, 12,
	     "SELECT " CASE_COLUMNS " FROM cases c"
	     " WHERE ($1::text IS NULL OR c.status = $1)"
	     " AND ($2::text IS NULL OR c.owner = $2)"
	     " AND (NOT $3::boolean OR c.owner IS NULL)"
	     " AND (NOT $4::boolean OR (c.status = 'waiting'"
	     "  AND c.wait_until <= (now() AT TIME ZONE 'Asia/Tokyo')::date))"
	     " AND (NOT $5::boolean OR c.urgent)"
	     " AND ($6::text IS NULL OR c.category = $6 OR c.category LIKE $6 || '.%')"
	     " AND ($7::text IS NULL OR c.channel = $7)"
	     " AND ($8::date IS NULL OR (c.received_at AT TIME ZONE 'Asia/Tokyo')::date >= $8::date)"
	     " AND ($9::date IS NULL OR (c.received_at AT TIME ZONE 'Asia/Tokyo')::date <= $9::date)"
	     /*
	      * The case's bigram set (sql/016_search.sql) holds exactly the
	      * bigrams of its texts: it answers a two-character search alone
	      * and narrows a longer one, which strpos then confirms (strpos,
	      * not LIKE: 「50%」 and 「a_b」 mean those characters); one character
	      * is strpos alone. The tests on $10 fold away when the statement
	      * is planned for its value, leaving the planner an indexable set
	      * test and a filter.
	      */
	     " AND ($10::text IS NULL OR ((length($10) < 2"
	     "  OR c.bigrams @> search_bigrams(lower($10)))"
	     "  AND ((length($10) = 2 AND strpos($10, chr(1)) = 0)"
	     "  OR strpos(lower(c.subject), lower($10)) > 0"
	     "  OR EXISTS (SELECT 1 FROM case_messages m WHERE m.case_id = c.id"
	     "  AND strpos(lower(m.body_text), lower($10)) > 0)"
	     "  OR EXISTS (SELECT 1 FROM case_documents d WHERE d.case_id = c.id"
	     "  AND strpos(lower(d.ocr_text), lower($10)) > 0))))"
	     /* A reply the mail server refused for good waits for staff. */
	     " AND (NOT $11::boolean OR EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.id"
	     "  AND o.state = 'failed'))"
	     " ORDER BY c.urgent DESC, c.received_at, c.number"
	     /* NULL: every case. */
	     " LIMIT $12::int");

DB_STATEMENT(case_get_select, 1,
	     "SELECT " CASE_COLUMNS ", c.id, c.resolution,"
	     " to_char(c.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
	     " c.fax_number, c.fax_csid, c.needs_manual_reading"
	     " FROM cases c WHERE c.number = $1");

DB_STATEMENT(case_messages_select, 1,
	     "SELECT direction, message_id, from_name, from_address, subject,"
	     " to_char(sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
	     " body_text, decode_notes, joined_heuristically, kind, via, author,"
	     " to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
	     /* An outbound mail's delivery, from the outbox that sends it. */
	     " (SELECT o.state FROM outbox o WHERE o.message_id = m.message_id),"
	     " (SELECT o.last_error FROM outbox o WHERE o.message_id = m.message_id)"
	     " FROM case_messages m WHERE case_id = $1::bigint ORDER BY id");

DB_STATEMENT(case_documents_select, 1,
	     "SELECT kind, content_type, filename, size, pages, ocr_confidence, ocr_error,"
	     " ocr_text FROM case_documents WHERE case_id = $1::bigint ORDER BY id");

/*
 * The case is locked (and its old category read) in the same statement
 * that changes it, and only when CODE is a category of the newest
 * knowledge base; the counts say which of the two was missing.
 */
DB_STATEMENT(case_recategorize_update, 2,
	     "WITH k AS (SELECT 1 FROM kb_categories WHERE code = $2"
	     "  AND version_id = (SELECT max(id) FROM kb_versions)),"
	     " old AS (SELECT id, category FROM cases WHERE number = $1 FOR UPDATE),"
	     " c AS (UPDATE cases SET category = $2, category_confirmed = true,"
	     "  updated_at = now() WHERE number = $1 AND EXISTS (SELECT 1 FROM k)"
	     "  RETURNING id)"
	     " SELECT (SELECT count(*) FROM k), (SELECT count(*) FROM old),"
	     " (SELECT count(*) FROM c), old.id, old.category"
	     " FROM (SELECT 1) one LEFT JOIN old ON true");

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
	res = db_run_rows(conn, &case_lock_inbound_select, p1, 1);
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
		const char *params[21] = {m->channel,
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
					  m->triage_json,
					  m->requester_name,
					  m->requester_address};

		res = db_run(conn, &case_create, params, PGRES_TUPLES_OK);
	}
	if (res == NULL)
		return -1;
	if (!db_result_has_fields(res, &case_create, 3) || PQntuples(res) != 1) {
		PQclear(res);
		return -1;
	}
	snprintf(number, CASE_NUMBER_LEN + 1, "%s", PQgetvalue(res, 0, 0));
	m->message_row = db_result_int64(res, 0, 1);
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
	res = db_run_bin(conn, &case_add_document_insert, params, lengths, formats, 0,
			 PGRES_COMMAND_OK);
	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}

int case_link(PGconn *conn, const char *number, const char *previous)
{
	const char *params[2] = {number, previous};

	return db_run_exec(conn, &case_link_update, params);
}

/* The CASE_COLUMNS of ROW into OUT. */
static void case_row_parse(const PGresult *res, int row, struct case_row *out)
{
	out->number = db_result_text(res, row, 0);
	out->status = db_result_text(res, row, 1);
	out->channel = db_result_text(res, row, 2);
	out->category = db_result_text_or_null(res, row, 3);
	out->urgent = db_result_bool(res, row, 4);
	out->subject = db_result_text(res, row, 5);
	out->requester_name = db_result_text(res, row, 6);
	out->requester_address = db_result_text(res, row, 7);
	out->received_at = db_result_text(res, row, 8);
	out->owner = db_result_text_or_null(res, row, 9);
	out->wait_until = db_result_text_or_null(res, row, 10);
}

int case_list(PGconn *conn, const struct case_filter *f, struct case_rows *out)
{
	char limit[16];
	const char *params[12] = {f->status,   f->owner,    f->unowned ? "t" : "f",
				  f->due ? "t" : "f", f->urgent ? "t" : "f", f->category,
				  f->channel,  f->since,    f->until,
				  f->search,   f->failed ? "t" : "f", f->limit > 0 ? limit : NULL};
	PGresult *res;

	snprintf(limit, sizeof(limit), "%d", f->limit);
	memset(out, 0, sizeof(*out));
	res = db_run_rows(conn, &case_list_select, params, CASE_NCOLUMNS);
	if (res == NULL)
		return -1;
	out->v = db_result_rows(res, sizeof(*out->v));
	for (int r = 0; r < PQntuples(res); r++)
		case_row_parse(res, r, &out->v[out->n++]);
	PQclear(res);
	return 0;
}

int case_get(PGconn *conn, const char *number, struct case_row *out)
{
	const char *params[1] = {number};
	PGresult *res;
	int found;

	memset(out, 0, sizeof(*out));
	res = db_run(conn, &case_get_select, params, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	if (!db_result_has_fields(res, &case_get_select, CASE_NCOLUMNS + 6)) {
		PQclear(res);
		return -1;
	}
	found = PQntuples(res) > 0;
	if (found) {
		case_row_parse(res, 0, out);
		out->id = db_result_int64(res, 0, CASE_NCOLUMNS);
		out->resolution = db_result_text_or_null(res, 0, CASE_NCOLUMNS + 1);
		out->closed_at = db_result_text_or_null(res, 0, CASE_NCOLUMNS + 2);
		out->fax_number = db_result_text_or_null(res, 0, CASE_NCOLUMNS + 3);
		out->fax_csid = db_result_text_or_null(res, 0, CASE_NCOLUMNS + 4);
		out->needs_manual_reading = db_result_bool(res, 0, CASE_NCOLUMNS + 5);
	}
	PQclear(res);
	return found;
}

void case_row_free(struct case_row *row)
{
	free(row->number);
	free(row->status);
	free(row->channel);
	free(row->category);
	free(row->subject);
	free(row->requester_name);
	free(row->requester_address);
	free(row->received_at);
	free(row->owner);
	free(row->wait_until);
	free(row->resolution);
	free(row->closed_at);
	free(row->fax_number);
	free(row->fax_csid);
	memset(row, 0, sizeof(*row));
}

void case_rows_free(struct case_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++)
		case_row_free(&rows->v[i]);
	free(rows->v);
	memset(rows, 0, sizeof(*rows));
}

int case_messages(PGconn *conn, int64_t case_id, struct case_message_rows *out)
{
	char id[24];
	const char *params[1] = {id};
	PGresult *res;

	memset(out, 0, sizeof(*out));
	snprintf(id, sizeof(id), "%lld", (long long)case_id);
	res = db_run_rows(conn, &case_messages_select, params, 15);
	if (res == NULL)
		return -1;
	out->v = db_result_rows(res, sizeof(*out->v));
	for (int r = 0; r < PQntuples(res); r++) {
		struct case_message_row *m = &out->v[out->n++];

		m->direction = db_result_text(res, r, 0);
		m->message_id = db_result_text_or_null(res, r, 1);
		m->from_name = db_result_text(res, r, 2);
		m->from_address = db_result_text(res, r, 3);
		m->subject = db_result_text(res, r, 4);
		m->sent_at = db_result_text_or_null(res, r, 5);
		m->body_text = db_result_text(res, r, 6);
		m->decode_notes = db_result_text_or_null(res, r, 7);
		m->joined_heuristically = db_result_bool(res, r, 8);
		m->kind = db_result_text(res, r, 9);
		m->via = db_result_text_or_null(res, r, 10);
		m->author = db_result_text_or_null(res, r, 11);
		m->created_at = db_result_text(res, r, 12);
		m->delivery = db_result_text_or_null(res, r, 13);
		m->delivery_error = db_result_text_or_null(res, r, 14);
	}
	PQclear(res);
	return 0;
}

void case_message_rows_free(struct case_message_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		struct case_message_row *m = &rows->v[i];

		free(m->direction);
		free(m->message_id);
		free(m->from_name);
		free(m->from_address);
		free(m->subject);
		free(m->sent_at);
		free(m->body_text);
		free(m->decode_notes);
		free(m->kind);
		free(m->via);
		free(m->author);
		free(m->created_at);
		free(m->delivery);
		free(m->delivery_error);
	}
	free(rows->v);
	memset(rows, 0, sizeof(*rows));
}

int case_documents(PGconn *conn, int64_t case_id, struct case_document_rows *out)
{
	char id[24];
	const char *params[1] = {id};
	PGresult *res;

	memset(out, 0, sizeof(*out));
	snprintf(id, sizeof(id), "%lld", (long long)case_id);
	res = db_run_rows(conn, &case_documents_select, params, 8);
	if (res == NULL)
		return -1;
	out->v = db_result_rows(res, sizeof(*out->v));
	for (int r = 0; r < PQntuples(res); r++) {
		struct case_document_row *d = &out->v[out->n++];

		d->kind = db_result_text(res, r, 0);
		d->content_type = db_result_text(res, r, 1);
		d->filename = db_result_text_or_null(res, r, 2);
		d->size = db_result_int64(res, r, 3);
		/* Stored as NULL, never as 0 pages or a negative confidence. */
		d->pages = PQgetisnull(res, r, 4) ? 0 : (int)db_result_int64(res, r, 4);
		d->ocr_confidence = PQgetisnull(res, r, 5) ? -1 : (int)db_result_int64(res, r, 5);
		d->ocr_error = db_result_text_or_null(res, r, 6);
		d->ocr_text = db_result_text_or_null(res, r, 7);
	}
	PQclear(res);
	return 0;
}

void case_document_rows_free(struct case_document_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		struct case_document_row *d = &rows->v[i];

		free(d->kind);
		free(d->content_type);
		free(d->filename);
		free(d->ocr_error);
		free(d->ocr_text);
	}
	free(rows->v);
	memset(rows, 0, sizeof(*rows));
}

/* The recategorize audit detail: {"from": OLD or null, "to": CODE}. */
static char *recategorize_detail(const char *old, const char *code)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "{\"from\":");
	json_buf_string(&b, old);
	buf_adds(&b, ",\"to\":");
	json_buf_string(&b, code);
	buf_addc(&b, '}');
	return buf_steal(&b);
}

int case_recategorize(PGconn *conn, const char *number, const char *code, const char *actor,
		      bool dry_run)
{
	const char *params[2] = {number, code};
	PGresult *res;
	char *detail;
	int rc;

	if (db_begin(conn) == -1)
		return -1;
	res = db_run_rows(conn, &case_recategorize_update, params, 5);
	if (res == NULL)
		goto fail;
	if (PQntuples(res) != 1) {
		PQclear(res);
		goto fail;
	}
	if (strcmp(PQgetvalue(res, 0, 0), "0") == 0 || strcmp(PQgetvalue(res, 0, 1), "0") == 0) {
		/* Nothing changed; what is missing decides the answer, the category first. */
		rc = strcmp(PQgetvalue(res, 0, 0), "0") == 0 ? 2 : 0;
		PQclear(res);
		db_rollback(conn);
		return rc;
	}
	rc = 0;
	if (strcmp(PQgetvalue(res, 0, 2), "0") != 0) {
		detail = recategorize_detail(PQgetisnull(res, 0, 4) ? NULL : PQgetvalue(res, 0, 4),
					     code);
		rc = audit_add(conn, db_result_int64(res, 0, 3), actor, "recategorize", detail);
		free(detail);
	}
	PQclear(res);
	if (rc == -1)
		goto fail;
	/* A dry run did it all, and lets the database forget it. */
	if (dry_run)
		db_rollback(conn);
	else if (db_commit(conn) == -1)
		goto fail;
	return 1;
fail:
	db_rollback(conn);
	return -1;
}
