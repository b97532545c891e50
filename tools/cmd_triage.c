/*
 * cmd_triage.c - staff teaching the classifier:
 *   recategorize CASES CODE  set (and confirm) cases' category, audited
 *   train                    publish a new model from the knowledge base and
 *                            every confirmed case; workers pick it up
 */
#include "madoctl.h"

#include "case_numbers.h"
#include "classify.h"
#include "ctl_events.h"
#include "db_case.h"
#include "db_model.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* recategorize CASE... CODE: the last positional is the category. */
static int cmd_recategorize(struct ctl *ctl, const struct ctl_args *args)
{
	int n = ctl_args_count(args), rc, failed = 0;
	const char *code = ctl_args_pos(args, n - 1), *actor;
	bool dry = ctl_args_has(args, "--dry-run");
	struct case_numbers ns = {NULL, 0, 0};
	PGconn *db = NULL;

	if (case_number(code) || strcmp(code, "-") == 0 || strstr(code, "..") != NULL) {
		fprintf(stderr, "madoctl recategorize: the last argument is the category code\n");
		return ctl_usage(&cmd_recategorize_entry);
	}
	if ((actor = ctl_acting(&cmd_recategorize_entry, args)) == NULL)
		return EXIT_MISUSE;
	rc = case_numbers_collect(&db, ctl, &cmd_recategorize_entry, args, n - 1, &ns);
	if (rc == 0 && db == NULL && (db = ctl_db(ctl)) == NULL)
		rc = 1;
	for (size_t i = 0; rc == 0 && i < ns.n; i++) {
		switch (case_recategorize(db, ns.v[i], code, actor, dry)) {
		case 1:
			printf("%s: %s %s (confirmed; madoctl train makes it count)\n", ns.v[i],
			       dry ? "would be" : "is now", code);
			if (!dry)
				ctl_publish(ctl, ns.v[i], "recategorize");
			break;
		case 2:
			/* The same for every case: no use going on. */
			fprintf(stderr, "madoctl recategorize: unknown category %s"
					" (madoctl kb categories lists them)\n", code);
			free(ns.v);
			return 1;
		case 0:
			fprintf(stderr, "madoctl recategorize: %s: no such case\n", ns.v[i]);
			failed++;
			break;
		default:
			fprintf(stderr, "madoctl recategorize: %s: the database failed\n", ns.v[i]);
			failed++;
			break;
		}
	}
	free(ns.v);
	return rc != 0 ? rc : failed > 0;
}

static int cmd_train(struct ctl *ctl, const struct ctl_args *args)
{
	PGconn *db;
	int64_t model, cases;

	(void)args;
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	if (db_model_version_add(db, ctl_actor(), &model, &cases) == -1)
		return 1;
	printf("model %lld: knowledge base examples plus %lld confirmed cases; workers reload it\n",
	       (long long)model, (long long)cases);
	return ctl_train_now(db);
}

static const struct ctl_grammar recategorize_grammar[] = {{NULL, "--as: --dry-run", 2, -1},
							  CTL_GRAMMAR_END};
static const struct ctl_grammar train_grammar[] = {{NULL, "", 0, 0}, CTL_GRAMMAR_END};

const struct ctl_command cmd_recategorize_entry = {
    "recategorize", "CASE...|FIRST..LAST|- CODE [--as NAME] [--dry-run]",
    "set and confirm cases' category (staff decision, used in training)",
    recategorize_grammar, cmd_recategorize};
const struct ctl_command cmd_train_entry = {
    "train", "", "rebuild the classifier from the knowledge base and confirmed cases",
    train_grammar, cmd_train};

int ctl_train_now(PGconn *db)
{
	struct classifier *cl = classifier_load(db);

	if (cl == NULL) {
		fprintf(stderr, "madoctl: the classifier could not be trained\n");
		return 1;
	}
	printf("classifier: %zu training documents, %zu features\n", classifier_training_size(cl),
	       classifier_features(cl));
	classifier_free(cl);
	return 0;
}
