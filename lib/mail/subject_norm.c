/*
 * subject_norm.c - subjects compared for threading without headers; see
 * subject_norm.h.
 */
#include "subject_norm.h"

#include "buf.h"
#include "utf8.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Reply and forward words of mail clients in the languages the desk sees. */
static const char *const prefix_words[] = {"re", "fw", "fwd", "aw", "wg", "sv", "antw",
					    "返信", "転送", "回复", "转发", NULL};

/* Subjects that name no matter; compared with the normalised subject. */
static const char *const generic_subjects[] = {
    "お問い合わせ", "お問合せ", "お問合わせ", "問い合わせ", "問合せ", "お問い合わせです",
    "ご相談", "相談", "ご相談です", "相談です", "ご質問", "質問", "無題", "件名なし",
    "(件名なし)", "(無題)", "お願い", "お願いします", "ご連絡", "連絡", "no subject",
    "(no subject)", "untitled", "inquiry", "question", "help", "hello", "none", NULL};

/* Width folded: full-width ASCII and U+3000 half-width, ASCII lower case, runs of space one. */
static void fold_width(const char *s, struct buf *out)
{
	bool space = false;

	while (*s != '\0') {
		uint32_t cp = utf8_next(&s);

		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		else if (cp == 0x3000)
			cp = ' ';
		if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n') {
			space = true;
			continue;
		}
		if (space && out->len > 0)
			buf_addc(out, ' ');
		space = false;
		if (cp < 0x80)
			buf_addc(out, (char)tolower((int)cp));
		else
			buf_add_utf8(out, cp);
	}
}

/* Removes every [相談#YYYY-NNNNNN] from B in place. */
static void drop_tags(struct buf *b)
{
	static const char open[] = "[相談#";
	const size_t ol = sizeof(open) - 1;
	size_t from = 0;
	char *p;

	while (from < b->len && (p = strstr(b->data + from, open)) != NULL) {
		const char *d = p + ol;
		size_t k = 0;

		while (k < 11 && (k == 4 ? d[k] == '-' : isdigit((unsigned char)d[k]) != 0))
			k++;
		if (k < 11 || d[11] != ']') {
			from = (size_t)(p - b->data) + 1; /* not a tag: search on after it */
			continue;
		}
		memmove(p, d + 12, strlen(d + 12) + 1);
		b->len = strlen(b->data);
		from = (size_t)(p - b->data);
	}
}

/* Length of WORD at S when S starts with it, else 0. */
static size_t starts(const char *s, const char *word)
{
	size_t n = strlen(word);

	return strncmp(s, word, n) == 0 ? n : 0;
}

/* After a prefix word: an optional counter ([2], (2), ^2), then ':'. Length or 0. */
static size_t counter_colon(const char *s)
{
	const char *p = s;

	while (*p == ' ')
		p++;
	if (*p == '[' || *p == '(') {
		char close = *p == '[' ? ']' : ')';

		p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
		if (*p++ != close)
			return 0;
	} else if (*p == '^') {
		p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	while (*p == ' ')
		p++;
	return *p == ':' ? (size_t)(p + 1 - s) : 0;
}

/* Length of one reply/forward prefix at S, or 0. */
static size_t prefix_len(const char *s)
{
	static const char *const brackets[][2] = {{"【", "】"}, {"[", "]"}, {"(", ")"},
						   {"〔", "〕"}, {"「", "」"}};

	for (int i = 0; prefix_words[i] != NULL; i++) {
		size_t n = starts(s, prefix_words[i]), c;

		if (n > 0 && (c = counter_colon(s + n)) > 0)
			return n + c;
	}
	for (size_t b = 0; b < sizeof(brackets) / sizeof(brackets[0]); b++) {
		size_t o = starts(s, brackets[b][0]);

		if (o == 0)
			continue;
		for (int i = 0; prefix_words[i] != NULL; i++) {
			size_t n = starts(s + o, prefix_words[i]), c;

			if (n > 0 && (c = starts(s + o + n, brackets[b][1])) > 0)
				return o + n + c;
		}
	}
	return 0;
}

enum subject_prefix subject_prefix_kind(const char *subject)
{
	static const char *const forward_words[] = {"fw", "wg", "転送", "转发", NULL};
	struct buf b = BUF_INIT;
	const char *p;
	enum subject_prefix kind = SUBJECT_NO_PREFIX;

	fold_width(subject != NULL ? subject : "", &b);
	drop_tags(&b);
	p = b.data != NULL ? b.data : "";
	while (*p == ' ')
		p++;
	if (prefix_len(p) > 0) {
		/* The word, past an opening bracket if the prefix is 【転送】-style. */
		const char *w = p + strspn(p, "[(") + (starts(p, "【") ? strlen("【") : 0) +
				(starts(p, "〔") ? strlen("〔") : 0) + (starts(p, "「") ? strlen("「") : 0);

		kind = SUBJECT_REPLY;
		for (int i = 0; forward_words[i] != NULL; i++)
			if (starts(w, forward_words[i]) > 0)
				kind = SUBJECT_FORWARD;
	}
	buf_free(&b);
	return kind;
}

char *subject_normalize(const char *subject)
{
	struct buf b = BUF_INIT, out = BUF_INIT;
	const char *p, *end;
	size_t n;

	fold_width(subject != NULL ? subject : "", &b);
	drop_tags(&b);
	p = b.data != NULL ? b.data : "";
	for (;;) {
		while (*p == ' ')
			p++;
		if ((n = prefix_len(p)) == 0)
			break;
		p += n;
	}
	/* The tag's removal may have left a double or trailing space. */
	end = p + strlen(p);
	while (end > p && end[-1] == ' ')
		end--;
	for (const char *q = p; q < end; q++)
		if (*q != ' ' || q[-1] != ' ')
			buf_addc(&out, *q);
	buf_free(&b);
	return buf_steal(&out);
}

bool subject_is_generic(const char *normalized)
{
	size_t chars = 0;

	for (const char *s = normalized; *s != '\0'; chars++)
		(void)utf8_next(&s);
	if (chars < SUBJECT_MIN_CHARS)
		return true;
	for (int i = 0; generic_subjects[i] != NULL; i++)
		if (strcmp(normalized, generic_subjects[i]) == 0)
			return true;
	return false;
}

/* Asides dropped with what they enclose: names, urgency marks, counters. */
static const char *const asides[][2] = {{"(", ")"}, {"【", "】"}, {"[", "]"}, {"〔", "〕"},
					 {"<", ">"}, {"《", "》"}};

/* Characters that only separate: dropped from a core. */
static const char *const separators[] = {" ", "、", "。", "・", ":", ",", ".", "!", "?",
					 "「", "」", "『", "』", "~", "〜", "…", "/", NULL};

/* Words before the matter when one writes about an earlier mail. */
static const char *const lead_words[] = {"先日の", "先ほどの", "先程の", "前回の", "昨日の",
					 "以前の", "例の", "続報", "追加", "再送", "再度", NULL};

/* Words after the matter; removed however often they repeat, longest first. */
static const char *const tail_words[] = {
    "の件について", "につきまして", "に関する件", "に関して", "について", "の件です", "の件",
    "のお願い", "お願い", "のお礼", "お礼", "の続報", "続報", "の追加", "追加", "の再送", "再送",
    "の続き", "その後", "です", NULL};

/* Removes every ASIDE (with its contents) and separator from S into OUT. */
static void drop_asides(const char *s, struct buf *out)
{
	while (*s != '\0') {
		size_t n = 0;

		for (size_t a = 0; a < sizeof(asides) / sizeof(asides[0]) && n == 0; a++) {
			const char *close;

			if ((n = starts(s, asides[a][0])) == 0)
				continue;
			close = strstr(s + n, asides[a][1]);
			/* An unclosed bracket is only a character. */
			n = close != NULL ? (size_t)(close - s) + strlen(asides[a][1]) : n;
		}
		for (int i = 0; separators[i] != NULL && n == 0; i++)
			n = starts(s, separators[i]);
		if (n > 0) {
			s += n;
			continue;
		}
		n = 1;
		while ((s[n] & 0xC0) == 0x80)
			n++;
		buf_add(out, s, n);
		s += n;
	}
}

char *subject_core(const char *normalized)
{
	struct buf b = BUF_INIT, out = BUF_INIT;
	char *p;
	bool changed = true;

	drop_asides(normalized != NULL ? normalized : "", &b);
	p = b.data != NULL ? b.data : "";
	while (changed) {
		size_t len = strlen(p);

		changed = false;
		for (int i = 0; lead_words[i] != NULL && !changed; i++) {
			size_t n = starts(p, lead_words[i]);

			if (n > 0 && n < len) {
				p += n;
				changed = true;
			}
		}
		for (int i = 0; tail_words[i] != NULL && !changed; i++) {
			size_t n = strlen(tail_words[i]);

			if (len > n && strcmp(p + len - n, tail_words[i]) == 0) {
				p[len - n] = '\0';
				changed = true;
			}
		}
	}
	buf_adds(&out, p);
	buf_free(&b);
	return buf_steal(&out);
}

size_t subject_chars(const char *s)
{
	size_t n = 0;

	while (*s != '\0') {
		(void)utf8_next(&s);
		n++;
	}
	return n;
}

double subject_bigram_cover(const char *a, const char *b)
{
	const char *p = a, *next;
	size_t total = 0, found = 0;

	if (*p == '\0')
		return 0;
	next = p;
	(void)utf8_next(&next);
	while (*next != '\0') {
		const char *end = next;
		char gram[16];
		size_t n;

		(void)utf8_next(&end);
		n = (size_t)(end - p);
		if (n < sizeof(gram)) {
			memcpy(gram, p, n);
			gram[n] = '\0';
			/* Distinct bigrams: one repeated in A counts once. */
			if (strstr(a, gram) == p) {
				total++;
				found += strstr(b, gram) != NULL;
			}
		}
		p = next;
		next = end;
	}
	return total > 0 ? (double)found / (double)total : 0;
}
