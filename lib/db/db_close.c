/*
 * db_close.c - SQL for closing a case; see db_close.h.
 */
#include "db_close.h"

#include "buf.h"
#include "db.h"
#include "db_audit.h"
#include "db_result.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The suggested referrals are the triage's; a row in case_referrals is a
 * decision about one. The category asked for must be one of the newest
 * knowledge base.
 */
DB_STATEMENT(case_close_lock, 2,
	     "SELECT c.id, c.status, coalesce(c.category, ''), c.category_confirmed,"
	     " ($2::text IS NULL OR EXISTS (SELECT 1 FROM kb_categories k WHERE k.code = $2"
	     "  AND k.version_id = (SELECT max(id) FROM kb_versions))),"
	     " coalesce((SELECT string_agg(x.code, ', ' ORDER BY x.ord)"
	     "  FROM jsonb_array_elements_text(coalesce(c.triage->'referrals', '[]'::jsonb))"
	     "  WITH ORDINALITY x(code, ord) WHERE NOT EXISTS (SELECT 1 FROM case_referrals r"
	     "  WHERE r.case_id = c.id AND r.code = x.code)), ''),"
	     " coalesce((SELECT m.number FROM cases m WHERE m.id = c.merged_into), '')"
	     " FROM cases c WHERE c.number = $1 FOR UPDATE OF c");

DB_STATEMENT(case_close_update, 3,
	     "UPDATE cases SET status = 'closed', resolution = $2, closed_at = now(),"
	     " wait_until = NULL, category = coalesce($3, category),"
	     " category_confirmed = category_confirmed OR $3::text IS NOT NULL,"
	     " updated_at = now() WHERE id = $1::bigint");

DB_STATEMENT(case_close_dismiss, 3,
	     "INSERT INTO case_referrals (case_id, code, state, note, updated_by)"
	     " SELECT c.id, x.code, 'dismissed', $2, $3 FROM cases c,"
	     " jsonb_array_elements_text(coalesce(c.triage->'referrals', '[]'::jsonb)) x(code)"
	     " WHERE c.id = $1::bigint ON CONFLICT (case_id, code) DO NOTHING");

static void read_closing(const PGresult *res, struct case_closing *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->status, sizeof(c->status), "%s", PQgetvalue(res, 0, 1));
	snprintf(c->category, sizeof(c->category), "%s", PQgetvalue(res, 0, 2));
	c->category_confirmed = db_result_bool(res, 0, 3);
	c->asked_category_known = db_result_bool(res, 0, 4);
	snprintf(c->pending, sizeof(c->pending), "%s", PQgetvalue(res, 0, 5));
	snprintf(c->merged_into, sizeof(c->merged_into), "%s", PQgetvalue(res, 0, 6));
}

/* {"from": STATUS, "resolution": R, "category": C, "dismissed": "a, b", "note": N}. */
static char *close_detail(const struct case_closing *c, const struct case_close_plan *p)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "{\"from\":");
	json_buf_string(&b, c->status);
	buf_adds(&b, ",\"resolution\":");
	json_buf_string(&b, p->resolution);
	if (p->category != NULL) {
		buf_adds(&b, ",\"category\":");
		json_buf_string(&b, p->category);
		buf_adds(&b, ",\"category_was\":");
		json_buf_string(&b, c->category[0] != '\0' ? c->category : NULL);
	}
	if (p->dismiss_pending && c->pending[0] != '\0') {
		buf_adds(&b, ",\"dismissed\":");
		json_buf_string(&b, c->pending);
	}
	if (p->note != NULL) {
		buf_adds(&b, ",\"note\":");
		json_buf_string(&b, p->note);
	}
	buf_addc(&b, '}');
	return buf_steal(&b);
}

static int write_close(PGconn *conn, const char *id, const char *actor,
		       const struct case_closing *c, const struct case_close_plan *p)
{
	const char *up[3] = {id, p->resolution, p->category};
	char *detail, note[300];
	int rc;

	if (db_run_exec(conn, &case_close_update, up) == -1)
		return -1;
	if (p->dismiss_pending && c->pending[0] != '\0') {
		const char *dp[3] = {id, note, actor};

		snprintf(note, sizeof(note), "closed as %s", p->resolution);
		if (db_run_exec(conn, &case_close_dismiss, dp) == -1)
			return -1;
	}
	detail = close_detail(c, p);
	rc = audit_add(conn, strtoll(id, NULL, 10), actor, "close", detail);
	free(detail);
	return rc;
}

enum case_state_result case_close_move(PGconn *conn, const char *number, const char *actor,
				       const char *asked_category, bool dry_run,
				       case_close_decide decide, void *arg,
				       struct case_closing *from, struct case_close_plan *plan,
				       char *why, size_t whysz)
{
	const char *p1[2] = {number, asked_category};
	struct case_closing c;
	PGresult *res;
	char id[24];
	enum case_state_result result;

	why[0] = '\0';
	switch (db_begin_locked(conn, &case_close_lock, p1, 7, &res)) {
	case 0:
		return CASE_STATE_NO_CASE;
	case -1:
		return CASE_STATE_ERROR;
	}
	snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, 0));
	read_closing(res, &c);
	PQclear(res);
	if (from != NULL)
		*from = c;
	if (case_state_stop(conn, decide(&c, plan, why, whysz, arg), dry_run, &result))
		return result;
	if (write_close(conn, id, actor, &c, plan) == -1 || db_commit(conn) == -1) {
		db_rollback(conn);
		return CASE_STATE_ERROR;
	}
	return CASE_STATE_CHANGED;
}
