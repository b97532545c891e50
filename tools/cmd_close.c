/*
 * cmd_close.c - madoctl close and refer: what a case needs before it is
 * closed, recorded as staff do it. Like the state commands, each takes
 * several case numbers, ranges or "-", prints one line per case, goes on
 * past a refusal and exits 1 when any case was refused or missing;
 * --dry-run changes nothing.
 */
#include "madoctl.h"

#include "case_numbers.h"
#include "close_rules.h"
#include "config.h"
#include "ctl_events.h"
#include "db_close.h"
#include "db_referral.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A word of [close] resolutions, or a referral code: a-z, 0-9, _ and -. */
static bool code_like(const char *s)
{
	return *s != '\0' && strlen(s) < 64 &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_.-") == strlen(s);
}

/* Prints the line for one case's result; true when it counts as a failure. */
static bool report(const char *cmd, const char *number, enum case_state_result r,
		   const char *why)
{
	switch (r) {
	case CASE_STATE_CHANGED:
	case CASE_STATE_UNCHANGED:
		return false;
	case CASE_STATE_REFUSED:
		fprintf(stderr, "madoctl %s: %s: refused: %s\n", cmd, number, why);
		break;
	case CASE_STATE_NO_CASE:
		fprintf(stderr, "madoctl %s: %s: no such case\n", cmd, number);
		break;
	default:
		fprintf(stderr, "madoctl %s: %s: the database failed\n", cmd, number);
		break;
	}
	return true;
}

static void print_closed(const char *number, bool dry, const struct case_closing *c,
			 const struct case_close_plan *p)
{
	printf("%s: %sclosed (resolution: %s", number, dry ? "would be " : "", p->resolution);
	if (p->category != NULL)
		printf(", category %s confirmed", p->category);
	if (p->dismiss_pending && c->pending[0] != '\0')
		printf(", referrals dismissed: %s", c->pending);
	printf(", was %s)\n", c->status);
}

static int cmd_close(struct ctl *ctl, const struct ctl_args *args)
{
	struct close_req req = {ctl_args_value(args, "--resolution"),
				ctl_args_value(args, "--category"), ctl_args_value(args, "--note"),
				false};
	bool dry = ctl_args_has(args, "--dry-run");
	struct case_numbers ns = {NULL, 0, 0};
	const char *actor;
	PGconn *db;
	int rc, failed = 0;

	if (req.resolution == NULL || !code_like(req.resolution) ||
	    (req.category != NULL && !code_like(req.category)) ||
	    (req.note != NULL && (*req.note == '\0' || strlen(req.note) > 2000)))
		return ctl_usage(&cmd_close_entry);
	if ((actor = ctl_acting(&cmd_close_entry, args)) == NULL)
		return EXIT_MISUSE;
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	if (!config_is_resolution(ctl->cfg, req.resolution)) {
		fprintf(stderr, "madoctl close: %s is no resolution; [close] resolutions in %s are: %s\n",
			req.resolution, ctl->cfg->path, ctl->cfg->close_resolutions);
		return ctl_usage(&cmd_close_entry);
	}
	req.without_review = config_resolution_without_review(ctl->cfg, req.resolution);
	rc = case_numbers_collect(&db, ctl, &cmd_close_entry, args, ctl_args_count(args), &ns);
	for (size_t i = 0; rc == 0 && i < ns.n; i++) {
		struct case_closing from;
		struct case_close_plan plan;
		char why[1024];
		enum case_state_result r = case_close_move(db, ns.v[i], actor, req.category, dry,
							   close_decide, &req, &from, &plan, why,
							   sizeof(why));

		if (r == CASE_STATE_CHANGED && !dry)
			ctl_publish(ctl, ns.v[i], "close");
		if (r == CASE_STATE_CHANGED)
			print_closed(ns.v[i], dry, &from, &plan);
		failed += report("close", ns.v[i], r, why);
	}
	free(ns.v);
	return rc != 0 ? rc : failed > 0;
}

static int refer_decide(const struct case_referral_state *from, const char *to, char *why,
			size_t whysz, void *arg)
{
	const char *code = arg;

	if (from->merged_into[0] != '\0') {
		snprintf(why, whysz, "it was merged into %s; refer on that case", from->merged_into);
		return 2;
	}
	if (!from->code_known) {
		snprintf(why, whysz,
			 "%s is not in the referral directory in force (madoctl kb referrals lists them)",
			 code);
		return 2;
	}
	return strcmp(from->state, to) == 0 ? 1 : 0;
}

/* refer CASE... CODE --state made|confirmed|dismissed [--note TEXT]. */
static int cmd_refer(struct ctl *ctl, const struct ctl_args *args)
{
	static const char *const states[] = {"made", "confirmed", "dismissed", NULL};
	int n = ctl_args_count(args), failed = 0, rc;
	const char *code = ctl_args_pos(args, n - 1), *state = ctl_args_value(args, "--state");
	const char *note = ctl_args_value(args, "--note"), *actor;
	bool dry = ctl_args_has(args, "--dry-run"), state_ok = false;
	struct case_numbers ns = {NULL, 0, 0};
	PGconn *db = NULL;

	for (int i = 0; state != NULL && states[i] != NULL; i++)
		state_ok |= strcmp(states[i], state) == 0;
	if (!state_ok) {
		fprintf(stderr, "madoctl refer: --state must be made, confirmed or dismissed\n");
		return ctl_usage(&cmd_refer_entry);
	}
	if (!code_like(code) || case_number(code)) {
		fprintf(stderr, "madoctl refer: the last argument is the referral code\n");
		return ctl_usage(&cmd_refer_entry);
	}
	if (note != NULL && (*note == '\0' || strlen(note) > 2000))
		return ctl_usage(&cmd_refer_entry);
	if ((actor = ctl_acting(&cmd_refer_entry, args)) == NULL)
		return EXIT_MISUSE;
	rc = case_numbers_collect(&db, ctl, &cmd_refer_entry, args, n - 1, &ns);
	if (rc == 0 && db == NULL && (db = ctl_db(ctl)) == NULL)
		rc = 1;
	for (size_t i = 0; rc == 0 && i < ns.n; i++) {
		struct case_referral_state from;
		char why[512];
		enum case_state_result r =
		    case_refer_move(db, ns.v[i], code, state, note, actor, dry, refer_decide,
				    (void *)code, &from, why, sizeof(why));

		if (r == CASE_STATE_CHANGED && !dry)
			ctl_publish(ctl, ns.v[i], "refer");
		if (r == CASE_STATE_CHANGED)
			printf("%s: %s %s %s (was %s)\n", ns.v[i], code, dry ? "would be" : "is",
			       state, from.state[0] != '\0' ? from.state : "not named");
		else if (r == CASE_STATE_UNCHANGED)
			printf("%s: unchanged, %s is %s\n", ns.v[i], code, state);
		failed += report("refer", ns.v[i], r, why);
	}
	free(ns.v);
	return rc != 0 ? rc : failed > 0;
}

static const struct ctl_grammar close_grammar[] = {
    {NULL, "--resolution: --category: --note: --as: --dry-run", 1, -1}, CTL_GRAMMAR_END};
static const struct ctl_grammar refer_grammar[] = {
    {NULL, "--state: --note: --as: --dry-run", 2, -1}, CTL_GRAMMAR_END};

const struct ctl_command cmd_close_entry = {
    "close",
    "CASE...|FIRST..LAST|- --resolution R [--category CODE] [--note TEXT] [--as NAME] [--dry-run]",
    "close cases: refused until the category is confirmed (--category confirms it) and every"
    " suggested referral is made or dismissed, unless R closes without review",
    close_grammar, cmd_close};
const struct ctl_command cmd_refer_entry = {
    "refer",
    "CASE...|FIRST..LAST|- CODE --state made|confirmed|dismissed [--note TEXT] [--as NAME]"
    " [--dry-run]",
    "record a referral: made (we told the requester), confirmed (they reported back) or"
    " dismissed (it does not apply)",
    refer_grammar, cmd_refer};
