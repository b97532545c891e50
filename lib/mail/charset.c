/*
 * charset.c - any charset a desk mail arrives in, to UTF-8.
 *
 * Design:
 * - Labels are normalised to what Japanese senders actually mean: Shift_JIS
 *   is read as CP932 and EUC-JP as EUC-JP-MS, so vendor characters (①, ㈱)
 *   survive.
 * - ISO-2022-JP is read as its CP50220 superset. glibc has no CP50220 and its
 *   ISO-2022-JP refuses NEC row 13, so the escape sequences are walked here:
 *   each JIS X 0208 pair becomes its Shift_JIS bytes and the result is decoded
 *   as CP932.
 * - Decoding never fails: a byte that cannot be read becomes U+FFFD and the
 *   caller is told so. When the declared label produces replacements, the
 *   bytes are validated against the likely Japanese encodings and the first
 *   clean reading wins (a "Shift_JIS labelled as ISO-8859-1" mail is common).
 */
#include "charset.h"

#include "buf.h"
#include "utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Not a valid CP932 lead byte: marks an unreadable position for iconv. */
#define CP932_POISON 0xFF

static const char *const utf8_replacement = "\xEF\xBF\xBD";

/*
 * Decodes IN as UTF-8, replacing each byte of a broken sequence by U+FFFD,
 * as iconv_tolerant() does for the other charsets: the two counts are
 * compared to choose a reading. Returns the replacement count.
 */
static size_t utf8_sanitize(const unsigned char *in, size_t len, struct buf *out)
{
	size_t i = 0, copied = 0, bad = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode((const char *)in + i, len - i, &cp);

		if (cp == UTF8_INVALID) {
			/* The valid run before it as it is, then the replacements. */
			buf_add(out, in + copied, i - copied);
			for (size_t k = 0; k < n; k++)
				buf_adds(out, utf8_replacement);
			bad += n;
			copied = i + n;
		}
		i += n;
	}
	if (copied < len)
		buf_add(out, in + copied, len - copied);
	return bad;
}

/*
 * Converts with iconv, skipping one byte with U+FFFD on each invalid
 * sequence. Returns the replacement count, or (size_t)-1 if iconv does not
 * know CODE.
 */
static size_t iconv_tolerant(const char *code, const unsigned char *in, size_t len,
			     struct buf *out)
{
	iconv_t cd = iconv_open("UTF-8", code);
	char *src = (char *)(uintptr_t)in;
	size_t left = len, bad = 0;

	if (cd == (iconv_t)-1)
		return (size_t)-1;
	while (left > 0) {
		char chunk[4096];
		char *dst = chunk;
		size_t room = sizeof(chunk);
		size_t r = iconv(cd, &src, &left, &dst, &room);

		buf_add(out, chunk, (size_t)(dst - chunk));
		if (r != (size_t)-1)
			continue;
		if (errno == E2BIG)
			continue;
		/* EILSEQ or EINVAL (truncated at the end): replace one byte, resynchronise. */
		buf_adds(out, utf8_replacement);
		bad++;
		src++;
		left--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	return bad;
}

/* Rewrites ISO-2022-JP (CP50220 flavour) as CP932 bytes. */
static void iso2022jp_to_cp932(const unsigned char *in, size_t len, struct buf *sjis)
{
	enum { ASCII, ROMAN, JIS0208, KANA, UNKNOWN } mode = ASCII;
	size_t i = 0;

	while (i < len) {
		unsigned char c = in[i];

		if (c == 0x1B) {
			if (i + 2 < len && in[i + 1] == '(' &&
			    (in[i + 2] == 'B' || in[i + 2] == 'J' || in[i + 2] == 'I')) {
				mode = in[i + 2] == 'B' ? ASCII : in[i + 2] == 'J' ? ROMAN : KANA;
				i += 3;
			} else if (i + 2 < len && in[i + 1] == '$' &&
				   (in[i + 2] == 'B' || in[i + 2] == '@')) {
				mode = JIS0208;
				i += 3;
			} else if (i + 3 < len && in[i + 1] == '$' && in[i + 2] == '(') {
				/* JIS X 0212 / 0213 planes have no CP932 reading. */
				mode = in[i + 3] == 'B' ? JIS0208 : UNKNOWN;
				i += 4;
			} else {
				buf_addc(sjis, (char)CP932_POISON);
				i++;
			}
			continue;
		}
		if (c == 0x0E) { /* SO: some senders shift to kana this way */
			mode = KANA;
			i++;
			continue;
		}
		if (c == 0x0F) {
			mode = ASCII;
			i++;
			continue;
		}
		if (c == '\r' || c == '\n') {
			/* A line end resets to ASCII in well-formed text; be forgiving. */
			buf_addc(sjis, (char)c);
			if (mode != JIS0208 && mode != UNKNOWN)
				mode = ASCII;
			i++;
			continue;
		}
		if (c >= 0xA1 && c <= 0xDF) { /* 8-bit half-width kana, CP50220 tolerates it */
			buf_addc(sjis, (char)c);
			i++;
			continue;
		}
		if (c >= 0x80) {
			buf_addc(sjis, (char)CP932_POISON);
			i++;
			continue;
		}
		switch (mode) {
		case ASCII:
		case ROMAN:
			buf_addc(sjis, (char)c);
			i++;
			break;
		case KANA:
			buf_addc(sjis, (char)(c >= 0x21 && c <= 0x5F ? c + 0x80 : c));
			i++;
			break;
		case JIS0208:
			if (c < 0x21 || c > 0x7E) {
				buf_addc(sjis, (char)c);
				i++;
			} else if (i + 1 < len && in[i + 1] >= 0x21 && in[i + 1] <= 0x7E) {
				unsigned j1 = c, j2 = in[i + 1], s1, s2;

				s1 = ((j1 - 0x21) >> 1) + 0x81;
				if (s1 > 0x9F)
					s1 += 0x40;
				if (j1 & 1) {
					s2 = j2 + 0x1F;
					if (s2 >= 0x7F)
						s2++;
				} else {
					s2 = j2 + 0x7E;
				}
				buf_addc(sjis, (char)s1);
				buf_addc(sjis, (char)s2);
				i += 2;
			} else {
				buf_addc(sjis, (char)CP932_POISON);
				i++;
			}
			break;
		case UNKNOWN:
			buf_addc(sjis, (char)CP932_POISON);
			i += (i + 1 < len && c >= 0x21 && c <= 0x7E) ? 2 : 1;
			break;
		}
	}
}

enum family { FAM_UTF8, FAM_ISO2022JP, FAM_ICONV };

/* Maps a MIME label to how it is decoded; *code gets the iconv name for FAM_ICONV. */
static enum family classify_label(const char *label, char *code, size_t codesz)
{
	static const struct {
		const char *label;
		enum family fam;
		const char *code;
	} aliases[] = {
	    {"utf-8", FAM_UTF8, NULL},
	    {"utf8", FAM_UTF8, NULL},
	    {"us-ascii", FAM_UTF8, NULL},
	    {"ascii", FAM_UTF8, NULL},
	    {"iso-2022-jp", FAM_ISO2022JP, NULL},
	    {"iso-2022-jp-1", FAM_ISO2022JP, NULL},
	    {"iso-2022-jp-2", FAM_ISO2022JP, NULL},
	    {"iso-2022-jp-ms", FAM_ISO2022JP, NULL},
	    {"cp50220", FAM_ISO2022JP, NULL},
	    {"cp50221", FAM_ISO2022JP, NULL},
	    {"cp50222", FAM_ISO2022JP, NULL},
	    {"csiso2022jp", FAM_ISO2022JP, NULL},
	    {"shift_jis", FAM_ICONV, "CP932"},
	    {"shift-jis", FAM_ICONV, "CP932"},
	    {"sjis", FAM_ICONV, "CP932"},
	    {"x-sjis", FAM_ICONV, "CP932"},
	    {"ms_kanji", FAM_ICONV, "CP932"},
	    {"csshiftjis", FAM_ICONV, "CP932"},
	    {"windows-31j", FAM_ICONV, "CP932"},
	    {"cp932", FAM_ICONV, "CP932"},
	    {"euc-jp", FAM_ICONV, "EUC-JP-MS"},
	    {"x-euc-jp", FAM_ICONV, "EUC-JP-MS"},
	    {"eucjp", FAM_ICONV, "EUC-JP-MS"},
	    {"gb2312", FAM_ICONV, "GB18030"},
	    {"gbk", FAM_ICONV, "GB18030"},
	    {"ks_c_5601-1987", FAM_ICONV, "CP949"},
	};
	size_t n = 0;

	for (; label[n] != '\0' && label[n] != '*' && n + 1 < codesz; n++)
		code[n] = label[n];
	code[n] = '\0';
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		if (strcasecmp(code, aliases[i].label) == 0) {
			if (aliases[i].code != NULL)
				snprintf(code, codesz, "%s", aliases[i].code);
			return aliases[i].fam;
		}
	}
	return FAM_ICONV;
}

static size_t decode_as(enum family fam, const char *code, const unsigned char *in, size_t len,
			struct buf *out)
{
	switch (fam) {
	case FAM_UTF8:
		return utf8_sanitize(in, len, out);
	case FAM_ISO2022JP: {
		struct buf sjis = BUF_INIT;
		size_t bad;

		iso2022jp_to_cp932(in, len, &sjis);
		bad = iconv_tolerant("CP932", (unsigned char *)sjis.data, sjis.len, out);
		buf_free(&sjis);
		return bad;
	}
	case FAM_ICONV:
		return iconv_tolerant(code, in, len, out);
	}
	return (size_t)-1;
}

/* An ISO-2022-JP designation (ESC $ B, ESC $ @, ESC ( B/J/I), not just any ESC (ANSI colours). */
static bool has_escape(const unsigned char *in, size_t len)
{
	for (const unsigned char *p = memchr(in, 0x1B, len); p != NULL && p + 2 < in + len;
	     p = memchr(p + 1, 0x1B, (size_t)(in + len - p - 1))) {
		if ((p[1] == '$' && (p[2] == 'B' || p[2] == '@')) ||
		    (p[1] == '(' && (p[2] == 'B' || p[2] == 'J' || p[2] == 'I')))
			return true;
	}
	return false;
}

/* Valid UTF-8 that uses multibyte sequences: almost never another charset by accident. */
static bool utf8_multibyte(const unsigned char *in, size_t len)
{
	bool multi = false;

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode((const char *)in + i, len - i, &cp);

		if (cp == UTF8_INVALID)
			return false;
		multi |= n > 1;
		i += n;
	}
	return multi;
}

/* CP932 double-byte pairs cover every 8-bit byte: Japanese text under a Latin label. */
static bool cp932_pairs(const unsigned char *in, size_t len)
{
	size_t pairs = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = in[i];

		if (c < 0x80 || (c >= 0xA1 && c <= 0xDF))
			continue;
		if (((c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC)) && i + 1 < len &&
		    in[i + 1] >= 0x40 && in[i + 1] <= 0xFC && in[i + 1] != 0x7F) {
			pairs++;
			i++;
			continue;
		}
		return false;
	}
	return pairs >= 2;
}

static bool all_ascii(const unsigned char *in, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (in[i] >= 0x80)
			return false;
	return true;
}

/* Tries the Japanese encodings in order of likelihood; keeps the reading with fewest replacements. */
static size_t decode_guess(const unsigned char *in, size_t len, struct buf *out)
{
	static const struct {
		enum family fam;
		const char *code;
	} order[] = {{FAM_UTF8, NULL}, {FAM_ICONV, "CP932"}, {FAM_ICONV, "EUC-JP-MS"}};
	size_t best_bad = (size_t)-1;
	struct buf best = BUF_INIT;

	if (has_escape(in, len) && all_ascii(in, len))
		return decode_as(FAM_ISO2022JP, NULL, in, len, out);
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		struct buf tmp = BUF_INIT;
		size_t bad = decode_as(order[i].fam, order[i].code, in, len, &tmp);

		if (bad < best_bad) {
			buf_free(&best);
			best = tmp;
			best_bad = bad;
			if (bad == 0)
				break;
		} else {
			buf_free(&tmp);
		}
	}
	buf_add(out, best.data, best.len);
	buf_free(&best);
	return best_bad;
}

size_t charset_decode_as(const char *label, const void *data, size_t len, struct buf *out,
			 char *used, size_t usedsz)
{
	const unsigned char *in = data;
	char code[64];
	enum family fam;
	struct buf tmp = BUF_INIT;
	size_t bad;

	if (used != NULL && usedsz > 0)
		used[0] = '\0';
	if (label == NULL || *label == '\0')
		return decode_guess(in, len, out);
	fam = classify_label(label, code, sizeof(code));
	/* Escapes in "ASCII" text are ISO-2022-JP sent without a label. */
	if (fam == FAM_UTF8 && has_escape(in, len) && all_ascii(in, len)) {
		fam = FAM_ISO2022JP;
		if (used != NULL)
			snprintf(used, usedsz, "ISO-2022-JP");
	}
	/* Labels lie; valid multibyte UTF-8 does not. */
	if (fam != FAM_UTF8 && fam != FAM_ISO2022JP && utf8_multibyte(in, len)) {
		if (used != NULL)
			snprintf(used, usedsz, "UTF-8");
		return utf8_sanitize(in, len, out);
	}
	/* Shift_JIS sent as ISO-8859-1 or windows-1252: the bytes pair up as CP932. */
	if (fam == FAM_ICONV &&
	    (strncasecmp(code, "iso-8859", 8) == 0 || strncasecmp(code, "windows-125", 11) == 0 ||
	     strncasecmp(code, "latin", 5) == 0) &&
	    cp932_pairs(in, len)) {
		if (used != NULL)
			snprintf(used, usedsz, "CP932");
		return iconv_tolerant("CP932", in, len, out);
	}
	bad = decode_as(fam, code, in, len, &tmp);
	if (bad == 0) {
		buf_add(out, tmp.data, tmp.len);
		buf_free(&tmp);
		return 0;
	}
	/* Unknown label or a wrong one: validate the bytes against what is likely. */
	{
		struct buf guess = BUF_INIT;
		size_t gbad = decode_guess(in, len, &guess);

		if (gbad < bad) {
			buf_add(out, guess.data, guess.len);
			bad = gbad;
			if (used != NULL)
				snprintf(used, usedsz, "%s", "another charset (guessed)");
		} else {
			buf_add(out, tmp.data, tmp.len);
		}
		buf_free(&guess);
	}
	buf_free(&tmp);
	return bad;
}

size_t charset_decode(const char *label, const void *data, size_t len, struct buf *out)
{
	return charset_decode_as(label, data, len, out, NULL, 0);
}
