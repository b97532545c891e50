/*
 * case_numbers.h - the cases a madoctl command acts on: case numbers,
 * ranges (2026-000120..2026-000130: the cases between that exist) and "-"
 * for numbers read from standard input, separated by any blanks.
 */
#ifndef MADOGUCHI_CASE_NUMBERS_H
#define MADOGUCHI_CASE_NUMBERS_H

#include "madoctl.h"

#include <stdbool.h>
#include <stddef.h>

struct case_numbers {
	char (*v)[16];
	size_t n, cap;
};

/* Whether S has the form of a case number, YYYY-NNNNNN. */
bool case_number(const char *s);

/*
 * Appends the cases ARGS names in positionals [0, END) to NS (free NS->v).
 * *DB is opened through CTL when a range needs it. Returns 0, EXIT_MISUSE
 * (a word that is no number, range or "-"; usage printed), or 1 (the
 * database failed).
 */
int case_numbers_collect(PGconn **db, struct ctl *ctl, const struct ctl_command *cmd,
			 const struct ctl_args *args, int end, struct case_numbers *ns);

#endif
