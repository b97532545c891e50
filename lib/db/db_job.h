/*
 * db_job.h - the job lifecycle in PostgreSQL:
 *   queued -> running -> done
 *   running -> queued (failed, attempts left) | dead (failed too often)
 *   running with an expired lease -> claimable again (its worker died),
 *     or dead once it has used up its attempts (it keeps killing workers).
 * A running job's worker renews the lease with heartbeats.
 */
#ifndef MADOGUCHI_DB_JOB_H
#define MADOGUCHI_DB_JOB_H

#include <libpq-fe.h>
#include <stddef.h>
#include <stdint.h>

struct job {
	int64_t id;
	int64_t inbound_id;
	int attempts;
	char kind[16];
};

/*
 * Claims the oldest claimable jobs for LEASE_SECS into JOBS, oldest
 * first: this worker's share of what waits (split over the workers whose
 * heartbeats are fresh), at most MAX; *N of them (0: nothing to do). Jobs whose lease expired
 * after MAX_ATTEMPTS claims are moved to dead first. 0 or -1.
 */
int job_claim_batch(PGconn *conn, const char *worker, int lease_secs, int max_attempts,
		    struct job *jobs, size_t max, size_t *n) __attribute__((warn_unused_result));

/* Extends the lease of every job WORKER holds. 0 or -1. */
int job_heartbeat(PGconn *conn, const char *worker, int lease_secs)
    __attribute__((warn_unused_result));

/* Marks the job done; meant to run inside the transaction that did its work. */
int job_done(PGconn *conn, int64_t id) __attribute__((warn_unused_result));
/* The same for the N jobs IDS. */
int job_done_batch(PGconn *conn, const int64_t *ids, size_t n) __attribute__((warn_unused_result));

/* Gives WORKER's claimed, unrun jobs IDS back to the queue (a stop came first). 0 or -1. */
int job_release_batch(PGconn *conn, const char *worker, const int64_t *ids, size_t n)
    __attribute__((warn_unused_result));

/* Records a failure: queued again, or dead once MAX_ATTEMPTS is reached. */
int job_failed(PGconn *conn, int64_t id, const char *error, int max_attempts)
    __attribute__((warn_unused_result));

/* Up to MAX ids of claimable jobs, oldest first, into IDS. 0 or -1. */
int job_list_claimable(PGconn *conn, size_t max, int64_t *ids, size_t *n)
    __attribute__((warn_unused_result));

/* A job as the admin sees it; strings malloc'd and owned by the list. */
struct job_row {
	int64_t id;
	char *kind;
	char *state;
	int attempts;
	char *worker;      /* NULL before the first claim */
	char *lease_until; /* "YYYY-MM-DDTHH:MM:SSZ"; may be NULL */
	char *last_error;  /* may be NULL */
	char *created_at;
	char *updated_at;
	char *case_number; /* the case its message was filed as; NULL if none */
};

struct job_rows {
	struct job_row *v;
	size_t n;
};

/*
 * Up to LIMIT jobs by id into OUT, which the caller frees with
 * job_rows_free (also after a failure). FILTER NULL lists the jobs not
 * done; "failed" lists dead jobs and queued ones that failed before; "all"
 * lists every job. 0 or -1.
 */
int job_list(PGconn *conn, const char *filter, int limit, struct job_rows *out)
    __attribute__((warn_unused_result));
void job_rows_free(struct job_rows *rows);

/*
 * Puts a dead (or failed) job back in the queue with its attempts reset,
 * and writes the audit row for ACTOR, in one transaction. 1, 0 (no such
 * job), -1.
 */
int job_retry(PGconn *conn, int64_t id, const char *actor) __attribute__((warn_unused_result));

#endif
