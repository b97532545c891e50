/*
 * ingest_batch.h - a worker's batch of claimed jobs, the plain new
 * requests among them filed in one transaction.
 */
#ifndef MADOGUCHI_INGEST_BATCH_H
#define MADOGUCHI_INGEST_BATCH_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

struct classifier;
struct config;
struct events;
struct job;

/*
 * Files, of JOBS[0..N) (oldest first), the plain new requests together:
 * cases, triage with CL, acknowledgements and the jobs' "done" marks in
 * one transaction, published on EV once committed. LEFT[i] is set for
 * each job the caller must still run alone with ingest_job, in order,
 * after this returns. Returns 0, or -1 when the database connection
 * failed (every job not filed is left).
 */
int ingest_batch(PGconn *db, const struct config *cfg, const struct classifier *cl,
		 struct events *ev, const struct job *jobs, size_t n, bool *left)
    __attribute__((warn_unused_result));

#endif
