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

/* What ingest.c shares with ingest_batch.c, which files plain new requests a batch at a time. */
struct buf;
struct case_message;
struct decoded_mail;
struct triage;

/* The classifier's answer for a new case, to be filed with it (CM points into T and JSON). */
void ingest_triage(const struct config *cfg, const struct classifier *cl,
		   const struct decoded_mail *m, struct triage *t, struct buf *json,
		   struct case_message *cm);

/*
 * Who the desk answers for mail M: its sender, or for an e-application
 * the applicant, at the mail address they typed (NULL when they typed
 * none: then nobody is written to, least of all the service's no-reply).
 */
void ingest_reply_to(const struct decoded_mail *m, const char **name, const char **address);

/* SHA-256 of M's text, as bytes and in hex: what recognises a duplicate. */
void ingest_body_sha(const struct decoded_mail *m, unsigned char sha[32], char hex[65]);

/* What a filed mail did (WHAT) to case NUMBER, for madoctl watch; NULL when no case changed. */
const char *ingest_case_event(const char *what, const char *number);

#endif
