/*
 * db_reply.h - a staff member's reply to a case's requester: whom it goes
 * to, and the reply recorded with the case, queued for sending (mail) or
 * noted as faxed, in one transaction with the case's new state and audit.
 */
#ifndef MADOGUCHI_DB_REPLY_H
#define MADOGUCHI_DB_REPLY_H

#include <libpq-fe.h>
#include <stddef.h>
#include <stdint.h>

/* Whom a reply to a case goes to; strings malloc'd, owned by the struct. */
struct reply_target {
	char number[16];
	char status[16];
	char channel[8];
	char merged_into[16]; /* "" unless merged */
	char *requester_name;
	char *requester_address; /* "" when the case has none (a call, a fax) */
	char *subject;
	char *fax_number;  /* "" unless the fax server said */
	char *in_reply_to; /* the requester's last Message-ID, NULL when none */
	char *references;  /* the thread's earlier Message-IDs, "<a> <b>", "" when none */
};

/* Case NUMBER's reply target into OUT (free with reply_target_free): 1, 0 no case, -1. */
int db_reply_target(PGconn *conn, const char *number, struct reply_target *out)
    __attribute__((warn_unused_result));
void reply_target_free(struct reply_target *t);

struct reply_record {
	const char *number;
	const char *actor;
	const char *via;        /* "mail" or "fax" */
	const char *rcpt;       /* the mail address, or the fax number */
	const char *from;       /* the desk's address or fax number */
	const char *subject;
	const char *body;       /* the text as sent */
	const char *message_id; /* mail: fixed now, so a retry sends this same mail */
	const void *raw;        /* mail: the whole message, LEN bytes */
	size_t len;
	const char *wait_until; /* YYYY-MM-DD the case waits until; NULL keeps its state */
};

/*
 * In one transaction: queues R's mail in the outbox (mail only; its id in
 * *OUTBOX_ID, else 0), files R as the case's outbound message, makes the
 * case waiting until R->wait_until (owned by the actor when nobody owns
 * it) and writes the audit row "reply". 1, 0 no such case, -1.
 */
int db_reply_record(PGconn *conn, const struct reply_record *r, int64_t *outbox_id)
    __attribute__((warn_unused_result));

#endif
