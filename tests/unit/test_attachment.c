/*
 * test_attachment.c - safe attachment names: what a sender can put in a
 * name to make staff save or open something other than what they see.
 */
#include "attachment.h"
#include "check.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Checks attachment_safe_name(NAME) == WANT, with CTX in the failure message. */
static void name_is(const char *name, const char *want, const char *ctx)
{
	char *got = attachment_safe_name(name);

	CHECK_STR(got, want, ctx);
	free(got);
}

/* Strict UTF-8: shortest form, no surrogates, nothing above U+10FFFF. */
static bool strict_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		uint32_t cp, min;
		int n;

		if (*p < 0x80) {
			p++;
			continue;
		}
		if ((*p & 0xE0) == 0xC0)
			n = 1, cp = *p & 0x1F, min = 0x80;
		else if ((*p & 0xF0) == 0xE0)
			n = 2, cp = *p & 0x0F, min = 0x800;
		else if ((*p & 0xF8) == 0xF0)
			n = 3, cp = *p & 0x07, min = 0x10000;
		else
			return false;
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (p[i] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		p += n + 1;
	}
	return true;
}

/* The UTF-8 of code point CP, in a static buffer. */
static const char *u8(uint32_t cp)
{
	static char out[5];

	memset(out, 0, sizeof(out));
	if (cp < 0x80) {
		out[0] = (char)cp;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
	} else {
		out[0] = (char)(0xF0 | cp >> 18);
		out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F));
	}
	return out;
}

/* "a" CP "b.txt" must come out as WANT_KEPT ? "a" CP "b.txt" : "ab.txt". */
static void code_point(uint32_t cp, bool kept)
{
	char name[32], want[32], ctx[48];

	snprintf(name, sizeof(name), "a%sb.txt", u8(cp));
	snprintf(want, sizeof(want), "%s", kept ? name : "ab.txt");
	snprintf(ctx, sizeof(ctx), "U+%04X %s", (unsigned)cp, kept ? "kept" : "removed");
	name_is(name, want, ctx);
}

static void bidi_and_invisible(void)
{
	static const uint32_t removed[] = {
	    0x0080, 0x0085, 0x009B, 0x009F,                 /* C1 controls */
	    0x061C,                                         /* Arabic letter mark */
	    0x200B, 0x200C, 0x200D, 0x200E, 0x200F,         /* zero-width, LRM, RLM */
	    0x2028, 0x2029,                                 /* line and paragraph separator */
	    0x202A, 0x202B, 0x202C, 0x202D, 0x202E,         /* embeddings and overrides */
	    0x2060, 0x2061, 0x2064, 0x2066, 0x2067, 0x2068, /* word joiner, isolates */
	    0x2069, 0x206A, 0x206F,                         /* deprecated format */
	    0xFEFF,                                         /* BOM */
	    0xFFF9, 0xFFFA, 0xFFFB,                         /* interlinear annotation */
	};
	/* Their neighbours are ordinary characters and stay. */
	static const uint32_t kept[] = {0x007E, 0x00A0, 0x00E9, 0x061B, 0x061D, 0x200A, 0x2010,
					0x2027, 0x202F, 0x2070, 0x3042, 0xFEFE, 0xFF21, 0xFFFC,
					0xFFFD, 0x1F600};

	for (size_t i = 0; i < sizeof(removed) / sizeof(removed[0]); i++)
		code_point(removed[i], false);
	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		code_point(kept[i], true);

	/* Shown as "invoiceexe.pdf" when the override is kept. */
	name_is("invoice\xE2\x80\xAE" "fdp.exe", "invoicefdp.exe", "right-to-left override");
	name_is("\xE2\x81\xA6" "photo\xE2\x81\xA9\xE2\x80\x8F.jpg", "photo.jpg", "isolate and RLM");
	name_is("見積\xC2\x9B" "31m書\xC2\x85.pdf", "見積31m書.pdf", "C1 CSI and NEL");
	name_is("写真\xE2\x80\x8D\xE2\x80\x8B.jpg", "写真.jpg", "zero-width joiner and space");
	/* A leading dot hidden behind an invisible character is still a leading dot. */
	name_is("\xEF\xBB\xBF.htaccess", "htaccess", "BOM before a dot");
	name_is("\xE2\x80\x8B. .bashrc", "bashrc", "zero-width space before dots and blanks");
	/* A device name spelled with an invisible character inside is still one. */
	name_is("CO\xE2\x80\x8DN.txt", "_CON.txt", "ZWJ inside CON");
	name_is("\xC2\x85NUL", "_NUL", "C1 before NUL");
	name_is("report.pdf\xE2\x80\x8B", "report.pdf", "trailing zero-width space");
	name_is("report.\xE2\x80\x8E", "report", "trailing dot behind an LRM");
	name_is("\xE2\x80\xAE\xE2\x80\x8B\xC2\x85", "attachment", "only invisible characters");
}

static void broken_sequences(void)
{
	char *got;

	/*
	 * Bytes of a broken sequence are never copied: E2 80 then AE with a
	 * removed control between them would otherwise join into U+202E.
	 */
	got = attachment_safe_name("a\xE2\x80\x01\xAE" "b.exe");
	CHECK(got != NULL && strstr(got, "\xE2\x80\xAE") == NULL, "U+202E re-formed: %s", got ? got : "(none)");
	CHECK_STR(got, "a\xEF\xBF\xBD\xEF\xBF\xBD" "b.exe", "broken sequence around a control");
	free(got);
	name_is("a\xC2\x01\x85" "b", "a\xEF\xBF\xBD\xEF\xBF\xBD" "b", "C2 85 split by a control");
	/* A stray continuation byte or an impossible lead byte reads as U+FFFD, not as ASCII. */
	name_is("x\xAF" "y", "x\xEF\xBF\xBD" "y", "stray 0xAF (0x2F '/' in its low bits)");
	name_is("x\xBC" "y", "x\xEF\xBF\xBD" "y", "stray 0xBC (0x3C '<' in its low bits)");
	name_is("x\xFF\xFE" "y", "x\xEF\xBF\xBD\xEF\xBF\xBD" "y", "bytes FF FE");
	/* Overlong forms of '/', '\\', '.', NUL and U+0085. */
	name_is("a\xC0\xAF" "b", "a\xEF\xBF\xBD" "b", "overlong slash");
	name_is("a\xC1\x9C" "b", "a\xEF\xBF\xBD" "b", "overlong backslash");
	name_is("\xE0\x80\xAE" "x", "\xEF\xBF\xBD" "x", "overlong dot");
	name_is("a\xC0\x80" "b", "a\xEF\xBF\xBD" "b", "overlong NUL");
	name_is("a\xE0\x82\x85" "b", "a\xEF\xBF\xBD" "b", "overlong U+0085");
	name_is("a\xF0\x82\x80\xAE" "b", "a\xEF\xBF\xBD" "b", "4-byte overlong U+202E");
	/* Surrogates and code points above U+10FFFF. */
	name_is("a\xED\xA0\x80" "b", "a\xEF\xBF\xBD" "b", "surrogate");
	name_is("a\xF4\x90\x80\x80" "b", "a\xEF\xBF\xBD" "b", "above U+10FFFF");
	/* A sequence cut by the end of the name. */
	name_is("abc\xE2\x80", "abc\xEF\xBF\xBD", "truncated at the end");

	got = attachment_safe_name("\xF8\x88\x80\x80\x80\xC0\xAF\xE2\x80\xAE\xED\xBF\xBF\x80");
	CHECK(got != NULL && strict_utf8(got), "not strict UTF-8: %s", got ? got : "(none)");
	free(got);
}

static void paths_and_windows(void)
{
	name_is("../../etc/passwd", "passwd", "relative path");
	name_is("/etc/cron.d/backdoor", "backdoor", "absolute path");
	name_is("C:\\Windows\\system32\\evil.exe", "evil.exe", "Windows path");
	name_is("..\\..\\Startup\\.bashrc", "bashrc", "leading dot after a path");
	name_is("dir/", "attachment", "nothing after the last slash");
	name_is("..hidden\"<x>|y*.txt", "hidden__x__y_.txt", "leading dots, forbidden characters");
	name_is("見積:最終版?.pdf", "見積_最終版_.pdf", "forbidden characters between kanji");
	name_is("report\r\n\a.pdf", "report.pdf", "C0 controls");
	name_is("\x1b[31mred\x1b[0m.txt", "[31mred[0m.txt", "escape sequences");
	name_is("tab\tname\x7f.png", "tabname.png", "TAB and DEL");
	name_is("name. . ", "name", "trailing dots and blanks");
	name_is("CON.txt", "_CON.txt", "CON");
	name_is("con", "_con", "con, lower case");
	name_is("NUL", "_NUL", "NUL");
	name_is("aux.tar.gz", "_aux.tar.gz", "AUX with two extensions");
	name_is("PRN.", "_PRN", "PRN with a trailing dot");
	name_is("COM1.log", "_COM1.log", "COM1");
	name_is("LPT9", "_LPT9", "LPT9");
	name_is("COM0.txt", "COM0.txt", "COM0 is no device");
	name_is("CONSOLE.txt", "CONSOLE.txt", "CON as a prefix only");
	name_is("", "attachment", "empty");
	name_is(NULL, "attachment", "NULL");
	name_is("...", "attachment", "only dots");
	name_is(" \x01 ", "attachment", "only blanks and a control");
}

static void length_cap(void)
{
	char name[1024], want[1024];
	char *got;
	size_t len;

	/* 300 ASCII bytes: the first 200. */
	memset(name, 'A', 296);
	memcpy(name + 296, ".txt", 5);
	memset(want, 'A', 200);
	want[200] = '\0';
	name_is(name, want, "300 ASCII bytes");

	/* 資 is 3 bytes: 66 of them are 198 bytes, a 67th would end at byte 201. */
	name[0] = 'a';
	len = 1;
	for (int i = 0; i < 100; i++, len += 3)
		memcpy(name + len, "資", 3);
	name[len] = '\0';
	got = attachment_safe_name(name);
	CHECK(got != NULL && strlen(got) == 199 && strict_utf8(got) &&
		  strncmp(got, name, 199) == 0,
	      "cut on a character: %zu bytes", got ? strlen(got) : 0);
	free(got);
	/* Exactly 200 bytes when the characters end there. */
	memmove(name + 1, name, len + 1);
	name[0] = 'a';
	got = attachment_safe_name(name);
	CHECK(got != NULL && strlen(got) == 200 && strict_utf8(got) &&
		  strncmp(got, name, 200) == 0,
	      "200 bytes ending on a character: %zu bytes", got ? strlen(got) : 0);
	free(got);

	/* Removed characters do not count: 150 overrides and a short name. */
	len = 0;
	for (int i = 0; i < 150; i++, len += 3)
		memcpy(name + len, "\xE2\x80\xAE", 3);
	memcpy(name + len, "x.pdf", 6);
	name_is(name, "x.pdf", "removed before the cap");
}

int main(void)
{
	bidi_and_invisible();
	broken_sequences();
	paths_and_windows();
	length_cap();
	return check_done();
}
