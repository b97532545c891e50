/*
 * json.h - writing JSON for madoctl's --json output.
 */
#ifndef MADOGUCHI_JSON_H
#define MADOGUCHI_JSON_H

#include <stdio.h>

struct buf;

/* Writes S as a JSON string (NULL as null). S must be UTF-8; controls are escaped. */
void json_string(FILE *out, const char *s);
/* Writes ,"KEY":S (S as json_string): one member after the first of an object. */
void json_member(FILE *out, const char *key, const char *s);
/* The same, appended to OUT. */
void json_buf_string(struct buf *out, const char *s);

#endif
