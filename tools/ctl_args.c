/*
 * ctl_args.c - checks one madoctl command line against the command's
 * grammar (ctl_args.h). The grammar is data in the command's table entry;
 * nothing here knows a command.
 *
 * One pass over argv: a word starting with '-' is an option (or help),
 * anything else a positional, "-" (standard input) too. The pass goes on after a mistake, so that
 * a later -h or --help still gets help, and an unknown option is taken for
 * a flag, since nothing says whether it wanted a value.
 */
#include "ctl_args.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

struct ctl_args {
	const struct ctl_grammar *row;
	int npos;
	const char **pos;                          /* npos words into argv */
	int *pos_index;                            /* where each stood in argv */
	const char *value[CTL_ARGS_MAX_OPTIONS];   /* by the option's place in row->options */
	int index[CTL_ARGS_MAX_OPTIONS];           /* argv index of the last occurrence, 0: absent */
};

/*
 * The place of option WORD in TEMPLATE ("--json --status:"), -1 when it is
 * not there; *TAKES_VALUE says whether it has a ':'.
 */
static int option_place(const char *template, const char *word, bool *takes_value)
{
	size_t wlen = strlen(word);
	int place = 0;

	for (const char *p = template; *p != '\0'; place++) {
		size_t len;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		len = strcspn(p, " ");
		/* A grammar longer than the result can hold is a mistake in a table. */
		if (place >= CTL_ARGS_MAX_OPTIONS)
			abort();
		*takes_value = p[len - 1] == ':';
		if (len - *takes_value == wlen && strncmp(p, word, wlen) == 0)
			return place;
		p += len;
	}
	return -1;
}

static bool is_help(const char *word)
{
	return strcmp(word, "-h") == 0 || strcmp(word, "--help") == 0;
}

/* The row for ARGV: its subcommand's, else the one without a subcommand, else NULL. */
static const struct ctl_grammar *find_row(const struct ctl_grammar *grammar, int argc,
					  char *const argv[], int *first)
{
	const struct ctl_grammar *plain = NULL;

	for (const struct ctl_grammar *g = grammar; g->options != NULL; g++) {
		if (g->sub == NULL)
			plain = g;
		else if (argc > 1 && strcmp(g->sub, argv[1]) == 0) {
			*first = 2;
			return g;
		}
	}
	*first = 1;
	return plain;
}

enum ctl_args_status ctl_args_parse(const struct ctl_grammar *grammar, int argc,
				    char *const argv[], struct ctl_args **out)
{
	struct ctl_args *a;
	bool help = false, misuse = false;
	int first;
	const struct ctl_grammar *row = find_row(grammar, argc, argv, &first);

	*out = NULL;
	if (row == NULL) {
		/* No grammar to say which words are values: any -h or --help asks for help. */
		for (int i = 1; i < argc; i++)
			help |= is_help(argv[i]);
		return help ? CTL_ARGS_HELP : CTL_ARGS_MISUSE;
	}
	if ((a = calloc(1, sizeof(*a))) == NULL ||
	    (a->pos = calloc((size_t)argc, sizeof(*a->pos))) == NULL ||
	    (a->pos_index = calloc((size_t)argc, sizeof(*a->pos_index))) == NULL)
		abort();
	a->row = row;
	for (int i = first; i < argc; i++) {
		bool takes_value = false;
		int place;

		/* A lone "-" is a positional: standard input, as for cat and git. */
		if (argv[i][0] != '-' || strcmp(argv[i], "-") == 0) {
			a->pos_index[a->npos] = i;
			a->pos[a->npos++] = argv[i];
			continue;
		}
		if (is_help(argv[i])) {
			help = true;
			continue;
		}
		place = option_place(row->options, argv[i], &takes_value);
		if (place == -1) {
			misuse = true;
			continue;
		}
		if (takes_value) {
			if (i + 1 >= argc) {
				misuse = true;
				break;
			}
			a->value[place] = argv[++i];
		}
		a->index[place] = i - takes_value;
	}
	if (a->npos < row->lower || (row->upper >= 0 && a->npos > row->upper))
		misuse = true;
	if (help || misuse) {
		ctl_args_free(a);
		return help ? CTL_ARGS_HELP : CTL_ARGS_MISUSE;
	}
	*out = a;
	return CTL_ARGS_OK;
}

void ctl_args_free(struct ctl_args *args)
{
	if (args == NULL)
		return;
	free(args->pos);
	free(args->pos_index);
	free(args);
}

const char *ctl_args_sub(const struct ctl_args *args)
{
	return args->row->sub;
}

int ctl_args_count(const struct ctl_args *args)
{
	return args->npos;
}

const char *ctl_args_pos(const struct ctl_args *args, int k)
{
	return k >= 0 && k < args->npos ? args->pos[k] : NULL;
}

int ctl_args_pos_index(const struct ctl_args *args, int k)
{
	return k >= 0 && k < args->npos ? args->pos_index[k] : 0;
}

int ctl_args_index(const struct ctl_args *args, const char *name)
{
	bool takes_value;
	int place = option_place(args->row->options, name, &takes_value);

	return place == -1 ? 0 : args->index[place];
}

bool ctl_args_has(const struct ctl_args *args, const char *name)
{
	return ctl_args_index(args, name) != 0;
}

const char *ctl_args_value(const struct ctl_args *args, const char *name)
{
	bool takes_value;
	int place = option_place(args->row->options, name, &takes_value);

	return place == -1 || args->index[place] == 0 ? NULL : args->value[place];
}

/* Whether S is a calendar date YYYY-MM-DD. */
bool ctl_calendar_date(const char *s)
{
	struct tm tm;
	int y, m, d;
	char end;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || s[4] != '-' ||
	    s[7] != '-')
		return false;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	if (timegm(&tm) == (time_t)-1)
		return false;
	return tm.tm_year == y - 1900 && tm.tm_mon == m - 1 && tm.tm_mday == d;
}
