/*
 * base64.h - lenient base64 decoding for mail (RFC 2045 bodies, RFC 2047 words).
 */
#ifndef MADOGUCHI_BASE64_H
#define MADOGUCHI_BASE64_H

#include <stddef.h>

struct buf;

/*
 * Appends the bytes S encodes to OUT. Characters outside the alphabet
 * (line breaks, padding, junk a broken mailer added) are skipped, as
 * RFC 2045 asks of a decoder, so damaged input still yields what it can.
 */
void base64_decode(const char *s, size_t len, struct buf *out);

/* The same, in pieces: STATE (zeroed to start) carries the bits between calls. */
struct base64_state {
	unsigned acc;
	int bits;
};
void base64_decode_more(struct base64_state *state, const char *s, size_t len, struct buf *out);

#endif
