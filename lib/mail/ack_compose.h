/*
 * ack_compose.h - the mail the desk writes by itself to a requester: the
 * acknowledgement of a new case, and the notice that a closed case takes
 * no more mail. Text only; queueing and sending are the outbox's.
 */
#ifndef MADOGUCHI_ACK_COMPOSE_H
#define MADOGUCHI_ACK_COMPOSE_H

#include <stddef.h>
#include <time.h>

struct buf;

struct ack_request {
	const char *case_number;
	const char *to_name;
	const char *to_address;
	const char *subject;     /* the requester's subject */
	const char *in_reply_to; /* the requester's Message-ID, may be NULL */
};

/*
 * Writes the acknowledgement from FROM as a complete RFC 5322 message
 * (UTF-8 body, RFC 2047 subject with the case tag, Auto-Submitted:
 * auto-replied, In-Reply-To, X-Madoguchi-Case and the body marker
 * threading recognises) into OUT, and its Message-ID (without brackets)
 * into MSGID.
 */
void ack_compose(const struct ack_request *r, const char *from, time_t now, struct buf *out,
		 char *msgid, size_t msgidsz);

/* The same for the notice that closed case R->case_number takes no more mail. */
void ack_compose_notice(const struct ack_request *r, const char *from, time_t now,
			struct buf *out, char *msgid, size_t msgidsz);

#endif
