/*
 * buf.h - a growable byte buffer, always NUL-terminated for convenience.
 *
 * The buffer owns its bytes until buf_steal() hands them to the caller.
 * Allocation failure is fatal: every caller would only propagate it, and a
 * process out of memory cannot do its job anyway.
 */
#ifndef MADOGUCHI_BUF_H
#define MADOGUCHI_BUF_H

#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
};

#define BUF_INIT {NULL, 0, 0}

void buf_reserve(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_addc(struct buf *b, char c);
void buf_adds(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends the UTF-8 encoding of code point CP. */
void buf_add_utf8(struct buf *b, unsigned long cp);
void buf_reset(struct buf *b);
/* Returns the bytes (NUL-terminated, never NULL) and leaves B empty; the caller frees them. */
char *buf_steal(struct buf *b);
void buf_free(struct buf *b);

#endif
