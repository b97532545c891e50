/*
 * db_inbound.h - raw inbound messages, the jobs that process them, and the
 * state of each mailbox.
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
	INBOUND_DUPLICATE,   /* same Message-ID and bytes stored before or earlier in the batch:
			      * recorded without its bytes, no job */
	INBOUND_QUARANTINED, /* stored truncated (over the size cap), quarantined, no job */
	INBOUND_PRESENT,     /* this UID was stored before (a re-fetch after a crash) */
};

struct inbound_result {
	uint32_t uid;
	enum inbound_outcome outcome;
	int64_t job_id; /* INBOUND_QUEUED only */
};

/*
 * Takes the advisory lock on mailbox KEY for this database session, if no
 * other session holds it: 1 taken (or held already), 0 another session
 * holds it, -1 error. Closing the connection releases it.
 */
int inbound_try_lock_mailbox(PGconn *conn, const char *key) __attribute__((warn_unused_result));

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
 * message over MAX_SIZE a quarantine record instead of a job. A message
 * whose bytes and Message-ID match a stored one, or an earlier UID of the
 * batch, is recorded as that one's duplicate. The caller owns the
 * transaction. OUT (N entries) gets what happened to each message, in UID
 * order. Returns 0 or -1.
 */
int inbound_store_batch(PGconn *conn, const char *mailbox, uint32_t uidvalidity,
			const struct inbound_msg *msgs, size_t n, size_t max_size,
			struct inbound_result *out) __attribute__((warn_unused_result));

/* A document from the fax spool, with what the fax server said about it. */
struct inbound_fax {
	const char *spool;        /* the spool's identity, e.g. "fax:/var/spool/hylafax/recvq" */
	const char *name;         /* file name and its mtime: unique within the spool */
	const char *content_type; /* image/tiff or application/pdf */
	const char *data;
	size_t len;
	const char *number, *csid, *received, *file; /* may be "" */
	int pages;                                   /* 0 when unknown */
};

/*
 * Stores a fax document and its job in one statement (caller owns the
 * transaction). *job_id is the new job, or 0 when this file was stored
 * before or the same document arrived already (*duplicate set). 0 or -1.
 */
int inbound_store_fax(PGconn *conn, const struct inbound_fax *fax, int64_t *job_id,
		      bool *duplicate) __attribute__((warn_unused_result));

/* Which of UIDS[0..N) are stored: STORED[i] set accordingly. 0 or -1. */
int inbound_stored(PGconn *conn, const char *mailbox, uint32_t uidvalidity, const uint32_t *uids,
		   size_t n, bool *stored) __attribute__((warn_unused_result));

/* Loads the raw bytes of inbound message ID into a malloc'd buffer the caller frees. */
int inbound_load(PGconn *conn, int64_t id, char **raw, size_t *len)
    __attribute__((warn_unused_result));

/* What intake recorded besides the bytes (all malloc'd, "" when absent; free with inbound_info_free). */
struct inbound_info {
	char *mailbox;
	char *channel;
	char *content_type;
	char *number, *csid, *received, *file;
	int pages;
	bool truncated;
};

int inbound_info(PGconn *conn, int64_t id, struct inbound_info *info)
    __attribute__((warn_unused_result));
void inbound_info_free(struct inbound_info *info);

/*
 * Inside the caller's transaction: records what became of inbound message
 * ID (a value of inbound_messages.disposition). 0 or -1.
 */
int inbound_set_disposition(PGconn *conn, int64_t id, const char *disposition)
    __attribute__((warn_unused_result));

#endif
