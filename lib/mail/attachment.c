/*
 * attachment.c - what an attachment really is, and a name safe to save.
 *
 * The declared type and name come from the sender and cannot be trusted:
 * the type is sniffed from the first bytes, and the name loses any path,
 * control characters, characters that make it read as something else,
 * characters Windows refuses and reserved device names before staff ever
 * save it. The name is read code point by code point and written back
 * encoded anew, so the bytes of a broken sequence never reach the result.
 */
#include "attachment.h"

#include "buf.h"
#include "utf8.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define SAFE_NAME_MAX 200

/*
 * Code points a name loses. Controls (C0, DEL, C1) do things to terminals
 * and logs. Bidi controls reorder what is shown: "invoice<U+202E>fdp.exe"
 * reads as "invoiceexe.pdf". Invisible format characters make two names
 * that look the same differ, or hide a leading dot or a device name.
 */
static const struct {
	uint32_t first, last;
} dropped[] = {
    {0x0000, 0x001F}, /* C0 controls */
    {0x007F, 0x009F}, /* DEL, C1 controls */
    {0x061C, 0x061C}, /* Arabic letter mark */
    {0x200B, 0x200F}, /* zero-width space, non-joiner, joiner; LRM, RLM */
    {0x2028, 0x202E}, /* line and paragraph separators; bidi embeddings and overrides */
    {0x2060, 0x206F}, /* word joiner, invisible operators, bidi isolates, deprecated format */
    {0xFEFF, 0xFEFF}, /* zero-width no-break space (BOM) */
    {0xFFF9, 0xFFFB}, /* interlinear annotation */
};

static bool dropped_from_name(uint32_t cp)
{
	for (size_t i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++)
		if (cp >= dropped[i].first && cp <= dropped[i].last)
			return true;
	return false;
}

/* Text as people write it: well-formed UTF-8 (utf8.h), no NUL, no control but blanks. */
static bool valid_utf8_text(const unsigned char *s, size_t len)
{
	size_t i = 0;

	if (len == 0)
		return false;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode((const char *)s + i, len - i, &cp);

		if (cp == UTF8_INVALID || cp == 0)
			return false;
		if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f')
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
	size_t lead = 0;

	/* Only the last path element: both separators, as a Windows sender writes them. */
	while ((slash = strpbrk(p, "/\\")) != NULL)
		p = slash + 1;
	/* A broken sequence comes back as U+FFFD, never as its bytes or as ASCII. */
	while (*p != '\0') {
		uint32_t cp = utf8_next(&p);

		if (dropped_from_name(cp))
			continue;
		if (cp < 0x80 && strchr("<>:\"|?*", (int)cp) != NULL)
			cp = '_';
		buf_add_utf8(&out, cp);
	}
	/* Leading dots and blanks only now: an invisible character may have hidden them. */
	while (lead < out.len && (out.data[lead] == '.' || out.data[lead] == ' '))
		lead++;
	if (lead > 0) {
		memmove(out.data, out.data + lead, out.len - lead);
		out.len -= lead;
	}
	if (out.len > SAFE_NAME_MAX) {
		size_t n = SAFE_NAME_MAX;

		while (n > 0 && ((unsigned char)out.data[n] & 0xC0) == 0x80)
			n--;
		out.len = n;
	}
	while (out.len > 0 && (out.data[out.len - 1] == ' ' || out.data[out.len - 1] == '.'))
		out.len--;
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
