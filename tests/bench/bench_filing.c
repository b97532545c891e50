/*
 * bench_filing.c - the filing yardstick the workers are measured against
 * in the same run: for its share of the queued jobs (id % NPARTS = PART),
 * batches of 100: one SELECT of the raw mails, then one statement that
 * numbers and inserts the cases with their triage and search sets (the
 * subject's and body's bigrams counted in C, as the workers do), inserts
 * their messages and marks the jobs done. No decoding beyond splitting header from body,
 * no threading, no acknowledgement: the database work a case costs, done
 * the cheapest way.
 *
 * usage: bench_filing CONNINFO PART NPARTS
 */
#define _GNU_SOURCE /* memmem */
#include "bigram.h"
#include "pgarray.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCH 100

/* A triage document of the size the workers store. */
static const char triage[] =
    "{\"kind\": \"consultation\", \"category\": \"malware.infection\", \"urgent\": false,"
    " \"scores\": [{\"code\": \"malware.infection\", \"score\": 0.61},"
    " {\"code\": \"fraud.support_scam\", \"score\": 0.22}, {\"code\": \"other\", \"score\": 0.05}],"
    " \"referrals\": [{\"code\": \"IPA_ANSHIN\", \"why\": \"infection\"}],"
    " \"answer\": \"malware.infection\", \"material_request\": null,"
    " \"contact\": {\"name\": null, \"organization\": null, \"phone\": null}}";

static const char file_sql[] =
    "WITH src AS (SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[],"
    "  $5::text[], $8::text[]) WITH ORDINALITY AS t(job, inbound, subject, sender, body, grams,"
    "  ord)),"
    " n AS (INSERT INTO case_counters AS cc (year, last_no) VALUES (2026, $6::int)"
    "  ON CONFLICT (year) DO UPDATE SET last_no = cc.last_no + $6::int RETURNING last_no),"
    " c AS (INSERT INTO cases (number, channel, subject, requester_address, received_at,"
    "  category, triage, bigrams)"
    "  SELECT '2026-' || to_char(n.last_no - $6::int + s.ord, 'FM000000'), 'mail', s.subject,"
    "  s.sender, now(), 'malware.infection', $7::jsonb, search_bigrams_given(s.grams)"
    "  FROM src s, n ORDER BY s.ord"
    "  RETURNING id, number),"
    " m AS (INSERT INTO case_messages (case_id, inbound_id, direction, from_address, subject,"
    "  body_text, in_search_set)"
    "  SELECT c.id, s.inbound, 'in', s.sender, s.subject, s.body, true FROM src s"
    "  JOIN c ON c.number = '2026-' || to_char((SELECT last_no FROM n) - $6::int + s.ord,"
    "  'FM000000')),"
    " j AS (UPDATE jobs SET state = 'done', updated_at = now() WHERE id IN (SELECT job FROM src))"
    " SELECT count(*) FROM c";

/* The header named NAME (with its colon) in RAW's header, up to the line's end. */
static void header(const char *raw, size_t hlen, const char *name, char *out, size_t outsz)
{
	size_t nlen = strlen(name);

	out[0] = '\0';
	for (size_t i = 0; i + nlen < hlen; i++)
		if ((i == 0 || raw[i - 1] == '\n') && strncmp(raw + i, name, nlen) == 0) {
			size_t j = i + nlen, k = 0;

			while (j < hlen && raw[j] == ' ')
				j++;
			while (j < hlen && raw[j] != '\r' && raw[j] != '\n' && k + 1 < outsz)
				out[k++] = raw[j++];
			out[k] = '\0';
			return;
		}
}

int main(int argc, char **argv)
{
	PGconn *db;
	char part[16], nparts[16];
	long total = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: bench_filing CONNINFO PART NPARTS\n");
		return 2;
	}
	db = PQconnectdb(argv[1]);
	if (PQstatus(db) != CONNECTION_OK) {
		fprintf(stderr, "bench_filing: %s", PQerrorMessage(db));
		return 1;
	}
	/* The server's allocator set up for batches, as the workers' connections are. */
	PQclear(PQexec(db, "SELECT octet_length(repeat(repeat('x', 4096), (SELECT 4096)))"));
	snprintf(part, sizeof(part), "%d", atoi(argv[2]));
	snprintf(nparts, sizeof(nparts), "%d", atoi(argv[3]));
	for (;;) {
		const char *sel[2] = {part, nparts};
		PGresult *res = PQexecParams(
		    db,
		    "SELECT j.id, i.id, i.raw FROM jobs j JOIN inbound_messages i ON i.id = j.inbound_id"
		    " WHERE j.state = 'queued' AND j.id % $2::int = $1::int ORDER BY j.id LIMIT 100",
		    2, NULL, sel, NULL, NULL, 1);
		struct pgarray jobs, inbound, subjects, senders, bodies, grams;
		const char *params[8];
		int lengths[8] = {0}, formats[8] = {1, 1, 1, 1, 1, 0, 0, 1}, rows;
		char count[16];

		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			fprintf(stderr, "bench_filing: %s", PQerrorMessage(db));
			return 1;
		}
		rows = PQntuples(res);
		if (rows == 0) {
			PQclear(res);
			break;
		}
		pgarray_init(&jobs, PG_OID_INT8);
		pgarray_init(&inbound, PG_OID_INT8);
		pgarray_init(&subjects, PG_OID_TEXT);
		pgarray_init(&senders, PG_OID_TEXT);
		pgarray_init(&bodies, PG_OID_TEXT);
		pgarray_init(&grams, PG_OID_TEXT);
		for (int r = 0; r < rows; r++) {
			const char *raw = PQgetvalue(res, r, 2);
			size_t len = (size_t)PQgetlength(res, r, 2), hlen = len;
			const char *end = memmem(raw, len, "\r\n\r\n", 4);
			char subject[512], sender[512];
			uint64_t v;

			if (end != NULL)
				hlen = (size_t)(end - raw);
			header(raw, hlen, "Subject:", subject, sizeof(subject));
			header(raw, hlen, "From:", sender, sizeof(sender));
			memcpy(&v, PQgetvalue(res, r, 0), 8);
			pgarray_add_int8(&jobs, (int64_t)__builtin_bswap64(v));
			memcpy(&v, PQgetvalue(res, r, 1), 8);
			pgarray_add_int8(&inbound, (int64_t)__builtin_bswap64(v));
			pgarray_add(&subjects, subject, strlen(subject));
			pgarray_add(&senders, sender, strlen(sender));
			{
				const char *body = end ? end + 4 : raw;
				struct buf g = BUF_INIT;

				pgarray_add(&bodies, body, end ? len - hlen - 4 : len);
				bigrams_distinct(subject, &g);
				bigrams_distinct(body, &g);
				pgarray_add(&grams, g.data ? g.data : "", g.len);
				buf_free(&g);
			}
		}
		PQclear(res);
		snprintf(count, sizeof(count), "%d", rows);
		params[0] = pgarray_value(&jobs, &lengths[0]);
		params[1] = pgarray_value(&inbound, &lengths[1]);
		params[2] = pgarray_value(&subjects, &lengths[2]);
		params[3] = pgarray_value(&senders, &lengths[3]);
		params[4] = pgarray_value(&bodies, &lengths[4]);
		params[5] = count;
		params[6] = triage;
		params[7] = pgarray_value(&grams, &lengths[7]);
		res = PQexecParams(db, file_sql, 8, NULL, params, lengths, formats, 0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			fprintf(stderr, "bench_filing: %s", PQerrorMessage(db));
			return 1;
		}
		total += atol(PQgetvalue(res, 0, 0));
		PQclear(res);
		pgarray_free(&jobs);
		pgarray_free(&inbound);
		pgarray_free(&subjects);
		pgarray_free(&senders);
		pgarray_free(&bodies);
		pgarray_free(&grams);
	}
	printf("filed %ld\n", total);
	PQfinish(db);
	return 0;
}
