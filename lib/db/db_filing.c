/*
 * db_filing.c - SQL for filing a batch of new cases at once. Each
 * statement takes the batch as arrays (pgarray) and gives one row per
 * mail back in the batch's order (WITH ORDINALITY).
 */
#include "db_filing.h"

#include "db.h"
#include "db_result.h"
#include "pgarray.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The same sender lock as thread_lock_sender, in ascending order of its key. */
DB_STATEMENT(filing_lock_select, 2,
	     "WITH i AS (SELECT id FROM inbound_messages WHERE id = ANY($1::bigint[])"
	     "  ORDER BY id FOR UPDATE),"
	     " s AS (SELECT pg_advisory_xact_lock(hashtext('madoguchi.sender'), h)"
	     "  FROM (SELECT DISTINCT hashtext(lower(a)) AS h FROM unnest($2::text[]) a"
	     "   WHERE a <> '' ORDER BY 1) k)"
	     " SELECT (SELECT count(*) FROM i), (SELECT count(*) FROM s)");

/*
 * The candidates' test is thread_candidates_select's, asked only whether
 * there is one. Each test is a scalar subquery, one index probe per mail:
 * an EXISTS may be planned as a hash of the whole table (a cached plan
 * made while the table was small keeps doing so as it grows).
 */
DB_STATEMENT(filing_check_select, 5,
	     "SELECT (SELECT c.number FROM case_messages cm JOIN cases c ON c.id = cm.case_id"
	     "  WHERE cm.inbound_id = u.inbound LIMIT 1),"
	     " coalesce((SELECT true FROM case_messages m WHERE m.message_id = u.message_id"
	     "  AND m.body_sha256 = decode(u.sha, 'hex') LIMIT 1), false),"
	     " coalesce((SELECT true FROM cases c WHERE lower(c.requester_address) = lower(u.sender)"
	     "  AND u.sender <> '' AND c.channel = 'mail' AND c.merged_into IS NULL"
	     "  AND (c.status <> 'closed' OR c.closed_at > now() - make_interval(days => $5::int))"
	     "  LIMIT 1), false)"
	     " FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[])"
	     " WITH ORDINALITY AS u(inbound, message_id, sha, sender, ord) ORDER BY u.ord");

/*
 * case_create's statement for a batch of mail: the counter moves by the
 * batch's size once, and the batch's K cases take its K numbers in order.
 */
DB_STATEMENT(filing_cases_insert, 15,
	     "WITH src AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[],"
	     "  $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],"
	     "  $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])"
	     "  WITH ORDINALITY AS s(inbound, subject, from_name, from_address, message_id, sent_at,"
	     "  body, notes, own_words, sha, mailbox, category, triage, urgent, grams, ord)),"
	     " k AS (SELECT count(*)::int AS k FROM src),"
	     " n AS (INSERT INTO case_counters AS cc (year, last_no)"
	     "  SELECT extract(year FROM now() AT TIME ZONE 'Asia/Tokyo')::int, k.k FROM k"
	     "  ON CONFLICT (year) DO UPDATE SET last_no = cc.last_no + EXCLUDED.last_no"
	     "  RETURNING year, last_no),"
	     " ns AS (SELECT s.*, n.year::text || '-' || to_char(n.last_no - k.k + s.ord, 'FM000000')"
	     "  AS number FROM src s, n, k),"
	     /* The whole search set comes with it (sql/028_filing_lean.sql). */
	     " c AS (INSERT INTO cases (number, channel, subject, requester_name,"
	     "  requester_address, received_at, mailbox, category, urgent, triage, bigrams)"
	     "  SELECT ns.number, 'mail', ns.subject, ns.from_name, ns.from_address, i.received_at,"
	     "  ns.mailbox, ns.category,"
	     "  ns.urgent::boolean AND ns.category IS NOT NULL,"
	     "  ns.triage::jsonb, search_bigrams_given(ns.grams)"
	     "  FROM ns JOIN inbound_messages i ON i.id = ns.inbound ORDER BY ns.ord"
	     "  RETURNING id, number),"
	     " m AS (INSERT INTO case_messages (case_id, inbound_id, direction, message_id,"
	     "  from_name, from_address, subject, sent_at, body_text, decode_notes, own_words,"
	     "  body_sha256, in_search_set)"
	     "  SELECT c.id, ns.inbound, 'in', ns.message_id, ns.from_name, ns.from_address,"
	     "  ns.subject, ns.sent_at::timestamptz, ns.body, ns.notes, ns.own_words,"
	     "  decode(ns.sha, 'hex'), true FROM ns JOIN c ON c.number = ns.number ORDER BY ns.ord"
	     "  RETURNING id, inbound_id),"
	     " d AS (UPDATE inbound_messages SET disposition = 'case'"
	     "  WHERE id IN (SELECT inbound FROM src))"
	     " SELECT ns.ord, ns.number, m.id FROM ns JOIN m ON m.inbound_id = ns.inbound"
	     " ORDER BY ns.ord");

static void add_text(struct pgarray *a, const char *s)
{
	pgarray_add(a, s, s != NULL ? strlen(s) : 0);
}

static void add_texts(struct pgarray *a, const char *const *v, size_t n)
{
	pgarray_init(a, PG_OID_TEXT);
	for (size_t i = 0; i < n; i++)
		add_text(a, v[i]);
}

int filing_lock(PGconn *conn, const int64_t *inbound, const char *const *senders, size_t n)
{
	struct pgarray ids, who;
	const char *params[2];
	int lengths[2], formats[2] = {1, 1};
	PGresult *res;

	pgarray_of_int8(&ids, inbound, n);
	add_texts(&who, senders, n);
	params[0] = pgarray_value(&ids, &lengths[0]);
	params[1] = pgarray_value(&who, &lengths[1]);
	res = db_run_bin(conn, &filing_lock_select, params, lengths, formats, 0, PGRES_TUPLES_OK);
	pgarray_free(&ids);
	pgarray_free(&who);
	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}

int filing_check(PGconn *conn, const int64_t *inbound, const char *const *message_ids,
		 const char *const *sha_hex, const char *const *senders, size_t n, int join_days,
		 struct filing_state *out)
{
	struct pgarray a[4];
	char days[16];
	const char *params[5];
	int lengths[5] = {0}, formats[5] = {1, 1, 1, 1, 0};
	PGresult *res;
	int rc = -1;

	pgarray_of_int8(&a[0], inbound, n);
	add_texts(&a[1], message_ids, n);
	add_texts(&a[2], sha_hex, n);
	add_texts(&a[3], senders, n);
	for (int i = 0; i < 4; i++)
		params[i] = pgarray_value(&a[i], &lengths[i]);
	snprintf(days, sizeof(days), "%d", join_days);
	params[4] = days;
	res = db_run_bin(conn, &filing_check_select, params, lengths, formats, 0, PGRES_TUPLES_OK);
	for (int i = 0; i < 4; i++)
		pgarray_free(&a[i]);
	if (res == NULL)
		return -1;
	if (db_result_has_fields(res, &filing_check_select, 3) && (size_t)PQntuples(res) == n) {
		for (size_t i = 0; i < n; i++) {
			snprintf(out[i].filed, sizeof(out[i].filed), "%s", PQgetvalue(res, (int)i, 0));
			out[i].duplicate = db_result_bool(res, (int)i, 1);
			out[i].candidates = db_result_bool(res, (int)i, 2);
		}
		rc = 0;
	}
	PQclear(res);
	return rc;
}

static void time_text(time_t t, char *out, size_t outsz)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, outsz, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int filing_cases(PGconn *conn, struct case_message *const *m, size_t n,
		 char (*numbers)[CASE_NUMBER_LEN + 1])
{
	struct pgarray a[15];
	const char *params[15];
	int lengths[15], formats[15];
	PGresult *res;
	int rc = -1;

	pgarray_init(&a[0], PG_OID_INT8);
	for (int i = 1; i < 15; i++)
		pgarray_init(&a[i], PG_OID_TEXT);
	for (size_t i = 0; i < n; i++) {
		char sent[32];

		if (m[i]->sent_at != 0)
			time_text(m[i]->sent_at, sent, sizeof(sent));
		pgarray_add_int8(&a[0], m[i]->inbound_id);
		add_text(&a[1], m[i]->subject);
		add_text(&a[2], m[i]->from_name);
		add_text(&a[3], m[i]->from_address);
		add_text(&a[4], m[i]->message_id);
		add_text(&a[5], m[i]->sent_at != 0 ? sent : NULL);
		add_text(&a[6], m[i]->body_text);
		add_text(&a[7], m[i]->decode_notes);
		add_text(&a[8], m[i]->own_words);
		add_text(&a[9], m[i]->body_sha256_hex);
		add_text(&a[10], m[i]->mailbox);
		add_text(&a[11], m[i]->category);
		add_text(&a[12], m[i]->triage_json);
		add_text(&a[13], m[i]->urgent ? "t" : "f");
		add_text(&a[14], m[i]->search_bigrams);
	}
	for (int i = 0; i < 15; i++) {
		params[i] = pgarray_value(&a[i], &lengths[i]);
		formats[i] = 1;
	}
	res = db_run_bin(conn, &filing_cases_insert, params, lengths, formats, 0, PGRES_TUPLES_OK);
	for (int i = 0; i < 15; i++)
		pgarray_free(&a[i]);
	if (res == NULL)
		return -1;
	if (db_result_has_fields(res, &filing_cases_insert, 3) && (size_t)PQntuples(res) == n) {
		for (int r = 0; r < (int)n; r++) {
			long ord = strtol(PQgetvalue(res, r, 0), NULL, 10);

			if (ord < 1 || (size_t)ord > n)
				break;
			snprintf(numbers[ord - 1], CASE_NUMBER_LEN + 1, "%s", PQgetvalue(res, r, 1));
			m[ord - 1]->message_row = db_result_int64(res, r, 2);
			if (r == (int)n - 1)
				rc = 0;
		}
	}
	PQclear(res);
	return rc;
}
