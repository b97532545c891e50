/*
 * case_numbers.c - the cases a madoctl command names; see case_numbers.h.
 */
#include "case_numbers.h"

#include "db_state.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CASES 100000

bool case_number(const char *s)
{
	if (strlen(s) != 11 || s[4] != '-')
		return false;
	for (int i = 0; i < 11; i++)
		if (i != 4 && !isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static bool add_number(struct case_numbers *ns, const char *s)
{
	if (ns->n == MAX_CASES)
		return false;
	if (ns->n == ns->cap) {
		size_t cap = ns->cap ? ns->cap * 2 : 16;
		char(*v)[16] = realloc(ns->v, cap * sizeof(*v));

		if (v == NULL)
			abort();
		ns->v = v;
		ns->cap = cap;
	}
	snprintf(ns->v[ns->n++], sizeof(ns->v[0]), "%s", s);
	return true;
}

/* case_numbers_between()'s callback: stops at the limit. */
static bool add_each(const char *number, void *ns)
{
	return add_number(ns, number);
}

/* The case numbers of stdin, separated by any blanks; false on a word that is none. */
static bool numbers_from_stdin(const char *cmd, struct case_numbers *ns)
{
	char word[64];

	while (scanf("%63s", word) == 1)
		if (!case_number(word) || !add_number(ns, word)) {
			fprintf(stderr, "madoctl %s: stdin: \"%s\" is no case number\n", cmd, word);
			return false;
		}
	return true;
}

int case_numbers_collect(PGconn **db, struct ctl *ctl, const struct ctl_command *cmd,
			 const struct ctl_args *args, int end, struct case_numbers *ns)
{
	bool stdin_read = false;

	for (int k = 0; k < end; k++) {
		const char *a = ctl_args_pos(args, k), *dots = strstr(a, "..");

		if (strcmp(a, "-") == 0 && !stdin_read) {
			stdin_read = true;
			if (!numbers_from_stdin(cmd->name, ns))
				return EXIT_MISUSE;
		} else if (case_number(a)) {
			add_number(ns, a);
		} else if (dots != NULL && dots - a == 11) {
			char lo[12], hi[12];

			snprintf(lo, sizeof(lo), "%.11s", a);
			snprintf(hi, sizeof(hi), "%s", dots + 2);
			if (!case_number(lo) || !case_number(hi) || strcmp(lo, hi) > 0) {
				fprintf(stderr, "madoctl %s: \"%s\" is no range of case numbers\n",
					cmd->name, a);
				return ctl_usage(cmd);
			}
			if (*db == NULL && (*db = ctl_db(ctl)) == NULL)
				return 1;
			if (case_numbers_between(*db, lo, hi, add_each, ns) == -1)
				return 1;
		} else {
			fprintf(stderr, "madoctl %s: \"%s\" is no case number, range or -\n", cmd->name,
				a);
			return ctl_usage(cmd);
		}
	}
	return 0;
}

