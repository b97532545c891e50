/*
 * mailhdr.c - header fields of raw messages: lookup, RFC 2047 decoding,
 * addresses, Message-IDs and dates.
 *
 * Adjacent encoded-words in the same charset are joined *before* charset
 * conversion: Japanese mailers split a multibyte character (or an
 * ISO-2022-JP escape run) across two words, and decoding each word alone
 * would turn both halves into U+FFFD.
 */
#include "mailhdr.h"

#include "base64.h"
#include "buf.h"
#include "charset.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Bounds work on hostile input: a header section larger than this is cut. */
#define HEADER_SECTION_MAX (1024 * 1024)

size_t mailhdr_body_offset(const char *raw, size_t len)
{
	/* A MIME part may have an empty header section. */
	if (len >= 1 && raw[0] == '\n')
		return 1;
	if (len >= 2 && raw[0] == '\r' && raw[1] == '\n')
		return 2;
	for (size_t i = 0; i < len; i++) {
		if (raw[i] != '\n')
			continue;
		if (i + 1 < len && raw[i + 1] == '\n')
			return i + 2;
		if (i + 2 < len && raw[i + 1] == '\r' && raw[i + 2] == '\n')
			return i + 3;
	}
	return len;
}

char *mailhdr_get(const char *raw, size_t len, const char *name)
{
	size_t end = mailhdr_body_offset(raw, len);
	size_t nlen = strlen(name);
	size_t i = 0;

	if (end > HEADER_SECTION_MAX)
		end = HEADER_SECTION_MAX;
	while (i < end) {
		size_t line_end = i;

		while (line_end < end && raw[line_end] != '\n')
			line_end++;
		if (line_end - i > nlen && raw[i + nlen] == ':' && strncasecmp(raw + i, name, nlen) == 0) {
			struct buf v = BUF_INIT;
			size_t p = i + nlen + 1;

			/* Unfold: continuation lines start with a blank. */
			for (;;) {
				size_t stop = line_end;

				if (stop > p && raw[stop - 1] == '\r')
					stop--;
				buf_add(&v, raw + p, stop - p);
				if (line_end + 1 < end && (raw[line_end + 1] == ' ' || raw[line_end + 1] == '\t')) {
					p = line_end + 1;
					line_end = p;
					while (line_end < end && raw[line_end] != '\n')
						line_end++;
					continue;
				}
				break;
			}
			{
				char *s = buf_steal(&v);
				size_t skip = strspn(s, " \t");

				memmove(s, s + skip, strlen(s + skip) + 1);
				return s;
			}
		}
		i = line_end + 1;
	}
	return NULL;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static void q_decode(const char *s, size_t len, struct buf *out)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '_') {
			buf_addc(out, ' ');
		} else if (s[i] == '=' && i + 2 < len && hexval((unsigned char)s[i + 1]) >= 0 &&
			   hexval((unsigned char)s[i + 2]) >= 0) {
			buf_addc(out, (char)(hexval((unsigned char)s[i + 1]) * 16 +
					     hexval((unsigned char)s[i + 2])));
			i += 2;
		} else {
			buf_addc(out, s[i]);
		}
	}
}

/*
 * Recognises "=?charset?X?text?=" at S. On success fills the parts and
 * returns the length of the word; 0 when S does not start an encoded-word.
 */
static size_t encoded_word(const char *s, const char **cs, size_t *cslen, char *enc,
			   const char **text, size_t *textlen)
{
	const char *p, *q, *end;

	if (s[0] != '=' || s[1] != '?')
		return 0;
	p = s + 2;
	q = strchr(p, '?');
	if (q == NULL || q == p || q - p > 60)
		return 0;
	if ((q[1] != 'B' && q[1] != 'b' && q[1] != 'Q' && q[1] != 'q') || q[2] != '?')
		return 0;
	end = strstr(q + 3, "?=");
	if (end == NULL)
		return 0;
	for (const char *c = q + 3; c < end; c++)
		if (*c == ' ' || *c == '\t')
			return 0;
	*cs = p;
	*cslen = (size_t)(q - p);
	*enc = (char)toupper((unsigned char)q[1]);
	*text = q + 3;
	*textlen = (size_t)(end - (q + 3));
	return (size_t)(end + 2 - s);
}

/* Converts the pending bytes of one charset run and appends them to OUT. */
static void flush_run(struct buf *pending, const char *charset, struct buf *out, size_t *bad)
{
	if (pending->len == 0)
		return;
	*bad += charset_decode(charset, pending->data, pending->len, out);
	buf_reset(pending);
}

/* Replaces control characters by spaces and collapses runs of blanks. */
static char *one_line(struct buf *in)
{
	struct buf out = BUF_INIT;
	bool blank = false;

	for (size_t i = 0; i < in->len; i++) {
		unsigned char c = (unsigned char)in->data[i];

		if (c < 0x20 || c == 0x7F)
			c = ' ';
		if (c == ' ') {
			if (blank)
				continue;
			blank = true;
		} else {
			blank = false;
		}
		buf_addc(&out, (char)c);
	}
	while (out.len > 0 && out.data[out.len - 1] == ' ')
		out.len--;
	{
		char *s = buf_steal(&out);
		size_t skip = strspn(s, " ");

		memmove(s, s + skip, strlen(s + skip) + 1);
		return s;
	}
}

static char *decode_words(const char *value, size_t *bad_out, bool line);

char *mailhdr_decode(const char *value, size_t *bad_out)
{
	return decode_words(value, bad_out, true);
}

char *mailhdr_decode_keep(const char *value, size_t *bad_out)
{
	return decode_words(value, bad_out, false);
}

static char *decode_words(const char *value, size_t *bad_out, bool line)
{
	struct buf out = BUF_INIT, pending = BUF_INIT;
	char run_charset[64] = "";
	size_t bad = 0, i = 0, len = strlen(value);
	char *result;

	while (i < len) {
		const char *cs, *text;
		size_t cslen, textlen, wlen, stop;
		char enc;

		wlen = encoded_word(value + i, &cs, &cslen, &enc, &text, &textlen);
		if (wlen > 0) {
			char charset[64];
			size_t j;

			snprintf(charset, sizeof(charset), "%.*s", (int)cslen, cs);
			if (strcasecmp(charset, run_charset) != 0) {
				flush_run(&pending, run_charset, &out, &bad);
				snprintf(run_charset, sizeof(run_charset), "%s", charset);
			}
			if (enc == 'B')
				base64_decode(text, textlen, &pending);
			else
				q_decode(text, textlen, &pending);
			i += wlen;
			/* Blanks between two encoded-words are not part of the text. */
			j = i + strspn(value + i, " \t\r\n");
			if (j < len && encoded_word(value + j, &cs, &cslen, &enc, &text, &textlen) > 0)
				i = j;
			continue;
		}
		flush_run(&pending, run_charset, &out, &bad);
		/* Plain text runs up to the next real encoded-word. */
		for (stop = i + 1; stop < len; stop++)
			if (value[stop] == '=' && encoded_word(value + stop, &cs, &cslen, &enc,
							     &text, &textlen) > 0)
				break;
		bad += charset_decode(NULL, value + i, stop - i, &out);
		i = stop;
	}
	flush_run(&pending, run_charset, &out, &bad);
	buf_free(&pending);
	if (bad_out != NULL)
		*bad_out = bad;
	if (!line)
		return buf_steal(&out);
	result = one_line(&out);
	buf_free(&out);
	return result;
}

/* Removes RFC 5322 comments "(...)" (nested) outside quoted strings. */
static void strip_comments(const char *s, struct buf *out)
{
	int depth = 0;
	bool quoted = false;

	for (; *s != '\0'; s++) {
		if (quoted) {
			buf_addc(out, *s);
			if (*s == '\\' && s[1] != '\0')
				buf_addc(out, *++s);
			else if (*s == '"')
				quoted = false;
			continue;
		}
		if (depth == 0 && *s == '"') {
			quoted = true;
			buf_addc(out, *s);
		} else if (*s == '(') {
			depth++;
		} else if (*s == ')' && depth > 0) {
			depth--;
		} else if (depth == 0) {
			buf_addc(out, *s);
		}
	}
}

/* The display name: quotes and escapes removed, then encoded-words decoded. */
static char *display_name(const char *s, size_t len)
{
	struct buf unq = BUF_INIT;
	char *name;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			continue;
		if (s[i] == '\\' && i + 1 < len) {
			buf_addc(&unq, s[++i]);
			continue;
		}
		buf_addc(&unq, s[i]);
	}
	if (unq.data == NULL)
		buf_reserve(&unq, 0);
	name = mailhdr_decode(unq.data, NULL);
	buf_free(&unq);
	return name;
}

static char *clean_addr(const char *s, size_t len)
{
	struct buf a = BUF_INIT;
	char *at;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == 0x7F)
			continue;
		buf_addc(&a, (char)c);
	}
	if (a.data == NULL)
		buf_reserve(&a, 0);
	at = strrchr(a.data, '@');
	if (at != NULL)
		for (char *p = at; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
	return buf_steal(&a);
}

void mailhdr_parse_address(const char *value, struct mailhdr_address *out)
{
	struct buf v = BUF_INIT;
	const char *s, *lt, *gt;
	bool quoted = false;

	strip_comments(value ? value : "", &v);
	if (v.data == NULL)
		buf_reserve(&v, 0);
	s = v.data;
	lt = NULL;
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '\\' && quoted && p[1] != '\0')
			p++;
		else if (*p == '<' && !quoted) {
			lt = p;
			break;
		}
	}
	gt = lt ? strchr(lt, '>') : NULL;
	if (lt != NULL) {
		size_t alen = gt ? (size_t)(gt - lt - 1) : strlen(lt + 1);

		out->name = display_name(s, (size_t)(lt - s));
		out->address = clean_addr(lt + 1, alen);
	} else {
		/* A bare addr-spec; a group or list keeps only its first member. */
		size_t n = strcspn(s, ",;");
		const char *colon = memchr(s, ':', n);

		if (colon != NULL) {
			s = colon + 1;
			n = strcspn(s, ",;");
		}
		out->name = strdup("");
		out->address = clean_addr(s, n);
	}
	if (out->name == NULL || out->address == NULL)
		abort();
	buf_free(&v);
}

void mailhdr_address_free(struct mailhdr_address *a)
{
	free(a->name);
	free(a->address);
	a->name = a->address = NULL;
}

char *mailhdr_message_id(const char *value)
{
	const char *lt, *gt;
	struct buf id = BUF_INIT;

	if (value == NULL)
		return NULL;
	lt = strchr(value, '<');
	gt = lt ? strchr(lt, '>') : NULL;
	if (lt == NULL || gt == NULL || gt == lt + 1)
		return NULL;
	/* Stored as text: 8-bit bytes are percent-encoded so any id is valid UTF-8. */
	for (const char *p = lt + 1; p < gt; p++) {
		unsigned char c = (unsigned char)*p;

		if (c >= 0x80 || c == '%')
			buf_printf(&id, "%%%02X", c);
		else if (c > ' ' && c != 0x7F)
			buf_addc(&id, (char)c);
	}
	if (id.len == 0 || id.len > 995) {
		buf_free(&id);
		return NULL;
	}
	return buf_steal(&id);
}

static int month_index(const char *s)
{
	static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
					     "jul", "aug", "sep", "oct", "nov", "dec"};

	for (int i = 0; i < 12; i++)
		if (strncasecmp(s, months[i], 3) == 0)
			return i;
	return -1;
}

static bool zone_offset(const char *z, long *secs)
{
	static const struct {
		const char *name;
		int hours;
	} names[] = {{"UT", 0},   {"UTC", 0},  {"GMT", 0},  {"Z", 0},    {"JST", 9},  {"EST", -5},
		     {"EDT", -4}, {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8},
		     {"PDT", -7}};

	if ((z[0] == '+' || z[0] == '-') && isdigit((unsigned char)z[1]) &&
	    isdigit((unsigned char)z[2]) && isdigit((unsigned char)z[3]) &&
	    isdigit((unsigned char)z[4])) {
		long h = (z[1] - '0') * 10 + (z[2] - '0');
		long m = (z[3] - '0') * 10 + (z[4] - '0');

		*secs = (h * 3600 + m * 60) * (z[0] == '-' ? -1 : 1);
		return true;
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i].name);

		if (strncasecmp(z, names[i].name, n) == 0 && !isalpha((unsigned char)z[n])) {
			*secs = names[i].hours * 3600L;
			return true;
		}
	}
	return false;
}

bool mailhdr_parse_date(const char *value, time_t *out)
{
	struct tm tm;
	const char *p = value;
	char mon[4] = "";
	int day, year, hour, min, sec = 0, used = 0;
	long zone = 0;
	const char *comma;

	if (value == NULL)
		return false;
	comma = strchr(p, ',');
	if (comma != NULL)
		p = comma + 1;
	if (sscanf(p, " %d %3s %d %d:%d%n", &day, mon, &year, &hour, &min, &used) != 5)
		return false;
	p += used;
	if (*p == ':') {
		int n = 0;

		if (sscanf(p, ":%d%n", &sec, &n) != 1)
			return false;
		p += n;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0' && !zone_offset(p, &zone))
		zone = 0; /* unknown zone names count as UTC, as RFC 5322 says for obs-zone */
	if (year < 50)
		year += 2000;
	else if (year < 1000)
		year += 1900;
	memset(&tm, 0, sizeof(tm));
	tm.tm_mday = day;
	tm.tm_mon = month_index(mon);
	tm.tm_year = year - 1900;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_sec = sec;
	if (tm.tm_mon < 0 || day < 1 || day > 31 || hour < 0 || hour > 23 || min < 0 || min > 59 ||
	    sec < 0 || sec > 60 || year < 1970 || year > 9999)
		return false;
	*out = timegm(&tm) - zone;
	return true;
}
