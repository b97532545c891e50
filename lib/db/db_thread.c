/*
 * db_thread.c - SQL for threading: which case a mail continues, whether it
 * was filed before, and adding it to its case as a follow-up.
 */
#include "db_thread.h"

#include "db.h"
#include "pgarray.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	res = db_query_bin(conn, "thread_find",
			   "SELECT c.number, c.status = 'closed',"
			   " coalesce(extract(epoch FROM now() - c.closed_at) / 86400, 0)"
			   " FROM (SELECT c.id, 0 AS rank FROM cases c WHERE c.number = $1"
			   "  UNION ALL SELECT m.case_id, 1 FROM case_messages m WHERE m.message_id = $2"
			   "  UNION ALL SELECT m.case_id, 2 + r.ord FROM unnest($3::text[])"
			   "   WITH ORDINALITY AS r(id, ord) JOIN case_messages m ON m.message_id = r.id"
			   " ) t JOIN cases c ON c.id = t.id ORDER BY t.rank LIMIT 1",
			   3, params, lengths, formats, 0, PGRES_TUPLES_OK);
	pgarray_free(&ids);
	if (res == NULL)
		return -1;
	found = PQntuples(res) == 1;
	if (found) {
		snprintf(hit->number, sizeof(hit->number), "%s", PQgetvalue(res, 0, 0));
		hit->closed = strcmp(PQgetvalue(res, 0, 1), "t") == 0;
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
	res = db_query_bin(conn, "thread_duplicate",
			   "SELECT 1 FROM case_messages WHERE message_id = $1 AND body_sha256 = $2"
			   " LIMIT 1",
			   2, params, lengths, formats, 0, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	n = PQntuples(res);
	PQclear(res);
	return n;
}

int64_t thread_add_message(PGconn *conn, const char *number, const struct case_message *m,
			   const char *kind, const char *own_words, const unsigned char sha[32],
			   const char *in_reply_to, bool reopen)
{
	char inbound[24], sent[32] = "";
	const char *params[14];
	int lengths[14] = {0}, formats[14] = {0};
	PGresult *res;
	int64_t row;

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
	res = db_query_bin(
	    conn, "thread_add_message",
	    "WITH c AS (UPDATE cases SET updated_at = now(),"
	    "  status = CASE WHEN $14::boolean THEN 'open' ELSE status END,"
	    "  closed_at = CASE WHEN $14::boolean THEN NULL ELSE closed_at END,"
	    "  resolution = CASE WHEN $14::boolean THEN NULL ELSE resolution END"
	    "  WHERE number = $1 RETURNING id),"
	    " a AS (INSERT INTO audit_log (case_id, actor, action, detail)"
	    "  SELECT id, 'madoguchi', 'reopen', jsonb_build_object('message_id', $4::text)"
	    "  FROM c WHERE $14::boolean RETURNING 1)"
	    " INSERT INTO case_messages (case_id, inbound_id, direction, kind, message_id, from_name,"
	    "  from_address, subject, sent_at, body_text, decode_notes, own_words, body_sha256,"
	    "  in_reply_to)"
	    " SELECT id, $2::bigint, 'in', $3, $4, $5, $6, $7, $8::timestamptz, $9, $10, $11, $12,"
	    "  $13 FROM c RETURNING id",
	    14, params, lengths, formats, 0, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	row = PQntuples(res) == 1 ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : -1;
	PQclear(res);
	return row;
}
