/*
 * utf8.c - reading UTF-8 one code point at a time.
 */
#include "utf8.h"

uint32_t utf8_next(const char **s)
{
	const unsigned char *p = (const unsigned char *)*s;
	uint32_t cp;
	int n, i;

	if (p[0] < 0x80) {
		*s += 1;
		return p[0];
	}
	n = (p[0] & 0xe0) == 0xc0 ? 1 : (p[0] & 0xf0) == 0xe0 ? 2 : (p[0] & 0xf8) == 0xf0 ? 3 : 0;
	cp = p[0] & (0x3f >> n);
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			break;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	*s += i;
	return i == n + 1 ? cp : 0xfffd;
}
