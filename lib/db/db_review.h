/*
 * db_review.h - what madoctl show tells beside the messages: the triage as
 * staff review it, the intake answers, the shipment, the cases related to
 * this one, and the audit trail.
 */
#ifndef MADOGUCHI_DB_REVIEW_H
#define MADOGUCHI_DB_REVIEW_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Strings malloc'd and owned by the struct; "" when there is nothing to tell. */
struct case_review {
	bool category_confirmed;
	char *category_label; /* the knowledge base's Japanese label */
	double confidence;    /* the classifier's, 0..1; -1 when not triaged */
	char *explain;        /* why triage decided so: one reason per line */
	char *answers;        /* suggested answers: "ID<TAB>title" per line */
	char *shipment;       /* "method, N copies, state" of the shipment in force */
	char *merged_into;    /* the case this one was merged into */
	char *merged_from;    /* cases merged into this one, one per line */
	char *links;          /* linked cases, ", "-separated */
	char *follows;        /* the closed case this one continues */
	/* Intake answers (phone and visit cases, or set by madoctl set): */
	char *organisation;
	char *source;
	char *consulted_elsewhere;
	char *caller_role;
	char *it_vendor; /* "true", "false" or "" */
};

/* Case CASE_ID's review into OUT (free with case_review_free): 1, 0 no such case, -1. */
int case_review_get(PGconn *conn, int64_t case_id, struct case_review *out)
    __attribute__((warn_unused_result));
void case_review_free(struct case_review *r);

/* An audit row: who did what, when, with the detail as JSON text. */
struct case_audit_row {
	char *at; /* "YYYY-MM-DDTHH:MM:SSZ" */
	char *actor;
	char *action;
	char *detail;
};

struct case_audit_rows {
	struct case_audit_row *v;
	size_t n;
};

/* Case CASE_ID's audit trail, oldest first. 0 or -1. */
int case_audit(PGconn *conn, int64_t case_id, struct case_audit_rows *out)
    __attribute__((warn_unused_result));
void case_audit_rows_free(struct case_audit_rows *rows);

#endif
