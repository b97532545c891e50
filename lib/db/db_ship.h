/*
 * db_ship.h - guidebook shipments as stored (shipments, shipment_steps):
 * the case a shipment is planned from, the shipment with its checklist,
 * each change and the audit row that records it.
 *
 * Plain data in and out: what to ship and which step comes next by the
 * manual is decided in lib/ship, not here. Functions that change anything
 * work inside the caller's transaction, so that a change and its audit row
 * commit together. Every string a row holds is its own copy, freed with the
 * row's _free function (which also takes a row that was never filled).
 */
#ifndef MADOGUCHI_DB_SHIP_H
#define MADOGUCHI_DB_SHIP_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define DB_SHIP_MUSTCHECK __attribute__((warn_unused_result))

/* A case to plan a shipment for, and the guidebook request its triage stored. */
struct ship_case_row {
	int64_t case_id;
	char *category;       /* "-" when the case has none */
	bool has_request;     /* the triage stored a material_request object */
	char *copies;         /* the request's copies as stored; NULL when absent */
	char *method;         /* the request's method as stored; NULL when absent */
	bool pickup;          /* the requester offers to collect */
	char *reason;         /* why the triage planned it so; "" when absent */
	char *request_json;   /* the material_request object; "{}" when absent */
	char *shipment_state; /* of the shipment in force; NULL when there is none */
};

/*
 * Inside the caller's transaction: reads case NUMBER and locks it (FOR
 * UPDATE), so that two plans of one case do not cross. 1 found, 0 no such
 * case, -1 error.
 */
int db_ship_case_lock(PGconn *conn, const char *number, struct ship_case_row *out)
    DB_SHIP_MUSTCHECK;
void db_ship_case_row_free(struct ship_case_row *row);

/* One step of a new shipment's checklist, in order. */
struct ship_new_step {
	const char *step;  /* its code */
	const char *label; /* the manual's name for it */
};

/* A shipment to store, and what its audit row says. Strings borrowed. */
struct ship_new {
	int64_t case_id;
	const char *method; /* by name */
	int copies;
	const char *packages_json; /* JSON array of packages */
	const char *request_json;  /* the material_request it was planned from */
	const char *reason;        /* staff's reason, NULL when none */
	const char *actor;         /* who plans it */
	const struct ship_new_step *steps;
	size_t nsteps;
	/* Staff changed the plan: the audit row keeps what the request said. */
	bool overridden;
	const char *requested_method, *requested_copies; /* as stored; NULL when absent */
};

/* Inside the caller's transaction: stores S and its checklist. 0 or -1. */
int db_ship_create(PGconn *conn, const struct ship_new *s) DB_SHIP_MUSTCHECK;

/*
 * Inside the caller's transaction: the audit row of S (ship_plan, or
 * ship_override with what the request said and why). 0 or -1.
 */
int db_ship_audit_plan(PGconn *conn, const struct ship_new *s) DB_SHIP_MUSTCHECK;

/* A case's shipment in force (not cancelled). */
struct ship_current_row {
	int64_t shipment_id;
	int64_t case_id;
	bool done; /* every step is done */
};

/*
 * Inside the caller's transaction: the shipment in force of case NUMBER,
 * locked (FOR UPDATE) for a change. 1 found, 0 none, -1 error.
 */
int db_ship_lock_current(PGconn *conn, const char *number, struct ship_current_row *out)
    DB_SHIP_MUSTCHECK;

/* One step of a shipment's checklist. */
struct ship_step_row {
	int seq; /* from 1, in the manual's order */
	char *step;
	char *label;
	char *done_by; /* NULL until done */
	bool done;
	time_t done_at; /* when done is true and done_by known */
	char *note;     /* NULL when none */
};

struct ship_step_rows {
	struct ship_step_row *v;
	size_t n;
};

void db_ship_step_row_free(struct ship_step_row *row);
void db_ship_step_rows_free(struct ship_step_rows *rows);

/*
 * The first step of SHIPMENT_ID not done yet (seq, step and label) and
 * whether it is the LAST one left. 1 found, 0 every step done, -1 error.
 */
int db_ship_next_step(PGconn *conn, int64_t shipment_id, struct ship_step_row *out, bool *last)
    DB_SHIP_MUSTCHECK;

/*
 * Inside the caller's transaction: step SEQ of SHIPMENT_ID done by ACTOR
 * now, with NOTE (may be NULL); when it was the LAST one, the shipment is
 * done too. 0 or -1.
 */
int db_ship_step_done(PGconn *conn, int64_t shipment_id, int seq, bool last, const char *actor,
		      const char *note) DB_SHIP_MUSTCHECK;

/* Inside the caller's transaction: the audit row of STEP done by ACTOR. 0 or -1. */
int db_ship_audit_step(PGconn *conn, int64_t case_id, const char *actor, const char *step,
		       const char *note) DB_SHIP_MUSTCHECK;

/*
 * Inside the caller's transaction: cancels the open shipment of case
 * NUMBER for REASON; *CASE_ID gets the case. 1 cancelled, 0 no open
 * shipment, -1 error.
 */
int db_ship_cancel(PGconn *conn, const char *number, const char *actor, const char *reason,
		   int64_t *case_id) DB_SHIP_MUSTCHECK;

/* Inside the caller's transaction: the audit row of a cancel. 0 or -1. */
int db_ship_audit_cancel(PGconn *conn, int64_t case_id, const char *actor, const char *reason)
    DB_SHIP_MUSTCHECK;

/* A shipment in madoctl ship list. */
struct ship_list_row {
	char *number; /* the case */
	char *method;
	int copies;
	char *state;
	int steps_done, steps;
	char *next_label; /* "-" when every step is done */
	char *json;       /* the shipment as madoctl ship show --json prints it */
};

struct ship_list_rows {
	struct ship_list_row *v;
	size_t n;
};

/* Open shipments (every one when ALL), oldest first. 0 or -1. */
int db_ship_list(PGconn *conn, bool all, struct ship_list_rows *out) DB_SHIP_MUSTCHECK;
void db_ship_list_rows_free(struct ship_list_rows *rows);

/* A shipment with its checklist. */
struct ship_row {
	char *json; /* the whole shipment as JSON, steps with who and when */
	char *method;
	int copies;
	char *state;
	char *packages_json;   /* as PostgreSQL prints the stored jsonb */
	char *override_reason; /* NULL when staff did not change the plan */
	struct ship_step_rows steps;
};

/*
 * The shipment of case NUMBER: the one in force, else the latest cancelled.
 * 1 found, 0 none, -1 error.
 */
int db_ship_get(PGconn *conn, const char *number, struct ship_row *out) DB_SHIP_MUSTCHECK;
void db_ship_row_free(struct ship_row *row);

/* What the printed forms of a shipment need. Strings "" when unknown. */
struct ship_form_row {
	char *number; /* the case */
	char *method;
	int copies;
	char *packages; /* "type:size:count" joined by ';', e.g. "box:100:1;box:80:1" */
	char *organization, *contact, *postal_code, *address, *phone;
	char *requester; /* the sender's name, else address */
	char *date;      /* today in Tokyo, as printed: 2026年11月22日 */
};

/* The form data of the shipment in force of case NUMBER. 1 found, 0 none, -1 error. */
int db_ship_form_data(PGconn *conn, const char *number, struct ship_form_row *out)
    DB_SHIP_MUSTCHECK;
void db_ship_form_row_free(struct ship_form_row *row);

#endif
