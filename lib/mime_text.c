/*
 * mime_text.c - pick and decode the text part of a MIME message.
 *
 * The walk is bounded in depth and never copies a part before it is chosen,
 * so a hostile message costs time proportional to its size.
 */
#include "mime_text.h"

#include "base64.h"
#include "buf.h"
#include "charset.h"
#include "mailhdr.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MIME_DEPTH_MAX 16

struct part {
	const char *raw;
	size_t len;
};

char *mime_param(const char *value, const char *name)
{
	size_t nlen = strlen(name);
	const char *p = value;

	if (value == NULL)
		return NULL;
	while ((p = strchr(p, ';')) != NULL) {
		struct buf v = BUF_INIT;

		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, name, nlen) != 0)
			continue;
		p += nlen;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '=')
			continue;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '"') {
			for (p++; *p != '\0' && *p != '"'; p++) {
				if (*p == '\\' && p[1] != '\0')
					p++;
				buf_addc(&v, *p);
			}
		} else {
			for (; *p != '\0' && *p != ';' && *p != ' ' && *p != '\t'; p++)
				buf_addc(&v, *p);
		}
		return buf_steal(&v);
	}
	return NULL;
}

/* The media type (lower-case "type/subtype") of a Content-Type value; default text/plain. */
static void media_type(const char *ct, char *out, size_t outsz)
{
	size_t n = 0;

	if (ct == NULL) {
		snprintf(out, outsz, "text/plain");
		return;
	}
	while (*ct == ' ' || *ct == '\t')
		ct++;
	for (; ct[n] != '\0' && ct[n] != ';' && ct[n] != ' ' && n + 1 < outsz; n++)
		out[n] = (char)tolower((unsigned char)ct[n]);
	out[n] = '\0';
	if (n == 0 || strchr(out, '/') == NULL)
		snprintf(out, outsz, "text/plain");
}

static void qp_decode(const char *s, size_t len, struct buf *out)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '=') {
			buf_addc(out, s[i]);
			continue;
		}
		if (i + 1 < len && s[i + 1] == '\n') { /* soft line break */
			i += 1;
		} else if (i + 2 < len && s[i + 1] == '\r' && s[i + 2] == '\n') {
			i += 2;
		} else if (i + 2 < len && isxdigit((unsigned char)s[i + 1]) &&
			   isxdigit((unsigned char)s[i + 2])) {
			char hex[3] = {s[i + 1], s[i + 2], 0};

			buf_addc(out, (char)strtol(hex, NULL, 16));
			i += 2;
		} else {
			buf_addc(out, '=');
		}
	}
}

/* Reduces HTML to text: tags dropped, script/style skipped, a few entities and breaks kept. */
static void html_to_text(const char *s, size_t len, struct buf *out)
{
	size_t i = 0;

	while (i < len) {
		if (s[i] == '<') {
			size_t end = i + 1;

			while (end < len && s[end] != '>')
				end++;
			if ((end - i > 7 && strncasecmp(s + i, "<script", 7) == 0) ||
			    (end - i > 6 && strncasecmp(s + i, "<style", 6) == 0)) {
				const char *close = strncasecmp(s + i, "<script", 7) == 0 ? "</script"
											 : "</style";
				size_t cl = strlen(close);

				while (end + cl < len && strncasecmp(s + end, close, cl) != 0)
					end++;
				while (end < len && s[end] != '>')
					end++;
			} else if (end - i >= 3 && (strncasecmp(s + i, "<br", 3) == 0 ||
						    strncasecmp(s + i, "<p", 2) == 0 ||
						    strncasecmp(s + i, "</p", 3) == 0 ||
						    strncasecmp(s + i, "<div", 4) == 0)) {
				buf_addc(out, '\n');
			}
			i = end + 1;
			continue;
		}
		if (s[i] == '&') {
			static const struct {
				const char *ent;
				char c;
			} ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
				    {"&nbsp;", ' '}, {"&#39;", '\''}};
			bool done = false;

			for (size_t k = 0; k < sizeof(ents) / sizeof(ents[0]); k++) {
				size_t el = strlen(ents[k].ent);

				if (i + el <= len && strncasecmp(s + i, ents[k].ent, el) == 0) {
					buf_addc(out, ents[k].c);
					i += el;
					done = true;
					break;
				}
			}
			if (done)
				continue;
		}
		buf_addc(out, s[i]);
		i++;
	}
}

/* Decodes one leaf part into OUT (UTF-8). */
static size_t decode_leaf(struct part p, const char *type, struct buf *out)
{
	char *ct = mailhdr_get(p.raw, p.len, "Content-Type");
	char *cte = mailhdr_get(p.raw, p.len, "Content-Transfer-Encoding");
	char *charset = mime_param(ct, "charset");
	size_t off = mailhdr_body_offset(p.raw, p.len);
	struct buf bytes = BUF_INIT, text = BUF_INIT;
	size_t bad;

	if (cte != NULL && strncasecmp(cte, "base64", 6) == 0)
		base64_decode(p.raw + off, p.len - off, &bytes);
	else if (cte != NULL && strncasecmp(cte, "quoted-printable", 16) == 0)
		qp_decode(p.raw + off, p.len - off, &bytes);
	else
		buf_add(&bytes, p.raw + off, p.len - off);
	bad = charset_decode(charset, bytes.data ? bytes.data : "", bytes.len, &text);
	if (strcmp(type, "text/html") == 0)
		html_to_text(text.data ? text.data : "", text.len, out);
	else
		buf_add(out, text.data ? text.data : "", text.len);
	buf_free(&bytes);
	buf_free(&text);
	free(ct);
	free(cte);
	free(charset);
	return bad;
}

/* Finds the next boundary line "--B" at or after FROM; returns its offset or LEN. */
static size_t find_boundary(const char *raw, size_t len, size_t from, const char *b, size_t blen)
{
	for (size_t i = from; i + 2 + blen <= len; i++) {
		if ((i == 0 || raw[i - 1] == '\n') && raw[i] == '-' && raw[i + 1] == '-' &&
		    memcmp(raw + i + 2, b, blen) == 0)
			return i;
	}
	return len;
}

typedef bool (*leaf_pred)(struct part p, const char *type, const char *want);

static bool text_leaf(struct part p, const char *type, const char *want)
{
	char *disp;
	bool ok;

	if (strcmp(type, want) != 0)
		return false;
	disp = mailhdr_get(p.raw, p.len, "Content-Disposition");
	ok = disp == NULL || strncasecmp(disp, "attachment", 10) != 0;
	free(disp);
	return ok;
}

/* Finds the first leaf under P that PRED accepts, depth first. */
static bool find_leaf(struct part p, int depth, leaf_pred pred, const char *want,
		      struct part *found)
{
	char *ct = mailhdr_get(p.raw, p.len, "Content-Type");
	char type[128];
	bool ok = false;

	media_type(ct, type, sizeof(type));
	if (strncmp(type, "multipart/", 10) == 0 && depth < MIME_DEPTH_MAX) {
		char *boundary = mime_param(ct, "boundary");

		if (boundary != NULL && *boundary != '\0') {
			size_t blen = strlen(boundary);
			size_t at = find_boundary(p.raw, p.len, mailhdr_body_offset(p.raw, p.len),
						  boundary, blen);

			while (!ok && at < p.len) {
				size_t start = at + 2 + blen, next;

				if (start + 1 < p.len && p.raw[start] == '-' && p.raw[start + 1] == '-')
					break; /* closing delimiter */
				while (start < p.len && p.raw[start] != '\n')
					start++;
				start++;
				if (start > p.len)
					break;
				next = find_boundary(p.raw, p.len, start, boundary, blen);
				ok = find_leaf((struct part){p.raw + start, next - start}, depth + 1,
					       pred, want, found);
				at = next;
			}
		}
		free(boundary);
	} else if (pred(p, type, want)) {
		*found = p;
		ok = true;
	}
	free(ct);
	return ok;
}

char *mime_text(const char *raw, size_t len, size_t *bad_out)
{
	struct part whole = {raw, len}, leaf;
	struct buf out = BUF_INIT;
	size_t bad = 0;

	if (find_leaf(whole, 0, text_leaf, "text/plain", &leaf))
		bad = decode_leaf(leaf, "text/plain", &out);
	else if (find_leaf(whole, 0, text_leaf, "text/html", &leaf))
		bad = decode_leaf(leaf, "text/html", &out);
	if (bad_out != NULL)
		*bad_out = bad;
	return buf_steal(&out);
}

/* The file name of a part: Content-Disposition filename=, else Content-Type name=. */
static char *part_filename(struct part p)
{
	char *disp = mailhdr_get(p.raw, p.len, "Content-Disposition");
	char *ct = mailhdr_get(p.raw, p.len, "Content-Type");
	char *name = mime_param(disp, "filename");

	if (name == NULL)
		name = mime_param(ct, "name");
	free(disp);
	free(ct);
	return name;
}

static const char *document_type(const char *type, const char *filename)
{
	const char *dot = filename ? strrchr(filename, '.') : NULL;

	if (strcmp(type, "image/tiff") == 0 || strcmp(type, "image/tif") == 0)
		return "image/tiff";
	if (strcmp(type, "application/pdf") == 0)
		return "application/pdf";
	if (dot != NULL && (strcasecmp(dot, ".tif") == 0 || strcasecmp(dot, ".tiff") == 0))
		return "image/tiff";
	if (dot != NULL && strcasecmp(dot, ".pdf") == 0)
		return "application/pdf";
	return NULL;
}

static bool document_leaf(struct part p, const char *type, const char *want)
{
	char *name;
	bool ok;

	(void)want;
	if (strncmp(type, "text/", 5) == 0)
		return false;
	name = part_filename(p);
	ok = document_type(type, name) != NULL;
	free(name);
	return ok;
}

int mime_document(const char *raw, size_t len, struct buf *out, char *ctype, size_t ctsz,
		  char *filename, size_t fnsz)
{
	struct part whole = {raw, len}, leaf;
	char *ct, *cte, *name;
	char type[128];
	size_t off;

	if (!find_leaf(whole, 0, document_leaf, NULL, &leaf))
		return -1;
	ct = mailhdr_get(leaf.raw, leaf.len, "Content-Type");
	cte = mailhdr_get(leaf.raw, leaf.len, "Content-Transfer-Encoding");
	name = part_filename(leaf);
	media_type(ct, type, sizeof(type));
	snprintf(ctype, ctsz, "%s", document_type(type, name));
	if (name != NULL) {
		char *decoded = mailhdr_decode(name, NULL);

		snprintf(filename, fnsz, "%s", decoded);
		free(decoded);
	} else {
		filename[0] = '\0';
	}
	off = mailhdr_body_offset(leaf.raw, leaf.len);
	if (cte != NULL && strncasecmp(cte, "base64", 6) == 0)
		base64_decode(leaf.raw + off, leaf.len - off, out);
	else if (cte != NULL && strncasecmp(cte, "quoted-printable", 16) == 0)
		qp_decode(leaf.raw + off, leaf.len - off, out);
	else
		buf_add(out, leaf.raw + off, leaf.len - off);
	free(ct);
	free(cte);
	free(name);
	return 0;
}
