/*
 * textwidth.c - display width without depending on the process locale
 * (wcwidth() returns -1 under the C locale that daemons and cron run in).
 */
#include "textwidth.h"

#include "utf8.h"

#include <string.h>

static int cp_width(unsigned long cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2460 && cp <= 0x24FF) ||
	    (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
	    (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
	    (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

int text_width(const char *s)
{
	int w = 0;

	while (*s != '\0')
		w += cp_width(utf8_next(&s));
	return w;
}

void text_print_cell(FILE *out, const char *s, int width)
{
	int w = 0;
	const char *p = s;

	if (text_width(s) <= width) {
		fputs(s, out);
		w = text_width(s);
	} else {
		while (*p != '\0') {
			const char *next = p;
			unsigned long cp = utf8_next(&next);

			if (w + cp_width(cp) > width - 1)
				break;
			w += cp_width(cp);
			fwrite(p, 1, (size_t)(next - p), out);
			p = next;
		}
		fputs("…", out);
		w++;
	}
	for (; w < width; w++)
		fputc(' ', out);
}
