/*
 * utf8.h - reading UTF-8 one code point at a time.
 */
#ifndef MADOGUCHI_UTF8_H
#define MADOGUCHI_UTF8_H

#include <stdint.h>

/*
 * The code point at *S, advancing *S past it; a broken sequence (cut short,
 * overlong, a surrogate, above U+10FFFF, a stray continuation byte) reads as
 * U+FFFD and advances past the bytes that belonged to it. *S must not be
 * at the terminating NUL.
 */
uint32_t utf8_next(const char **s);

#endif
