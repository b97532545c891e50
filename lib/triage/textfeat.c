/*
 * textfeat.c - character n-gram features of Japanese text.
 */
#include "textfeat.h"

#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* Longest text read, in code points: a request's own words are far shorter. */
#define MAX_CODEPOINTS 20000

/* True for code points that carry no topic: blanks and punctuation. */
static int is_noise(uint32_t cp)
{
	if (cp <= ' ' || cp == 0x7F)
		return 1;
	if (cp < 0x80)
		return strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", (int)cp) != NULL;
	/* CJK punctuation 、。〃「」『』【】〜 and friends, ・, and the full-width space. */
	if ((cp >= 0x3000 && cp <= 0x3003) || (cp >= 0x3008 && cp <= 0x3011) ||
	    (cp >= 0x3014 && cp <= 0x301F) || cp == 0x30FB || cp == 0xFF5E || cp == 0x2026 ||
	    cp == 0x2025 || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0x25A0 ||
	    cp == 0x25A1 || cp == 0x25CF || cp == 0x25CB || cp == 0x2605 || cp == 0x2606 ||
	    cp == 0x203B)
		return 1;
	return 0;
}

size_t textfeat_codepoints(const char *text, uint32_t *out, size_t max)
{
	const char *s = text;
	size_t n = 0;

	while (*s != '\0' && n < max) {
		uint32_t cp;

		s += utf8_decode(s, SIZE_MAX, &cp);
		if (cp == UTF8_INVALID)
			continue; /* a broken sequence: skip it rather than invent a character */
		/* Full-width ASCII and half-width forms fold to one spelling. */
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		if (cp >= 'A' && cp <= 'Z')
			cp += 32;
		if (is_noise(cp))
			continue;
		out[n++] = cp;
	}
	return n;
}

static int cmp_key(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Adds KEY to the open-addressing set SLOTS (CAP a power of two, kept at
 * most half full, 0 marking an empty slot: no key is 0) and, when it is
 * new, to DISTINCT. A set first and a sort of the distinct keys after:
 * a text repeats most of its n-grams, and sorting them all was most of
 * the classifier's time on a long mail.
 */
static void add_key(uint64_t *slots, size_t cap, uint64_t key, uint64_t *distinct, size_t *n)
{
	uint64_t h = key * 0x9E3779B97F4A7C15ULL;
	size_t i = (size_t)(h >> 32) & (cap - 1);

	while (slots[i] != 0 && slots[i] != key)
		i = (i + 1) & (cap - 1);
	if (slots[i] == 0) {
		slots[i] = key;
		distinct[(*n)++] = key;
	}
}

size_t textfeat_ngrams(const char *text, uint64_t **out)
{
	uint32_t *cps = malloc(MAX_CODEPOINTS * sizeof(*cps));
	uint64_t *keys, *slots;
	size_t n, cap = 64, distinct = 0;

	*out = NULL;
	if (cps == NULL)
		return 0;
	n = textfeat_codepoints(text, cps, MAX_CODEPOINTS);
	while (cap < 6 * n + 2)
		cap *= 2;
	keys = malloc((3 * n + 1) * sizeof(*keys));
	slots = calloc(cap, sizeof(*slots));
	if (keys == NULL || slots == NULL || n == 0) {
		free(cps);
		free(keys);
		free(slots);
		return 0;
	}
	/* A key packs up to three 21-bit code points; no code point is 0, so n is implied. */
	for (size_t i = 0; i < n; i++) {
		add_key(slots, cap, cps[i], keys, &distinct);
		if (i + 1 < n)
			add_key(slots, cap, ((uint64_t)cps[i] << 21) | cps[i + 1], keys, &distinct);
		if (i + 2 < n)
			add_key(slots, cap,
				((uint64_t)cps[i] << 42) | ((uint64_t)cps[i + 1] << 21) | cps[i + 2],
				keys, &distinct);
	}
	free(cps);
	free(slots);
	qsort(keys, distinct, sizeof(*keys), cmp_key);
	*out = keys;
	return distinct;
}

static size_t put_utf8(char *out, size_t room, uint32_t cp)
{
	unsigned char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xF0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	if (n >= room)
		return 0;
	memcpy(out, b, n);
	return n;
}

void textfeat_key_text(uint64_t key, char *out, size_t outsz)
{
	uint32_t cps[3] = {(uint32_t)(key >> 42) & 0x1FFFFF, (uint32_t)(key >> 21) & 0x1FFFFF,
			   (uint32_t)key & 0x1FFFFF};
	size_t len = 0;

	if (outsz == 0)
		return;
	for (int i = 0; i < 3; i++)
		if (cps[i] != 0)
			len += put_utf8(out + len, outsz - len, cps[i]);
	out[len] = '\0';
}
