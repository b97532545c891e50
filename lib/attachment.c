/*
 * attachment.c - what an attachment really is, and a name safe to save.
 *
 * The declared type and name come from the sender and cannot be trusted:
 * the type is sniffed from the first bytes, and the name loses any path,
 * control characters, characters Windows refuses and reserved device names
 * before staff ever save it.
 */
#include "attachment.h"

#include "buf.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define SAFE_NAME_MAX 200

static bool valid_utf8_text(const unsigned char *s, size_t len)
{
	size_t i = 0;

	if (len == 0)
		return false;
	while (i < len) {
		unsigned char c = s[i];
		size_t n;

		if (c == 0)
			return false;
		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
				return false;
			i++;
			continue;
		}
		n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
		if (n == 0 || i + n > len)
			return false;
		for (size_t k = 1; k < n; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
		i += n;
	}
	return true;
}

const char *attachment_sniff(const void *data, size_t len)
{
	const unsigned char *d = data;

	if (len >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return "application/pdf";
	if (len >= 4 && memcmp(d, "\x89PNG", 4) == 0)
		return "image/png";
	if (len >= 3 && memcmp(d, "\xFF\xD8\xFF", 3) == 0)
		return "image/jpeg";
	if (len >= 4 && (memcmp(d, "II*\0", 4) == 0 || memcmp(d, "MM\0*", 4) == 0))
		return "image/tiff";
	if (len >= 4 && memcmp(d, "PK\x03\x04", 4) == 0)
		return "application/zip";
	if (len >= 4 && memcmp(d, "GIF8", 4) == 0)
		return "image/gif";
	/* Text: judge on the first 4 KB, cut back to a character boundary. */
	{
		size_t n = len < 4096 ? len : 4096;

		while (n < len && n > 0 && (d[n] & 0xC0) == 0x80)
			n--;
		if (valid_utf8_text(d, n))
			return "text/plain";
	}
	return "application/octet-stream";
}

static bool reserved(const char *name)
{
	static const char *const names[] = {"CON", "PRN", "AUX", "NUL", NULL};
	size_t base = strcspn(name, ".");

	for (int i = 0; names[i] != NULL; i++)
		if (base == 3 && strncasecmp(name, names[i], 3) == 0)
			return true;
	if (base == 4 && (strncasecmp(name, "COM", 3) == 0 || strncasecmp(name, "LPT", 3) == 0) &&
	    name[3] >= '1' && name[3] <= '9')
		return true;
	return false;
}

char *attachment_safe_name(const char *name)
{
	struct buf out = BUF_INIT;
	const char *p = name ? name : "";
	const char *slash;

	/* Only the last path element: both separators, as a Windows sender writes them. */
	while ((slash = strpbrk(p, "/\\")) != NULL)
		p = slash + 1;
	while (*p == '.' || *p == ' ')
		p++;
	for (; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c < 0x20 || c == 0x7F)
			continue;
		if (strchr("<>:\"|?*", c) != NULL)
			c = '_';
		buf_addc(&out, (char)c);
	}
	while (out.len > 0 && (out.data[out.len - 1] == ' ' || out.data[out.len - 1] == '.'))
		out.len--;
	if (out.len > SAFE_NAME_MAX) {
		size_t n = SAFE_NAME_MAX;

		while (n > 0 && ((unsigned char)out.data[n] & 0xC0) == 0x80)
			n--;
		out.len = n;
	}
	if (out.data != NULL)
		out.data[out.len] = '\0';
	if (out.len == 0) {
		buf_free(&out);
		buf_adds(&out, "attachment");
	}
	if (reserved(out.data)) {
		struct buf prefixed = BUF_INIT;

		buf_addc(&prefixed, '_');
		buf_add(&prefixed, out.data, out.len);
		buf_free(&out);
		return buf_steal(&prefixed);
	}
	return buf_steal(&out);
}
