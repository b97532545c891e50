/*
 * utf8.h - reading UTF-8 one code point at a time.
 *
 * The one reading of UTF-8 in the program. Every piece of text that is
 * decoded, checked, measured or cut goes through utf8_decode(), so a byte
 * sequence means the same everywhere: what the mail decoder lets through is
 * what the classifier, the shipment reader and the name filter see.
 *
 * What a sequence reads as (the bytes consumed always include the first, so
 * a caller that advances by them always moves on):
 *
 *   input                                   code point        bytes consumed
 *   valid, shortest form, 1 to 4 bytes      that code point   its length, 1-4
 *   a stray continuation byte (80-BF)       broken            1
 *   a byte that starts nothing (F8-FF,
 *     so also FE and FF)                    broken            1
 *   a lead byte (C0-DF, E0-EF, F0-F7)
 *     followed by fewer continuation bytes
 *     than it needs (another byte, a NUL
 *     or the end of the input comes first)  broken            the lead and the
 *                                                             continuation bytes
 *                                                             that did follow
 *   an overlong form (C0 AF for '/',
 *     E0 80 AE, F0 82 80 AE)                broken            the whole form, 2-4
 *   a surrogate (ED A0 80 - ED BF BF)       broken            3
 *   above U+10FFFF (F4 90 80 80 and up,
 *     F5-F7 leads)                          broken            4
 *
 * "Broken" is UTF8_INVALID from utf8_decode() and U+FFFD from utf8_next().
 * Everything consumed after the first byte is a continuation byte, which
 * could start nothing: a caller that wants one U+FFFD per byte (as iconv
 * resynchronises on the other charsets) writes one per byte consumed, and
 * reads the same as if it had stepped one byte at a time.
 */
#ifndef MADOGUCHI_UTF8_H
#define MADOGUCHI_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* What utf8_decode() reports for a broken sequence; no code point is this large. */
#define UTF8_INVALID UINT32_MAX

/*
 * Reads the sequence at S, looking at no more than LEN bytes (LEN >= 1) and
 * at none after a byte that cannot continue it. Sets *CP to the code point,
 * or to UTF8_INVALID for a broken sequence, and returns the bytes consumed
 * (1 to 4, never more than LEN; see the table above). A NUL ends every
 * sequence, so a NUL-terminated string may be read with LEN = SIZE_MAX.
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/*
 * The code point at *S in a NUL-terminated string, advancing *S past the
 * bytes utf8_decode() consumes; a broken sequence reads as U+FFFD. *S must
 * not be at the terminating NUL.
 */
uint32_t utf8_next(const char **s);

#endif
