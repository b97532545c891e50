/*
 * bigram.h - the distinct character bigrams of a text, as the search set
 * of sql/016_search.sql holds them, counted where they cost microseconds.
 *
 * search_bigrams() in SQL cuts a lower-cased text into every pair of
 * consecutive characters, U+0001 read as a space. bigrams_distinct() does
 * the same to the text as it is, each pair once; the database then
 * lower-cases each pair, which gives the same set because lower() maps
 * character by character (sql/025_search_given.sql).
 */
#ifndef MADOGUCHI_BIGRAM_H
#define MADOGUCHI_BIGRAM_H

#include "buf.h"

/*
 * Appends to OUT the distinct bigrams of the UTF-8 text TEXT (NULL: none),
 * separated by U+0001, and from what OUT holds already (the bigrams of
 * another text, which may share some). A broken sequence counts as one
 * character of its bytes (text the database takes has none).
 */
void bigrams_distinct(const char *text, struct buf *out);

#endif
