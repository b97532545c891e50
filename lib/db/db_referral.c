/*
 * db_referral.c - SQL for a case's referrals; see db_referral.h.
 */
#include "db_referral.h"

#include "buf.h"
#include "db.h"
#include "db_audit.h"
#include "db_result.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The directory in force is the newest knowledge base's. */
#define KB_NEWEST "(SELECT max(id) FROM kb_versions)"

DB_STATEMENT(case_refer_lock, 2,
	     "SELECT c.id, coalesce((SELECT r.state FROM case_referrals r"
	     "  WHERE r.case_id = c.id AND r.code = $2),"
	     "  CASE WHEN coalesce(c.triage->'referrals', '[]'::jsonb) ? $2 THEN 'suggested'"
	     "  ELSE '' END),"
	     " EXISTS (SELECT 1 FROM kb_referrals k WHERE k.code = $2"
	     "  AND k.version_id = " KB_NEWEST "),"
	     " coalesce((SELECT m.number FROM cases m WHERE m.id = c.merged_into), '')"
	     " FROM cases c WHERE c.number = $1 FOR UPDATE OF c");

DB_STATEMENT(case_refer_upsert, 5,
	     "INSERT INTO case_referrals (case_id, code, state, note, updated_by)"
	     " VALUES ($1::bigint, $2, $3, $4, $5) ON CONFLICT (case_id, code) DO UPDATE"
	     " SET state = EXCLUDED.state, note = coalesce(EXCLUDED.note, case_referrals.note),"
	     " updated_by = EXCLUDED.updated_by, updated_at = now()");

DB_STATEMENT(case_refer_touch, 1, "UPDATE cases SET updated_at = now() WHERE id = $1::bigint");

DB_STATEMENT(case_referrals_select, 1,
	     "WITH s AS (SELECT x.code, x.ord FROM cases c,"
	     "  jsonb_array_elements_text(coalesce(c.triage->'referrals', '[]'::jsonb))"
	     "  WITH ORDINALITY x(code, ord) WHERE c.id = $1::bigint),"
	     " r AS (SELECT * FROM case_referrals WHERE case_id = $1::bigint)"
	     " SELECT coalesce(s.code, r.code),"
	     " coalesce((SELECT k.name_ja FROM kb_referrals k WHERE k.code = coalesce(s.code, r.code)"
	     "  AND k.version_id = " KB_NEWEST " ORDER BY k.needs_verification LIMIT 1), ''),"
	     " coalesce(r.state, 'suggested'), r.note, r.updated_by,"
	     " to_char(r.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
	     " s.code IS NOT NULL"
	     " FROM s FULL JOIN r ON r.code = s.code ORDER BY s.ord NULLS LAST, r.updated_at");

static int record(PGconn *conn, const char *id, const char *code, const char *state,
		  const char *note, const char *actor, const char *before)
{
	const char *p[5] = {id, code, state, note, actor};
	const char *t[1] = {id};
	struct buf b = BUF_INIT;
	int rc;

	if (db_run_exec(conn, &case_refer_upsert, p) == -1 ||
	    db_run_exec(conn, &case_refer_touch, t) == -1)
		return -1;
	buf_adds(&b, "{\"code\":");
	json_buf_string(&b, code);
	buf_adds(&b, ",\"from\":");
	json_buf_string(&b, before[0] != '\0' ? before : NULL);
	buf_adds(&b, ",\"to\":");
	json_buf_string(&b, state);
	if (note != NULL) {
		buf_adds(&b, ",\"note\":");
		json_buf_string(&b, note);
	}
	buf_addc(&b, '}');
	rc = audit_add(conn, strtoll(id, NULL, 10), actor, "refer", b.data);
	buf_free(&b);
	return rc;
}

enum case_state_result case_refer_move(PGconn *conn, const char *number, const char *code,
				       const char *state, const char *note, const char *actor,
				       bool dry_run, case_refer_decide decide, void *arg,
				       struct case_referral_state *from, char *why, size_t whysz)
{
	const char *p[2] = {number, code};
	struct case_referral_state s;
	PGresult *res;
	char id[24];
	enum case_state_result result;

	why[0] = '\0';
	switch (db_begin_locked(conn, &case_refer_lock, p, 4, &res)) {
	case 0:
		return CASE_STATE_NO_CASE;
	case -1:
		return CASE_STATE_ERROR;
	}
	memset(&s, 0, sizeof(s));
	snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, 0));
	snprintf(s.state, sizeof(s.state), "%s", PQgetvalue(res, 0, 1));
	s.code_known = db_result_bool(res, 0, 2);
	snprintf(s.merged_into, sizeof(s.merged_into), "%s", PQgetvalue(res, 0, 3));
	PQclear(res);
	if (from != NULL)
		*from = s;
	if (case_state_stop(conn, decide(&s, state, why, whysz, arg), dry_run, &result))
		return result;
	if (record(conn, id, code, state, note, actor, s.state) == -1 || db_commit(conn) == -1) {
		db_rollback(conn);
		return CASE_STATE_ERROR;
	}
	return CASE_STATE_CHANGED;
}

int case_referrals(PGconn *conn, int64_t case_id, struct case_referral_rows *out)
{
	char id[24];
	const char *p[1] = {id};
	PGresult *res;

	memset(out, 0, sizeof(*out));
	snprintf(id, sizeof(id), "%lld", (long long)case_id);
	res = db_run_rows(conn, &case_referrals_select, p, 7);
	if (res == NULL)
		return -1;
	out->v = db_result_rows(res, sizeof(*out->v));
	for (int r = 0; r < PQntuples(res); r++) {
		struct case_referral_row *x = &out->v[out->n++];

		x->code = db_result_text(res, r, 0);
		x->name = db_result_text(res, r, 1);
		x->state = db_result_text(res, r, 2);
		x->note = db_result_text_or_null(res, r, 3);
		x->updated_by = db_result_text_or_null(res, r, 4);
		x->updated_at = db_result_text_or_null(res, r, 5);
		x->suggested = db_result_bool(res, r, 6);
	}
	PQclear(res);
	return 0;
}

void case_referral_rows_free(struct case_referral_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->v[i].code);
		free(rows->v[i].name);
		free(rows->v[i].state);
		free(rows->v[i].note);
		free(rows->v[i].updated_by);
		free(rows->v[i].updated_at);
	}
	free(rows->v);
	memset(rows, 0, sizeof(*rows));
}
