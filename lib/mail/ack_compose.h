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

/* A staff member's reply to a case's requester. */
struct reply_mail {
	const char *case_number;
	const char *to_name;
	const char *to_address;
	const char *subject;     /* the case's subject; the reply's is "[相談#N] Re: " and it */
	const char *in_reply_to; /* the requester's last Message-ID (no brackets), may be NULL */
	const char *references;  /* earlier Message-IDs of the thread, "<a> <b>", may be NULL */
	const char *body;        /* UTF-8 text, LF or CRLF line ends */
};

/*
 * Writes the reply from FROM as a complete RFC 5322 message into OUT, with
 * the case header and body marker that thread the requester's answer back
 * into the case, and its Message-ID (without brackets, unique: time,
 * process and random bytes) into MSGID. No Auto-Submitted: a person wrote it.
 */
void reply_compose(const struct reply_mail *r, const char *from, time_t now, struct buf *out,
		   char *msgid, size_t msgidsz);

#endif
