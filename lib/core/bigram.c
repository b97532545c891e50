/*
 * bigram.c - the distinct character bigrams of a text (see bigram.h).
 */
#include "bigram.h"

#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A bigram is at most two 4-byte characters: it fits a 64-bit pair of code points. */
static uint64_t key_of(uint32_t a, uint32_t b)
{
	return (uint64_t)a << 32 | b;
}

static uint64_t mix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return k;
}

/* One character of a bigram: U+0001, the set's separator, reads as a space. */
static void put_char(struct buf *out, const char *at, size_t n)
{
	if (n == 1 && *at == 1)
		buf_addc(out, ' ');
	else
		buf_add(out, at, n);
}

void bigrams_distinct(const char *text, struct buf *out)
{
	/* A set begun by an earlier call goes on after one more separator. */
	size_t len, cap = 64, used = out->len > 0 ? 1 : 0;
	uint64_t *seen;
	const char *s = text, *prev_at = NULL;
	uint32_t prev = 0;
	size_t prev_len = 0;

	if (text == NULL || *text == '\0')
		return;
	len = strlen(text);
	/* Open addressing, kept under half full: at most one slot per character. */
	while (cap < 2 * len)
		cap *= 2;
	seen = calloc(cap, sizeof(*seen));
	if (seen == NULL)
		return;
	while (*s != '\0') {
		uint32_t cp;
		size_t n = utf8_decode(s, SIZE_MAX, &cp);

		if (cp == 1)
			cp = ' ';
		if (prev_at != NULL) {
			/* 0 marks an empty slot, and no pair of characters is all zero. */
			uint64_t k = key_of(prev, cp) + 1, i = mix(k) & (cap - 1);

			while (seen[i] != 0 && seen[i] != k)
				i = (i + 1) & (cap - 1);
			if (seen[i] == 0) {
				seen[i] = k;
				if (used++ > 0)
					buf_addc(out, 1);
				put_char(out, prev_at, prev_len);
				put_char(out, s, n);
			}
		}
		prev = cp;
		prev_at = s;
		prev_len = n;
		s += n;
	}
	free(seen);
}
