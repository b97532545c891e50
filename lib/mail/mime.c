/*
 * mime.c - MIME structure of raw messages; see mime.h.
 *
 * The walk is depth first with an explicit stack (no recursion a hostile
 * message could drive), so parts come out in MIME order. Each part is only
 * a range of the raw bytes: finding a boundary is a memmem() over the
 * parent's range, so the cost is linear in the size of the message.
 */
/* memmem() */
#define _GNU_SOURCE
#include "mime.h"

#include "base64.h"
#include "buf.h"
#include "charset.h"
#include "mailhdr.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MIME_HEADER_LINE_MAX (1024 * 1024)

struct range {
	size_t start, end;
	int parent, depth;
	bool cut; /* the last part of a multipart that never closed: it runs to the end */
};

/* The lower-case media type of a Content-Type value; text/plain when absent or unreadable. */
static void media_type(const char *ct, char *out, size_t outsz)
{
	size_t n = 0;

	if (ct != NULL) {
		while (*ct == ' ' || *ct == '\t')
			ct++;
		for (; ct[n] != '\0' && ct[n] != ';' && ct[n] != ' ' && ct[n] != '\t' &&
		       n + 1 < outsz;
		     n++)
			out[n] = (char)tolower((unsigned char)ct[n]);
	}
	out[n] = '\0';
	if (n == 0 || strchr(out, '/') == NULL)
		snprintf(out, outsz, "text/plain");
}

static bool field_name_line(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] > ' ' && s[i] < 0x7F && s[i] != ':')
		i++;
	return i > 0 && i < len && s[i] == ':';
}

/*
 * Finds where the header section of [start,end) ends and checks its bounds.
 * Sets *body to the first body byte. Returns NULL or a quarantine reason.
 */
static const char *header_section(const char *raw, size_t start, size_t end, bool top, bool cut,
				  size_t *body)
{
	size_t i = start, fields = 0;

	if (top && !field_name_line(raw + start, end - start) &&
	    !(end - start > 5 && memcmp(raw + start, "From ", 5) == 0))
		return "no header section";
	while (i < end) {
		const char *nl = memchr(raw + i, '\n', end - i);
		size_t line_end = nl ? (size_t)(nl - raw) : end;
		size_t content = line_end;

		if (content > i && raw[content - 1] == '\r')
			content--;
		if (content == i) { /* the empty line */
			*body = nl ? line_end + 1 : end;
			return NULL;
		}
		if (line_end - i > MIME_HEADER_LINE_MAX)
			return "header line too long";
		if (memchr(raw + i, '\0', line_end - i) != NULL)
			return "NUL bytes in the header";
		if (raw[i] != ' ' && raw[i] != '\t' && ++fields > MIME_HEADER_FIELDS_MAX)
			return "header section too large";
		if (line_end - start > MIME_HEADER_BYTES_MAX)
			return "header section too large";
		i = nl ? line_end + 1 : end;
	}
	/* A part that runs to the end of a broken message and never leaves its header was cut off. */
	if (cut && !top)
		return "truncated MIME: the message ends inside a part's header";
	*body = end; /* headers only */
	return NULL;
}

char *mime_part_header(const struct mime_tree *tree, size_t i, const char *name)
{
	const struct mime_part *p = &tree->parts[i];

	/* Limited to the part's header section, so a body line never answers. */
	return mailhdr_get(tree->raw + p->start, p->body - p->start, name);
}

/* Parameter list of a structured value: one callback per "name=value". */
typedef void (*param_fn)(void *arg, const char *name, size_t nlen, const char *value,
			 size_t vlen, bool quoted);

static void each_param(const char *v, param_fn fn, void *arg)
{
	const char *p = v ? strchr(v, ';') : NULL;

	while (p != NULL && *p != '\0') {
		const char *name, *val;
		size_t nlen, vlen;
		bool quoted = false;
		struct buf unq = BUF_INIT;

		p++;
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		name = p;
		while (*p != '\0' && *p != '=' && *p != ';' && *p != ' ' && *p != '\t')
			p++;
		nlen = (size_t)(p - name);
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '=') {
			p = strchr(p, ';');
			continue;
		}
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '"') {
			quoted = true;
			for (p++; *p != '\0' && *p != '"'; p++) {
				if (*p == '\\' && p[1] != '\0')
					p++;
				buf_addc(&unq, *p);
			}
			if (*p == '"')
				p++;
			val = unq.data ? unq.data : "";
			vlen = unq.len;
		} else {
			val = p;
			while (*p != '\0' && *p != ';' && *p != ' ' && *p != '\t')
				p++;
			vlen = (size_t)(p - val);
		}
		if (nlen > 0)
			fn(arg, name, nlen, val, vlen, quoted);
		buf_free(&unq);
		p = strchr(p, ';');
	}
}

struct param_collect {
	const char *want;
	size_t wlen;
	struct buf plain;   /* name=value */
	bool have_plain;
	struct {
		bool set, encoded;
		struct buf value;
	} seg[64];          /* name*N[*]=value, N < 64 */
	bool have_ext;
	struct buf ext;     /* name*=charset'lang'value */
	bool have_single_ext;
};

static int hexv(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void pct_decode(const char *s, size_t len, struct buf *out)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && hexv((unsigned char)s[i + 1]) >= 0 &&
		    hexv((unsigned char)s[i + 2]) >= 0) {
			buf_addc(out, (char)(hexv((unsigned char)s[i + 1]) * 16 +
					     hexv((unsigned char)s[i + 2])));
			i += 2;
		} else {
			buf_addc(out, s[i]);
		}
	}
}

static void collect_param(void *arg, const char *name, size_t nlen, const char *value, size_t vlen,
			  bool quoted)
{
	struct param_collect *c = arg;

	(void)quoted;
	if (nlen < c->wlen || strncasecmp(name, c->want, c->wlen) != 0)
		return;
	if (nlen == c->wlen) {
		if (!c->have_plain)
			buf_add(&c->plain, value, vlen);
		c->have_plain = true;
		return;
	}
	if (name[c->wlen] != '*')
		return;
	if (nlen == c->wlen + 1) { /* name*=charset'lang'pct */
		if (!c->have_single_ext)
			buf_add(&c->ext, value, vlen);
		c->have_single_ext = true;
		return;
	}
	{
		const char *d = name + c->wlen + 1;
		size_t dl = nlen - c->wlen - 1;
		bool enc = dl > 0 && d[dl - 1] == '*';
		int idx = 0;

		if (enc)
			dl--;
		if (dl == 0 || dl > 2)
			return;
		for (size_t k = 0; k < dl; k++) {
			if (!isdigit((unsigned char)d[k]))
				return;
			idx = idx * 10 + (d[k] - '0');
		}
		if (idx >= 64 || c->seg[idx].set)
			return;
		c->seg[idx].set = true;
		c->seg[idx].encoded = enc;
		buf_add(&c->seg[idx].value, value, vlen);
		c->have_ext = true;
	}
}

char *mime_param_decoded(const char *value, const char *name)
{
	struct param_collect c;
	struct buf bytes = BUF_INIT, out = BUF_INIT;
	char charset[40] = "";
	char *result = NULL;

	memset(&c, 0, sizeof(c));
	c.want = name;
	c.wlen = strlen(name);
	each_param(value, collect_param, &c);
	if (c.have_single_ext || c.have_ext) {
		const char *s;
		size_t len;

		if (c.have_single_ext) {
			s = c.ext.data ? c.ext.data : "";
			len = c.ext.len;
			/* charset'language'value */
			{
				const char *q1 = memchr(s, '\'', len);
				const char *q2 = q1 ? memchr(q1 + 1, '\'', len - (size_t)(q1 + 1 - s)) : NULL;

				if (q1 != NULL && q2 != NULL) {
					snprintf(charset, sizeof(charset), "%.*s", (int)(q1 - s), s);
					pct_decode(q2 + 1, len - (size_t)(q2 + 1 - s), &bytes);
				} else {
					pct_decode(s, len, &bytes);
				}
			}
		} else {
			for (int i = 0; i < 64 && c.seg[i].set; i++) {
				s = c.seg[i].value.data ? c.seg[i].value.data : "";
				len = c.seg[i].value.len;
				if (i == 0 && c.seg[i].encoded) {
					const char *q1 = memchr(s, '\'', len);
					const char *q2 =
					    q1 ? memchr(q1 + 1, '\'', len - (size_t)(q1 + 1 - s)) : NULL;

					if (q1 != NULL && q2 != NULL) {
						snprintf(charset, sizeof(charset), "%.*s", (int)(q1 - s),
							 s);
						len -= (size_t)(q2 + 1 - s);
						s = q2 + 1;
					}
				}
				if (c.seg[i].encoded)
					pct_decode(s, len, &bytes);
				else
					buf_add(&bytes, s, len);
			}
		}
		charset_decode(charset[0] ? charset : NULL, bytes.data ? bytes.data : "", bytes.len,
			       &out);
		result = buf_steal(&out);
	} else if (c.have_plain) {
		const char *v = c.plain.data ? c.plain.data : "";
		bool ascii = true;

		for (size_t i = 0; i < c.plain.len; i++)
			ascii &= (unsigned char)v[i] < 0x80 && v[i] != 0x1B;
		/* Japanese mailers often put an RFC 2047 word (or raw 8-bit) in a quoted name. */
		if (strstr(v, "=?") != NULL || !ascii)
			result = mailhdr_decode_keep(v, NULL);
		else
			result = strdup(v);
	}
	buf_free(&bytes);
	buf_free(&out);
	buf_free(&c.plain);
	buf_free(&c.ext);
	for (int i = 0; i < 64; i++)
		buf_free(&c.seg[i].value);
	return result;
}

static void fill_part(struct mime_tree *t, struct mime_part *p)
{
	size_t idx = (size_t)(p - t->parts);
	char *ct = mime_part_header(t, idx, "Content-Type");
	char *cte = mime_part_header(t, idx, "Content-Transfer-Encoding");
	char *disp = mime_part_header(t, idx, "Content-Disposition");
	char *v;

	/* A part inside multipart/digest defaults to message/rfc822; elsewhere text/plain. */
	if (ct == NULL && p->parent >= 0 &&
	    strcmp(t->parts[p->parent].type, "multipart/digest") == 0)
		snprintf(p->type, sizeof(p->type), "message/rfc822");
	else
		media_type(ct, p->type, sizeof(p->type));
	if ((v = mime_param_decoded(ct, "charset")) != NULL) {
		snprintf(p->charset, sizeof(p->charset), "%s", v);
		free(v);
	}
	if ((v = mime_param_decoded(ct, "boundary")) != NULL) {
		snprintf(p->boundary, sizeof(p->boundary), "%s", v);
		free(v);
	}
	if ((v = mime_param_decoded(ct, "format")) != NULL) {
		p->flowed = strcasecmp(v, "flowed") == 0;
		free(v);
	}
	if ((v = mime_param_decoded(ct, "delsp")) != NULL) {
		p->delsp = strcasecmp(v, "yes") == 0;
		free(v);
	}
	if (cte != NULL) {
		const char *c = cte + strspn(cte, " \t");

		if (strncasecmp(c, "base64", 6) == 0)
			p->cte = MIME_CTE_BASE64;
		else if (strncasecmp(c, "quoted-printable", 16) == 0)
			p->cte = MIME_CTE_QP;
	}
	if (disp != NULL) {
		const char *d = disp + strspn(disp, " \t");

		p->attachment = strncasecmp(d, "attachment", 10) == 0;
	}
	p->filename = mime_param_decoded(disp, "filename");
	if (p->filename == NULL)
		p->filename = mime_param_decoded(ct, "name");
	free(ct);
	free(cte);
	free(disp);
}

static void add_note(struct mime_tree *t, const char *note)
{
	if (t->note[0] == '\0')
		snprintf(t->note, sizeof(t->note), "%s", note);
}

/* Pushes the children of multipart P (index PI) onto the stack, last first. */
static int split_multipart(struct mime_tree *t, size_t pi, struct range *stack, size_t *top,
			   size_t stackcap)
{
	const struct mime_part *p = &t->parts[pi];
	const char *raw = t->raw;
	char delim[80];
	size_t dlen, at = p->body, first = (size_t)-1;
	struct range kids[MIME_PARTS_MAX];
	size_t nkids = 0;
	bool closed = false;

	dlen = (size_t)snprintf(delim, sizeof(delim), "--%s", p->boundary);
	while (at < p->end) {
		const char *hit;
		size_t line, after;

		/* A delimiter starts a line: at the body start or after a newline. */
		if (at == p->body && p->end - at >= dlen && memcmp(raw + at, delim, dlen) == 0)
			hit = raw + at;
		else {
			hit = memmem(raw + at, p->end - at, delim, dlen);
			while (hit != NULL && hit > raw + p->body && hit[-1] != '\n') {
				size_t next = (size_t)(hit - raw) + 1;

				hit = next < p->end ? memmem(raw + next, p->end - next, delim, dlen)
						    : NULL;
			}
		}
		if (hit == NULL)
			break;
		line = (size_t)(hit - raw);
		after = line + dlen;
		/* "--b1" must not match "--b10": only "--", blanks or the line end may follow. */
		{
			size_t k = after;

			if (!(k + 2 <= p->end && raw[k] == '-' && raw[k + 1] == '-')) {
				while (k < p->end && (raw[k] == ' ' || raw[k] == '\t'))
					k++;
				if (k < p->end && raw[k] != '\r' && raw[k] != '\n') {
					at = line + 1;
					continue;
				}
			}
		}
		if (first != (size_t)-1 && nkids < MIME_PARTS_MAX) {
			size_t kend = line;

			/* The newline before the delimiter belongs to the delimiter. */
			if (kend > first && raw[kend - 1] == '\n')
				kend--;
			if (kend > first && raw[kend - 1] == '\r')
				kend--;
			kids[nkids++] = (struct range){first, kend, (int)pi, p->depth + 1, false};
		}
		if (after + 2 <= p->end && raw[after] == '-' &&
		    raw[after + 1] == '-') {
			closed = true;
			break;
		}
		{
			const char *nl = memchr(raw + after, '\n', p->end - after);

			first = nl ? (size_t)(nl - raw) + 1 : p->end;
		}
		at = first;
	}
	if (first != (size_t)-1 && !closed && nkids < MIME_PARTS_MAX) {
		kids[nkids++] = (struct range){first, p->end, (int)pi, p->depth + 1, true};
		add_note(t, "missing closing MIME boundary: the last part runs to the end");
	}
	if (first == (size_t)-1)
		return 0; /* no delimiter at all: the caller reads the body as text */
	if (*top + nkids > stackcap || t->nparts + *top + nkids > MIME_PARTS_MAX)
		return -1;
	for (size_t k = nkids; k > 0; k--)
		stack[(*top)++] = kids[k - 1];
	return 1;
}

int mime_parse(const char *raw, size_t len, struct mime_tree *t, char *why, size_t whysz)
{
	struct range *stack = malloc(MIME_PARTS_MAX * sizeof(*stack));
	size_t top = 0, cap = 16;

	memset(t, 0, sizeof(*t));
	t->raw = raw;
	t->len = len;
	t->parts = malloc(cap * sizeof(*t->parts));
	if (stack == NULL || t->parts == NULL) {
		free(stack);
		snprintf(why, whysz, "out of memory");
		return -1;
	}
	stack[top++] = (struct range){0, len, -1, 0, false};
	while (top > 0) {
		struct range r = stack[--top];
		struct mime_part *p;
		const char *bad;
		size_t body = r.end;

		if (r.depth > MIME_DEPTH_MAX) {
			snprintf(why, whysz, "nesting too deep (over %d levels)", MIME_DEPTH_MAX);
			free(stack);
			return -1;
		}
		if (t->nparts >= MIME_PARTS_MAX) {
			snprintf(why, whysz, "too many parts (over %d)", MIME_PARTS_MAX);
			free(stack);
			return -1;
		}
		bad = header_section(raw, r.start, r.end, r.parent < 0, r.cut, &body);
		if (bad != NULL) {
			snprintf(why, whysz, "%s", bad);
			free(stack);
			return -1;
		}
		if (t->nparts == cap) {
			struct mime_part *np = realloc(t->parts, cap * 2 * sizeof(*np));

			if (np == NULL) {
				free(stack);
				snprintf(why, whysz, "out of memory");
				return -1;
			}
			t->parts = np;
			cap *= 2;
		}
		p = &t->parts[t->nparts++];
		memset(p, 0, sizeof(*p));
		p->parent = r.parent;
		p->depth = r.depth;
		p->start = r.start;
		p->body = body;
		p->end = r.end;
		fill_part(t, p);
		if (strncmp(p->type, "multipart/", 10) == 0) {
			int rc = -1;

			/* The top-level multipart is level 1: the 65th nested one is too deep. */
			if (p->depth >= MIME_DEPTH_MAX) {
				snprintf(why, whysz, "nesting too deep (over %d levels)",
					 MIME_DEPTH_MAX);
				free(stack);
				return -1;
			}

			if (p->boundary[0] != '\0')
				rc = split_multipart(t, t->nparts - 1, stack, &top, MIME_PARTS_MAX);
			if (rc == -1 && p->boundary[0] != '\0') {
				snprintf(why, whysz, "too many parts (over %d)", MIME_PARTS_MAX);
				free(stack);
				return -1;
			}
			if (rc <= 0) {
				/* Unusable multipart: its body is all there is; read it as text. */
				snprintf(p->type, sizeof(p->type), "text/plain");
				add_note(t, p->boundary[0] ? "MIME boundary never appears: body read as text"
							   : "multipart without a boundary: body read as text");
			}
		} else if (strcmp(p->type, "message/rfc822") == 0 && p->cte == MIME_CTE_IDENTITY &&
			   p->body < p->end) {
			if (top >= MIME_PARTS_MAX) {
				snprintf(why, whysz, "too many parts (over %d)", MIME_PARTS_MAX);
				free(stack);
				return -1;
			}
			stack[top++] = (struct range){p->body, p->end, (int)(t->nparts - 1),
						      p->depth + 1, false};
		}
	}
	free(stack);
	return 0;
}

void mime_qp_decode(const char *s, size_t len, struct buf *out)
{
	buf_reserve(out, len);
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '=') {
			buf_addc(out, s[i]);
			continue;
		}
		if (i + 1 < len && s[i + 1] == '\n') { /* soft line break */
			i += 1;
		} else if (i + 2 < len && s[i + 1] == '\r' && s[i + 2] == '\n') {
			i += 2;
		} else if (i + 2 < len && hexv((unsigned char)s[i + 1]) >= 0 &&
			   hexv((unsigned char)s[i + 2]) >= 0) {
			buf_addc(out, (char)(hexv((unsigned char)s[i + 1]) * 16 +
					     hexv((unsigned char)s[i + 2])));
			i += 2;
		} else {
			buf_addc(out, '=');
		}
	}
}

void mime_part_bytes(const struct mime_tree *t, size_t i, struct buf *out)
{
	const struct mime_part *p = &t->parts[i];
	const char *b = t->raw + p->body;
	size_t n = p->end > p->body ? p->end - p->body : 0;

	switch (p->cte) {
	case MIME_CTE_BASE64:
		base64_decode(b, n, out);
		break;
	case MIME_CTE_QP:
		mime_qp_decode(b, n, out);
		break;
	case MIME_CTE_IDENTITY:
		buf_add(out, b, n);
		break;
	}
}

void mime_part_stream(const struct mime_tree *t, size_t i,
		      void (*fn)(void *arg, const char *data, size_t len), void *arg)
{
	enum { PIECE = 64 * 1024 };
	const struct mime_part *p = &t->parts[i];
	const char *b = t->raw + p->body;
	size_t n = p->end > p->body ? p->end - p->body : 0, at = 0;
	struct base64_state st = {0, 0};
	struct buf out = BUF_INIT;

	while (at < n) {
		size_t take = n - at < PIECE ? n - at : PIECE;

		/* Quoted-printable escapes must not be cut: end a piece at a line end. */
		if (p->cte == MIME_CTE_QP && at + take < n) {
			const char *nl = memrchr(b + at, '\n', take);

			if (nl != NULL)
				take = (size_t)(nl - (b + at)) + 1;
		}
		buf_reset(&out);
		if (p->cte == MIME_CTE_BASE64)
			base64_decode_more(&st, b + at, take, &out);
		else if (p->cte == MIME_CTE_QP)
			mime_qp_decode(b + at, take, &out);
		else
			buf_add(&out, b + at, take);
		if (out.len > 0)
			fn(arg, out.data, out.len);
		at += take;
	}
	buf_free(&out);
}

void mime_free(struct mime_tree *t)
{
	for (size_t i = 0; i < t->nparts; i++)
		free(t->parts[i].filename);
	free(t->parts);
	t->parts = NULL;
	t->nparts = 0;
}
