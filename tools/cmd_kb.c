/*
 * cmd_kb.c - madoctl kb: import DIR loads the knowledge base as a new
 * version; categories and referrals list the codes in force (for close
 * --category, refer, and shell completion).
 */
#include "madoctl.h"

#include "classify.h"
#include "db_kb.h"
#include "kb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* CODE<TAB>label (and telephone for referrals), one per line. */
static int list_codes(PGconn *db, bool referrals)
{
	if (referrals) {
		struct db_kb_referral_codes rows;

		if (db_kb_referral_codes(db, &rows) == -1)
			return 1;
		for (size_t i = 0; i < rows.n; i++)
			printf("%s\t%s\t%s\n", rows.v[i].code, rows.v[i].name_ja, rows.v[i].phone);
		db_kb_referral_codes_free(&rows);
	} else {
		struct db_kb_category_rows rows;

		if (db_kb_categories(db, &rows) == -1)
			return 1;
		for (size_t i = 0; i < rows.n; i++)
			printf("%s\t%s\n", rows.v[i].code, rows.v[i].label);
		db_kb_category_rows_free(&rows);
	}
	return 0;
}

static int cmd_kb(struct ctl *ctl, const struct ctl_args *args)
{
	const char *dir = ctl_args_pos(args, 0), *sub = ctl_args_sub(args);
	struct kb_import_result r;
	char *errors = NULL;
	PGconn *db;

	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	if (strcmp(sub, "import") != 0)
		return list_codes(db, strcmp(sub, "referrals") == 0);
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

static const struct ctl_grammar kb_grammar[] = {{"import", "", 1, 1},
						{"categories", "", 0, 0},
						{"referrals", "", 0, 0},
						CTL_GRAMMAR_END};

const struct ctl_command cmd_kb_entry = {
    "kb", "import DIR | categories | referrals",
    "load the knowledge base (config/kb) as a new version; list the category or referral codes"
    " in force",
    kb_grammar, cmd_kb};
