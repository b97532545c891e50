/*
 * db_split.h - moving a message that joined the wrong case into a case of
 * its own.
 */
#ifndef MADOGUCHI_DB_SPLIT_H
#define MADOGUCHI_DB_SPLIT_H

#include "db_case.h"

#include <libpq-fe.h>

enum case_split_result {
	CASE_SPLIT_DONE = 1,
	CASE_SPLIT_NO_CASE = 0,
	CASE_SPLIT_NO_MESSAGE = 2, /* the case has no message ORDINAL */
	CASE_SPLIT_FIRST = 3,      /* the case's first message: it is the case */
	CASE_SPLIT_OUTBOUND = 4,   /* our own mail stays with the case it answered */
	CASE_SPLIT_ERROR = -1,
};

/*
 * In one transaction: moves message ORDINAL (1-based, in the order `madoctl
 * show` lists them) of case NUMBER, with its attachments and documents, into
 * a new case whose requester and subject are the message's, uncategorised,
 * and writes a "split" audit row on both cases for ACTOR. The new case's
 * number goes to NEW_NUMBER.
 */
enum case_split_result case_split(PGconn *conn, const char *number, int ordinal,
				  const char *actor, char new_number[CASE_NUMBER_LEN + 1])
    __attribute__((warn_unused_result));

#endif
