/*
 * outbound.h - machine-made mail: composing an acknowledgement, queueing
 * it in the outbox, and sending the outbox over SMTP with libcurl.
 */
#ifndef MADOGUCHI_OUTBOUND_H
#define MADOGUCHI_OUTBOUND_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct buf;
struct config;

struct ack_request {
	const char *case_number;
	const char *to_name;
	const char *to_address;
	const char *subject;    /* the requester's subject */
	const char *in_reply_to; /* the requester's Message-ID, may be NULL */
};

/*
 * Writes the acknowledgement as a complete RFC 5322 message (UTF-8 body,
 * RFC 2047 subject with the case tag, Auto-Submitted: auto-replied,
 * In-Reply-To, X-Madoguchi-Case and the body marker threading recognises)
 * into OUT, and its Message-ID (without brackets) into MSGID.
 */
void ack_compose(const struct ack_request *r, const char *from, time_t now, struct buf *out,
		 char *msgid, size_t msgidsz);

/*
 * Inside the caller's transaction: queues an acknowledgement for case
 * R->case_number unless the daily cap for R->to_address is reached, and
 * records it with the case as an outbound message. 1 queued, 0 capped, -1.
 */
int ack_queue(PGconn *conn, const struct config *cfg, const struct ack_request *r, time_t now)
    __attribute__((warn_unused_result));

/*
 * Inside the caller's transaction: queues a notice that closed case
 * R->case_number takes no more mail (the mailbox's closed_policy = reject),
 * asking the sender to write anew. Capped like acknowledgements. 1, 0, -1.
 */
int notice_queue(PGconn *conn, const struct config *cfg, const struct ack_request *r, time_t now)
    __attribute__((warn_unused_result));

/*
 * Sends what the outbox holds (at most MAX mails). Failed sends are retried
 * with growing delays, up to 8 attempts. Returns how many were sent, or -1
 * on a database error.
 */
int outbox_flush(PGconn *conn, const struct config *cfg, int max);

#endif
