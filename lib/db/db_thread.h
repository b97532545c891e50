/*
 * db_thread.h - joining mail to cases: the case a mail continues, exact
 * duplicates and follow-ups, all inside the worker's transaction.
 */
#ifndef MADOGUCHI_DB_THREAD_H
#define MADOGUCHI_DB_THREAD_H

#include "db_case.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct thread_hit {
	char number[CASE_NUMBER_LEN + 1];
	bool closed;
	double closed_days; /* days since it was closed */
};

/*
 * The case a mail belongs to: by TAG (a case number from the subject tag or
 * the body marker), else by IN_REPLY_TO, else by the latest of REFS, matched
 * against every stored inbound and outbound Message-ID. 1 found, 0 none, -1.
 */
int thread_find(PGconn *conn, const char *tag, const char *in_reply_to, char *const *refs,
		size_t nrefs, struct thread_hit *hit) __attribute__((warn_unused_result));

/* True (1) when a message with this Message-ID and text hash is already filed. */
int thread_is_duplicate(PGconn *conn, const char *message_id, const unsigned char sha[32])
    __attribute__((warn_unused_result));

/*
 * Adds M to case NUMBER as a follow-up (kind), reopening it when REOPEN (with
 * an audit row). Returns the case_messages id, or -1 (also when there is no
 * case NUMBER).
 */
int64_t thread_add_message(PGconn *conn, const char *number, const struct case_message *m,
			   const char *kind, const char *own_words, const unsigned char sha[32],
			   const char *in_reply_to, bool reopen) __attribute__((warn_unused_result));

/* A case a mail without threading headers might continue; strings malloc'd. */
struct thread_candidate {
	char number[CASE_NUMBER_LEN + 1];
	char *subject;
	bool closed;
	double closed_days; /* days since it was closed */
};

struct thread_candidates {
	struct thread_candidate *v;
	size_t n;
};

/*
 * The mail cases of requester ADDRESS (compared without case) that are not
 * closed or were closed within WINDOW_DAYS, oldest first, into OUT, which
 * the caller frees with thread_candidates_free (also after a failure). 0 or -1.
 */
int thread_candidates(PGconn *conn, const char *address, int window_days,
		      struct thread_candidates *out) __attribute__((warn_unused_result));
void thread_candidates_free(struct thread_candidates *c);

/*
 * Marks case_messages row ROW as joined by sender and subject, not by
 * headers, with the heuristic_join audit row on its case (detail: MESSAGE_ID,
 * may be NULL, and the normalised SUBJECT). 0 or -1.
 */
int thread_mark_heuristic(PGconn *conn, int64_t row, const char *message_id,
			  const char *subject) __attribute__((warn_unused_result));

#endif
