/*
 * cmd_outbox.c - madoctl outbox: the mail the desk has not sent yet (or,
 * with --all, every mail), and staff's hand on it: retry now, or cancel.
 * Workers send the outbox; a mail the server refused for good (a 5xx)
 * stays failed until staff retry or cancel it.
 */
#include "madoctl.h"

#include "db_outbox.h"
#include "json.h"
#include "textwidth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_json(const struct db_outbox_rows *rows)
{
	fputc('[', stdout);
	for (size_t i = 0; i < rows->n; i++) {
		const struct db_outbox_row *o = &rows->v[i];

		printf("%s{\"id\":%lld", i ? ",\n" : "", (long long)o->id);
		json_member(stdout, "case", o->case_number);
		json_member(stdout, "kind", o->kind);
		json_member(stdout, "rcpt", o->rcpt);
		json_member(stdout, "state", o->state);
		printf(",\"attempts\":%d", o->attempts);
		json_member(stdout, "last_error", o->last_error);
		json_member(stdout, "created_at", o->created_at);
		json_member(stdout, "next_attempt_at", o->next_attempt_at);
		json_member(stdout, "staff", o->staff);
		fputc('}', stdout);
	}
	fputs("]\n", stdout);
}

static void print_table(const struct db_outbox_rows *rows)
{
	printf("%-6s  %-11s  %-6s  %-9s  %-3s  %-20s  %s\n", "ID", "CASE", "KIND", "STATE", "TRY",
	       "NEXT TRY", "TO / LAST ERROR");
	for (size_t i = 0; i < rows->n; i++) {
		const struct db_outbox_row *o = &rows->v[i];

		printf("%-6lld  %-11s  %-6s  %-9s  %-3d  %-20s  %s%s%s\n", (long long)o->id,
		       o->case_number, o->kind, o->state, o->attempts,
		       o->next_attempt_at ? o->next_attempt_at : "-", o->rcpt,
		       o->last_error ? " / " : "", o->last_error ? o->last_error : "");
	}
	printf("(%zu mail%s)\n", rows->n, rows->n == 1 ? "" : "s");
}

static int list(PGconn *db, const struct ctl_args *args)
{
	struct db_outbox_rows rows;

	if (db_outbox_list(db, ctl_args_has(args, "--all"), &rows) == -1)
		return 1;
	if (ctl_args_has(args, "--json"))
		print_json(&rows);
	else
		print_table(&rows);
	db_outbox_rows_free(&rows);
	return 0;
}

/* retry|cancel ID...: one line each, on past a failure, 1 if any failed. */
static int act(PGconn *db, const struct ctl_args *args, const char *what, const char *actor)
{
	int failed = 0;

	for (int i = 0; i < ctl_args_count(args); i++) {
		const char *v = ctl_args_pos(args, i);
		char *end;
		long long id = strtoll(v, &end, 10);
		int rc = *v != '\0' && *end == '\0' && id > 0 ? db_outbox_staff(db, id, what, actor) : 0;

		if (rc == 1)
			printf("%s: %s\n", v, strcmp(what, "retry") == 0 ? "queued again" : "cancelled");
		else
			fprintf(stderr, "madoctl outbox %s: %s: %s\n", what, v,
				rc == 0 ? "no queued or failed mail with this id" : "the database failed");
		failed += rc != 1;
	}
	return failed > 0;
}

static int cmd_outbox(struct ctl *ctl, const struct ctl_args *args)
{
	const char *sub = ctl_args_sub(args), *actor = NULL;
	PGconn *db;

	/* No subcommand: the list. */
	if (sub != NULL && (actor = ctl_acting(&cmd_outbox_entry, args)) == NULL)
		return EXIT_MISUSE;
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	if (sub == NULL)
		return list(db, args);
	return act(db, args, sub, actor);
}

static const struct ctl_grammar outbox_grammar[] = {{NULL, "--all --json", 0, 0},
						    {"retry", "--as:", 1, -1},
						    {"cancel", "--as:", 1, -1},
						    CTL_GRAMMAR_END};

const struct ctl_command cmd_outbox_entry = {
    "outbox", "[--all] [--json] | retry ID... [--as NAME] | cancel ID... [--as NAME]",
    "mail not sent yet (--all: every mail); retry a failed or waiting mail now, or cancel it",
    outbox_grammar, cmd_outbox};
