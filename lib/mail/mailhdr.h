/*
 * mailhdr.h - reading the header section of a raw RFC 5322 message.
 *
 * Works on the stored raw bytes without trusting them: bare LF line ends,
 * missing header/body separators and overlong sections are all tolerated.
 */
#ifndef MADOGUCHI_MAILHDR_H
#define MADOGUCHI_MAILHDR_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Offset where the body starts (after the blank line), or LEN if there is none. */
size_t mailhdr_body_offset(const char *raw, size_t len);

/*
 * The unfolded value of the first field named NAME (case-insensitive), as
 * raw bytes with leading blanks removed; malloc'd, caller frees. NULL when
 * absent.
 */
char *mailhdr_get(const char *raw, size_t len, const char *name);

/*
 * Decodes an unstructured header value (RFC 2047 encoded-words, raw 8-bit or
 * ISO-2022-JP text) to UTF-8 on one line: control characters become spaces so
 * a decoded subject can never inject a header. Caller frees. *bad (if not
 * NULL) gets the number of unreadable positions.
 */
char *mailhdr_decode(const char *value, size_t *bad);

/* The same decoding, but control characters are left in place (for file names, which are cleaned later). */
char *mailhdr_decode_keep(const char *value, size_t *bad);

/* A mailbox from From:/Reply-To:. Both strings are malloc'd UTF-8, never NULL. */
struct mailhdr_address {
	char *name;    /* decoded display name, "" when none */
	char *address; /* addr-spec, lower-cased domain, "" when none could be found */
};

void mailhdr_parse_address(const char *value, struct mailhdr_address *out);
void mailhdr_address_free(struct mailhdr_address *a);

/* The msg-id without angle brackets, or NULL when the value holds none. Caller frees. */
char *mailhdr_message_id(const char *value);

/* Parses an RFC 5322 date; returns false when it cannot be read. */
bool mailhdr_parse_date(const char *value, time_t *out);

#endif
