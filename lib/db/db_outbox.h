/*
 * db_outbox.h - mail the desk sends, queued in the transaction that
 * decides it and sent afterwards (sql/004_outbox.sql).
 */
#ifndef MADOGUCHI_DB_OUTBOX_H
#define MADOGUCHI_DB_OUTBOX_H

#include <libpq-fe.h>
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
 * the attempt and puts off the next one (60 s doubled each attempt). 1 with
 * it in OUT (free with db_outbox_mail_free), 0 when nothing is due, -1.
 */
int db_outbox_claim(PGconn *conn, struct db_outbox_mail *out) __attribute__((warn_unused_result));
void db_outbox_mail_free(struct db_outbox_mail *m);

/*
 * Records how sending mail ID went: STATE "sent", "queued" (tried again
 * when due) or "failed" (given up), with ERROR (NULL after success). 0 or -1.
 */
int db_outbox_done(PGconn *conn, int64_t id, const char *state, const char *error)
    __attribute__((warn_unused_result));

#endif
