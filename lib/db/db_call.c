/*
 * db_call.c - SQL for filing a call or a visit as a case; see db_call.h.
 */
#include "db_call.h"

#include "buf.h"
#include "db.h"
#include "db_audit.h"
#include "db_result.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The same numbering as a mail's case (db_case.c); the subject is the summary's first line. */
DB_STATEMENT(case_call_insert, 11,
	     "WITH n AS (INSERT INTO case_counters AS cc (year, last_no)"
	     "  VALUES (extract(year FROM now() AT TIME ZONE 'Asia/Tokyo')::int, 1)"
	     "  ON CONFLICT (year) DO UPDATE SET last_no = cc.last_no + 1"
	     "  RETURNING year::text || '-' || to_char(last_no, 'FM000000') AS number),"
	     " c AS (INSERT INTO cases (number, channel, subject, requester_name, received_at,"
	     "  organisation, source, consulted_elsewhere, caller_role, it_vendor, category,"
	     "  urgent, triage)"
	     "  SELECT n.number, $1, left(split_part($7, E'\\n', 1), 80), $2, now(), $3, $4, $5, $6,"
	     "  $8::boolean, $9::text, $10::boolean AND $9::text IS NOT NULL, $11::jsonb FROM n"
	     "  RETURNING id, number),"
	     " m AS (INSERT INTO case_messages (case_id, direction, from_name, subject, sent_at,"
	     "  body_text, own_words)"
	     "  SELECT c.id, 'in', $2, left(split_part($7, E'\\n', 1), 80), now(), $7, $7 FROM c"
	     "  RETURNING case_id)"
	     " SELECT c.id, c.number FROM c JOIN m ON m.case_id = c.id");

int case_open_call(PGconn *conn, const struct call_intake *in, const char *actor,
		   char number[CASE_NUMBER_LEN + 1])
{
	const char *p[11] = {in->channel,  in->requester, in->organisation,
			     in->source,   in->elsewhere, in->role,
			     in->summary,  in->vendor < 0 ? NULL : in->vendor ? "t" : "f",
			     in->category, in->urgent ? "t" : "f", in->triage_json};
	struct buf detail = BUF_INIT;
	PGresult *res;
	long long id;
	int rc;

	if (db_begin(conn) == -1)
		return -1;
	res = db_run_rows(conn, &case_call_insert, p, 2);
	if (res == NULL || PQntuples(res) != 1) {
		PQclear(res);
		goto fail;
	}
	id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	snprintf(number, CASE_NUMBER_LEN + 1, "%s", PQgetvalue(res, 0, 1));
	PQclear(res);
	buf_adds(&detail, "{\"channel\":");
	json_buf_string(&detail, in->channel);
	buf_addc(&detail, '}');
	rc = audit_add(conn, id, actor, "new", detail.data);
	buf_free(&detail);
	if (rc == -1 || db_commit(conn) == -1)
		goto fail;
	return 0;
fail:
	db_rollback(conn);
	return -1;
}

DB_STATEMENT(case_intake_lock, 1,
	     "SELECT id, organisation, source, consulted_elsewhere, caller_role, it_vendor::text"
	     " FROM cases WHERE number = $1 FOR UPDATE");

DB_STATEMENT(case_intake_update, 6,
	     "UPDATE cases SET organisation = coalesce($2, organisation),"
	     " source = coalesce($3, source), consulted_elsewhere = coalesce($4, consulted_elsewhere),"
	     " caller_role = coalesce($5, caller_role), it_vendor = coalesce($6::boolean, it_vendor),"
	     " updated_at = now() WHERE id = $1::bigint");

/* Adds "NAME":{"from":OLD,"to":NEW} to DETAIL when NEW is given and differs; true if so. */
static bool field_change(struct buf *detail, const char *name, const PGresult *res, int col,
			 const char *to)
{
	const char *from = PQgetisnull(res, 0, col) ? NULL : PQgetvalue(res, 0, col);

	if (to == NULL || (from != NULL && strcmp(from, to) == 0))
		return false;
	buf_adds(detail, detail->len > 1 ? "," : "");
	json_buf_string(detail, name);
	buf_adds(detail, ":{\"from\":");
	json_buf_string(detail, from);
	buf_adds(detail, ",\"to\":");
	json_buf_string(detail, to);
	buf_addc(detail, '}');
	return true;
}

enum case_state_result case_set_intake(PGconn *conn, const char *number,
				       const struct intake_change *ch, const char *actor,
				       bool dry_run)
{
	const char *vendor = ch->vendor < 0 ? NULL : ch->vendor ? "true" : "false";
	const char *p1[1] = {number};
	struct buf detail = BUF_INIT;
	PGresult *res;
	char id[24];
	bool changed = false;
	int rc;

	switch (db_begin_locked(conn, &case_intake_lock, p1, 6, &res)) {
	case 0:
		return CASE_STATE_NO_CASE;
	case -1:
		return CASE_STATE_ERROR;
	}
	snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, 0));
	buf_addc(&detail, '{');
	changed |= field_change(&detail, "organisation", res, 1, ch->organisation);
	changed |= field_change(&detail, "source", res, 2, ch->source);
	changed |= field_change(&detail, "consulted_elsewhere", res, 3, ch->elsewhere);
	changed |= field_change(&detail, "caller_role", res, 4, ch->role);
	changed |= field_change(&detail, "it_vendor", res, 5, vendor);
	buf_addc(&detail, '}');
	PQclear(res);
	if (!changed || dry_run) {
		buf_free(&detail);
		db_rollback(conn);
		return changed ? CASE_STATE_CHANGED : CASE_STATE_UNCHANGED;
	}
	{
		const char *p2[6] = {id, ch->organisation, ch->source, ch->elsewhere, ch->role, vendor};

		rc = db_run_exec(conn, &case_intake_update, p2);
	}
	if (rc == 0)
		rc = audit_add(conn, strtoll(id, NULL, 10), actor, "set", detail.data);
	buf_free(&detail);
	if (rc == -1 || db_commit(conn) == -1)
		goto fail;
	return CASE_STATE_CHANGED;
fail:
	buf_free(&detail);
	db_rollback(conn);
	return CASE_STATE_ERROR;
}
