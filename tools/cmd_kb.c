/*
 * cmd_kb.c - madoctl kb import DIR: load the knowledge base as a new version.
 */
#include "madoctl.h"

#include "classify.h"
#include "kb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmd_kb(struct ctl *ctl, const struct ctl_args *args)
{
	const char *dir = ctl_args_pos(args, 0);
	struct kb_import_result r;
	char *errors = NULL;
	PGconn *db;

	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	if (kb_import(db, dir, ctl_actor(), &r, &errors) == -1) {
		if (errors != NULL)
			fputs(errors, stderr);
		else
			fprintf(stderr, "madoctl kb import: database error\n");
		free(errors);
		return 1;
	}
	if (r.unchanged)
		printf("knowledge base unchanged: version %d\n", r.version);
	else
		printf("knowledge base version %d: %zu categories, %zu phrases, %zu examples, "
		       "%zu referral rows, %zu answer templates (%zu new or changed)\n",
		       r.version, r.categories, r.phrases, r.examples, r.referrals, r.answers,
		       r.answers_changed);
	return ctl_train_now(db);
}

static const struct ctl_grammar kb_grammar[] = {{"import", "", 1, 1}, CTL_GRAMMAR_END};

const struct ctl_command cmd_kb_entry = {"kb", "import DIR",
					 "load the knowledge base (config/kb) as a new version",
					 kb_grammar, cmd_kb};
