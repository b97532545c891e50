/*
 * db_ship.c - SQL for shipments and shipment_steps, and the audit rows of
 * their changes (see db_ship.h).
 *
 * Each result is checked for the columns its parse function expects and
 * copied into rows, so that no PGresult leaves this file. The JSON of
 * madoctl ship list/show --json is built here by PostgreSQL, steps and all,
 * because it is the stored shipment as jsonb prints it.
 */
#include "db_ship.h"

#include "buf.h"
#include "db.h"
#include "db_result.h"
#include "db_audit.h"
#include "json.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DB_STATEMENT(ship_case, 1,
	     "SELECT c.id, coalesce(c.category, '-'),"
	     " jsonb_typeof(c.triage->'material_request') = 'object',"
	     " c.triage->'material_request'->>'copies',"
	     " c.triage->'material_request'->>'method',"
	     " coalesce(c.triage->'material_request'->>'pickup', 'false'),"
	     " coalesce(c.triage->'material_request'->>'reason', ''),"
	     " coalesce(c.triage->'material_request', '{}'::jsonb)::text,"
	     " (SELECT state FROM shipments s WHERE s.case_id = c.id AND s.state <> 'cancelled')"
	     " FROM cases c WHERE c.number = $1 FOR UPDATE");

DB_STATEMENT(ship_insert, 7,
	     "INSERT INTO shipments (case_id, method, copies, packages, request,"
	     " override_reason, created_by) VALUES ($1::bigint, $2, $3::int,"
	     " $4::jsonb, $5::jsonb, $6, $7) RETURNING id");

DB_STATEMENT(ship_step_insert, 4,
	     "INSERT INTO shipment_steps (shipment_id, seq, step, label_ja)"
	     " VALUES ($1::bigint, $2::int, $3, $4)");

DB_STATEMENT(ship_current, 1,
	     "SELECT s.id, s.state, c.id FROM shipments s JOIN cases c ON c.id = s.case_id"
	     " WHERE c.number = $1 AND s.state <> 'cancelled' FOR UPDATE OF s");

DB_STATEMENT(ship_next, 1,
	     "SELECT seq, step, label_ja, (SELECT count(*) FROM shipment_steps t"
	     "  WHERE t.shipment_id = $1 AND t.done_at IS NULL) = 1"
	     " FROM shipment_steps WHERE shipment_id = $1 AND done_at IS NULL"
	     " ORDER BY seq LIMIT 1");

DB_STATEMENT(ship_step_done, 4,
	     "UPDATE shipment_steps SET done_by = $3, done_at = now(), note = $4"
	     " WHERE shipment_id = $1::bigint AND seq = $2::int");

DB_STATEMENT(ship_done, 2,
	     "UPDATE shipments SET state = 'done', closed_by = $2, closed_at = now()"
	     " WHERE id = $1::bigint");

DB_STATEMENT(ship_cancel, 3,
	     "UPDATE shipments s SET state = 'cancelled', closed_by = $2, closed_at = now(),"
	     " cancel_reason = $3 FROM cases c WHERE c.id = s.case_id AND c.number = $1"
	     " AND s.state = 'open' RETURNING c.id");

/* One shipment as JSON, built by the database (steps with who and when). */
#define SHIPMENT_JSON                                                                              \
	"jsonb_build_object('case', c.number, 'method', s.method, 'copies', s.copies,"              \
	" 'packages', s.packages, 'state', s.state, 'override_reason', s.override_reason,"          \
	" 'cancel_reason', s.cancel_reason, 'created_by', s.created_by,"                           \
	" 'created_at', to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"   \
	" 'request', s.request,"                                                                    \
	" 'steps', (SELECT jsonb_agg(jsonb_build_object('step', t.step, 'label', t.label_ja,"       \
	"  'done_by', t.done_by, 'done_at', to_char(t.done_at AT TIME ZONE 'UTC',"                 \
	"  'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), 'note', t.note) ORDER BY t.seq)"                        \
	"  FROM shipment_steps t WHERE t.shipment_id = s.id))"

DB_STATEMENT(ship_list, 1,
	     "SELECT c.number, s.method, s.copies, s.state,"
	     " (SELECT count(*) FILTER (WHERE done_at IS NOT NULL)"
	     "  FROM shipment_steps t WHERE t.shipment_id = s.id),"
	     " (SELECT count(*) FROM shipment_steps t WHERE t.shipment_id = s.id),"
	     " coalesce((SELECT label_ja FROM shipment_steps t WHERE t.shipment_id = s.id"
	     "  AND done_at IS NULL ORDER BY seq LIMIT 1), '-'), " SHIPMENT_JSON
	     " FROM shipments s JOIN cases c ON c.id = s.case_id"
	     " WHERE $1::boolean OR s.state = 'open' ORDER BY s.created_at, s.id");

/*
 * One row per step of the case's shipment (one row of NULL steps when it
 * has none), the shipment's columns repeated: one snapshot for the
 * shipment and its checklist.
 */
DB_STATEMENT(ship_show, 1,
	     "SELECT one.json, one.method, one.copies, one.state, one.packages,"
	     " one.override_reason, t.seq, t.step, t.label_ja, t.done_by,"
	     " floor(extract(epoch FROM t.done_at))::bigint, t.note"
	     " FROM (SELECT s.id, " SHIPMENT_JSON " AS json, s.method, s.copies, s.state,"
	     "  s.packages::text AS packages, s.override_reason"
	     "  FROM shipments s JOIN cases c ON c.id = s.case_id WHERE c.number = $1"
	     "  ORDER BY s.state = 'cancelled', s.created_at DESC LIMIT 1) one"
	     " LEFT JOIN shipment_steps t ON t.shipment_id = one.id ORDER BY t.seq");

DB_STATEMENT(ship_form_data, 1,
	     "SELECT c.number, s.method, s.copies,"
	     " coalesce((SELECT string_agg((p->>'type') || ':' || (p->>'size') || ':' ||"
	     "  (p->>'count'), ';') FROM jsonb_array_elements(s.packages) p), ''),"
	     " coalesce(s.request->>'organization', ''),"
	     " coalesce(s.request->>'contact', ''),"
	     " coalesce(s.request->>'postal_code', ''),"
	     " coalesce(s.request->>'address', ''), coalesce(s.request->>'phone', ''),"
	     " CASE WHEN c.requester_name <> '' THEN c.requester_name"
	     "  ELSE c.requester_address END,"
	     " to_char(now() AT TIME ZONE 'Asia/Tokyo', 'YYYY年MM月DD日')"
	     " FROM shipments s JOIN cases c ON c.id = s.case_id"
	     " WHERE c.number = $1 AND s.state <> 'cancelled'");

/* --- reading results ---------------------------------------------------- */

/* A copy of the value at ROW, COL, "" for SQL NULL. Out of memory is fatal, as in buf.c. */
static char *value_str(const PGresult *res, int row, int col)
{
	char *s = strdup(PQgetvalue(res, row, col));

	if (s == NULL)
		fatal("db_ship: a copy of %d bytes", PQgetlength(res, row, col) + 1);
	return s;
}

/* The same, but NULL for SQL NULL: for the columns whose NULL means something. */
static char *value_dup(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : value_str(res, row, col);
}

static int64_t value_int64(const PGresult *res, int row, int col)
{
	return strtoll(PQgetvalue(res, row, col), NULL, 10);
}

static int value_int(const PGresult *res, int row, int col)
{
	return atoi(PQgetvalue(res, row, col));
}

static bool value_true(const PGresult *res, int row, int col)
{
	return strcmp(PQgetvalue(res, row, col), "t") == 0;
}

static void int64_text(int64_t v, char *out, size_t size)
{
	snprintf(out, size, "%lld", (long long)v);
}

/* --- planning ------------------------------------------------------------ */

/* 1 with OUT filled, 0 no row, -1 not the columns expected; the same for every parse_ below. */
static int parse_case(const PGresult *res, struct ship_case_row *out)
{
	if (!db_result_has_fields(res, &ship_case, 9))
		return -1;
	if (PQntuples(res) == 0)
		return 0;
	out->case_id = value_int64(res, 0, 0);
	out->category = value_str(res, 0, 1);
	out->has_request = value_true(res, 0, 2);
	out->copies = value_dup(res, 0, 3);
	out->method = value_dup(res, 0, 4);
	out->pickup = strcmp(PQgetvalue(res, 0, 5), "true") == 0;
	out->reason = value_str(res, 0, 6);
	out->request_json = value_str(res, 0, 7);
	out->shipment_state = value_dup(res, 0, 8);
	return 1;
}

int db_ship_case_lock(PGconn *conn, const char *number, struct ship_case_row *out)
{
	const char *params[1] = {number};
	PGresult *res = db_run(conn, &ship_case, params, PGRES_TUPLES_OK);
	int rc;

	memset(out, 0, sizeof(*out));
	if (res == NULL)
		return -1;
	rc = parse_case(res, out);
	PQclear(res);
	return rc;
}

void db_ship_case_row_free(struct ship_case_row *row)
{
	free(row->category);
	free(row->copies);
	free(row->method);
	free(row->reason);
	free(row->request_json);
	free(row->shipment_state);
	memset(row, 0, sizeof(*row));
}

int db_ship_create(PGconn *conn, const struct ship_new *s)
{
	char case_id[24], copies[16], shipment_id[32];
	const char *p[7] = {case_id,	  s->method, copies, s->packages_json, s->request_json,
			    s->reason, s->actor};
	PGresult *res;

	int64_text(s->case_id, case_id, sizeof(case_id));
	snprintf(copies, sizeof(copies), "%d", s->copies);
	if ((res = db_run(conn, &ship_insert, p, PGRES_TUPLES_OK)) == NULL)
		return -1;
	if (!db_result_has_fields(res, &ship_insert, 1) || PQntuples(res) != 1) {
		PQclear(res);
		return -1;
	}
	snprintf(shipment_id, sizeof(shipment_id), "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	for (size_t i = 0; i < s->nsteps; i++) {
		char seq[24];
		const char *ps[4] = {shipment_id, seq, s->steps[i].step, s->steps[i].label};

		snprintf(seq, sizeof(seq), "%zu", i + 1);
		if (db_run_exec(conn, &ship_step_insert, ps) == -1)
			return -1;
	}
	return 0;
}

int db_ship_audit_plan(PGconn *conn, const struct ship_new *s)
{
	struct buf detail = BUF_INIT;
	int rc;

	/* The plan and, when staff changed it, what the request said and why. */
	buf_printf(&detail, "{\"method\":\"%s\",\"copies\":%d,\"packages\":%s", s->method, s->copies,
		   s->packages_json);
	if (s->overridden) {
		buf_adds(&detail, ",\"requested\":{\"method\":");
		json_buf_string(&detail, s->requested_method);
		buf_adds(&detail, ",\"copies\":");
		json_buf_string(&detail, s->requested_copies);
		buf_adds(&detail, "},\"reason\":");
		json_buf_string(&detail, s->reason);
	}
	buf_addc(&detail, '}');
	rc = audit_add(conn, s->case_id, s->actor, s->overridden ? "ship_override" : "ship_plan",
		       detail.data);
	buf_free(&detail);
	return rc;
}

/* --- advancing, cancelling ----------------------------------------------- */

static int parse_current(const PGresult *res, struct ship_current_row *out)
{
	if (!db_result_has_fields(res, &ship_current, 3))
		return -1;
	if (PQntuples(res) == 0)
		return 0;
	out->shipment_id = value_int64(res, 0, 0);
	out->done = strcmp(PQgetvalue(res, 0, 1), "done") == 0;
	out->case_id = value_int64(res, 0, 2);
	return 1;
}

int db_ship_lock_current(PGconn *conn, const char *number, struct ship_current_row *out)
{
	const char *params[1] = {number};
	PGresult *res = db_run(conn, &ship_current, params, PGRES_TUPLES_OK);
	int rc;

	memset(out, 0, sizeof(*out));
	if (res == NULL)
		return -1;
	rc = parse_current(res, out);
	PQclear(res);
	return rc;
}

static int parse_next(const PGresult *res, struct ship_step_row *out, bool *last)
{
	if (!db_result_has_fields(res, &ship_next, 4))
		return -1;
	if (PQntuples(res) == 0)
		return 0;
	out->seq = value_int(res, 0, 0);
	out->step = value_str(res, 0, 1);
	out->label = value_str(res, 0, 2);
	*last = value_true(res, 0, 3);
	return 1;
}

int db_ship_next_step(PGconn *conn, int64_t shipment_id, struct ship_step_row *out, bool *last)
{
	char id[24];
	const char *params[1] = {id};
	PGresult *res;
	int rc;

	memset(out, 0, sizeof(*out));
	*last = false;
	int64_text(shipment_id, id, sizeof(id));
	if ((res = db_run(conn, &ship_next, params, PGRES_TUPLES_OK)) == NULL)
		return -1;
	rc = parse_next(res, out, last);
	PQclear(res);
	return rc;
}

int db_ship_step_done(PGconn *conn, int64_t shipment_id, int seq, bool last, const char *actor,
		      const char *note)
{
	char id[24], seqtext[16];
	const char *p[4] = {id, seqtext, actor, note};

	int64_text(shipment_id, id, sizeof(id));
	snprintf(seqtext, sizeof(seqtext), "%d", seq);
	if (db_run_exec(conn, &ship_step_done, p) == -1)
		return -1;
	if (last) {
		const char *pd[2] = {id, actor};

		if (db_run_exec(conn, &ship_done, pd) == -1)
			return -1;
	}
	return 0;
}

int db_ship_audit_step(PGconn *conn, int64_t case_id, const char *actor, const char *step,
		       const char *note)
{
	struct buf detail = BUF_INIT;
	int rc;

	buf_adds(&detail, "{\"step\":");
	json_buf_string(&detail, step);
	buf_adds(&detail, ",\"note\":");
	json_buf_string(&detail, note);
	buf_addc(&detail, '}');
	rc = audit_add(conn, case_id, actor, "ship_step", detail.data);
	buf_free(&detail);
	return rc;
}

static int parse_cancelled(const PGresult *res, int64_t *case_id)
{
	if (!db_result_has_fields(res, &ship_cancel, 1))
		return -1;
	if (PQntuples(res) == 0)
		return 0;
	*case_id = value_int64(res, 0, 0);
	return 1;
}

int db_ship_cancel(PGconn *conn, const char *number, const char *actor, const char *reason,
		   int64_t *case_id)
{
	const char *params[3] = {number, actor, reason};
	PGresult *res = db_run(conn, &ship_cancel, params, PGRES_TUPLES_OK);
	int rc;

	*case_id = 0;
	if (res == NULL)
		return -1;
	rc = parse_cancelled(res, case_id);
	PQclear(res);
	return rc;
}

int db_ship_audit_cancel(PGconn *conn, int64_t case_id, const char *actor, const char *reason)
{
	struct buf detail = BUF_INIT;
	int rc;

	buf_adds(&detail, "{\"reason\":");
	json_buf_string(&detail, reason);
	buf_addc(&detail, '}');
	rc = audit_add(conn, case_id, actor, "ship_cancel", detail.data);
	buf_free(&detail);
	return rc;
}

/* --- list, show, forms --------------------------------------------------- */

/* 0 with OUT filled (OUT empty on failure), -1 not the columns expected. */
static int parse_list(const PGresult *res, struct ship_list_rows *out)
{
	int n = PQntuples(res);

	if (!db_result_has_fields(res, &ship_list, 8))
		return -1;
	if (n > 0 && (out->v = calloc((size_t)n, sizeof(out->v[0]))) == NULL)
		fatal("db_ship_list: %d rows", n);
	for (int r = 0; r < n; r++) {
		struct ship_list_row *row = &out->v[out->n++];

		row->number = value_str(res, r, 0);
		row->method = value_str(res, r, 1);
		row->copies = value_int(res, r, 2);
		row->state = value_str(res, r, 3);
		row->steps_done = value_int(res, r, 4);
		row->steps = value_int(res, r, 5);
		row->next_label = value_str(res, r, 6);
		row->json = value_str(res, r, 7);
	}
	return 0;
}

int db_ship_list(PGconn *conn, bool all, struct ship_list_rows *out)
{
	const char *params[1] = {all ? "t" : "f"};
	PGresult *res = db_run(conn, &ship_list, params, PGRES_TUPLES_OK);
	int rc;

	out->v = NULL;
	out->n = 0;
	if (res == NULL)
		return -1;
	rc = parse_list(res, out);
	PQclear(res);
	return rc;
}

void db_ship_list_rows_free(struct ship_list_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		struct ship_list_row *row = &rows->v[i];

		free(row->number);
		free(row->method);
		free(row->state);
		free(row->next_label);
		free(row->json);
	}
	free(rows->v);
	rows->v = NULL;
	rows->n = 0;
}

void db_ship_step_row_free(struct ship_step_row *row)
{
	free(row->step);
	free(row->label);
	free(row->done_by);
	free(row->note);
	memset(row, 0, sizeof(*row));
}

void db_ship_step_rows_free(struct ship_step_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++)
		db_ship_step_row_free(&rows->v[i]);
	free(rows->v);
	rows->v = NULL;
	rows->n = 0;
}

/*
 * The shipment from the first row, its steps from every row (columns 6 to
 * 11; a row without a step is a shipment without steps).
 */
static int parse_show(const PGresult *res, struct ship_row *out)
{
	int n = PQntuples(res);

	if (!db_result_has_fields(res, &ship_show, 12))
		return -1;
	if (n == 0)
		return 0;
	out->json = value_str(res, 0, 0);
	out->method = value_str(res, 0, 1);
	out->copies = value_int(res, 0, 2);
	out->state = value_str(res, 0, 3);
	out->packages_json = value_str(res, 0, 4);
	out->override_reason = value_dup(res, 0, 5);
	if ((out->steps.v = calloc((size_t)n, sizeof(out->steps.v[0]))) == NULL)
		fatal("db_ship_get: %d steps", n);
	for (int r = 0; r < n; r++) {
		struct ship_step_row *step;

		if (PQgetisnull(res, r, 6))
			continue;
		step = &out->steps.v[out->steps.n++];
		step->seq = value_int(res, r, 6);
		step->step = value_str(res, r, 7);
		step->label = value_str(res, r, 8);
		step->done_by = value_dup(res, r, 9);
		step->done = !PQgetisnull(res, r, 10);
		step->done_at = step->done ? (time_t)value_int64(res, r, 10) : 0;
		step->note = value_dup(res, r, 11);
	}
	return 1;
}

int db_ship_get(PGconn *conn, const char *number, struct ship_row *out)
{
	const char *params[1] = {number};
	PGresult *res = db_run(conn, &ship_show, params, PGRES_TUPLES_OK);
	int rc;

	memset(out, 0, sizeof(*out));
	if (res == NULL)
		return -1;
	rc = parse_show(res, out);
	PQclear(res);
	return rc;
}

void db_ship_row_free(struct ship_row *row)
{
	free(row->json);
	free(row->method);
	free(row->state);
	free(row->packages_json);
	free(row->override_reason);
	db_ship_step_rows_free(&row->steps);
	memset(row, 0, sizeof(*row));
}

static int parse_form(const PGresult *res, struct ship_form_row *out)
{
	if (!db_result_has_fields(res, &ship_form_data, 11))
		return -1;
	if (PQntuples(res) == 0)
		return 0;
	out->number = value_str(res, 0, 0);
	out->method = value_str(res, 0, 1);
	out->copies = value_int(res, 0, 2);
	out->packages = value_str(res, 0, 3);
	out->organization = value_str(res, 0, 4);
	out->contact = value_str(res, 0, 5);
	out->postal_code = value_str(res, 0, 6);
	out->address = value_str(res, 0, 7);
	out->phone = value_str(res, 0, 8);
	out->requester = value_str(res, 0, 9);
	out->date = value_str(res, 0, 10);
	return 1;
}

int db_ship_form_data(PGconn *conn, const char *number, struct ship_form_row *out)
{
	const char *params[1] = {number};
	PGresult *res = db_run(conn, &ship_form_data, params, PGRES_TUPLES_OK);
	int rc;

	memset(out, 0, sizeof(*out));
	if (res == NULL)
		return -1;
	rc = parse_form(res, out);
	PQclear(res);
	return rc;
}

void db_ship_form_row_free(struct ship_form_row *row)
{
	free(row->number);
	free(row->method);
	free(row->packages);
	free(row->organization);
	free(row->contact);
	free(row->postal_code);
	free(row->address);
	free(row->phone);
	free(row->requester);
	free(row->date);
	memset(row, 0, sizeof(*row));
}
