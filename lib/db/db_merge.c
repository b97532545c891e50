/*
 * db_merge.c - SQL for merging and linking cases; see db_merge.h.
 */
#include "db_merge.h"

#include "buf.h"
#include "db.h"
#include "db_audit.h"
#include "db_result.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Both cases, locked in number order; $3 asks whether they are linked. */
DB_STATEMENT(case_pair_lock, 2,
	     "SELECT c.number, c.id, c.status,"
	     " coalesce((SELECT m.number FROM cases m WHERE m.id = c.merged_into), ''),"
	     " EXISTS (SELECT 1 FROM shipments s WHERE s.case_id = c.id AND s.state <> 'cancelled'),"
	     " EXISTS (SELECT 1 FROM case_links l JOIN cases a ON a.number = $1"
	     "  JOIN cases b ON b.number = $2"
	     "  WHERE l.a = least(a.id, b.id) AND l.b = greatest(a.id, b.id))"
	     " FROM cases c WHERE c.number IN ($1, $2) ORDER BY c.number FOR UPDATE OF c");

/* $1 from, $2 into (ids). Every table that hangs off a case, then the case itself. */
DB_STATEMENT(case_merge_messages, 2,
	     "UPDATE case_messages SET case_id = $2::bigint WHERE case_id = $1::bigint");
DB_STATEMENT(case_merge_documents, 2,
	     "UPDATE case_documents SET case_id = $2::bigint WHERE case_id = $1::bigint");
DB_STATEMENT(case_merge_notes, 2,
	     "UPDATE case_notes SET case_id = $2::bigint WHERE case_id = $1::bigint");
DB_STATEMENT(case_merge_outbox, 2,
	     "UPDATE outbox SET case_id = $2::bigint WHERE case_id = $1::bigint");
DB_STATEMENT(case_merge_audit, 2,
	     "UPDATE audit_log SET case_id = $2::bigint WHERE case_id = $1::bigint");
DB_STATEMENT(case_merge_shipments, 2,
	     "UPDATE shipments SET case_id = $2::bigint WHERE case_id = $1::bigint");
/* A decision INTO already has about the same referral stands; FROM's is dropped. */
DB_STATEMENT(case_merge_referrals, 2,
	     "UPDATE case_referrals r SET case_id = $2::bigint"
	     " WHERE r.case_id = $1::bigint AND NOT EXISTS (SELECT 1 FROM case_referrals i"
	     "  WHERE i.case_id = $2::bigint AND i.code = r.code)");
DB_STATEMENT(case_merge_referrals_left, 2,
	     "DELETE FROM case_referrals WHERE case_id = $1::bigint AND $2::bigint IS NOT NULL");
DB_STATEMENT(case_merge_links, 2,
	     "WITH old AS (DELETE FROM case_links WHERE a = $1::bigint OR b = $1::bigint"
	     "  RETURNING CASE WHEN a = $1::bigint THEN b ELSE a END AS other, created_by, created_at)"
	     " INSERT INTO case_links (a, b, created_by, created_at)"
	     " SELECT least(other, $2::bigint), greatest(other, $2::bigint), created_by, created_at"
	     " FROM old WHERE other <> $2::bigint ON CONFLICT DO NOTHING");
DB_STATEMENT(case_merge_pointers, 2,
	     "UPDATE cases SET merged_into = $2::bigint WHERE merged_into = $1::bigint");
DB_STATEMENT(case_merge_close, 2,
	     "UPDATE cases SET status = 'closed', resolution = 'merged', closed_at = now(),"
	     " wait_until = NULL, merged_into = $2::bigint, updated_at = now()"
	     " WHERE id = $1::bigint");
DB_STATEMENT(case_merge_into, 2,
	     "UPDATE cases SET urgent = urgent OR (SELECT urgent FROM cases WHERE id = $1::bigint),"
	     " updated_at = now() WHERE id = $2::bigint");

DB_STATEMENT(case_link_insert, 3,
	     "INSERT INTO case_links (a, b, created_by)"
	     " VALUES (least($1::bigint, $2::bigint), greatest($1::bigint, $2::bigint), $3)"
	     " ON CONFLICT DO NOTHING");

static const struct db_stmt *const merge_steps[] = {
    &case_merge_messages, &case_merge_documents, &case_merge_notes,    &case_merge_outbox,
    &case_merge_audit,    &case_merge_shipments, &case_merge_referrals, &case_merge_referrals_left, &case_merge_links,
    &case_merge_pointers, &case_merge_close,     &case_merge_into,     NULL};

struct locked_pair {
	char id[2][24]; /* in the caller's order: [0] the first named */
	struct case_pair p;
};

/* Locks A and B into LP: 1, 0 when one is missing (WHY says which), -1. */
static int lock_pair(PGconn *conn, const char *a, const char *b, struct locked_pair *lp,
		     char *why, size_t whysz)
{
	const char *params[2] = {a, b};
	PGresult *res = db_run_rows(conn, &case_pair_lock, params, 6);
	bool seen[2] = {false, false};

	if (res == NULL)
		return -1;
	memset(lp, 0, sizeof(*lp));
	for (int r = 0; r < PQntuples(res); r++) {
		int k = strcmp(PQgetvalue(res, r, 0), a) == 0 ? 0 : 1;

		seen[k] = true;
		snprintf(lp->id[k], sizeof(lp->id[k]), "%s", PQgetvalue(res, r, 1));
		snprintf(lp->p.status[k], sizeof(lp->p.status[k]), "%s", PQgetvalue(res, r, 2));
		snprintf(lp->p.merged_into[k], sizeof(lp->p.merged_into[k]), "%s",
			 PQgetvalue(res, r, 3));
		lp->p.shipments[k] = db_result_bool(res, r, 4);
		lp->p.linked = db_result_bool(res, r, 5);
	}
	PQclear(res);
	if (!seen[0] || !seen[1]) {
		snprintf(why, whysz, "no case %s", !seen[0] ? a : b);
		return 0;
	}
	return 1;
}

static int audit_pair(PGconn *conn, const char *id, const char *actor, const char *action,
		      const char *key, const char *other)
{
	struct buf b = BUF_INIT;
	int rc;

	buf_printf(&b, "{\"%s\":", key);
	json_buf_string(&b, other);
	buf_addc(&b, '}');
	rc = audit_add(conn, strtoll(id, NULL, 10), actor, action, b.data);
	buf_free(&b);
	return rc;
}

/* Runs the common part of merge and link: 0 with the pair locked and agreed, else a result. */
static int begin_pair(PGconn *conn, const char *a, const char *b, case_pair_decide decide,
		      void *arg, bool dry_run, struct locked_pair *lp, char *why, size_t whysz,
		      enum case_state_result *result)
{
	int found;

	why[0] = '\0';
	if (db_begin(conn) == -1) {
		*result = CASE_STATE_ERROR;
		return -1;
	}
	found = lock_pair(conn, a, b, lp, why, whysz);
	if (found != 1) {
		db_rollback(conn);
		*result = found == 0 ? CASE_STATE_NO_CASE : CASE_STATE_ERROR;
		return -1;
	}
	return case_state_stop(conn, decide(&lp->p, why, whysz, arg), dry_run, result) ? -1 : 0;
}

enum case_state_result case_merge(PGconn *conn, const char *from, const char *into,
				  const char *actor, bool dry_run, case_pair_decide decide,
				  void *arg, char *why, size_t whysz)
{
	struct locked_pair lp;
	enum case_state_result result;

	if (begin_pair(conn, from, into, decide, arg, dry_run, &lp, why, whysz, &result) == -1)
		return result;
	for (int i = 0; merge_steps[i] != NULL; i++) {
		const char *p[2] = {lp.id[0], lp.id[1]};

		if (db_run_exec(conn, merge_steps[i], p) == -1)
			goto fail;
	}
	/* FROM's own trail moved with it; these two rows say what happened on each. */
	if (audit_pair(conn, lp.id[1], actor, "merge", "merged", from) == -1 ||
	    audit_pair(conn, lp.id[0], actor, "merged", "into", into) == -1 ||
	    db_commit(conn) == -1)
		goto fail;
	return CASE_STATE_CHANGED;
fail:
	db_rollback(conn);
	return CASE_STATE_ERROR;
}

enum case_state_result case_link_pair(PGconn *conn, const char *a, const char *b,
				      const char *actor, bool dry_run, case_pair_decide decide,
				      void *arg, char *why, size_t whysz)
{
	struct locked_pair lp;
	enum case_state_result result;
	const char *p[3];

	if (begin_pair(conn, a, b, decide, arg, dry_run, &lp, why, whysz, &result) == -1)
		return result;
	p[0] = lp.id[0];
	p[1] = lp.id[1];
	p[2] = actor;
	if (db_run_exec(conn, &case_link_insert, p) == -1 ||
	    audit_pair(conn, lp.id[0], actor, "link", "with", b) == -1 ||
	    audit_pair(conn, lp.id[1], actor, "link", "with", a) == -1 || db_commit(conn) == -1)
		goto fail;
	return CASE_STATE_CHANGED;
fail:
	db_rollback(conn);
	return CASE_STATE_ERROR;
}
