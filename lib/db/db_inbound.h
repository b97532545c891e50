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

#include "pgarray.h"

struct db_stmt;

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

/* db_connect for madoguchid's intake (mail and fax): its statements keep one plan. */
PGconn *inbound_connect(const char *conninfo);

/*
 * Records MAILBOX's UIDVALIDITY. *changed is true (and *previous set) when
 * it differs from the one stored before: the server renumbered the mailbox.
 */
int inbound_note_uidvalidity(PGconn *conn, const char *mailbox, uint32_t uidvalidity,
			     bool *changed, uint32_t *previous) __attribute__((warn_unused_result));

/*
 * A batch of fetched messages on its way into one statement: the arrays
 * are built as the messages come, so each message's bytes are copied once.
 */
struct inbound_batch {
	struct pgarray uids, ids, raws, sizes, shas;
	uint32_t *uid;            /* the UIDs, in the order added */
	size_t *size;             /* each message's full size (> its bytes when truncated) */
	unsigned char (*sha)[32]; /* each message's SHA-256 */
	size_t n, cap;
	bool general; /* a staged mail, or UIDs out of order: the general statement stores it */
	const struct db_stmt *sent; /* the statement inbound_store_send chose */
};

void inbound_batch_init(struct inbound_batch *b);
/*
 * Adds a message: its UID, Message-ID (NULL for none), bytes, full size
 * and the SHA-256 of its bytes (32 bytes), by which the statement finds
 * stored copies. RAW NULL: the bytes are in inbound_staging already (see
 * inbound_stage_begin), in this transaction. 0 or -1 (out of memory).
 */
int inbound_batch_add(struct inbound_batch *b, uint32_t uid, const char *message_id,
		      const char *raw, size_t len, size_t size, const unsigned char *sha)
    __attribute__((warn_unused_result));

/* Frees what B holds; B needs inbound_batch_init before it is used again. */
void inbound_batch_free(struct inbound_batch *b);

/*
 * Stores a batch in one statement: each raw message, its job, and for a
 * message over MAX_SIZE a quarantine record instead of a job. A message
 * whose bytes and Message-ID match a stored one, or an earlier UID of the
 * batch, is recorded as that one's duplicate. inbound_store_send queues
 * the statement and returns at once; inbound_store_receive waits for it
 * and fills OUT (B->n entries, in the order added) with what happened to
 * each message. Sent outside a transaction, the statement is one, and is
 * committed when inbound_store_receive returns 0. Once sent, B keeps its
 * UIDs and sizes but no longer its bytes. Both return 0 or -1.
 */
int inbound_store_send(PGconn *conn, const char *mailbox, uint32_t uidvalidity,
		       struct inbound_batch *b, size_t max_size) __attribute__((warn_unused_result));
int inbound_store_receive(PGconn *conn, const struct inbound_batch *b, struct inbound_result *out)
    __attribute__((warn_unused_result));

/*
 * A big mail's bytes, streamed inside the caller's transaction into
 * inbound_staging for (MAILBOX, UID), from where the store statement
 * takes them: begin, any number of puts, end (WHY non-NULL aborts).
 * 0 or -1.
 */
int inbound_stage_begin(PGconn *conn, const char *mailbox, uint32_t uid)
    __attribute__((warn_unused_result));
int inbound_stage_put(PGconn *conn, const char *data, size_t len) __attribute__((warn_unused_result));
int inbound_stage_end(PGconn *conn, const char *why) __attribute__((warn_unused_result));

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

/* A mail as a worker's batch loads it (strings malloc'd, owned by the array). */
struct inbound_mail {
	int64_t id;
	char *mailbox; /* the intake key it came through */
	char *raw;     /* NUL-terminated after LEN bytes */
	size_t len;
};

/*
 * Loads, of the inbound messages IDS[0..N), the mails that are whole and
 * at most MAX_LEN bytes into OUT (room for N), *NOUT of them, in any
 * order; the others (faxes, big or truncated mail) are left for
 * inbound_info and inbound_load. Free with inbound_mails_free. 0 or -1.
 */
int inbound_load_batch(PGconn *conn, const int64_t *ids, size_t n, size_t max_len,
		       struct inbound_mail *out, size_t *nout) __attribute__((warn_unused_result));
void inbound_mails_free(struct inbound_mail *m, size_t n);

#endif
