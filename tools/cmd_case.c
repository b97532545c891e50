/*
 * cmd_case.c - madoctl list and show: the staff's view of cases.
 */
#include "madoctl.h"

#include "case_print.h"
#include "case_table.h"
#include "db_kb.h"

#include "db_case.h"
#include "json.h"
#include "textwidth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const statuses[] = {"new", "open", "waiting", "closed", NULL};

/* One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line end. */
static void csv_field(FILE *out, const char *v, bool last)
{
	if (v == NULL)
		v = "";
	if (strpbrk(v, ",\"\r\n") == NULL) {
		fputs(v, out);
	} else {
		fputc('"', out);
		for (; *v != '\0'; v++) {
			if (*v == '"')
				fputc('"', out);
			fputc(*v, out);
		}
		fputc('"', out);
	}
	fputs(last ? "\r\n" : ",", out);
}

static void csv_cases(FILE *out, const struct case_rows *cases)
{
	fputs("number,status,channel,category,urgent,owner,wait_until,received_at,requester_name,"
	      "requester_address,subject\r\n",
	      out);
	for (size_t r = 0; r < cases->n; r++) {
		const struct case_row *c = &cases->v[r];

		csv_field(out, c->number, false);
		csv_field(out, c->status, false);
		csv_field(out, c->channel, false);
		csv_field(out, c->category, false);
		csv_field(out, c->urgent ? "yes" : "no", false);
		csv_field(out, c->owner, false);
		csv_field(out, c->wait_until, false);
		csv_field(out, c->received_at, false);
		csv_field(out, c->requester_name, false);
		csv_field(out, c->requester_address, false);
		csv_field(out, c->subject, true);
	}
}

static bool one_of(const char *v, const char *const *list)
{
	for (int i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], v) == 0)
			return true;
	return false;
}

/* What list shows a person at a terminal without --limit: the first page, fast on any backlog. */
#define LIST_PAGE 100

static int cmd_list(struct ctl *ctl, const struct ctl_args *args)
{
	static const char *const channels[] = {"mail", "fax", "eapp", "phone", "visit", NULL};
	const char *as = ctl_args_value(args, "--as");
	struct case_filter f = {
	    .status = ctl_args_value(args, "--status"),
	    .owner = ctl_args_value(args, "--owner"),
	    .unowned = ctl_args_has(args, "--unowned"),
	    .due = ctl_args_has(args, "--due"),
	    .urgent = ctl_args_has(args, "--urgent"),
	    .category = ctl_args_value(args, "--category"),
	    .channel = ctl_args_value(args, "--channel"),
	    .since = ctl_args_value(args, "--since"),
	    .until = ctl_args_value(args, "--until"),
	    .search = ctl_args_value(args, "--search"),
	    .failed = ctl_args_has(args, "--failed"),
	};
	const char *limit = ctl_args_value(args, "--limit");
	int json = ctl_args_has(args, "--json");
	PGconn *db;
	struct case_rows cases;
	bool more;

	if (f.status != NULL && !one_of(f.status, statuses)) {
		fprintf(stderr, "madoctl list: --status must be new, open, waiting or closed\n");
		return ctl_usage(&cmd_list_entry);
	}
	if (f.channel != NULL && !one_of(f.channel, channels)) {
		fprintf(stderr, "madoctl list: --channel must be mail, fax, eapp, phone or visit\n");
		return ctl_usage(&cmd_list_entry);
	}
	if ((f.since != NULL && !ctl_calendar_date(f.since)) ||
	    (f.until != NULL && !ctl_calendar_date(f.until))) {
		fprintf(stderr, "madoctl list: --since and --until take a date, YYYY-MM-DD\n");
		return ctl_usage(&cmd_list_entry);
	}
	if (f.search != NULL && f.search[0] == '\0') {
		fprintf(stderr, "madoctl list: --search takes some text\n");
		return ctl_usage(&cmd_list_entry);
	}
	if (ctl_args_has(args, "-i") + json + ctl_args_has(args, "--csv") > 1) {
		fprintf(stderr, "madoctl list: -i, --json and --csv are three ways to print: pick one\n");
		return ctl_usage(&cmd_list_entry);
	}
	if (limit != NULL) {
		char *end;
		long n = strtol(limit, &end, 10);

		if (*limit == '\0' || *end != '\0' || n < 0 || n > 1000000) {
			fprintf(stderr, "madoctl list: --limit takes a number of cases, 0 for all\n");
			return ctl_usage(&cmd_list_entry);
		}
		f.limit = (int)n;
	} else if (!json && !ctl_args_has(args, "-i") && !ctl_args_has(args, "--csv") &&
		   isatty(STDOUT_FILENO)) {
		/* A person reads a page; pipes and files get every case. */
		f.limit = LIST_PAGE;
	}
	/* One more than shown tells whether more match. */
	if (f.limit > 0)
		f.limit++;
	if (ctl_args_has(args, "--mine")) {
		if (f.owner != NULL) {
			fprintf(stderr, "madoctl list: --mine and --owner name two owners\n");
			return ctl_usage(&cmd_list_entry);
		}
		f.owner = as != NULL ? as : ctl_actor();
	}
	if (f.owner != NULL && f.unowned) {
		fprintf(stderr, "madoctl list: a case cannot be owned and unowned\n");
		return ctl_usage(&cmd_list_entry);
	}
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	if (case_list(db, &f, &cases) == -1) {
		case_rows_free(&cases);
		return 1;
	}
	more = f.limit > 0 && cases.n == (size_t)f.limit;
	if (more)
		case_row_free(&cases.v[--cases.n]);
	if (ctl_args_has(args, "-i")) {
		/* Numbers only, one per line: for madoctl take - and the like. */
		for (size_t r = 0; r < cases.n; r++)
			puts(cases.v[r].number);
	} else if (ctl_args_has(args, "--csv")) {
		csv_cases(stdout, &cases);
	} else if (json) {
		fputc('[', stdout);
		for (size_t r = 0; r < cases.n; r++) {
			fputs(r ? ",\n{" : "{", stdout);
			case_json_fields(stdout, &cases.v[r]);
			fputc('}', stdout);
		}
		fputs("]\n", stdout);
	} else {
		struct db_kb_category_rows cats = {NULL, 0};
		int width;
		FILE *out;

		/* Without a knowledge base the codes are shown. */
		if (db_kb_categories(db, &cats) == -1)
			db_kb_category_rows_free(&cats);
		out = case_table_begin(cases.n, &width);
		case_table_print(out, &cases, &cats, width);
		if (more)
			fprintf(out, "(more cases match: --limit N shows N, --limit 0 all of them)\n");
		case_table_end(out);
		db_kb_category_rows_free(&cats);
	}
	case_rows_free(&cases);
	return 0;
}

static const struct ctl_grammar list_grammar[] = {
    {NULL,
     "--status: --owner: --mine --unowned --due --urgent --category: --channel: --since: --until:"
     " --search: --failed --limit: --as: -i --json --csv",
     0, 0},
    CTL_GRAMMAR_END};
const struct ctl_command cmd_list_entry = {
    "list",
    "[--status new|open|waiting|closed] [--mine|--owner NAME|--unowned] [--due] [--urgent]"
    " [--category CODE|PREFIX] [--channel mail|fax|eapp|phone|visit] [--since DATE] [--until DATE]"
    " [--search TEXT] [--failed] [--limit N] [--as NAME] [-i|--json|--csv]",
    "list cases, urgent first, then the oldest; -i prints their numbers only", list_grammar,
    cmd_list};
