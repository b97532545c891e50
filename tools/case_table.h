/*
 * case_table.h - madoctl list's table: aligned columns that fit the
 * terminal (Japanese characters count two columns), the category by its
 * Japanese label, received times in Tokyo time, through $PAGER when the
 * list is longer than the terminal.
 */
#ifndef MADOGUCHI_CASE_TABLE_H
#define MADOGUCHI_CASE_TABLE_H

#include "db_case.h"
#include "db_kb.h"

#include <stdio.h>

/*
 * Prints CASES to OUT in WIDTH columns (0: no limit, as for a pipe), the
 * labels from CATS (may be empty: codes are shown then).
 */
void case_table_print(FILE *out, const struct case_rows *cases,
		      const struct db_kb_category_rows *cats, int width);

/*
 * Where a list of NROWS lines goes: stdout, or $PAGER (default less) when
 * stdout is a terminal shorter than the list. *WIDTH receives the
 * terminal's columns (0 when not a terminal). Close it with case_table_end.
 */
FILE *case_table_begin(size_t nrows, int *width);
void case_table_end(FILE *out);

#endif
