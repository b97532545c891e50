/*
 * mime_text.h - the readable text of a message body.
 */
#ifndef MADOGUCHI_MIME_TEXT_H
#define MADOGUCHI_MIME_TEXT_H

#include <stddef.h>

/*
 * Returns the message's text as UTF-8 (malloc'd, caller frees, never NULL):
 * the first text/plain part, else the first text/html part reduced to text.
 * Transfer encodings and charsets are decoded; *bad (if not NULL) counts
 * unreadable positions. Nesting deeper than a fixed bound is not followed.
 */
char *mime_text(const char *raw, size_t len, size_t *bad);

/* The value of parameter NAME in a Content-Type-like header value, or NULL. Caller frees. */
char *mime_param(const char *value, const char *name);

#endif
