/*
 * db_call.h - a consultation by telephone or at the desk filed as a case:
 * the intake the answering manual asks for and the staff's summary, which
 * becomes the case's first message, with its triage.
 */
#ifndef MADOGUCHI_DB_CALL_H
#define MADOGUCHI_DB_CALL_H

#include "db_case.h"
#include "db_state.h"

#include <libpq-fe.h>
#include <stdbool.h>

struct call_intake {
	const char *channel;      /* phone or visit */
	const char *requester;    /* the caller's name */
	const char *organisation; /* NULL when none */
	const char *source;       /* how they learned of the desk, NULL when not asked */
	const char *elsewhere;    /* where they consulted before, "no", or NULL */
	const char *role;         /* owner admin staff, or NULL */
	int vendor;               /* 1 an IT vendor maintains their systems, 0 none, -1 not asked */
	const char *summary;      /* typed by staff */
	const char *category;     /* the triage's, NULL without a knowledge base */
	bool urgent;
	const char *triage_json;  /* NULL without a knowledge base */
};

/*
 * Files IN as a new case (status new) with the summary as its first
 * message and an audit row by ACTOR; its number in NUMBER. 0 or -1.
 */
int case_open_call(PGconn *conn, const struct call_intake *in, const char *actor,
		   char number[CASE_NUMBER_LEN + 1]) __attribute__((warn_unused_result));

/* Intake answers to set on a case; NULL (vendor -1) leaves a field as it is. */
struct intake_change {
	const char *organisation;
	const char *source;
	const char *elsewhere;
	const char *role;
	int vendor;
};

/*
 * Sets CH on case NUMBER with an audit row "set" by ACTOR holding each
 * field's value before and after, unless DRY_RUN. CASE_STATE_UNCHANGED
 * when every field already had its value.
 */
enum case_state_result case_set_intake(PGconn *conn, const char *number,
				       const struct intake_change *ch, const char *actor,
				       bool dry_run);

#endif
