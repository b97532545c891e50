/*
 * utf8.c - reading UTF-8 one code point at a time.
 *
 * Only the shortest form of a code point is accepted: an overlong form
 * (C0 AF for '/'), a surrogate, a value above U+10FFFF or a byte that cannot
 * start a sequence reads as broken, so a caller that checks code points
 * never lets one through spelled some other way. A broken sequence takes
 * its first byte and at most the continuation bytes that byte announced,
 * never one that could start a sequence (see utf8.h), so what follows it is
 * read as it would be on its own.
 */
#include "utf8.h"

#include <stdbool.h>

/* 10xxxxxx: a byte that continues a sequence and can start none. */
static bool continues(unsigned char b)
{
	return (b & 0xc0) == 0x80;
}

/*
 * One branch per length rather than a loop: this runs once per character
 * of every text the desk decodes, classifies and reads for shipments.
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	*cp = UTF8_INVALID;
	/* A continuation byte out of place, F8-FF, or a lead with nothing after it. */
	if (p[0] < 0xc0 || p[0] >= 0xf8 || len < 2 || !continues(p[1]))
		return 1;
	if (p[0] < 0xe0) {
		c = (p[0] & 0x1fu) << 6 | (p[1] & 0x3fu);
		if (c >= 0x80)
			*cp = c;
		return 2;
	}
	if (len < 3 || !continues(p[2]))
		return 2;
	if (p[0] < 0xf0) {
		c = (p[0] & 0x0fu) << 12 | (p[1] & 0x3fu) << 6 | (p[2] & 0x3fu);
		if (c >= 0x800 && (c < 0xd800 || c > 0xdfff))
			*cp = c;
		return 3;
	}
	if (len < 4 || !continues(p[3]))
		return 3;
	c = (p[0] & 0x07u) << 18 | (p[1] & 0x3fu) << 12 | (p[2] & 0x3fu) << 6 | (p[3] & 0x3fu);
	if (c >= 0x10000 && c <= 0x10ffff)
		*cp = c;
	return 4;
}

uint32_t utf8_next(const char **s)
{
	uint32_t cp;

	*s += utf8_decode(*s, SIZE_MAX, &cp);
	return cp == UTF8_INVALID ? 0xfffd : cp;
}
