/*
 * json.h - writing JSON for madoctl's --json output.
 */
#ifndef MADOGUCHI_JSON_H
#define MADOGUCHI_JSON_H

#include <stdio.h>

/* Writes S as a JSON string (NULL as null). S must be UTF-8; controls are escaped. */
void json_string(FILE *out, const char *s);

#endif
