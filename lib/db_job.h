/*
 * db_job.h - the job lifecycle in PostgreSQL: queued -> running -> done,
 * or back to queued on failure, dead after too many attempts.
 *
 * A running job holds a lease; a job whose lease ran out (its worker died)
 * is claimable again, so no job is ever stuck.
 */
#ifndef MADOGUCHI_DB_JOB_H
#define MADOGUCHI_DB_JOB_H

#include <libpq-fe.h>
#include <stdint.h>

struct job {
	int64_t id;
	int64_t inbound_id;
	int attempts;
};

/*
 * Claims job HINT if it is claimable, else (or when HINT is 0) the oldest
 * claimable job, for LEASE_SECS. Returns 1 with *job filled, 0 when there is
 * nothing to do, -1 on error.
 */
int job_claim(PGconn *conn, const char *worker, int64_t hint, int lease_secs, struct job *job)
    __attribute__((warn_unused_result));

/* Marks the job done; meant to run inside the transaction that did its work. */
int job_done(PGconn *conn, int64_t id) __attribute__((warn_unused_result));

/* Records a failure: queued again, or dead once MAX_ATTEMPTS is reached. */
int job_failed(PGconn *conn, int64_t id, const char *error, int max_attempts)
    __attribute__((warn_unused_result));

#endif
