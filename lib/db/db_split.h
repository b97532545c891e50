/*
 * db_split.h - moving a message that joined the wrong case into a case of
 * its own.
 */
#ifndef MADOGUCHI_DB_SPLIT_H
#define MADOGUCHI_DB_SPLIT_H

#include "db_case.h"

#include <libpq-fe.h>
#include <stdbool.h>

enum case_split_result {
	CASE_SPLIT_DONE = 1,
	CASE_SPLIT_NO_CASE = 0,
	CASE_SPLIT_NO_MESSAGE = 2, /* the case has no message ORDINAL */
	CASE_SPLIT_FIRST = 3,      /* the case's first message: it is the case */
	CASE_SPLIT_OUTBOUND = 4,   /* our own mail stays with the case it answered */
	CASE_SPLIT_ERROR = -1,
};

/* The triage of the new case, as a worker stores it for a new request; all NULL: unset. */
struct case_split_triage {
	const char *category; /* NULL: not classified */
	bool urgent;
	const char *json;
};

/*
 * Called inside the split with the message's SUBJECT and own words (its text
 * when none were kept); fills OUT, whose strings ARG owns until the split
 * returns.
 */
typedef void (*case_split_triage_fn)(const char *subject, const char *own_words, void *arg,
				     struct case_split_triage *out);

/*
 * In one transaction: moves message ORDINAL (1-based, in the order `madoctl
 * show` lists them) of case NUMBER, with its attachments and documents, into
 * a new case whose requester and subject are the message's, triaged by
 * TRIAGE (NULL: uncategorised), and writes a "split" audit row on both cases for ACTOR. The new case's
 * number goes to NEW_NUMBER.
 */
enum case_split_result case_split(PGconn *conn, const char *number, int ordinal,
				  const char *actor, case_split_triage_fn triage, void *arg,
				  char new_number[CASE_NUMBER_LEN + 1])
    __attribute__((warn_unused_result));

#endif
