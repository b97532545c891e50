/*
 * outbox.h - machine-made mail to requesters, queued in the database in
 * the transaction that decides it and sent over SMTP afterwards: a crash
 * in between delays a mail, never loses it.
 */
#ifndef MADOGUCHI_OUTBOX_H
#define MADOGUCHI_OUTBOX_H

#include "ack_compose.h"

#include <libpq-fe.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct config;

/*
 * Inside the caller's transaction: queues an acknowledgement for case
 * R->case_number (when acknowledgements are enabled) unless the daily cap
 * for R->to_address is reached, and records it with the case as an
 * outbound message. 1 queued, 0 not, -1 on error.
 */
int outbox_queue_ack(PGconn *conn, const struct config *cfg, const struct ack_request *r,
		     time_t now) __attribute__((warn_unused_result));

/*
 * outbox_queue_ack for N new cases R[0..N) with distinct recipients, in
 * one statement. 0 or -1.
 */
int outbox_queue_acks(PGconn *conn, const struct config *cfg, const struct ack_request *r,
		      size_t n, time_t now) __attribute__((warn_unused_result));

/*
 * Inside the caller's transaction: queues a notice that closed case
 * R->case_number takes no more mail (the mailbox's closed_policy = reject),
 * asking the sender to write anew. Capped like acknowledgements. 1, 0, -1.
 */
int outbox_queue_notice(PGconn *conn, const struct config *cfg, const struct ack_request *r,
			time_t now) __attribute__((warn_unused_result));

/*
 * Sends what the outbox holds (at most MAX mails). Failed sends are retried
 * with growing delays, up to 8 attempts. Returns how many were sent, or -1
 * on a database error.
 */
int outbox_flush(PGconn *conn, const struct config *cfg, int max);

/*
 * Tries mail ID at once (a reply staff just wrote), unless a worker has
 * claimed it already; failures are retried later as in outbox_flush.
 * *STATE receives its state afterwards (sent, queued, failed) and ERR the
 * server's answer. 1 sent, 0 not (yet), -1 on a database error.
 */
int outbox_send_now(PGconn *conn, const struct config *cfg, int64_t id, const char **state,
		    char *err, size_t errsz);

#endif
