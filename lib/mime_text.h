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

struct buf;

/*
 * Finds the first TIFF or PDF document in the message (by type, or by file
 * name for application/octet-stream) and appends its decoded bytes to OUT;
 * its type ("image/tiff" or "application/pdf") goes to CTYPE and its
 * decoded file name (or "") to FILENAME. Returns 0, or -1 when there is none.
 */
int mime_document(const char *raw, size_t len, struct buf *out, char *ctype, size_t ctsz,
		  char *filename, size_t fnsz);

/* The value of parameter NAME in a Content-Type-like header value, or NULL. Caller frees. */
char *mime_param(const char *value, const char *name);

#endif
