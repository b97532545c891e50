/*
 * ctl_text.c - text from an option or standard input; see ctl_text.h.
 */
#include "ctl_text.h"

#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *ctl_text(const char *v, size_t max)
{
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (strcmp(v, "-") != 0) {
		if (strlen(v) > max)
			return NULL;
		buf_adds(&b, v);
		return buf_steal(&b);
	}
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		if (b.len + n > max) {
			buf_free(&b);
			return NULL;
		}
		buf_add(&b, chunk, n);
	}
	if (b.data == NULL)
		buf_adds(&b, "");
	return buf_steal(&b);
}

bool ctl_text_has_words(const char *text)
{
	return text[strspn(text, " \t\r\n")] != '\0';
}
