/*
 * ctl_text.h - text a madoctl command takes as an option's value or, for
 * "-", from standard input (a note, a call's summary).
 */
#ifndef MADOGUCHI_CTL_TEXT_H
#define MADOGUCHI_CTL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* V itself, or all of stdin when V is "-"; malloc'd. NULL when longer than MAX bytes. */
char *ctl_text(const char *v, size_t max);

/* Whether TEXT holds something besides blanks and line ends. */
bool ctl_text_has_words(const char *text);

#endif
