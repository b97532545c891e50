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
 *
 * Here the arguments are read, the calls made and the outcome printed: what
 * to ship is decided in lib/ship (material_plan), and what is stored, with
 * its audit row, in lib/db/db_ship.c.
 */
#include "madoctl.h"

#include "buf.h"
#include "config.h"
#include "db.h"
#include "db_ship.h"
#include "material.h"
#include "pdf_draw.h"
#include "ship_forms.h"
#include "shipment.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static int fail(PGconn *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Rolls back the transaction and prints why: every refusal leaves the database as it was. */
static int fail(PGconn *db, const char *fmt, ...)
{
	va_list ap;

	db_rollback(db);
	fprintf(stderr, "madoctl ship: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/* --- plan --------------------------------------------------------------- */

/* 0 when MR's plan can become a shipment, else 1 with the reason printed. */
static int refuse_unshippable(PGconn *db, const char *number, const struct ship_case_row *c,
			      const struct material_request *mr)
{
	switch (material_shippable(mr)) {
	case MATERIAL_SHIPPABLE:
		return 0;
	case MATERIAL_NOT_SHIPPED:
		return fail(db,
			    "case %s cannot be shipped as planned (%s: %s); staff may override with "
			    "--method and --reason",
			    number, ship_method_name(mr->method), c->reason);
	case MATERIAL_NO_METHOD:
		return fail(db, "case %s: unknown method (mail_free, pickup_or_cod or deferred)", number);
	case MATERIAL_BAD_COPIES:
		break;
	}
	return fail(db, "case %s: copies must be a number from 1", number);
}

/* Stores MR as the shipment of case C with its checklist and audit row, commits and says so. */
static int store_plan(PGconn *db, const struct ship_args *a, const struct ship_case_row *c,
		      const struct material_request *mr)
{
	size_t nsteps;
	const struct shipment_step *list = shipment_steps(mr->method, &nsteps);
	struct ship_new_step *steps = calloc(nsteps, sizeof(*steps));
	struct buf packages = BUF_INIT;
	struct ship_new s;
	int rc = 1;

	if (steps == NULL && nsteps > 0)
		return fail(db, "out of memory");
	for (size_t i = 0; i < nsteps; i++)
		steps[i] = (struct ship_new_step){list[i].code, list[i].label};
	material_packages_json(mr->packages, mr->npackages, &packages);
	s = (struct ship_new){
	    .case_id = c->case_id,
	    .method = ship_method_name(mr->method),
	    .copies = mr->copies,
	    .packages_json = packages.data,
	    .request_json = c->request_json,
	    .reason = a->reason,
	    .actor = ctl_actor(),
	    .steps = steps,
	    .nsteps = nsteps,
	    .overridden = a->method != NULL || a->copies != NULL,
	    .requested_method = c->method,
	    .requested_copies = c->copies,
	};
	if (db_ship_create(db, &s) == -1) {
		rc = fail(db, "database error");
	} else if (db_ship_audit_plan(db, &s) == -1 || db_commit(db) == -1) {
		db_rollback(db);
	} else {
		printf("case %s: %s, %d copies, packages %s; %zu steps, next: %s\n", a->pos[1],
		       s.method, s.copies, packages.data, nsteps, list[0].label);
		rc = 0;
	}
	buf_free(&packages);
	free(steps);
	return rc;
}

/* The shipment of case C: the triage's plan, what staff say over it, the policy. */
static int plan_case(struct ctl *ctl, PGconn *db, const struct ship_args *a,
		     const struct ship_case_row *c)
{
	const struct material_staff staff = {a->copies, a->method};
	struct shipping_policy policy;
	struct material_request mr;

	if (c->shipment_state != NULL)
		return fail(db, "case %s already has a shipment (%s): cancel it first to plan again",
			    a->pos[1], c->shipment_state);
	if (!c->has_request && (a->method == NULL || a->copies == NULL))
		return fail(db,
			    "case %s is not a guidebook request (category %s); plan it with --method, "
			    "--copies and --reason",
			    a->pos[1], c->category);
	shipping_policy_from_config(ctl->cfg, &policy);
	material_planned(&mr, c->copies, c->method, c->pickup);
	material_plan(&mr, &staff, &policy);
	if (refuse_unshippable(db, a->pos[1], c, &mr) != 0)
		return 1;
	return store_plan(db, a, c, &mr);
}

static int ship_plan(struct ctl *ctl, PGconn *db, const struct ship_args *a)
{
	struct ship_case_row c;
	int rc;

	if (db_begin(db) == -1)
		return 1;
	switch (db_ship_case_lock(db, a->pos[1], &c)) {
	case -1:
		return fail(db, "database error");
	case 0:
		return fail(db, "no case %s", a->pos[1]);
	}
	rc = plan_case(ctl, db, a, &c);
	db_ship_case_row_free(&c);
	return rc;
}

/* --- advance, cancel ---------------------------------------------------- */

static int advance_step(PGconn *db, const struct ship_args *a, const struct ship_current_row *cur,
			const struct ship_step_row *next, bool last)
{
	/* Out of order is refused: the checklist is the manual's order. */
	if (a->pos[2] != NULL && strcmp(a->pos[2], next->step) != 0)
		return fail(db, "step %s is not next: the next step is %s (%s)", a->pos[2], next->step,
			    next->label);
	if (db_ship_step_done(db, cur->shipment_id, next->seq, last, ctl_actor(), a->note) == -1)
		return fail(db, "database error");
	if (db_ship_audit_step(db, cur->case_id, ctl_actor(), next->step, a->note) == -1 ||
	    db_commit(db) == -1) {
		db_rollback(db);
		return 1;
	}
	printf("case %s: %s done%s\n", a->pos[1], next->label,
	       last ? "; the shipment is complete" : "");
	return 0;
}

static int ship_advance(PGconn *db, const struct ship_args *a)
{
	struct ship_current_row cur;
	struct ship_step_row next;
	bool last;
	int rc;

	if (db_begin(db) == -1)
		return 1;
	switch (db_ship_lock_current(db, a->pos[1], &cur)) {
	case -1:
		return fail(db, "database error");
	case 0:
		return fail(db, "case %s has no shipment in force (madoctl ship plan)", a->pos[1]);
	}
	if (cur.done)
		return fail(db, "the shipment of case %s is complete", a->pos[1]);
	if (db_ship_next_step(db, cur.shipment_id, &next, &last) != 1)
		rc = fail(db, "no step left");
	else
		rc = advance_step(db, a, &cur, &next, last);
	db_ship_step_row_free(&next);
	return rc;
}

static int ship_cancel(PGconn *db, const struct ship_args *a)
{
	int64_t case_id;

	if (db_begin(db) == -1)
		return 1;
	switch (db_ship_cancel(db, a->pos[1], ctl_actor(), a->reason, &case_id)) {
	case -1:
		return fail(db, "database error");
	case 0:
		return fail(db, "case %s has no open shipment to cancel", a->pos[1]);
	}
	if (db_ship_audit_cancel(db, case_id, ctl_actor(), a->reason) == -1 || db_commit(db) == -1) {
		db_rollback(db);
		return 1;
	}
	printf("case %s: shipment cancelled\n", a->pos[1]);
	return 0;
}

/* --- list, show --------------------------------------------------------- */

static int ship_list(PGconn *db, const struct ship_args *a)
{
	struct ship_list_rows rows;

	if (db_ship_list(db, a->all, &rows) == -1)
		return 1;
	if (a->json) {
		putchar('[');
		for (size_t i = 0; i < rows.n; i++)
			printf("%s%s", i ? "," : "", rows.v[i].json);
		puts("]");
	} else {
		printf("%-12s %-14s %6s %-9s %5s  %s\n", "CASE", "METHOD", "COPIES", "STATE", "DONE",
		       "NEXT STEP");
		for (size_t i = 0; i < rows.n; i++) {
			const struct ship_list_row *r = &rows.v[i];
			char done[32];

			snprintf(done, sizeof(done), "%d/%d", r->steps_done, r->steps);
			printf("%-12s %-14s %6d %-9s %5s  %s\n", r->number, r->method, r->copies,
			       r->state, done, r->next_label);
		}
	}
	db_ship_list_rows_free(&rows);
	return 0;
}

/* The checklist, a line a step: [x] for done, with who, when (UTC) and the note. */
static void print_steps(const struct ship_step_rows *steps)
{
	for (size_t i = 0; i < steps->n; i++) {
		const struct ship_step_row *t = &steps->v[i];

		printf("%s[%c] %s  %s", i ? "\n" : "", t->done ? 'x' : ' ', t->step, t->label);
		if (t->done && t->done_by != NULL) {
			char when[32];
			struct tm tm;

			strftime(when, sizeof(when), "%Y-%m-%d %H:%M", gmtime_r(&t->done_at, &tm));
			printf("  %s %s", t->done_by, when);
		}
		if (t->note != NULL)
			printf("  (%s)", t->note);
	}
	putchar('\n');
}

static int ship_show(PGconn *db, const struct ship_args *a)
{
	struct ship_row s;

	switch (db_ship_get(db, a->pos[1], &s)) {
	case -1:
		return 1;
	case 0:
		fprintf(stderr, "madoctl ship: case %s has no shipment\n", a->pos[1]);
		return 1;
	}
	if (a->json) {
		puts(s.json);
	} else {
		printf("case %s: %s, %d copies, %s\npackages: %s\n", a->pos[1], s.method, s.copies,
		       s.state, s.packages_json);
		if (s.override_reason != NULL && s.override_reason[0] != '\0')
			printf("plan changed by staff: %s\n", s.override_reason);
		print_steps(&s.steps);
	}
	db_ship_row_free(&s);
	return 0;
}

/* --- forms -------------------------------------------------------------- */

static int ship_forms(struct ctl *ctl, PGconn *db, const struct ship_args *a)
{
	struct ship_form_row r;
	struct ship_form_data d;
	char why[300];
	int rc;

	switch (db_ship_form_data(db, a->pos[1], &r)) {
	case -1:
		return 1;
	case 0:
		fprintf(stderr, "madoctl ship: case %s has no shipment in force (madoctl ship plan)\n",
			a->pos[1]);
		return 1;
	}
	memset(&d, 0, sizeof(d));
	d.case_number = r.number;
	d.method = ship_method_parse(r.method);
	d.copies = r.copies;
	d.packages = r.packages;
	d.organization = r.organization;
	d.contact = r.contact;
	d.postal_code = r.postal_code;
	d.address = r.address;
	d.phone = r.phone;
	d.requester = r.requester;
	d.date = r.date;
	d.desk_name = ctl->cfg->ship_desk_name;
	d.desk_address = ctl->cfg->ship_desk_address;
	d.desk_phone = ctl->cfg->ship_desk_phone;
	d.desk_fax = ctl->cfg->ship_desk_fax;
	rc = ship_forms_write(&d, a->out, why, sizeof(why));
	pdf_release_fonts();
	db_ship_form_row_free(&r);
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
