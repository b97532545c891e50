/*
 * db_close.h - closing a case: what the closing rules look at, read under
 * the case's row lock, and the close written with its audit row in one
 * transaction. Which closes are allowed is the caller's to decide
 * (madoctl's close_rules.c); this file reads, locks and writes.
 */
#ifndef MADOGUCHI_DB_CLOSE_H
#define MADOGUCHI_DB_CLOSE_H

#include "db_state.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

/* What a case looks like to the closing rules. */
struct case_closing {
	char status[16];
	char category[64]; /* "" when not classified */
	bool category_confirmed;
	bool asked_category_known; /* the category asked for is one of the knowledge base's */
	char pending[512];  /* suggested referrals nobody made or dismissed, ", "-separated */
	char merged_into[16]; /* the case it was merged into, "" */
};

/* What the close writes, as the rules decided it. */
struct case_close_plan {
	const char *resolution;
	const char *category; /* confirmed with the close; NULL keeps the category as it is */
	const char *note;     /* NULL: none */
	bool dismiss_pending; /* record the pending referrals as dismissed */
};

/*
 * Decides the close of C: fills PLAN and returns 0 to close, 2 to refuse
 * with WHY (what is missing, and how to give it).
 */
typedef int (*case_close_decide)(const struct case_closing *c, struct case_close_plan *plan,
				 char *why, size_t whysz, void *arg);

/*
 * Locks case NUMBER, lets DECIDE plan the close (ASKED_CATEGORY, may be
 * NULL, is checked against the knowledge base first) and, unless DRY_RUN,
 * writes it: closed with the resolution and time, the category confirmed,
 * pending referrals dismissed, and an audit row "close" by ACTOR, in one
 * transaction. *PLAN receives what was (or would be) done.
 */
enum case_state_result case_close_move(PGconn *conn, const char *number, const char *actor,
				       const char *asked_category, bool dry_run,
				       case_close_decide decide, void *arg,
				       struct case_closing *from, struct case_close_plan *plan,
				       char *why, size_t whysz);

#endif
