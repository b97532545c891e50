/*
 * db_inbound.h - raw inbound messages and the jobs that process them.
 */
#ifndef MADOGUCHI_DB_INBOUND_H
#define MADOGUCHI_DB_INBOUND_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One message of a batch as fetched. */
struct inbound_msg {
	uint32_t uid;
	char *message_id; /* may be NULL */
	const char *raw;
	size_t len;
	size_t size; /* full size: > len when the message was fetched truncated */
};

/* What became of one message of a batch. */
enum inbound_outcome {
	INBOUND_QUEUED,      /* stored, job created */
	INBOUND_DUPLICATE,   /* same Message-ID and bytes already stored: recorded, no job */
	INBOUND_QUARANTINED, /* stored truncated (over the size cap), quarantined, no job */
	INBOUND_PRESENT,     /* this UID was stored before (a re-fetch after a crash) */
};

struct inbound_result {
	uint32_t uid;
	enum inbound_outcome outcome;
	int64_t job_id; /* INBOUND_QUEUED only */
};

/* Highest UID stored for MAILBOX under UIDVALIDITY (0 if none). 0 or -1. */
int inbound_last_uid(PGconn *conn, const char *mailbox, uint32_t uidvalidity, uint32_t *last)
    __attribute__((warn_unused_result));

/*
 * Records MAILBOX's UIDVALIDITY. *changed is true (and *previous set) when
 * it differs from the one stored before: the server renumbered the mailbox.
 */
int inbound_note_uidvalidity(PGconn *conn, const char *mailbox, uint32_t uidvalidity,
			     bool *changed, uint32_t *previous) __attribute__((warn_unused_result));

/*
 * Stores a batch in one statement: each raw message, its job, and for a
 * message over MAX_SIZE a quarantine record instead of a job. The caller
 * owns the transaction. OUT (N entries) gets what happened to each message,
 * in UID order. Returns 0 or -1.
 */
int inbound_store_batch(PGconn *conn, const char *mailbox, uint32_t uidvalidity,
			const struct inbound_msg *msgs, size_t n, size_t max_size,
			struct inbound_result *out) __attribute__((warn_unused_result));

/* Which of UIDS[0..N) are stored: STORED[i] set accordingly. 0 or -1. */
int inbound_stored(PGconn *conn, const char *mailbox, uint32_t uidvalidity, const uint32_t *uids,
		   size_t n, bool *stored) __attribute__((warn_unused_result));

/* Loads the raw bytes of inbound message ID into a malloc'd buffer the caller frees. */
int inbound_load(PGconn *conn, int64_t id, char **raw, size_t *len)
    __attribute__((warn_unused_result));

#endif
