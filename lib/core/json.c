/*
 * json.c - JSON string escaping, to a stream or into a buffer.
 */
#include "json.h"

#include "buf.h"

#include <string.h>

/* The escape for byte C, or NULL when it stands for itself. */
static const char *escape(unsigned char c, char tmp[8])
{
	switch (c) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '\t':
		return "\\t";
	default:
		if (c < 0x20 || c == 0x7F) {
			snprintf(tmp, 8, "\\u%04x", c);
			return tmp;
		}
		return NULL;
	}
}

void json_string(FILE *out, const char *s)
{
	char tmp[8];

	if (s == NULL) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	for (; *s != '\0'; s++) {
		const char *e = escape((unsigned char)*s, tmp);

		if (e != NULL)
			fputs(e, out);
		else
			fputc(*s, out);
	}
	fputc('"', out);
}

void json_buf_string(struct buf *out, const char *s)
{
	char tmp[8];

	if (s == NULL) {
		buf_adds(out, "null");
		return;
	}
	buf_addc(out, '"');
	for (; *s != '\0'; s++) {
		const char *e = escape((unsigned char)*s, tmp);

		if (e != NULL)
			buf_adds(out, e);
		else
			buf_addc(out, *s);
	}
	buf_addc(out, '"');
}

void json_member(FILE *out, const char *key, const char *s)
{
	fprintf(out, ",\"%s\":", key);
	json_string(out, s);
}
