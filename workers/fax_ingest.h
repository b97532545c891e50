/*
 * fax_ingest.h - a fax document (from the spool or a fax-to-mail gateway)
 * read with OCR and filed as a fax case.
 */
#ifndef MADOGUCHI_FAX_INGEST_H
#define MADOGUCHI_FAX_INGEST_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct classifier;
struct config;
struct events;
struct job;

struct fax_document {
	int64_t inbound_id; /* the inbound message carrying the bytes */
	const char *data;
	size_t len;
	const char *content_type;
	const char *filename; /* may be "" */
	const char *number;   /* sender's number, "" when unknown */
	const char *csid;     /* sender's fax identification, "" when unknown */
	int pages;            /* from the fax server, 0 when unknown */
	const char *message_id; /* fax-to-mail: the gateway mail's id; else NULL */
	time_t sent_at;         /* 0 when unknown */
};

/*
 * Reads DOC with OCR and files it as a fax case, marking the job done in
 * the same transaction, and publishes the new case on EV (NULL: not) once
 * that has committed. OCR failure is no error: the case is filed marked
 * for manual reading. Returns 0, or -1 with a reason in ERR.
 */
int fax_ingest(PGconn *db, const struct config *cfg, const struct classifier *cl,
	       struct events *ev, const struct job *job, const struct fax_document *doc, char *err,
	       size_t errsz)
	__attribute__((warn_unused_result));

#endif
