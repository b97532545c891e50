/*
 * textwidth.h - terminal columns of UTF-8 text, for aligned CLI tables.
 */
#ifndef MADOGUCHI_TEXTWIDTH_H
#define MADOGUCHI_TEXTWIDTH_H

#include <stdio.h>

/* Columns S takes on a terminal: East Asian wide and full-width characters count two. */
int text_width(const char *s);

/*
 * Prints S in exactly WIDTH columns: cut with "…" when longer, padded with
 * spaces when shorter. Never splits a character.
 */
void text_print_cell(FILE *out, const char *s, int width);

#endif
