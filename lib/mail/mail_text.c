/*
 * mail_text.c - the text a person reads in a message, and the part of it
 * that is the sender's own words.
 *
 * Choice: inline text leaves in MIME order; in a multipart/alternative
 * only one child, text/plain before text/html; forwarded messages
 * (message/rfc822) only when the outer message has no text at all.
 * Then transfer and charset decoding, format=flowed, HTML reduced to text.
 *
 * The "own words" text drops quoted history (lines quoted with '>', and
 * everything from an attribution such as "-----Original Message-----" or
 * 「2026年11月20日(金) 10:15 山田 <...>:」) and the signature block, so that
 * classification sees what this mail says; the full text is kept for staff.
 */
#define _GNU_SOURCE /* memmem */
#include "mail_text.h"

#include "buf.h"
#include "charset.h"
#include "mime.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void add_entity(const char *s, size_t len, size_t *i, struct buf *out)
{
	static const struct {
		const char *ent;
		unsigned long cp;
	} ents[] = {{"&amp;", '&'},   {"&lt;", '<'},     {"&gt;", '>'},    {"&quot;", '"'},
		    {"&nbsp;", ' '},  {"&#39;", '\''},   {"&apos;", '\''}, {"&yen;", 0xA5},
		    {"&copy;", 0xA9}, {"&hellip;", 0x2026}};

	if (*i + 2 < len && s[*i + 1] == '#') {
		size_t k = *i + 2;
		unsigned long cp = 0;
		bool hex = k < len && (s[k] == 'x' || s[k] == 'X');
		size_t digits = 0;

		if (hex)
			k++;
		for (; k < len && digits < 8 && (hex ? isxdigit((unsigned char)s[k])
						     : isdigit((unsigned char)s[k]));
		     k++, digits++)
			cp = cp * (hex ? 16 : 10) +
			     (unsigned long)(isdigit((unsigned char)s[k])
						 ? s[k] - '0'
						 : tolower((unsigned char)s[k]) - 'a' + 10);
		if (digits > 0 && k < len && s[k] == ';') {
			buf_add_utf8(out, cp);
			*i = k + 1;
			return;
		}
	}
	for (size_t e = 0; e < sizeof(ents) / sizeof(ents[0]); e++) {
		size_t el = strlen(ents[e].ent);

		if (*i + el <= len && strncasecmp(s + *i, ents[e].ent, el) == 0) {
			buf_add_utf8(out, ents[e].cp);
			*i += el;
			return;
		}
	}
	buf_addc(out, '&');
	(*i)++;
}

void mail_html_to_text(const char *s, size_t len, struct buf *out)
{
	size_t i = 0;

	while (i < len) {
		if (s[i] == '<') {
			size_t end = i + 1;
			bool block;

			while (end < len && s[end] != '>')
				end++;
			if ((end - i > 7 && strncasecmp(s + i, "<script", 7) == 0) ||
			    (end - i > 6 && strncasecmp(s + i, "<style", 6) == 0) ||
			    (end - i > 5 && strncasecmp(s + i, "<head", 5) == 0)) {
				const char *close = strncasecmp(s + i, "<script", 7) == 0  ? "</script"
						    : strncasecmp(s + i, "<style", 6) == 0 ? "</style"
											    : "</head";
				size_t cl = strlen(close);

				while (end + cl <= len && strncasecmp(s + end, close, cl) != 0)
					end++;
				while (end < len && s[end] != '>')
					end++;
				i = end + 1;
				continue;
			}
			block = strncasecmp(s + i, "<br", 3) == 0 || strncasecmp(s + i, "<p", 2) == 0 ||
				strncasecmp(s + i, "</p", 3) == 0 || strncasecmp(s + i, "<div", 4) == 0 ||
				strncasecmp(s + i, "</div", 5) == 0 || strncasecmp(s + i, "<tr", 3) == 0 ||
				strncasecmp(s + i, "<li", 3) == 0 || strncasecmp(s + i, "<h", 2) == 0;
			if (block)
				buf_addc(out, '\n');
			i = end + 1;
			continue;
		}
		if (s[i] == '&') {
			add_entity(s, len, &i, out);
			continue;
		}
		/* Source line breaks are layout, not text: a space, unless one is there already. */
		if (s[i] == '\r' || s[i] == '\n') {
			if (out->len > 0 && out->data[out->len - 1] != ' ' &&
			    out->data[out->len - 1] != '\n')
				buf_addc(out, ' ');
			i++;
			continue;
		}
		buf_addc(out, s[i]);
		i++;
	}
}

/* RFC 3676: a line ending in a space continues on the next one. */
static void unflow(const char *s, size_t len, bool delsp, struct buf *out)
{
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) : len, content = end;
		bool soft;

		if (content > i && s[content - 1] == '\r')
			content--;
		/* Space-stuffing: one leading space was added by the sender. */
		if (content > i && s[i] == ' ')
			i++;
		soft = content > i && s[content - 1] == ' ' &&
		       !(content - i == 3 && memcmp(s + i, "-- ", 3) == 0);
		buf_add(out, s + i, soft && delsp ? content - i - 1 : content - i);
		if (!soft && nl != NULL)
			buf_addc(out, '\n');
		i = nl ? end + 1 : len;
	}
}

static bool inside(const struct mime_tree *t, size_t i, const char *type)
{
	for (int p = t->parts[i].parent; p >= 0; p = t->parts[p].parent)
		if (strcmp(t->parts[p].type, type) == 0)
			return true;
	return false;
}

static bool text_leaf(const struct mime_tree *t, size_t i)
{
	const struct mime_part *p = &t->parts[i];

	if (p->attachment)
		return false;
	if (strcmp(p->type, "text/plain") != 0 && strcmp(p->type, "text/html") != 0)
		return false;
	/* A named text part in a mixed message is a file, unless it is the only text. */
	if (p->filename != NULL && p->parent >= 0 &&
	    strcmp(t->parts[p->parent].type, "multipart/alternative") != 0 && i != 0)
		return false;
	return true;
}

/* In an alternative, the preferred child: the first text/plain, else the first text leaf. */
static bool preferred(const struct mime_tree *t, size_t i)
{
	int parent = t->parts[i].parent;
	size_t first_text = (size_t)-1, first_plain = (size_t)-1;

	if (parent < 0 || strcmp(t->parts[parent].type, "multipart/alternative") != 0)
		return true;
	for (size_t k = (size_t)parent + 1; k < t->nparts; k++) {
		if (t->parts[k].parent != parent)
			continue;
		if (!text_leaf(t, k))
			continue;
		if (first_text == (size_t)-1)
			first_text = k;
		if (first_plain == (size_t)-1 && strcmp(t->parts[k].type, "text/plain") == 0)
			first_plain = k;
	}
	return i == (first_plain != (size_t)-1 ? first_plain : first_text);
}

static size_t decode_text_part(const struct mime_tree *t, size_t i, struct buf *out,
			       struct buf *notes)
{
	const struct mime_part *p = &t->parts[i];
	struct buf bytes = BUF_INIT, text = BUF_INIT;
	char used[48];
	size_t bad;

	mime_part_bytes(t, i, &bytes);
	bad = charset_decode_as(p->charset[0] ? p->charset : NULL, bytes.data ? bytes.data : "",
				bytes.len, &text, used, sizeof(used));
	if (used[0] != '\0')
		buf_printf(notes, "charset %s declared, the text read as %s; ", p->charset, used);
	if (strcmp(p->type, "text/html") == 0)
		mail_html_to_text(text.data ? text.data : "", text.len, out);
	else if (p->flowed)
		unflow(text.data ? text.data : "", text.len, p->delsp, out);
	else
		buf_add(out, text.data ? text.data : "", text.len);
	buf_free(&bytes);
	buf_free(&text);
	return bad;
}

size_t mail_text(const struct mime_tree *t, struct buf *out, size_t *nul, struct buf *notes)
{
	size_t bad = 0, chosen = 0;

	for (int pass = 0; pass < 2 && chosen == 0; pass++) {
		for (size_t i = 0; i < t->nparts; i++) {
			/* Pass 0: the message's own text; pass 1: forwarded text if that is all. */
			if (!text_leaf(t, i) || !preferred(t, i) ||
			    (pass == 0 && inside(t, i, "message/rfc822")))
				continue;
			if (chosen > 0 && out->len > 0 && out->data[out->len - 1] != '\n')
				buf_addc(out, '\n');
			bad += decode_text_part(t, i, out, notes);
			chosen++;
		}
	}
	/* NUL cannot be stored as text; it is noted, not kept. */
	{
		size_t j = 0;

		*nul = 0;
		for (size_t i = 0; i < out->len; i++) {
			if (out->data[i] == '\0')
				(*nul)++;
			else
				out->data[j++] = out->data[i];
		}
		out->len = j;
		if (out->data != NULL)
			out->data[j] = '\0';
	}
	return bad;
}

static bool starts_with(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

/* Every line of every mail is searched for a dozen words: memmem, not a memcmp per byte. */
static bool contains(const char *s, size_t len, const char *word)
{
	return memmem(s, len, word, strlen(word)) != NULL;
}

/* "On ... wrote:", 「…のメッセージ:」, 「2026年11月20日(金) 10:15 山田 <a@b>:」 */
static bool attribution(const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\r'))
		len--;
	if (contains(s, len, "-----Original Message-----") ||
	    contains(s, len, "----- Original Message -----") ||
	    contains(s, len, "-----元のメッセージ-----") || contains(s, len, "Forwarded message"))
		return true;
	if (len >= 6 && memcmp(s + len - 6, "wrote:", 6) == 0)
		return true;
	if (len >= 1 && (s[len - 1] == ':' || (len >= 3 && memcmp(s + len - 3, "：", 3) == 0))) {
		if (contains(s, len, "年") && contains(s, len, "月") &&
		    (contains(s, len, "@") || contains(s, len, "<")))
			return true;
		if (contains(s, len, "のメッセージ") || contains(s, len, "さんは書きました") ||
		    contains(s, len, "wrote"))
			return true;
	}
	return false;
}

/* A rule line that opens a signature block: "-- " or a run of ━ ─ - = ＝ * _. */
static bool rule_line(const char *s, size_t len)
{
	size_t marks = 0, i = 0;

	while (len > 0 && (s[len - 1] == '\r' || s[len - 1] == ' '))
		len--;
	if (len == 2 && memcmp(s, "--", 2) == 0)
		return true;
	while (i < len) {
		if (strchr("-=*_~#", s[i]) != NULL) {
			marks++;
			i++;
		} else if (i + 3 <= len && (memcmp(s + i, "━", 3) == 0 || memcmp(s + i, "─", 3) == 0 ||
					    memcmp(s + i, "＝", 3) == 0 || memcmp(s + i, "－", 3) == 0 ||
					    memcmp(s + i, "■", 3) == 0 || memcmp(s + i, "□", 3) == 0)) {
			marks++;
			i += 3;
		} else {
			return false;
		}
	}
	return marks >= 8;
}

/* Signature-like line: contact details. */
static bool contact_line(const char *s, size_t len)
{
	static const char *const marks[] = {"TEL", "Tel", "tel", "FAX", "Fax", "〒", "電話",
					    "株式会社", "有限会社", "E-mail", "Mail:", "mail:",
					    "http", "＠", "@", NULL};

	for (int i = 0; marks[i] != NULL; i++)
		if (contains(s, len, marks[i]))
			return true;
	return false;
}

/*
 * TEXT without quoted history, and without the signature unless
 * KEEP_SIGNATURE: the signature is noise to the classifier but it is where
 * Japanese business mail gives its organisation, address and phone.
 */
static char *words(const char *text, bool keep_signature, bool keep_forwarded)
{
	struct buf out = BUF_INIT;
	const char *p = text;
	size_t total = strlen(text);

	while (p < text + total) {
		const char *nl = memchr(p, '\n', (size_t)(text + total - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(text + total - p);
		const char *q = p;
		size_t ql = len;

		while (ql > 0 && (*q == ' ' || *q == '\t')) {
			q++;
			ql--;
		}
		if (attribution(q, ql) && !keep_forwarded)
			break;
		if (!keep_signature && starts_with(q, ql, "-- ") && ql <= 4)
			break;
		if (!keep_signature && rule_line(q, ql)) {
			/* A rule followed by contact lines is a signature: stop here. */
			const char *r = nl ? nl + 1 : text + total;
			int lines = 0, contacts = 0;

			while (r < text + total && lines < 8) {
				const char *rn = memchr(r, '\n', (size_t)(text + total - r));
				size_t rl = rn ? (size_t)(rn - r) : (size_t)(text + total - r);

				contacts += contact_line(r, rl);
				lines++;
				r = rn ? rn + 1 : text + total;
			}
			if (contacts > 0)
				break;
		}
		if (!(ql > 0 && (q[0] == '>' || starts_with(q, ql, "＞") || q[0] == '|'))) {
			buf_add(&out, p, len);
			buf_addc(&out, '\n');
		}
		p = nl ? nl + 1 : text + total;
	}
	while (out.len > 0 && (out.data[out.len - 1] == '\n' || out.data[out.len - 1] == ' ' ||
			       out.data[out.len - 1] == '\r'))
		out.len--;
	if (out.data != NULL)
		out.data[out.len] = '\0';
	return buf_steal(&out);
}

char *mail_own_words(const char *text)
{
	return words(text, false, false);
}

char *mail_request_words(const char *text, bool forwarded)
{
	return words(text, true, forwarded);
}
