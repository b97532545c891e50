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
#include <time.h>

struct thread_hit {
	char number[CASE_NUMBER_LEN + 1];
	bool closed;
	double closed_days; /* days since it was closed */
	char *text;	    /* subjects and own words of its inbound mail, oldest first */
	bool later;	    /* all its mail is dated after the mail at hand */
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
 * an audit row); a case waiting for the requester is open again (audited as
 * "answered"). Returns the case_messages id, or -1 (also when there is no
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
	char *text;	    /* subjects and own words of its inbound mail, oldest first */
	bool later;	    /* all its mail is dated after the mail at hand */
};

struct thread_candidates {
	struct thread_candidate *v;
	size_t n;
};

/*
 * The mail cases of requester ADDRESS (compared without case) that are not
 * closed or were closed within WINDOW_DAYS, oldest first, into OUT, which
 * (SENT_AT: the date of the mail at hand, 0 when unknown, for `later`)
 * the caller frees with thread_candidates_free (also after a failure). 0 or -1.
 */
int thread_candidates(PGconn *conn, const char *address, int window_days, time_t sent_at,
		      struct thread_candidates *out) __attribute__((warn_unused_result));

/*
 * Inside the caller's transaction: waits until no other transaction files
 * mail of ADDRESS (compared without case), so two workers never decide a
 * sender's cases at once. Released at commit or rollback. 0 or -1.
 */
int thread_lock_sender(PGconn *conn, const char *address) __attribute__((warn_unused_result));
void thread_candidates_free(struct thread_candidates *c);

/*
 * Marks case_messages row ROW as joined by sender and subject, not by
 * headers, with the heuristic_join audit row on its case (detail: MESSAGE_ID,
 * may be NULL, and the normalised SUBJECT). 0 or -1.
 */
int thread_mark_heuristic(PGconn *conn, int64_t row, const char *message_id,
			  const char *subject) __attribute__((warn_unused_result));

/* A case's guidebook plan as a follow-up sees it (thread_plan_load). */
struct thread_plan {
	int64_t case_id;
	char method[24]; /* the stored plan's method, "" when none */
	char copies[24]; /* its copies as stored, "" when none */
	bool has_plan;	 /* the triage has a material_request */
	bool decided;	 /* staff made a shipment of it (not cancelled) */
	char *plan;	 /* the stored material_request as JSON text ("null" when none) */
	char **texts;	 /* subject and text of each inbound message, oldest first */
	size_t ntexts;
};

/* Loads case NUMBER's plan state into OUT (freed with thread_plan_free, also after failure). 0 or -1. */
int thread_plan_load(PGconn *conn, const char *number, struct thread_plan *out)
    __attribute__((warn_unused_result));
void thread_plan_free(struct thread_plan *p);

/*
 * Stores MATERIAL_JSON as case NUMBER's triage material_request, with the
 * followup_replan audit row (DETAIL: JSON, old and new plan). 0 or -1.
 */
int thread_plan_store(PGconn *conn, const struct thread_plan *p, const char *number,
		      const char *material_json, const char *detail)
    __attribute__((warn_unused_result));

#endif
