/*
 * db_inbound.h - raw inbound messages and the jobs that process them.
 */
#ifndef MADOGUCHI_DB_INBOUND_H
#define MADOGUCHI_DB_INBOUND_H

#include <libpq-fe.h>
#include <stddef.h>
#include <stdint.h>

/* Highest UID stored for MAILBOX under UIDVALIDITY (0 if none). 0 or -1. */
int inbound_last_uid(PGconn *conn, const char *mailbox, uint32_t uidvalidity, uint32_t *last)
    __attribute__((warn_unused_result));

/*
 * Stores one raw message and its ingest job in one statement; the caller
 * owns the transaction. *job_id is the new job, or 0 when the message was
 * already stored (a re-fetch after a crash). Returns 0 or -1.
 */
int inbound_store(PGconn *conn, const char *mailbox, uint32_t uidvalidity, uint32_t uid,
		  const char *message_id, const char *raw, size_t len, int64_t *job_id)
    __attribute__((warn_unused_result));

/* Loads the raw bytes of inbound message ID into a malloc'd buffer the caller frees. */
int inbound_load(PGconn *conn, int64_t id, char **raw, size_t *len)
    __attribute__((warn_unused_result));

#endif
