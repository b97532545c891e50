/*
 * textfeat.h - the features a classifier reads from Japanese text:
 * character 1-, 2- and 3-grams over a normalised form of the text.
 *
 * Japanese needs no word segmentation this way, and character n-grams
 * survive OCR noise and the many spellings of one word (問い合わせ,
 * 問合せ). Blanks and punctuation are dropped and full-width ASCII is
 * folded, so 「ＵＳＢ」 and "usb" are one feature.
 */
#ifndef MADOGUCHI_TEXTFEAT_H
#define MADOGUCHI_TEXTFEAT_H

#include <stddef.h>
#include <stdint.h>

/* Code points of TEXT after normalisation, at most MAX. Returns how many. */
size_t textfeat_codepoints(const char *text, uint32_t *out, size_t max);

/*
 * The distinct n-gram keys of TEXT (each n-gram once), into a malloc'd
 * array *OUT owned by the caller. Returns the count, or 0 with *OUT NULL.
 */
size_t textfeat_ngrams(const char *text, uint64_t **out);

/* The n-gram KEY as UTF-8 text, for explanations. */
void textfeat_key_text(uint64_t key, char *out, size_t outsz);

#endif
