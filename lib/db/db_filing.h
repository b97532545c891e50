/*
 * db_filing.h - new cases filed a batch at a time: the statements a
 * worker's batch of plain new requests needs, each run once for the whole
 * batch inside one transaction (workers/ingest_batch.c).
 */
#ifndef MADOGUCHI_DB_FILING_H
#define MADOGUCHI_DB_FILING_H

#include "db_case.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Locks the inbound rows INBOUND[0..N) and each sender of SENDERS[0..N)
 * (NULL or "" for none) the way a single mail's filing does, senders in
 * one order for every worker, so no two workers ever wait on each other
 * in a circle. A separate statement from filing_check: that one must see
 * what was committed while these locks were awaited. 0 or -1.
 */
int filing_lock(PGconn *conn, const int64_t *inbound, const char *const *senders, size_t n)
    __attribute__((warn_unused_result));

/* What the database already knows of one mail of the batch. */
struct filing_state {
	char filed[CASE_NUMBER_LEN + 1]; /* the case it was filed to already, "" when none */
	bool duplicate;  /* the same Message-ID and body are filed */
	bool candidates; /* its sender has cases a follow-up could join */
};

/*
 * For each mail (inbound row, Message-ID, body SHA-256 in hex, sender):
 * whether it was filed already, is a duplicate, or could continue one of
 * its sender's cases (open, or closed within JOIN_DAYS days). OUT gets N
 * entries. 0 or -1.
 */
int filing_check(PGconn *conn, const int64_t *inbound, const char *const *message_ids,
		 const char *const *sha_hex, const char *const *senders, size_t n, int join_days,
		 struct filing_state *out) __attribute__((warn_unused_result));

/*
 * Files each mail M[0..N) as a new case of its own in one statement: the
 * case numbers (taken together from the year's counter), the cases with
 * their triage and search sets (M[i]->search_bigrams), their first
 * messages, and the inbound rows' disposition.
 * NUMBERS gets the case numbers and each M[i]->message_row its message.
 * The counter stays locked to COMMIT: run this late in the transaction.
 * 0 or -1.
 */
int filing_cases(PGconn *conn, struct case_message *const *m, size_t n,
		 char (*numbers)[CASE_NUMBER_LEN + 1]) __attribute__((warn_unused_result));

#endif
