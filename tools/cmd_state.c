/*
 * cmd_state.c - madoctl take, steal, untake, assign, wait and reopen: who
 * works on a case and what it waits for. Each takes several case numbers,
 * ranges (2026-000120..2026-000130: the cases between that exist) or "-"
 * (numbers on stdin), prints one line per case, goes on past a refusal and
 * exits 1 when any case was refused or missing; --dry-run changes nothing.
 */
#include "madoctl.h"

#include "case_moves.h"
#include "case_numbers.h"
#include "ctl_events.h"
#include "db_state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_state(const struct case_state *s)
{
	printf("%s", s->status);
	if (s->owner[0] != '\0')
		printf(", owner %s", s->owner);
	if (s->wait_until[0] != '\0')
		printf(", until %s", s->wait_until);
}

/* Moves the cases of positionals [0, END) by REQ; see the top of the file. */
static int run_move(struct ctl *ctl, const struct ctl_command *cmd, const struct ctl_args *args,
		    struct case_move_req *req, int end)
{
	bool dry = ctl_args_has(args, "--dry-run");
	struct case_numbers ns = {NULL, 0, 0};
	PGconn *db = NULL;
	int rc, failed = 0;

	if ((req->actor = ctl_acting(cmd, args)) == NULL)
		return EXIT_MISUSE;
	rc = case_numbers_collect(&db, ctl, cmd, args, end, &ns);
	if (rc == 0 && db == NULL && (db = ctl_db(ctl)) == NULL)
		rc = 1;
	for (size_t i = 0; rc == 0 && i < ns.n; i++) {
		struct case_state from, to;
		char why[256];
		enum case_state_result r =
		    case_state_move(db, ns.v[i], req->actor, case_move_name(req->move), dry,
				    case_move_decide, req, &from, &to, why, sizeof(why));

		switch (r) {
		case CASE_STATE_CHANGED:
			if (!dry)
				ctl_publish(ctl, ns.v[i], case_move_name(req->move));
			printf("%s: %s", ns.v[i], dry ? "would be " : "");
			print_state(&to);
			printf(" (was ");
			print_state(&from);
			printf(")\n");
			break;
		case CASE_STATE_UNCHANGED:
			printf("%s: unchanged, ", ns.v[i]);
			print_state(&from);
			printf("\n");
			break;
		case CASE_STATE_REFUSED:
			fprintf(stderr, "madoctl %s: %s: refused: %s\n", cmd->name, ns.v[i], why);
			failed++;
			break;
		case CASE_STATE_NO_CASE:
			fprintf(stderr, "madoctl %s: %s: no such case\n", cmd->name, ns.v[i]);
			failed++;
			break;
		default:
			fprintf(stderr, "madoctl %s: %s: the database failed\n", cmd->name, ns.v[i]);
			failed++;
			break;
		}
	}
	free(ns.v);
	return rc != 0 ? rc : failed > 0;
}

/* A move that needs nothing but the cases. */
static int simple_move(struct ctl *ctl, const struct ctl_args *args,
		       const struct ctl_command *cmd, enum case_move move)
{
	struct case_move_req req = {move, NULL, NULL, NULL};

	return run_move(ctl, cmd, args, &req, ctl_args_count(args));
}

static int cmd_take(struct ctl *ctl, const struct ctl_args *args)
{
	return simple_move(ctl, args, &cmd_take_entry, MOVE_TAKE);
}

static int cmd_steal(struct ctl *ctl, const struct ctl_args *args)
{
	return simple_move(ctl, args, &cmd_steal_entry, MOVE_STEAL);
}

static int cmd_untake(struct ctl *ctl, const struct ctl_args *args)
{
	return simple_move(ctl, args, &cmd_untake_entry, MOVE_UNTAKE);
}

static int cmd_reopen(struct ctl *ctl, const struct ctl_args *args)
{
	return simple_move(ctl, args, &cmd_reopen_entry, MOVE_REOPEN);
}

/* assign CASE... USER: the last positional is the staff member. */
static int cmd_assign(struct ctl *ctl, const struct ctl_args *args)
{
	int n = ctl_args_count(args);
	const char *user = ctl_args_pos(args, n - 1);
	struct case_move_req req = {MOVE_ASSIGN, NULL, user, NULL};

	if (case_number(user) || strstr(user, "..") != NULL || strcmp(user, "-") == 0 ||
	    strlen(user) >= sizeof(((struct case_state *)0)->owner) ||
	    strpbrk(user, " \t\r\n") != NULL) {
		fprintf(stderr, "madoctl assign: the last argument is the staff member to assign to\n");
		return ctl_usage(&cmd_assign_entry);
	}
	return run_move(ctl, &cmd_assign_entry, args, &req, n - 1);
}

static int cmd_wait(struct ctl *ctl, const struct ctl_args *args)
{
	const char *until = ctl_args_value(args, "--until");
	struct case_move_req req = {MOVE_WAIT, NULL, NULL, until};

	if (until == NULL || !ctl_calendar_date(until)) {
		fprintf(stderr, "madoctl wait: --until takes a date, YYYY-MM-DD\n");
		return ctl_usage(&cmd_wait_entry);
	}
	return run_move(ctl, &cmd_wait_entry, args, &req, ctl_args_count(args));
}

static const struct ctl_grammar move_grammar[] = {{NULL, "--as: --dry-run", 1, -1},
						  CTL_GRAMMAR_END};
static const struct ctl_grammar assign_grammar[] = {{NULL, "--as: --dry-run", 2, -1},
						    CTL_GRAMMAR_END};
static const struct ctl_grammar wait_grammar[] = {{NULL, "--until: --as: --dry-run", 1, -1},
						  CTL_GRAMMAR_END};

#define CASES "CASE...|FIRST..LAST|-"
const struct ctl_command cmd_take_entry = {
    "take", CASES " [--as NAME] [--dry-run]",
    "take cases (new ones open); refused when someone else owns one", move_grammar, cmd_take};
const struct ctl_command cmd_steal_entry = {"steal", CASES " [--as NAME] [--dry-run]",
					    "take cases over from whoever owns them", move_grammar,
					    cmd_steal};
const struct ctl_command cmd_untake_entry = {"untake", CASES " [--as NAME] [--dry-run]",
					     "give back cases you own", move_grammar, cmd_untake};
const struct ctl_command cmd_assign_entry = {"assign", CASES " USER [--as NAME] [--dry-run]",
					     "give cases to a staff member", assign_grammar,
					     cmd_assign};
const struct ctl_command cmd_wait_entry = {
    "wait", CASES " --until YYYY-MM-DD [--as NAME] [--dry-run]",
    "wait for the requester until a date (a reminder)", wait_grammar, cmd_wait};
const struct ctl_command cmd_reopen_entry = {"reopen", CASES " [--as NAME] [--dry-run]",
					     "bring closed cases back to open", move_grammar,
					     cmd_reopen};
