/*
 * ctl_args.h - madoctl's one argument parser: each command declares its
 * grammar in its table entry, and the parser checks argv against it before
 * the command runs, so every command treats options, values, positionals
 * and -h/--help alike.
 *
 * A grammar is an array of rows, one per subcommand (the word right after
 * the command's name), or a single row with sub NULL for a command without
 * subcommands; a command may have both (jobs, jobs retry). A row names the
 * options, in the spirit of a getopt template: "--json --status:" is the
 * flag --json and the option --status, which takes the next argument as
 * its value whatever it looks like ("--note -h" is a note of "-h"). Options
 * and positionals come in any order; anything else starting with '-' is
 * misuse, and so is "--name=value": madoctl never accepted that spelling.
 * -h and --help ask for help wherever they stand as an option.
 */
#ifndef MADOGUCHI_CTL_ARGS_H
#define MADOGUCHI_CTL_ARGS_H

#include <stdbool.h>

/* The most options one row may name. */
#define CTL_ARGS_MAX_OPTIONS 24

struct ctl_grammar {
	const char *sub;     /* the subcommand this row is for; NULL: the command without one */
	const char *options; /* names separated by spaces, ':' after one that takes a value */
	int lower, upper;    /* how many positional arguments; upper -1: no limit */
};

/* Ends every grammar array. */
#define CTL_GRAMMAR_END {NULL, NULL, 0, 0}

enum ctl_args_status {
	CTL_ARGS_OK,     /* *out is the parsed result */
	CTL_ARGS_HELP,   /* -h or --help stood as an option */
	CTL_ARGS_MISUSE, /* unknown subcommand or option, missing value, wrong positional count */
};

/* The parsed arguments of one command line; opaque. */
struct ctl_args;

/*
 * Checks ARGV (argv[0] is the command's name, argc >= 1) against GRAMMAR.
 * On CTL_ARGS_OK, *OUT is set and the caller frees it with ctl_args_free();
 * its strings point into ARGV, which must outlive it. Help wins over misuse,
 * as "madoctl CMD --bogus --help" always printed help.
 */
enum ctl_args_status ctl_args_parse(const struct ctl_grammar *grammar, int argc,
				    char *const argv[], struct ctl_args **out);
void ctl_args_free(struct ctl_args *args);

/* The subcommand of the row that matched, or NULL for a row without one. */
const char *ctl_args_sub(const struct ctl_args *args);
/* How many positional arguments there are, and the Kth (from 0), or NULL past the end. */
int ctl_args_count(const struct ctl_args *args);
const char *ctl_args_pos(const struct ctl_args *args, int k);
/* Where the Kth positional stood in argv (argv[0] being the command's name); 0 past the end. */
int ctl_args_pos_index(const struct ctl_args *args, int k);
/* True when option NAME ("--json") was given; NAME outside the row's grammar is never given. */
bool ctl_args_has(const struct ctl_args *args, const char *name);
/* The value of option NAME ("--note") at its last occurrence, or NULL when it was not given. */
const char *ctl_args_value(const struct ctl_args *args, const char *name);
/* Where the last occurrence of option NAME stood in argv; 0 when it was not given. */
int ctl_args_index(const struct ctl_args *args, const char *name);

/* Whether S is a calendar date, YYYY-MM-DD (2027-02-30 is none). */
bool ctl_calendar_date(const char *s);

#endif
