/*
 * cmd_triage.c - staff teaching the classifier:
 *   recategorize CASE CODE   set (and confirm) a case's category, audited
 *   train                    publish a new model from the knowledge base and
 *                            every confirmed case; workers pick it up
 */
#include "madoctl.h"

#include "classify.h"
#include "db_case.h"
#include "db_model.h"

#include <stdint.h>
#include <stdio.h>

static int cmd_recategorize(struct ctl *ctl, const struct ctl_args *args)
{
	const char *number = ctl_args_pos(args, 0), *code = ctl_args_pos(args, 1);
	PGconn *db;

	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	switch (case_recategorize(db, number, code, ctl_actor())) {
	case 1:
		break;
	case 2:
		fprintf(stderr, "madoctl recategorize: unknown category %s\n", code);
		return 1;
	case 0:
		fprintf(stderr, "madoctl recategorize: no case %s\n", number);
		return 1;
	default:
		return 1;
	}
	printf("case %s is now %s (confirmed; madoctl train makes it count)\n", number, code);
	return 0;
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

static const struct ctl_grammar recategorize_grammar[] = {{NULL, "", 2, 2}, CTL_GRAMMAR_END};
static const struct ctl_grammar train_grammar[] = {{NULL, "", 0, 0}, CTL_GRAMMAR_END};

const struct ctl_command cmd_recategorize_entry = {
    "recategorize", "CASE CODE", "set a case's category (staff decision, used in training)",
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
