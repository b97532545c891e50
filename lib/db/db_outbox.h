/*
 * db_outbox.h - mail the desk sends, queued in the transaction that
 * decides it and sent afterwards (sql/004_outbox.sql).
 */
#ifndef MADOGUCHI_DB_OUTBOX_H
#define MADOGUCHI_DB_OUTBOX_H

#include "buf.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How many acknowledgements and notices were queued for RCPT in the last day, into *COUNT. 0 or -1. */
int db_outbox_recent(PGconn *conn, const char *rcpt, int *count)
    __attribute__((warn_unused_result));

/*
 * Inside the caller's transaction: queues RAW (LEN bytes, a complete
 * UTF-8 message with Message-ID MESSAGE_ID) of KIND ("ack" or "notice")
 * for RCPT about case NUMBER, and files it with the case as an outbound
 * message, in one statement. 0 or -1.
 */
/*
 * The same for N acknowledgements at once (case NUMBERS[i] to RCPTS[i],
 * with MESSAGE_IDS[i] and RAWS[i]), each only if its recipient had fewer
 * than CAP acknowledgements and notices in the last day. QUEUED[i] says
 * which were queued. 0 or -1.
 */
int db_outbox_add_acks(PGconn *conn, const char *const *numbers, const char *const *rcpts,
		       const char *const *message_ids, const struct buf *raws, size_t n, int cap,
		       bool *queued) __attribute__((warn_unused_result));

int db_outbox_add(PGconn *conn, const char *number, const char *kind, const char *rcpt,
		  const char *message_id, const void *raw, size_t len)
    __attribute__((warn_unused_result));

/* A mail claimed for sending. */
struct db_outbox_mail {
	int64_t id;
	char *rcpt;
	unsigned char *raw; /* LEN bytes */
	size_t len;
	int attempts; /* counting this one */
};

/*
 * Claims the oldest mail due (queued, or left "sending" by a crash), marks
 * the attempt and puts off the next one (RETRY_INTERVAL seconds, doubled
 * each attempt). 1 with it in OUT (free with db_outbox_mail_free), 0 when
 * nothing is due, -1.
 */
int db_outbox_claim(PGconn *conn, int retry_interval, struct db_outbox_mail *out)
    __attribute__((warn_unused_result));

/* The same for mail ID, only while it is queued and nobody else claims it. */
int db_outbox_claim_id(PGconn *conn, int64_t id, int retry_interval, struct db_outbox_mail *out)
    __attribute__((warn_unused_result));
void db_outbox_mail_free(struct db_outbox_mail *m);

/*
 * Records how sending mail ID went: STATE "sent", "queued" (tried again
 * when due) or "failed" (given up), with ERROR (NULL after success). 0 or -1.
 */
int db_outbox_done(PGconn *conn, int64_t id, const char *state, const char *error)
    __attribute__((warn_unused_result));

/* A mail of the outbox as madoctl outbox lists it; strings owned by the list. */
struct db_outbox_row {
	int64_t id;
	char *case_number;
	char *kind;
	char *rcpt;
	char *state;
	int attempts;
	char *last_error;      /* NULL: none */
	char *created_at;      /* "YYYY-MM-DDTHH:MM:SSZ" */
	char *next_attempt_at; /* while queued; else NULL */
	char *staff;           /* who wrote it (replies); NULL for machine-made mail */
};

struct db_outbox_rows {
	struct db_outbox_row *v;
	size_t n;
};

/* The mail not yet sent (ALL: every mail), oldest first. 0 or -1. */
int db_outbox_list(PGconn *conn, bool all, struct db_outbox_rows *out)
    __attribute__((warn_unused_result));
void db_outbox_rows_free(struct db_outbox_rows *rows);

/*
 * Staff's hand on mail ID: "retry" puts a queued or failed mail back in
 * line now, with its attempts counted afresh; "cancel" stops a queued or
 * failed one. Audited on its case as outbox_retry or outbox_cancel by
 * ACTOR. 1 done, 0 no such mail in a state that allows it, -1.
 */
int db_outbox_staff(PGconn *conn, int64_t id, const char *what, const char *actor)
    __attribute__((warn_unused_result));

#endif
