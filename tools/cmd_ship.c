/*
 * cmd_ship.c - madoctl ship: guidebook shipments as a checklist staff can trust.
 *   ship list [--all] [--json]                  shipments in progress (or all)
 *   ship show CASE [--json]                      plan, packages, steps with who and when
 *   ship plan CASE [--method M] [--copies N] [--reason TEXT]
 *                                                a shipment from the case's request;
 *                                                changing the plan needs a reason
 *   ship advance CASE [STEP] [--note TEXT]       the next step done (STEP, if given,
 *                                                must be the next one)
 *   ship cancel CASE --reason TEXT
 *   ship forms CASE -o DIR                       the printable forms (ship_forms.c)
 * Every change is in the audit log with the staff member.
 */
#include "madoctl.h"

#include "buf.h"
#include "config.h"
#include "db.h"
#include "json.h"
#include "material.h"
#include "ship_forms.h"
#include "shipment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One subcommand's arguments; an option not in its grammar is NULL or false. */
struct ship_args {
	const char *pos[3]; /* the subcommand, CASE, STEP */
	const char *method, *copies, *reason, *note, *out;
	bool all, json;
};

/* The parsed command line as ship_args; -1 when an option's value is empty. */
static int parse_args(const struct ctl_args *args, struct ship_args *a)
{
	const char **values[] = {&a->method, &a->copies, &a->reason, &a->note, &a->out};

	memset(a, 0, sizeof(*a));
	a->pos[0] = ctl_args_sub(args);
	a->pos[1] = ctl_args_pos(args, 0);
	a->pos[2] = ctl_args_pos(args, 1);
	a->method = ctl_args_value(args, "--method");
	a->copies = ctl_args_value(args, "--copies");
	a->reason = ctl_args_value(args, "--reason");
	a->note = ctl_args_value(args, "--note");
	a->out = ctl_args_value(args, "-o");
	a->all = ctl_args_has(args, "--all");
	a->json = ctl_args_has(args, "--json");
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		if (*values[i] != NULL && **values[i] == '\0')
			return -1;
	return 0;
}

/* Inside the caller's transaction: the change and its record commit together. */
static int audit(PGconn *db, const char *case_id, const char *action, const char *detail_json)
{
	const char *params[4] = {case_id, ctl_actor(), action, detail_json};

	return db_exec(db, "ship_audit",
		       "INSERT INTO audit_log (case_id, actor, action, detail)"
		       " VALUES ($1::bigint, $2, $3, $4::jsonb)",
		       4, params);
}

static int fail(PGconn *db, const char *fmt, const char *a, const char *b)
{
	db_rollback(db);
	fprintf(stderr, "madoctl ship: ");
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	return 1;
}

/* --- plan --------------------------------------------------------------- */

static int ship_plan(struct ctl *ctl, PGconn *db, const struct ship_args *a)
{
	const char *params[1] = {a->pos[1]};
	struct shipping_policy policy;
	struct material_package pk[MATERIAL_MAX_PACKAGES];
	struct buf packages = BUF_INIT, detail = BUF_INIT;
	char case_id[32], copies_text[16], method_name[24], shipment_id[32];
	int copies, method;
	bool pickup;
	size_t npk, nsteps;
	const struct shipment_step *steps;
	PGresult *res;

	if (db_begin(db) == -1)
		return 1;
	res = db_query(db, "ship_case",
		       "SELECT c.id, coalesce(c.category, '-'),"
		       " jsonb_typeof(c.triage->'material_request') = 'object',"
		       " c.triage->'material_request'->>'copies',"
		       " c.triage->'material_request'->>'method',"
		       " coalesce(c.triage->'material_request'->>'pickup', 'false'),"
		       " coalesce(c.triage->'material_request'->>'reason', ''),"
		       " coalesce(c.triage->'material_request', '{}'::jsonb)::text,"
		       " (SELECT state FROM shipments s WHERE s.case_id = c.id AND s.state <> 'cancelled')"
		       " FROM cases c WHERE c.number = $1 FOR UPDATE",
		       1, params, PGRES_TUPLES_OK);
	if (res == NULL)
		return fail(db, "%s%s", "database error", "");
	if (PQntuples(res) == 0) {
		PQclear(res);
		return fail(db, "no case %s%s", a->pos[1], "");
	}
	if (!PQgetisnull(res, 0, 8)) {
		int rc = fail(db, "case %s already has a shipment (%s): cancel it first to plan again",
			      a->pos[1], PQgetvalue(res, 0, 8));

		PQclear(res);
		return rc;
	}
	snprintf(case_id, sizeof(case_id), "%s", PQgetvalue(res, 0, 0));
	/* The request as the triage read it, unless staff say otherwise. */
	copies = a->copies != NULL ? atoi(a->copies)
		 : PQgetisnull(res, 0, 3) ? -1
					  : atoi(PQgetvalue(res, 0, 3));
	method = a->method != NULL ? ship_method_parse(a->method)
		 : PQgetisnull(res, 0, 4) ? -1
					  : ship_method_parse(PQgetvalue(res, 0, 4));
	pickup = strcmp(PQgetvalue(res, 0, 5), "true") == 0;
	shipping_policy_from_config(ctl->cfg, &policy);
	/* Copies confirmed by staff: the method follows the thresholds, unless declined. */
	if (a->copies != NULL && a->method == NULL && method != SHIP_DECLINE && copies > 0)
		method = copies <= policy.free_max     ? SHIP_MAIL_FREE
			 : copies <= policy.pickup_max ? SHIP_PICKUP_OR_COD
						       : SHIP_DEFERRED;
	if (strcmp(PQgetvalue(res, 0, 2), "t") != 0 && (a->method == NULL || a->copies == NULL)) {
		int rc = fail(db,
			      "case %s is not a guidebook request (category %s); plan it with --method, "
			      "--copies and --reason",
			      a->pos[1], PQgetvalue(res, 0, 1));

		PQclear(res);
		return rc;
	}
	if (method == SHIP_DECLINE || method == SHIP_NEEDS_INFO) {
		char why[400];
		int rc;

		snprintf(why, sizeof(why), "%s: %s", ship_method_name((enum ship_method)method),
			 PQgetvalue(res, 0, 6));
		rc = fail(db,
			  "case %s cannot be shipped as planned (%s); staff may override with --method "
			  "and --reason",
			  a->pos[1], why);
		PQclear(res);
		return rc;
	}
	if (method < 0 || copies <= 0 || copies > 100000) {
		PQclear(res);
		return fail(db, "case %s: %s", a->pos[1],
			    method < 0 ? "unknown method (mail_free, pickup_or_cod or deferred)"
				       : "copies must be a number from 1");
	}
	npk = material_packages((enum ship_method)method, copies, pickup, &policy, pk,
				MATERIAL_MAX_PACKAGES);
	buf_addc(&packages, '[');
	for (size_t i = 0; i < npk; i++)
		buf_printf(&packages, "%s{\"type\":\"%s\",\"size\":%d,\"count\":%d}", i ? "," : "",
			   pk[i].type, pk[i].size, pk[i].count);
	buf_addc(&packages, ']');
	snprintf(copies_text, sizeof(copies_text), "%d", copies);
	snprintf(method_name, sizeof(method_name), "%s", ship_method_name((enum ship_method)method));
	{
		const char *p[7] = {case_id, method_name, copies_text, packages.data,
				    PQgetvalue(res, 0, 7), a->reason, ctl_actor()};
		PGresult *ins = db_query(db, "ship_insert",
					 "INSERT INTO shipments (case_id, method, copies, packages, request,"
					 " override_reason, created_by) VALUES ($1::bigint, $2, $3::int,"
					 " $4::jsonb, $5::jsonb, $6, $7) RETURNING id",
					 7, p, PGRES_TUPLES_OK);

		if (ins == NULL) {
			PQclear(res);
			buf_free(&packages);
			return fail(db, "%s%s", "database error", "");
		}
		snprintf(shipment_id, sizeof(shipment_id), "%s", PQgetvalue(ins, 0, 0));
		PQclear(ins);
	}
	steps = shipment_steps((enum ship_method)method, &nsteps);
	for (size_t i = 0; i < nsteps; i++) {
		char seq[24];
		const char *p[4] = {shipment_id, seq, steps[i].code, steps[i].label};

		snprintf(seq, sizeof(seq), "%zu", i + 1);
		if (db_exec(db, "ship_step_insert",
			    "INSERT INTO shipment_steps (shipment_id, seq, step, label_ja)"
			    " VALUES ($1::bigint, $2::int, $3, $4)",
			    4, p) == -1) {
			PQclear(res);
			buf_free(&packages);
			return fail(db, "%s%s", "database error", "");
		}
	}
	/* The plan and, when staff changed it, what the request said and why. */
	buf_printf(&detail, "{\"method\":\"%s\",\"copies\":%d,\"packages\":%s", method_name, copies,
		   packages.data);
	if (a->method != NULL || a->copies != NULL) {
		buf_adds(&detail, ",\"requested\":{\"method\":");
		json_buf_string(&detail, PQgetisnull(res, 0, 4) ? NULL : PQgetvalue(res, 0, 4));
		buf_adds(&detail, ",\"copies\":");
		json_buf_string(&detail, PQgetisnull(res, 0, 3) ? NULL : PQgetvalue(res, 0, 3));
		buf_adds(&detail, "},\"reason\":");
		json_buf_string(&detail, a->reason);
	}
	buf_addc(&detail, '}');
	PQclear(res);
	if (audit(db, case_id, a->method != NULL || a->copies != NULL ? "ship_override" : "ship_plan",
		  detail.data) == -1 ||
	    db_commit(db) == -1) {
		db_rollback(db);
		buf_free(&packages);
		buf_free(&detail);
		return 1;
	}
	printf("case %s: %s, %d copies, packages %s; %zu steps, next: %s\n", a->pos[1], method_name,
	       copies, packages.data, nsteps, steps[0].label);
	buf_free(&packages);
	buf_free(&detail);
	return 0;
}

/* --- advance, cancel ---------------------------------------------------- */

static int ship_advance(PGconn *db, const struct ship_args *a)
{
	const char *params[1] = {a->pos[1]};
	char shipment_id[32], case_id[32], seq[8], step[48], label[200];
	struct buf detail = BUF_INIT;
	bool last;
	PGresult *res;

	if (db_begin(db) == -1)
		return 1;
	res = db_query(db, "ship_current",
		       "SELECT s.id, s.state, c.id FROM shipments s JOIN cases c ON c.id = s.case_id"
		       " WHERE c.number = $1 AND s.state <> 'cancelled' FOR UPDATE OF s",
		       1, params, PGRES_TUPLES_OK);
	if (res == NULL)
		return fail(db, "%s%s", "database error", "");
	if (PQntuples(res) == 0) {
		PQclear(res);
		return fail(db, "case %s has no shipment in force%s (madoctl ship plan)", a->pos[1], "");
	}
	if (strcmp(PQgetvalue(res, 0, 1), "done") == 0) {
		PQclear(res);
		return fail(db, "the shipment of case %s is complete%s", a->pos[1], "");
	}
	snprintf(shipment_id, sizeof(shipment_id), "%s", PQgetvalue(res, 0, 0));
	snprintf(case_id, sizeof(case_id), "%s", PQgetvalue(res, 0, 2));
	PQclear(res);
	{
		const char *p[1] = {shipment_id};

		res = db_query(db, "ship_next",
			       "SELECT seq, step, label_ja, (SELECT count(*) FROM shipment_steps t"
			       "  WHERE t.shipment_id = $1 AND t.done_at IS NULL) = 1"
			       " FROM shipment_steps WHERE shipment_id = $1 AND done_at IS NULL"
			       " ORDER BY seq LIMIT 1",
			       1, p, PGRES_TUPLES_OK);
	}
	if (res == NULL || PQntuples(res) == 0) {
		PQclear(res);
		return fail(db, "%s%s", "no step left", "");
	}
	snprintf(seq, sizeof(seq), "%s", PQgetvalue(res, 0, 0));
	snprintf(step, sizeof(step), "%s", PQgetvalue(res, 0, 1));
	snprintf(label, sizeof(label), "%s", PQgetvalue(res, 0, 2));
	last = strcmp(PQgetvalue(res, 0, 3), "t") == 0;
	PQclear(res);
	/* Out of order is refused: the checklist is the manual's order. */
	if (a->pos[2] != NULL && strcmp(a->pos[2], step) != 0) {
		char next[260];

		snprintf(next, sizeof(next), "%s (%s)", step, label);
		return fail(db, "step %s is not next: the next step is %s", a->pos[2], next);
	}
	{
		const char *p[4] = {shipment_id, seq, ctl_actor(), a->note};

		if (db_exec(db, "ship_step_done",
			    "UPDATE shipment_steps SET done_by = $3, done_at = now(), note = $4"
			    " WHERE shipment_id = $1::bigint AND seq = $2::int",
			    4, p) == -1)
			return fail(db, "%s%s", "database error", "");
	}
	if (last) {
		const char *p[2] = {shipment_id, ctl_actor()};

		if (db_exec(db, "ship_done",
			    "UPDATE shipments SET state = 'done', closed_by = $2, closed_at = now()"
			    " WHERE id = $1::bigint",
			    2, p) == -1)
			return fail(db, "%s%s", "database error", "");
	}
	buf_adds(&detail, "{\"step\":");
	json_buf_string(&detail, step);
	buf_adds(&detail, ",\"note\":");
	json_buf_string(&detail, a->note);
	buf_addc(&detail, '}');
	if (audit(db, case_id, "ship_step", detail.data) == -1 || db_commit(db) == -1) {
		buf_free(&detail);
		db_rollback(db);
		return 1;
	}
	buf_free(&detail);
	printf("case %s: %s done%s\n", a->pos[1], label, last ? "; the shipment is complete" : "");
	return 0;
}

static int ship_cancel(PGconn *db, const struct ship_args *a)
{
	const char *params[3] = {a->pos[1], ctl_actor(), a->reason};
	struct buf detail = BUF_INIT;
	PGresult *res;
	char case_id[32];

	if (db_begin(db) == -1)
		return 1;
	res = db_query(db, "ship_cancel",
		       "UPDATE shipments s SET state = 'cancelled', closed_by = $2, closed_at = now(),"
		       " cancel_reason = $3 FROM cases c WHERE c.id = s.case_id AND c.number = $1"
		       " AND s.state = 'open' RETURNING c.id",
		       3, params, PGRES_TUPLES_OK);
	if (res == NULL)
		return fail(db, "%s%s", "database error", "");
	if (PQntuples(res) == 0) {
		PQclear(res);
		return fail(db, "case %s has no open shipment to cancel%s", a->pos[1], "");
	}
	snprintf(case_id, sizeof(case_id), "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	buf_adds(&detail, "{\"reason\":");
	json_buf_string(&detail, a->reason);
	buf_addc(&detail, '}');
	if (audit(db, case_id, "ship_cancel", detail.data) == -1 || db_commit(db) == -1) {
		buf_free(&detail);
		db_rollback(db);
		return 1;
	}
	buf_free(&detail);
	printf("case %s: shipment cancelled\n", a->pos[1]);
	return 0;
}

/* --- list, show --------------------------------------------------------- */

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

static int ship_list(PGconn *db, const struct ship_args *a)
{
	const char *params[1] = {a->all ? "t" : "f"};
	PGresult *res = db_query(db, "ship_list",
				 "SELECT c.number, s.method, s.copies, s.state,"
				 " (SELECT count(*) FILTER (WHERE done_at IS NOT NULL) || '/' || count(*)"
				 "  FROM shipment_steps t WHERE t.shipment_id = s.id),"
				 " coalesce((SELECT label_ja FROM shipment_steps t WHERE t.shipment_id = s.id"
				 "  AND done_at IS NULL ORDER BY seq LIMIT 1), '-'), " SHIPMENT_JSON
				 " FROM shipments s JOIN cases c ON c.id = s.case_id"
				 " WHERE $1::boolean OR s.state = 'open' ORDER BY s.created_at, s.id",
				 1, params, PGRES_TUPLES_OK);

	if (res == NULL)
		return 1;
	if (a->json) {
		putchar('[');
		for (int r = 0; r < PQntuples(res); r++)
			printf("%s%s", r ? "," : "", PQgetvalue(res, r, 6));
		puts("]");
	} else {
		printf("%-12s %-14s %6s %-9s %5s  %s\n", "CASE", "METHOD", "COPIES", "STATE", "DONE",
		       "NEXT STEP");
		for (int r = 0; r < PQntuples(res); r++)
			printf("%-12s %-14s %6s %-9s %5s  %s\n", PQgetvalue(res, r, 0),
			       PQgetvalue(res, r, 1), PQgetvalue(res, r, 2), PQgetvalue(res, r, 3),
			       PQgetvalue(res, r, 4), PQgetvalue(res, r, 5));
	}
	PQclear(res);
	return 0;
}

static int ship_show(PGconn *db, const struct ship_args *a)
{
	const char *params[1] = {a->pos[1]};
	PGresult *res = db_query(db, "ship_show",
				 "SELECT " SHIPMENT_JSON ", s.method, s.copies, s.state, s.packages::text,"
				 " coalesce(s.override_reason, ''),"
				 " (SELECT string_agg(CASE WHEN t.done_at IS NULL THEN '[ ] ' ELSE '[x] ' END ||"
				 "  t.step || '  ' || t.label_ja || coalesce('  ' || t.done_by || ' ' ||"
				 "  to_char(t.done_at, 'YYYY-MM-DD HH24:MI'), '') || coalesce('  (' || t.note"
				 "  || ')', ''), E'\\n' ORDER BY t.seq) FROM shipment_steps t"
				 "  WHERE t.shipment_id = s.id)"
				 " FROM shipments s JOIN cases c ON c.id = s.case_id WHERE c.number = $1"
				 " ORDER BY s.state = 'cancelled', s.created_at DESC LIMIT 1",
				 1, params, PGRES_TUPLES_OK);

	if (res == NULL)
		return 1;
	if (PQntuples(res) == 0) {
		fprintf(stderr, "madoctl ship: case %s has no shipment\n", a->pos[1]);
		PQclear(res);
		return 1;
	}
	if (a->json) {
		puts(PQgetvalue(res, 0, 0));
	} else {
		printf("case %s: %s, %s copies, %s\npackages: %s\n", a->pos[1], PQgetvalue(res, 0, 1),
		       PQgetvalue(res, 0, 2), PQgetvalue(res, 0, 3), PQgetvalue(res, 0, 4));
		if (PQgetvalue(res, 0, 5)[0] != '\0')
			printf("plan changed by staff: %s\n", PQgetvalue(res, 0, 5));
		printf("%s\n", PQgetvalue(res, 0, 6));
	}
	PQclear(res);
	return 0;
}

/* --- forms -------------------------------------------------------------- */

static int ship_forms(struct ctl *ctl, PGconn *db, const struct ship_args *a)
{
	const char *params[1] = {a->pos[1]};
	struct ship_form_data d;
	char why[300];
	int rc;
	PGresult *res = db_query(db, "ship_form_data",
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
				 " WHERE c.number = $1 AND s.state <> 'cancelled'",
				 1, params, PGRES_TUPLES_OK);

	if (res == NULL)
		return 1;
	if (PQntuples(res) == 0) {
		fprintf(stderr, "madoctl ship: case %s has no shipment in force (madoctl ship plan)\n",
			a->pos[1]);
		PQclear(res);
		return 1;
	}
	memset(&d, 0, sizeof(d));
	d.case_number = PQgetvalue(res, 0, 0);
	d.method = ship_method_parse(PQgetvalue(res, 0, 1));
	d.copies = atoi(PQgetvalue(res, 0, 2));
	d.packages = PQgetvalue(res, 0, 3);
	d.organization = PQgetvalue(res, 0, 4);
	d.contact = PQgetvalue(res, 0, 5);
	d.postal_code = PQgetvalue(res, 0, 6);
	d.address = PQgetvalue(res, 0, 7);
	d.phone = PQgetvalue(res, 0, 8);
	d.requester = PQgetvalue(res, 0, 9);
	d.date = PQgetvalue(res, 0, 10);
	d.desk_name = ctl->cfg->ship_desk_name;
	d.desk_address = ctl->cfg->ship_desk_address;
	d.desk_phone = ctl->cfg->ship_desk_phone;
	d.desk_fax = ctl->cfg->ship_desk_fax;
	rc = ship_forms_write(&d, a->out, why, sizeof(why));
	ship_forms_release_fonts();
	PQclear(res);
	if (rc == -1) {
		fprintf(stderr, "madoctl ship forms: %s\n", why);
		return 1;
	}
	return 0;
}

static int cmd_ship(struct ctl *ctl, const struct ctl_args *args)
{
	const char *sub = ctl_args_sub(args);
	struct ship_args a;
	PGconn *db;

	/* What the grammar cannot say: options one needs, or needs with another. */
	if (parse_args(args, &a) == -1 ||
	    (strcmp(sub, "plan") == 0 && (a.method != NULL || a.copies != NULL) && a.reason == NULL) ||
	    (strcmp(sub, "cancel") == 0 && a.reason == NULL) ||
	    (strcmp(sub, "forms") == 0 && a.out == NULL))
		return ctl_usage(&cmd_ship_entry);
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	if (strcmp(sub, "list") == 0)
		return ship_list(db, &a);
	if (strcmp(sub, "show") == 0)
		return ship_show(db, &a);
	if (strcmp(sub, "plan") == 0)
		return ship_plan(ctl, db, &a);
	if (strcmp(sub, "advance") == 0)
		return ship_advance(db, &a);
	if (strcmp(sub, "cancel") == 0)
		return ship_cancel(db, &a);
	return ship_forms(ctl, db, &a);
}

static const struct ctl_grammar ship_grammar[] = {
    {"list", "--all --json", 0, 0},
    {"show", "--json", 1, 1},
    {"plan", "--method: --copies: --reason:", 1, 1},
    {"advance", "--note:", 1, 2},
    {"cancel", "--reason:", 1, 1},
    {"forms", "-o:", 1, 1},
    CTL_GRAMMAR_END};

const struct ctl_command cmd_ship_entry = {
    "ship",
    "list [--all] [--json] | show CASE [--json] | plan CASE [--method M --copies N --reason TEXT]"
    " | advance CASE [STEP] [--note TEXT] | cancel CASE --reason TEXT | forms CASE -o DIR",
    "guidebook shipments: plan from the request, the manual's checklist step by step, forms",
    ship_grammar, cmd_ship};
