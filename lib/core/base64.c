/*
 * base64.c - see base64.h.
 */
#include "base64.h"

#include "buf.h"

static int value(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

void base64_decode(const char *s, size_t len, struct buf *out)
{
	struct base64_state st = {0, 0};

	base64_decode_more(&st, s, len, out);
}

void base64_decode_more(struct base64_state *st, const char *s, size_t len, struct buf *out)
{
	unsigned acc = st->acc;
	int bits = st->bits;

	buf_reserve(out, len / 4 * 3 + 3);
	for (size_t i = 0; i < len; i++) {
		int v = value((unsigned char)s[i]);

		if (v < 0)
			continue;
		acc = ((acc << 6) | (unsigned)v) & 0xFFFFFF;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_addc(out, (char)((acc >> bits) & 0xFF));
		}
	}
	st->acc = acc;
	st->bits = bits;
}
