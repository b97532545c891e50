/*
 * db_thread.c - SQL for threading: which case a mail continues, whether it
 * was filed before, and adding it to its case as a follow-up.
 */
#include "db_thread.h"

#include "buf.h"
#include "db.h"
#include "db_audit.h"
#include "db_result.h"
#include "json.h"
#include "pgarray.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DB_STATEMENT(thread_find_select, 3,
	     "SELECT c.number, c.status = 'closed',"
	     " coalesce(extract(epoch FROM now() - c.closed_at) / 86400, 0)"
	     " FROM (SELECT c.id, 0 AS rank FROM cases c WHERE c.number = $1"
	     "  UNION ALL SELECT m.case_id, 1 FROM case_messages m WHERE m.message_id = $2"
	     "  UNION ALL SELECT m.case_id, 2 + r.ord FROM unnest($3::text[])"
	     "   WITH ORDINALITY AS r(id, ord) JOIN case_messages m ON m.message_id = r.id"
	     /* A merged case's mail goes to the case it was merged into. */
	     " ) t JOIN cases m0 ON m0.id = t.id JOIN cases c ON c.id = coalesce(m0.merged_into, m0.id)"
	     " ORDER BY t.rank LIMIT 1");

DB_STATEMENT(thread_duplicate, 2,
	     "SELECT 1 FROM case_messages WHERE message_id = $1 AND body_sha256 = $2"
	     " LIMIT 1");

/* Returns the case too: its audit row, when it is reopened, needs its id. */
/* A case waiting for the requester is open again when the answer comes in. */
DB_STATEMENT(thread_add_message_insert, 14,
	     "WITH o AS (SELECT id, status, wait_until FROM cases WHERE number = $1 FOR UPDATE),"
	     " c AS (UPDATE cases SET updated_at = now(),"
	     "  status = CASE WHEN $14::boolean OR o.status = 'waiting' THEN 'open'"
	     "  ELSE cases.status END,"
	     "  wait_until = CASE WHEN $14::boolean OR o.status = 'waiting' THEN NULL"
	     "  ELSE cases.wait_until END,"
	     "  closed_at = CASE WHEN $14::boolean THEN NULL ELSE cases.closed_at END,"
	     "  resolution = CASE WHEN $14::boolean THEN NULL ELSE cases.resolution END"
	     "  FROM o WHERE cases.id = o.id RETURNING cases.id, o.status AS was,"
	     "  o.wait_until::text AS until)"
	     " INSERT INTO case_messages (case_id, inbound_id, direction, kind, message_id, from_name,"
	     "  from_address, subject, sent_at, body_text, decode_notes, own_words, body_sha256,"
	     "  in_reply_to)"
	     " SELECT id, $2::bigint, 'in', $3, $4, $5, $6, $7, $8::timestamptz, $9, $10, $11, $12,"
	     "  $13 FROM c RETURNING id, case_id, (SELECT was FROM c), (SELECT until FROM c)");

/*
 * Each candidate with the words of its inbound messages (subject and own
 * words, oldest first) and whether they all came after the mail at hand
 * ($3, seconds since the epoch, NULL when its date is unknown).
 */
DB_STATEMENT(thread_candidates_select, 3,
	     "SELECT c.number, c.subject, c.status = 'closed',"
	     " coalesce(extract(epoch FROM now() - c.closed_at) / 86400, 0),"
	     " coalesce((SELECT string_agg(m.subject || E'\\n' || coalesce(m.own_words, m.body_text),"
	     "   E'\\n' ORDER BY m.sent_at, m.id) FROM case_messages m"
	     "   WHERE m.case_id = c.id AND m.direction = 'in'), ''),"
	     " coalesce(to_timestamp($3::double precision) < (SELECT min(m.sent_at)"
	     "   FROM case_messages m WHERE m.case_id = c.id AND m.direction = 'in'), false)"
	     " FROM cases c WHERE lower(c.requester_address) = lower($1) AND c.channel = 'mail'"
	     " AND c.merged_into IS NULL"
	     " AND (c.status <> 'closed' OR c.closed_at > now() - make_interval(days => $2::int))"
	     " ORDER BY c.id");

/*
 * A case's guidebook plan as a follow-up sees it: the words of each inbound
 * message (oldest first, as rows), the stored plan's method and copies,
 * whether the triage has a plan, and whether staff decided (a shipment in
 * force). The texts come as rows of a second statement.
 */
DB_STATEMENT(thread_plan_select, 1,
	     "SELECT c.id, coalesce(c.triage->'material_request'->>'method', ''),"
	     " coalesce(c.triage->'material_request'->>'copies', ''),"
	     " coalesce(jsonb_typeof(c.triage->'material_request') = 'object', false),"
	     " EXISTS (SELECT 1 FROM shipments s WHERE s.case_id = c.id AND s.state <> 'cancelled'),"
	     " coalesce(c.triage->'material_request', 'null'::jsonb)::text"
	     " FROM cases c WHERE c.number = $1");

DB_STATEMENT(thread_plan_texts, 1,
	     "SELECT m.subject || E'\\n' || coalesce(m.body_text, m.own_words, '') FROM case_messages m"
	     " JOIN cases c ON c.id = m.case_id WHERE c.number = $1 AND m.direction = 'in'"
	     " ORDER BY m.sent_at NULLS LAST, m.id");

DB_STATEMENT(thread_plan_update, 2,
	     "UPDATE cases SET triage = jsonb_set(coalesce(triage, '{}'::jsonb), '{material_request}',"
	     " $2::jsonb), updated_at = now() WHERE number = $1");

/* Mail of one sender is filed one at a time, whichever worker has it. */
DB_STATEMENT(thread_lock_sender_select, 1,
	     "SELECT pg_advisory_xact_lock(hashtext('madoguchi.sender'), hashtext(lower($1)))");

DB_STATEMENT(thread_mark_heuristic_update, 1,
	     "UPDATE case_messages SET joined_heuristically = true WHERE id = $1::bigint"
	     " RETURNING case_id");

int thread_find(PGconn *conn, const char *tag, const char *in_reply_to, char *const *refs,
		size_t nrefs, struct thread_hit *hit)
{
	struct pgarray ids;
	const char *params[3];
	int lengths[3] = {0, 0, 0}, formats[3] = {0, 0, 1};
	PGresult *res;
	int found;

	pgarray_init(&ids, PG_OID_TEXT);
	/* Latest reference first: the closest message in the thread decides. */
	for (size_t i = nrefs; i > 0; i--)
		pgarray_add(&ids, refs[i - 1], strlen(refs[i - 1]));
	params[0] = tag != NULL && *tag != '\0' ? tag : NULL;
	params[1] = in_reply_to;
	params[2] = pgarray_value(&ids, &lengths[2]);
	res = db_run_bin(conn, &thread_find_select, params, lengths, formats, 0, PGRES_TUPLES_OK);
	pgarray_free(&ids);
	if (res == NULL)
		return -1;
	if (!db_result_has_fields(res, &thread_find_select, 3)) {
		PQclear(res);
		return -1;
	}
	found = PQntuples(res) == 1;
	if (found) {
		snprintf(hit->number, sizeof(hit->number), "%s", PQgetvalue(res, 0, 0));
		hit->closed = db_result_bool(res, 0, 1);
		hit->closed_days = atof(PQgetvalue(res, 0, 2));
	}
	PQclear(res);
	return found;
}

int thread_is_duplicate(PGconn *conn, const char *message_id, const unsigned char sha[32])
{
	const char *params[2] = {message_id, (const char *)sha};
	int lengths[2] = {0, 32}, formats[2] = {0, 1};
	PGresult *res;
	int n;

	if (message_id == NULL)
		return 0;
	res = db_run_bin(conn, &thread_duplicate, params, lengths, formats, 0, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	n = PQntuples(res);
	PQclear(res);
	return n;
}

/* The reopen audit detail: {"message_id": ID or null}. */
static char *reopen_detail(const char *message_id)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "{\"message_id\":");
	json_buf_string(&b, message_id);
	buf_addc(&b, '}');
	return buf_steal(&b);
}

/*
 * The audit detail of a waiting case the requester answered:
 * {"message_id": ID, "from": {"status": "waiting", "wait_until": DATE}, "to": {"status": "open"}}.
 */
static char *answered_detail(const char *message_id, const char *until)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "{\"message_id\":");
	json_buf_string(&b, message_id);
	buf_adds(&b, ",\"from\":{\"status\":\"waiting\",\"wait_until\":");
	json_buf_string(&b, until[0] != '\0' ? until : NULL);
	buf_adds(&b, "},\"to\":{\"status\":\"open\"}}");
	return buf_steal(&b);
}

int64_t thread_add_message(PGconn *conn, const char *number, const struct case_message *m,
			   const char *kind, const char *own_words, const unsigned char sha[32],
			   const char *in_reply_to, bool reopen)
{
	char inbound[24], sent[32] = "", *detail;
	const char *params[14];
	int lengths[14] = {0}, formats[14] = {0};
	PGresult *res;
	int64_t row, case_id;

	snprintf(inbound, sizeof(inbound), "%lld", (long long)m->inbound_id);
	if (m->sent_at != 0) {
		struct tm tm;

		gmtime_r(&m->sent_at, &tm);
		strftime(sent, sizeof(sent), "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	params[0] = number;
	params[1] = inbound;
	params[2] = kind;
	params[3] = m->message_id;
	params[4] = m->from_name;
	params[5] = m->from_address;
	params[6] = m->subject;
	params[7] = sent[0] ? sent : NULL;
	params[8] = m->body_text;
	params[9] = m->decode_notes;
	params[10] = own_words;
	params[11] = (const char *)sha;
	lengths[11] = 32;
	formats[11] = 1;
	params[12] = in_reply_to;
	params[13] = reopen ? "t" : "f";
	res = db_run_bin(conn, &thread_add_message_insert, params, lengths, formats, 0,
			 PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	if (!db_result_has_fields(res, &thread_add_message_insert, 4) || PQntuples(res) != 1) {
		PQclear(res);
		return -1;
	}
	row = db_result_int64(res, 0, 0);
	case_id = db_result_int64(res, 0, 1);
	if (!reopen && strcmp(PQgetvalue(res, 0, 2), "waiting") == 0) {
		int rc;

		detail = answered_detail(m->message_id, PQgetvalue(res, 0, 3));
		rc = audit_add(conn, case_id, "madoguchi", "answered", detail);
		free(detail);
		if (rc == -1) {
			PQclear(res);
			return -1;
		}
	}
	PQclear(res);
	if (reopen) {
		int rc;

		detail = reopen_detail(m->message_id);
		rc = audit_add(conn, case_id, "madoguchi", "reopen", detail);
		free(detail);
		if (rc == -1)
			return -1;
	}
	return row;
}

int thread_candidates(PGconn *conn, const char *address, int window_days, time_t sent_at,
		      struct thread_candidates *out)
{
	char days[16], when[24];
	const char *params[3] = {address, days, sent_at > 0 ? when : NULL};
	PGresult *res;

	memset(out, 0, sizeof(*out));
	snprintf(days, sizeof(days), "%d", window_days);
	snprintf(when, sizeof(when), "%lld", (long long)sent_at);
	res = db_run_rows(conn, &thread_candidates_select, params, 6);
	if (res == NULL)
		return -1;
	out->v = db_result_rows(res, sizeof(*out->v));
	for (int r = 0; r < PQntuples(res); r++) {
		struct thread_candidate *c = &out->v[out->n++];

		snprintf(c->number, sizeof(c->number), "%s", PQgetvalue(res, r, 0));
		c->subject = db_result_text(res, r, 1);
		c->closed = db_result_bool(res, r, 2);
		c->closed_days = atof(PQgetvalue(res, r, 3));
		c->text = db_result_text(res, r, 4);
		c->later = db_result_bool(res, r, 5);
	}
	PQclear(res);
	return 0;
}

int thread_lock_sender(PGconn *conn, const char *address)
{
	const char *params[1] = {address};
	PGresult *res = db_run_rows(conn, &thread_lock_sender_select, params, 1);

	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}

void thread_candidates_free(struct thread_candidates *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].subject);
		free(c->v[i].text);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* The heuristic_join audit detail: {"message_id": ID or null, "subject": S}. */
static char *heuristic_detail(const char *message_id, const char *subject)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "{\"message_id\":");
	json_buf_string(&b, message_id);
	buf_adds(&b, ",\"subject\":");
	json_buf_string(&b, subject);
	buf_addc(&b, '}');
	return buf_steal(&b);
}

int thread_mark_heuristic(PGconn *conn, int64_t row, const char *message_id, const char *subject)
{
	char id[24], *detail;
	const char *params[1] = {id};
	PGresult *res;
	int64_t case_id;
	int rc;

	snprintf(id, sizeof(id), "%lld", (long long)row);
	res = db_run_rows(conn, &thread_mark_heuristic_update, params, 1);
	if (res == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return -1;
	}
	case_id = db_result_int64(res, 0, 0);
	PQclear(res);
	detail = heuristic_detail(message_id, subject);
	rc = audit_add(conn, case_id, "madoguchi", "heuristic_join", detail);
	free(detail);
	return rc;
}

int thread_plan_load(PGconn *conn, const char *number, struct thread_plan *out)
{
	const char *params[1] = {number};
	PGresult *res;

	memset(out, 0, sizeof(*out));
	res = db_run_rows(conn, &thread_plan_select, params, 6);
	if (res == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return -1;
	}
	out->case_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	snprintf(out->method, sizeof(out->method), "%s", PQgetvalue(res, 0, 1));
	snprintf(out->copies, sizeof(out->copies), "%s", PQgetvalue(res, 0, 2));
	out->has_plan = db_result_bool(res, 0, 3);
	out->decided = db_result_bool(res, 0, 4);
	out->plan = db_result_text(res, 0, 5);
	PQclear(res);
	res = db_run_rows(conn, &thread_plan_texts, params, 1);
	if (res == NULL)
		return -1;
	out->texts = db_result_rows(res, sizeof(*out->texts));
	for (int r = 0; r < PQntuples(res); r++)
		out->texts[out->ntexts++] = db_result_text(res, r, 0);
	PQclear(res);
	return 0;
}

void thread_plan_free(struct thread_plan *p)
{
	for (size_t i = 0; i < p->ntexts; i++)
		free(p->texts[i]);
	free(p->texts);
	free(p->plan);
	memset(p, 0, sizeof(*p));
}

int thread_plan_store(PGconn *conn, const struct thread_plan *p, const char *number,
		      const char *material_json, const char *detail)
{
	const char *params[2] = {number, material_json};

	if (db_run_exec(conn, &thread_plan_update, params) == -1)
		return -1;
	return audit_add(conn, p->case_id, "madoguchi", "followup_replan", detail);
}
