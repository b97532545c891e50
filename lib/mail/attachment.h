/*
 * attachment.h - sniffed types and safe file names for attachments.
 */
#ifndef MADOGUCHI_ATTACHMENT_H
#define MADOGUCHI_ATTACHMENT_H

#include <stddef.h>

/* The media type the bytes show (PDF, PNG, JPEG, TIFF, ZIP, GIF, UTF-8 text, else octet-stream). */
const char *attachment_sniff(const void *data, size_t len);

/*
 * A name safe to save and show on any desktop: the last path element only,
 * no control characters (C0, DEL, C1), no bidi controls or invisible format
 * characters, a broken UTF-8 sequence as U+FFFD, Windows' forbidden
 * characters as '_', no leading dots or blanks, no trailing ones, reserved
 * device names prefixed with '_', at most 200 bytes (cut on a character),
 * "attachment" when nothing is left. Malloc'd; NAME may be NULL.
 */
char *attachment_safe_name(const char *name);

#endif
