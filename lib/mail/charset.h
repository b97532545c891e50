/*
 * charset.h - bytes in a declared (or undeclared) charset to UTF-8.
 */
#ifndef MADOGUCHI_CHARSET_H
#define MADOGUCHI_CHARSET_H

#include <stddef.h>

struct buf;

/*
 * Appends the UTF-8 reading of DATA to OUT. LABEL is the MIME charset name,
 * or NULL when none was given (the bytes are then identified by validation).
 * Returns how many positions could not be read and became U+FFFD; 0 means a
 * clean decode. Never fails.
 */
size_t charset_decode(const char *label, const void *data, size_t len, struct buf *out);

/* The same; USED gets the charset really used when the bytes overruled LABEL, else "". */
size_t charset_decode_as(const char *label, const void *data, size_t len, struct buf *out,
			 char *used, size_t usedsz);

#endif
