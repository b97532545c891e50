/*
 * mail_decode.h - everything a worker needs from one raw mail, decoded.
 */
#ifndef MADOGUCHI_MAIL_DECODE_H
#define MADOGUCHI_MAIL_DECODE_H

#include "buf.h"
#include "eapp_form.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum mail_kind {
	MAIL_REQUEST,   /* a person writing: a case or a follow-up */
	MAIL_AUTOREPLY, /* out-of-office and other machine answers (RFC 3834) */
	MAIL_BOUNCE,    /* delivery status notification (RFC 3464) or a mailer-daemon's report */
	MAIL_LIST,      /* mailing-list traffic */
};

struct mail_attachment {
	char *filename; /* safe name */
	char type[64];  /* sniffed from the bytes */
	char declared[80];
	size_t size;
	unsigned char sha256[32];
	size_t part; /* index in the MIME tree, to extract it again from the raw message */
};

struct decoded_mail {
	char *subject;      /* one line, UTF-8 */
	char *from_name;
	char *from_address;
	char *message_id;   /* NULL when none */
	char *in_reply_to;  /* NULL when none */
	char **references;  /* msg-ids, oldest first */
	size_t nreferences;
	time_t date;        /* 0 when unreadable */
	char *text;         /* the full text */
	char *own_words;    /* without quoted history and signature */
	struct mail_attachment *attachments;
	size_t nattachments;
	enum mail_kind kind;
	char *kind_reason;     /* why it is a robot: the header that said so */
	char *bounced_message_id; /* a bounce: the Message-ID of the mail that bounced */
	char case_tag[16];     /* "YYYY-NNNNNN" from the subject tag, the X-Madoguchi-Case
				  header or the body marker; "" when none */
	struct buf notes;      /* decoding notes for staff, "" when clean */
	/* A notification of the e-application service (mail_take_eapp): */
	bool eapp;
	struct eapp_form applicant; /* what the applicant typed; all NULL otherwise */
};

/*
 * Decodes RAW/LEN. Returns 0, or -1 with the reason the message must be
 * quarantined in WHY. M needs decoded_mail_free() either way.
 */
int mail_decode(const char *raw, size_t len, struct decoded_mail *m, char *why, size_t whysz)
    __attribute__((warn_unused_result));
void decoded_mail_free(struct decoded_mail *m);

const char *mail_kind_name(enum mail_kind kind);

/*
 * Takes decoded mail M as a notification of the e-application service (the
 * caller recognised its sender and subject): a request whatever its robot
 * headers say, with the applicant's entries read from its text.
 */
void mail_take_eapp(struct decoded_mail *m);

/*
 * Whether the text of M carries an applicant's entries (a name and at least
 * two more): from the service's sender, such a notice is an application
 * whatever its subject says (「申請内容の控え」); its maintenance notices
 * carry none.
 */
bool mail_has_application(const struct decoded_mail *m);

/*
 * Appends the decoded bytes of attachment A of the message RAW/LEN (as
 * found by mail_decode) to OUT. Returns 0, or -1 if the message no longer
 * parses the same way.
 */
int mail_attachment_bytes(const char *raw, size_t len, const struct mail_attachment *a,
			  struct buf *out) __attribute__((warn_unused_result));

#endif
