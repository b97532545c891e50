/*
 * utf8.c - reading UTF-8 one code point at a time.
 *
 * Only the shortest form of a code point is accepted: an overlong form
 * (C0 AF for '/'), a surrogate, a value above U+10FFFF or a byte that cannot
 * start a sequence reads as U+FFFD, so a caller that checks code points
 * never lets one through spelled some other way.
 */
#include "utf8.h"

uint32_t utf8_next(const char **s)
{
	/* The smallest code point each sequence length may carry. */
	static const uint32_t min[4] = {0, 0x80, 0x800, 0x10000};
	const unsigned char *p = (const unsigned char *)*s;
	uint32_t cp;
	int n, i;

	if (p[0] < 0x80) {
		*s += 1;
		return p[0];
	}
	n = (p[0] & 0xe0) == 0xc0 ? 1 : (p[0] & 0xf0) == 0xe0 ? 2 : (p[0] & 0xf8) == 0xf0 ? 3 : 0;
	if (n == 0) {
		/* A continuation byte out of place, or F8-FF. */
		*s += 1;
		return 0xfffd;
	}
	cp = p[0] & (0x3f >> n);
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			break;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	*s += i;
	if (i != n + 1 || cp < min[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0xfffd;
	return cp;
}
