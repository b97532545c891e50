/*
 * ingest.h - the worker stage that turns a stored inbound message into a case.
 */
#ifndef MADOGUCHI_INGEST_H
#define MADOGUCHI_INGEST_H

#include <libpq-fe.h>
#include <stddef.h>

struct classifier;
struct config;
struct events;
struct job;

/*
 * Decodes the job's message (a mail, a mail from a fax gateway, or a fax
 * from the spool) and files it, marking the job done in the same
 * transaction, so a re-run never creates a second case; a new mail case is
 * triaged with CL when there is one. Once that has committed, a new case or
 * a message joining one is published on EV (NULL: not). Returns 0, or -1
 * with a reason in ERR (for the job's last_error).
 */
int ingest_job(PGconn *db, const struct config *cfg, const struct classifier *cl,
	       struct events *ev, const struct job *job, char *err, size_t errsz)
    __attribute__((warn_unused_result));

#endif
