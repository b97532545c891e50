/*
 * test_utf8.c - the one reading of UTF-8 (utf8.h): what each valid and
 * broken sequence reads as, and how many bytes it consumes.
 */
#include "check.h"
#include "utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define BROKEN UTF8_INVALID

/* LEN bytes of IN read with utf8_decode(IN, LEN): code point CP, CONSUMED bytes. */
static const struct {
	const char *what;
	const char *in;
	size_t len;
	uint32_t cp;
	size_t consumed;
} table[] = {
    /* Valid, shortest form, and the boundaries between lengths. */
    {"NUL", "\0", 1, 0x0000, 1},
    {"A", "A", 1, 0x41, 1},
    {"U+007F", "\x7F", 1, 0x7F, 1},
    {"U+0080", "\xC2\x80", 2, 0x80, 2},
    {"U+00E9 then x", "\xC3\xA9x", 3, 0xE9, 2},
    {"U+07FF", "\xDF\xBF", 2, 0x7FF, 2},
    {"U+0800", "\xE0\xA0\x80", 3, 0x800, 3},
    {"U+3042", "\xE3\x81\x82", 3, 0x3042, 3},
    {"U+D7FF, below the surrogates", "\xED\x9F\xBF", 3, 0xD7FF, 3},
    {"U+E000, above the surrogates", "\xEE\x80\x80", 3, 0xE000, 3},
    {"U+FFFD itself is no broken sequence", "\xEF\xBF\xBD", 3, 0xFFFD, 3},
    {"U+FFFF", "\xEF\xBF\xBF", 3, 0xFFFF, 3},
    {"U+10000", "\xF0\x90\x80\x80", 4, 0x10000, 4},
    {"U+1F600", "\xF0\x9F\x98\x80", 4, 0x1F600, 4},
    {"U+10FFFF", "\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4},
    {"valid, LEN larger than the sequence", "\xE3\x81\x82" "A", 4, 0x3042, 3},

    /* Above U+10FFFF: the whole sequence. */
    {"U+110000", "\xF4\x90\x80\x80", 4, BROKEN, 4},
    {"F5 lead", "\xF5\x80\x80\x80", 4, BROKEN, 4},
    {"F7 lead, U+1FFFFF", "\xF7\xBF\xBF\xBF", 4, BROKEN, 4},

    /* Stray continuation bytes: one byte each. */
    {"stray 80", "\x80", 1, BROKEN, 1},
    {"stray BF", "\xBF", 1, BROKEN, 1},
    {"two stray bytes", "\x80\x80", 2, BROKEN, 1},
    {"stray AF before x", "\xAF" "x", 2, BROKEN, 1},

    /* Bytes that start nothing: one byte each. */
    {"F8, a 5-byte lead once", "\xF8\x88\x80\x80\x80", 5, BROKEN, 1},
    {"FC, a 6-byte lead once", "\xFC\x84\x80\x80\x80\x80", 6, BROKEN, 1},
    {"FE", "\xFE", 1, BROKEN, 1},
    {"FF", "\xFF", 1, BROKEN, 1},
    {"FE FF", "\xFE\xFF", 2, BROKEN, 1},

    /* Truncated: the lead and the continuation bytes that did follow. */
    {"C3 at the end", "\xC3", 1, BROKEN, 1},
    {"E3 81 at the end", "\xE3\x81", 2, BROKEN, 2},
    {"F0 9F 98 at the end", "\xF0\x9F\x98", 3, BROKEN, 3},
    {"E3 before ASCII", "\xE3" "A", 2, BROKEN, 1},
    {"E3 81 before ASCII", "\xE3\x81" "A", 3, BROKEN, 2},
    {"E3 81 before another lead", "\xE3\x81\xE3\x81\x82", 5, BROKEN, 2},
    {"F0 9F before FF", "\xF0\x9F\xFF", 3, BROKEN, 2},
    {"C3 before NUL", "\xC3\0", 2, BROKEN, 1},
    {"E3 81 before NUL", "\xE3\x81\0\x82", 4, BROKEN, 2},
    {"cut by LEN", "\xE3\x81\x82", 2, BROKEN, 2},
    {"cut by LEN to the lead", "\xF0\x9F\x98\x80", 1, BROKEN, 1},

    /* Overlong forms: the whole form. */
    {"overlong NUL C0 80", "\xC0\x80", 2, BROKEN, 2},
    {"overlong '/' C0 AF", "\xC0\xAF", 2, BROKEN, 2},
    {"overlong U+007F C1 BF", "\xC1\xBF", 2, BROKEN, 2},
    {"overlong '.' E0 80 AE", "\xE0\x80\xAE", 3, BROKEN, 3},
    {"overlong U+07FF E0 9F BF", "\xE0\x9F\xBF", 3, BROKEN, 3},
    {"overlong NUL F0 80 80 80", "\xF0\x80\x80\x80", 4, BROKEN, 4},
    {"overlong U+202E F0 82 80 AE", "\xF0\x82\x80\xAE", 4, BROKEN, 4},
    {"overlong U+FFFF F0 8F BF BF", "\xF0\x8F\xBF\xBF", 4, BROKEN, 4},

    /* Surrogates: the whole sequence. */
    {"U+D800", "\xED\xA0\x80", 3, BROKEN, 3},
    {"U+DBFF", "\xED\xAF\xBF", 3, BROKEN, 3},
    {"U+DC00", "\xED\xB0\x80", 3, BROKEN, 3},
    {"U+DFFF", "\xED\xBF\xBF", 3, BROKEN, 3},
};

static void decode_table(void)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		uint32_t cp = 0;
		size_t n = utf8_decode(table[i].in, table[i].len, &cp);

		CHECK(cp == table[i].cp && n == table[i].consumed,
		      "%s: U+%04X in %zu bytes, want U+%04X in %zu", table[i].what, (unsigned)cp, n,
		      (unsigned)table[i].cp, table[i].consumed);
	}
}

/* utf8_next() reads a NUL-terminated string the same way, with U+FFFD for broken. */
static void next_table(void)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		char s[16];
		const char *p = s;
		uint32_t want = table[i].cp == BROKEN ? 0xFFFD : table[i].cp;
		uint32_t cp;

		/* Only where the string ends where LEN does, or at a NUL of its own. */
		if (table[i].in[0] == '\0' || table[i].len != strlen(table[i].in))
			continue;
		memcpy(s, table[i].in, table[i].len + 1);
		cp = utf8_next(&p);
		CHECK(cp == want && (size_t)(p - s) == table[i].consumed,
		      "utf8_next %s: U+%04X in %zu bytes, want U+%04X in %zu", table[i].what,
		      (unsigned)cp, (size_t)(p - s), (unsigned)want, table[i].consumed);
	}
}

/* The UTF-8 of CP into OUT; returns its length. */
static size_t encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Every code point reads back as itself, and every surrogate as broken. */
static void every_code_point(void)
{
	size_t wrong = 0;

	for (uint32_t c = 0; c <= 0x10FFFF; c++) {
		char s[4];
		size_t len = encode(c, s), n;
		uint32_t cp;
		bool surrogate = c >= 0xD800 && c <= 0xDFFF;

		n = utf8_decode(s, len, &cp);
		if (n != len || cp != (surrogate ? BROKEN : c)) {
			if (wrong++ < 5)
				fprintf(stderr, "U+%04X: U+%04X in %zu bytes\n", (unsigned)c, (unsigned)cp,
					n);
		}
	}
	CHECK(wrong == 0, "%zu code points read wrong", wrong);
}

/*
 * Over every input of 1, 2 and 3 bytes: at least one byte is consumed, no
 * more than LEN, and everything after the first is a continuation byte, so
 * a caller stepping one byte at a time would read the same.
 */
static void always_advances(void)
{
	size_t wrong = 0;

	for (size_t len = 1; len <= 3; len++) {
		for (uint32_t v = 0; v < 1u << (8 * len); v++) {
			unsigned char s[3] = {(unsigned char)v, (unsigned char)(v >> 8),
					      (unsigned char)(v >> 16)};
			uint32_t cp;
			size_t n = utf8_decode((const char *)s, len, &cp);
			bool ok = n >= 1 && n <= len;

			for (size_t k = 1; ok && k < n; k++)
				ok = (s[k] & 0xC0) == 0x80;
			if (!ok && wrong++ < 5)
				fprintf(stderr, "%02X %02X %02X (LEN %zu): %zu bytes\n", s[0], s[1],
					s[2], len, n);
		}
	}
	CHECK(wrong == 0, "%zu inputs consumed wrongly", wrong);
}

/* A whole string read with utf8_next(): what attachment names and OCR text see. */
static void walk(void)
{
	static const char s[] = "a\xE2\x80\x01\xAE" "b\xC0\xAF\xF0\x9F\x98\x80\xFF\xE3\x81";
	static const uint32_t want[] = {'a', 0xFFFD, 0x01, 0xFFFD, 'b', 0xFFFD, 0x1F600, 0xFFFD, 0xFFFD};
	const char *p = s;
	size_t n = 0;
	bool same = true;

	while (*p != '\0' && n < sizeof(want) / sizeof(want[0]))
		same &= utf8_next(&p) == want[n++];
	CHECK(same && n == sizeof(want) / sizeof(want[0]) && *p == '\0',
	      "walk: %zu code points, %s, stopped at byte %zu", n, same ? "same" : "different",
	      (size_t)(p - s));
}

int main(void)
{
	decode_table();
	next_table();
	every_code_point();
	always_advances();
	walk();
	return check_done();
}
