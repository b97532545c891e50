/*
 * db_review.c - SQL for madoctl show's review of a case; see db_review.h.
 */
#include "db_review.h"

#include "db.h"
#include "db_result.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KB_NEWEST "(SELECT max(id) FROM kb_versions)"
#define UTC_TEXT(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

DB_STATEMENT(case_review_select, 1,
	     "SELECT c.category_confirmed,"
	     " coalesce((SELECT k.label_ja FROM kb_categories k WHERE k.code = c.category"
	     "  AND k.version_id = " KB_NEWEST "), ''),"
	     " coalesce((c.triage->>'confidence')::float8, -1),"
	     " coalesce((SELECT string_agg(e, E'\\n' ORDER BY o) FROM"
	     "  jsonb_array_elements_text(coalesce(c.triage->'explain', '[]'::jsonb))"
	     "  WITH ORDINALITY x(e, o)), ''),"
	     " coalesce((SELECT string_agg(a.id || E'\\t' || coalesce((SELECT t.title"
	     "  FROM answer_templates t WHERE t.id = a.id ORDER BY t.version DESC LIMIT 1), ''),"
	     "  E'\\n' ORDER BY a.o) FROM"
	     "  jsonb_array_elements_text(coalesce(c.triage->'answers', '[]'::jsonb))"
	     "  WITH ORDINALITY a(id, o)), ''),"
	     " coalesce((SELECT s.method || ', ' || s.copies || ' copies, ' || s.state"
	     "  FROM shipments s WHERE s.case_id = c.id AND s.state <> 'cancelled'), ''),"
	     " coalesce((SELECT m.number FROM cases m WHERE m.id = c.merged_into), ''),"
	     " coalesce((SELECT string_agg(m.number, E'\n' ORDER BY m.number) FROM cases m"
	     "  WHERE m.merged_into = c.id), ''),"
	     " coalesce((SELECT string_agg(o.number, ', ' ORDER BY o.number) FROM case_links l"
	     "  JOIN cases o ON o.id = CASE WHEN l.a = c.id THEN l.b ELSE l.a END"
	     "  WHERE l.a = c.id OR l.b = c.id), ''),"
	     " coalesce((SELECT p.number FROM cases p WHERE p.id = c.linked_case_id), ''),"
	     " coalesce(c.organisation, ''), coalesce(c.source, ''),"
	     " coalesce(c.consulted_elsewhere, ''), coalesce(c.caller_role, ''),"
	     " coalesce(c.it_vendor::text, '')"
	     " FROM cases c WHERE c.id = $1::bigint");

DB_STATEMENT(case_audit_select, 1,
	     "SELECT " UTC_TEXT("at") ", actor, action, detail::text FROM audit_log"
	     " WHERE case_id = $1::bigint ORDER BY at, id");

int case_review_get(PGconn *conn, int64_t case_id, struct case_review *out)
{
	char id[24];
	const char *p[1] = {id};
	PGresult *res;
	char **text[] = {&out->category_label, &out->explain,	    &out->answers,
			 &out->shipment,       &out->merged_into,   &out->merged_from,
			 &out->links,	       &out->follows,	    &out->organisation,
			 &out->source,	       &out->consulted_elsewhere, &out->caller_role,
			 &out->it_vendor};
	/* The columns of TEXT, in order (2 is the confidence, a number). */
	static const int cols[] = {1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};

	memset(out, 0, sizeof(*out));
	snprintf(id, sizeof(id), "%lld", (long long)case_id);
	res = db_run_rows(conn, &case_review_select, p, 15);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return 0;
	}
	out->category_confirmed = db_result_bool(res, 0, 0);
	out->confidence = strtod(PQgetvalue(res, 0, 2), NULL);
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		*text[i] = db_result_text(res, 0, cols[i]);
	PQclear(res);
	return 1;
}

void case_review_free(struct case_review *r)
{
	free(r->category_label);
	free(r->explain);
	free(r->answers);
	free(r->shipment);
	free(r->merged_into);
	free(r->merged_from);
	free(r->links);
	free(r->follows);
	free(r->organisation);
	free(r->source);
	free(r->consulted_elsewhere);
	free(r->caller_role);
	free(r->it_vendor);
	memset(r, 0, sizeof(*r));
}

int case_audit(PGconn *conn, int64_t case_id, struct case_audit_rows *out)
{
	char id[24];
	const char *p[1] = {id};
	PGresult *res;

	memset(out, 0, sizeof(*out));
	snprintf(id, sizeof(id), "%lld", (long long)case_id);
	res = db_run_rows(conn, &case_audit_select, p, 4);
	if (res == NULL)
		return -1;
	out->v = db_result_rows(res, sizeof(*out->v));
	for (int r = 0; r < PQntuples(res); r++) {
		struct case_audit_row *a = &out->v[out->n++];

		a->at = db_result_text(res, r, 0);
		a->actor = db_result_text(res, r, 1);
		a->action = db_result_text(res, r, 2);
		a->detail = db_result_text(res, r, 3);
	}
	PQclear(res);
	return 0;
}

void case_audit_rows_free(struct case_audit_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->v[i].at);
		free(rows->v[i].actor);
		free(rows->v[i].action);
		free(rows->v[i].detail);
	}
	free(rows->v);
	memset(rows, 0, sizeof(*rows));
}
