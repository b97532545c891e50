/*
 * reply_text.h - the text of a staff reply, as madoctl reply assembles it.
 */
#ifndef MADOGUCHI_REPLY_TEXT_H
#define MADOGUCHI_REPLY_TEXT_H

#include <libpq-fe.h>

struct buf;
struct config;

struct reply_text_req {
	const char *number;
	const char *requester; /* the name the answer addresses, "" when unknown */
	const char *actor;     /* whose signature ends it */
	const char *answer;    /* a template id, or NULL */
	const char *file;      /* a file, "-" for standard input, or NULL */
};

/*
 * The reply into OUT: the answer template filled in for the case (the
 * referral directory in force, guidebook pages), then the file's text, or
 * a greeting alone when neither is given; then the staff member's
 * signature ([staff.USER] signature). 0, or -1 after saying why.
 */
int reply_text_build(PGconn *db, const struct config *cfg, const struct reply_text_req *r,
		     struct buf *out);

/* Lets the staff member edit TEXT in $VISUAL, $EDITOR or vi. 0, or -1 after saying why. */
int reply_text_edit(struct buf *text);

#endif
