/*
 * cmd_merge.c - madoctl merge, link and set: putting cases together, and
 * completing what the intake asked on any case.
 */
#include "madoctl.h"

#include "case_numbers.h"
#include "ctl_events.h"
#include "ctl_text.h"
#include "db_call.h"
#include "db_merge.h"
#include "intake_fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int report(const struct ctl_command *cmd, const char *what, enum case_state_result r,
		  const char *why, const char *done)
{
	switch (r) {
	case CASE_STATE_CHANGED:
		printf("%s: %s\n", what, done);
		return 0;
	case CASE_STATE_UNCHANGED:
		printf("%s: unchanged\n", what);
		return 0;
	case CASE_STATE_REFUSED:
		fprintf(stderr, "madoctl %s: %s: refused: %s\n", cmd->name, what, why);
		return 1;
	case CASE_STATE_NO_CASE:
		fprintf(stderr, "madoctl %s: %s\n", cmd->name, why);
		return 1;
	default:
		fprintf(stderr, "madoctl %s: %s: the database failed\n", cmd->name, what);
		return 1;
	}
}

/* [0] is merged into [1]. */
static int merge_decide(const struct case_pair *p, char *why, size_t whysz, void *arg)
{
	const char *const *n = arg;

	if (p->merged_into[0][0] != '\0')
		snprintf(why, whysz, "%s was merged into %s already", n[0], p->merged_into[0]);
	else if (p->merged_into[1][0] != '\0')
		snprintf(why, whysz, "%s was merged into %s; merge into that case", n[1],
			 p->merged_into[1]);
	else if (strcmp(p->status[1], "closed") == 0)
		snprintf(why, whysz, "%s is closed; madoctl reopen it first", n[1]);
	else if (p->shipments[0] && p->shipments[1])
		snprintf(why, whysz,
			 "both have a shipment in force; madoctl ship cancel one of them first");
	else
		return 0;
	return 2;
}

static int link_decide(const struct case_pair *p, char *why, size_t whysz, void *arg)
{
	const char *const *n = arg;

	for (int k = 0; k < 2; k++) {
		if (p->merged_into[k][0] != '\0') {
			snprintf(why, whysz, "%s was merged into %s; link that case", n[k],
				 p->merged_into[k]);
			return 2;
		}
	}
	return p->linked ? 1 : 0;
}

/* The two case numbers of merge or link; misuse when they are not two distinct cases. */
static bool two_cases(const struct ctl_command *cmd, const struct ctl_args *args,
		      const char *n[2])
{
	n[0] = ctl_args_pos(args, 0);
	n[1] = ctl_args_pos(args, 1);
	if (!case_number(n[0]) || !case_number(n[1])) {
		fprintf(stderr, "madoctl %s: two case numbers, YYYY-NNNNNN\n", cmd->name);
		return false;
	}
	if (strcmp(n[0], n[1]) == 0) {
		fprintf(stderr, "madoctl %s: a case cannot be %s with itself\n", cmd->name,
			cmd == &cmd_merge_entry ? "merged" : "linked");
		return false;
	}
	return true;
}

static int cmd_merge(struct ctl *ctl, const struct ctl_args *args)
{
	bool dry = ctl_args_has(args, "--dry-run");
	enum case_state_result r;
	const char *n[2], *actor;
	char why[256] = "", what[64], done[96];
	PGconn *db;

	if (!two_cases(&cmd_merge_entry, args, n))
		return ctl_usage(&cmd_merge_entry);
	if ((actor = ctl_acting(&cmd_merge_entry, args)) == NULL)
		return EXIT_MISUSE;
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	snprintf(what, sizeof(what), "%s", n[0]);
	snprintf(done, sizeof(done), "%smerged into %s (its number still shows that case)",
		 dry ? "would be " : "", n[1]);
	r = case_merge(db, n[0], n[1], actor, dry, merge_decide, n, why, sizeof(why));
	if (r == CASE_STATE_CHANGED && !dry) {
		ctl_publish(ctl, n[0], "merged");
		ctl_publish(ctl, n[1], "merge");
	}
	return report(&cmd_merge_entry, what, r, why, done);
}

static int cmd_link(struct ctl *ctl, const struct ctl_args *args)
{
	bool dry = ctl_args_has(args, "--dry-run");
	enum case_state_result r;
	const char *n[2], *actor;
	char why[256] = "", what[64], done[64];
	PGconn *db;

	if (!two_cases(&cmd_link_entry, args, n))
		return ctl_usage(&cmd_link_entry);
	if ((actor = ctl_acting(&cmd_link_entry, args)) == NULL)
		return EXIT_MISUSE;
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	snprintf(what, sizeof(what), "%s", n[0]);
	snprintf(done, sizeof(done), "%slinked with %s", dry ? "would be " : "", n[1]);
	r = case_link_pair(db, n[0], n[1], actor, dry, link_decide, n, why, sizeof(why));
	if (r == CASE_STATE_CHANGED && !dry) {
		ctl_publish(ctl, n[0], "link");
		ctl_publish(ctl, n[1], "link");
	}
	return report(&cmd_link_entry, what, r, why, done);
}

/* An intake answer given as an option: some words, at most 200 bytes. */
static bool answer_ok(const char *v)
{
	return v == NULL || (ctl_text_has_words(v) && strlen(v) <= 200);
}

static int cmd_set(struct ctl *ctl, const struct ctl_args *args)
{
	const char *role = ctl_args_value(args, "--role"), *vendor = ctl_args_value(args, "--vendor");
	struct intake_change ch = {ctl_args_value(args, "--organisation"),
				   ctl_args_value(args, "--source"),
				   ctl_args_value(args, "--elsewhere"), NULL, -1};
	bool dry = ctl_args_has(args, "--dry-run");
	struct case_numbers ns = {NULL, 0, 0};
	const char *actor;
	PGconn *db = NULL;
	int rc, failed = 0;

	if (role != NULL && (ch.role = intake_role(role)) == NULL) {
		fprintf(stderr, "madoctl set: " INTAKE_ROLE_HELP "\n");
		return ctl_usage(&cmd_set_entry);
	}
	if (vendor != NULL && (ch.vendor = intake_yes_no(vendor)) == -1) {
		fprintf(stderr, "madoctl set: --vendor is yes or no\n");
		return ctl_usage(&cmd_set_entry);
	}
	if (!answer_ok(ch.organisation) || !answer_ok(ch.source) || !answer_ok(ch.elsewhere)) {
		fprintf(stderr, "madoctl set: each answer is some words, at most 200 bytes\n");
		return ctl_usage(&cmd_set_entry);
	}
	if (ch.organisation == NULL && ch.source == NULL && ch.elsewhere == NULL &&
	    ch.role == NULL && ch.vendor < 0) {
		fprintf(stderr, "madoctl set: nothing to set\n");
		return ctl_usage(&cmd_set_entry);
	}
	if ((actor = ctl_acting(&cmd_set_entry, args)) == NULL)
		return EXIT_MISUSE;
	rc = case_numbers_collect(&db, ctl, &cmd_set_entry, args, ctl_args_count(args), &ns);
	if (rc == 0 && db == NULL && (db = ctl_db(ctl)) == NULL)
		rc = 1;
	for (size_t i = 0; rc == 0 && i < ns.n; i++) {
		enum case_state_result r = case_set_intake(db, ns.v[i], &ch, actor, dry);
		char why[64];

		snprintf(why, sizeof(why), "no case %s", ns.v[i]);
		if (r == CASE_STATE_CHANGED && !dry)
			ctl_publish(ctl, ns.v[i], "set");
		failed += report(&cmd_set_entry, ns.v[i], r, why, dry ? "would be set" : "set");
	}
	free(ns.v);
	return rc != 0 ? rc : failed > 0;
}

static const struct ctl_grammar pair_grammar[] = {{NULL, "--as: --dry-run", 2, 2},
						  CTL_GRAMMAR_END};
static const struct ctl_grammar set_grammar[] = {
    {NULL, "--organisation: --source: --elsewhere: --role: --vendor: --as: --dry-run", 1, -1},
    CTL_GRAMMAR_END};

const struct ctl_command cmd_merge_entry = {
    "merge", "CASE INTO [--as NAME] [--dry-run]",
    "merge CASE into INTO: its messages, documents, notes, referrals and audit trail move;"
    " CASE's number still shows INTO",
    pair_grammar, cmd_merge};
const struct ctl_command cmd_link_entry = {"link", "CASE OTHER [--as NAME] [--dry-run]",
					   "link two related cases (show lists each in the other)",
					   pair_grammar, cmd_link};
const struct ctl_command cmd_set_entry = {
    "set",
    "CASE...|FIRST..LAST|- [--organisation ORG] [--source HOW] [--elsewhere WHERE|no]"
    " [--role owner|admin|staff] [--vendor yes|no] [--as NAME] [--dry-run]",
    "set the intake answers on cases (what the manual asks at the start of a call)",
    set_grammar, cmd_set};
