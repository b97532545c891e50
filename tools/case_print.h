/*
 * case_print.h - a case's fields as madoctl list and show print them.
 */
#ifndef MADOGUCHI_CASE_PRINT_H
#define MADOGUCHI_CASE_PRINT_H

#include "db_case.h"

#include <stdio.h>

/* "Name <address>", or whichever of the two there is; malloc'd, the caller frees it. */
char *case_requester_text(const char *name, const char *addr);

/* The members of case C shared by list --json and show --json, without braces. */
void case_json_fields(FILE *out, const struct case_row *c);

#endif
