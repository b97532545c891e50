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

static int cmd_recategorize(struct ctl *ctl, int argc, char **argv)
{
	PGconn *db;

	if (argc != 3)
		return ctl_usage(&cmd_recategorize_entry);
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	switch (case_recategorize(db, argv[1], argv[2], ctl_actor())) {
	case 1:
		break;
	case 2:
		fprintf(stderr, "madoctl recategorize: unknown category %s\n", argv[2]);
		return 1;
	case 0:
		fprintf(stderr, "madoctl recategorize: no case %s\n", argv[1]);
		return 1;
	default:
		return 1;
	}
	printf("case %s is now %s (confirmed; madoctl train makes it count)\n", argv[1], argv[2]);
	return 0;
}

static int cmd_train(struct ctl *ctl, int argc, char **argv)
{
	PGconn *db;
	int64_t model, cases;

	(void)argv;
	if (argc != 1)
		return ctl_usage(&cmd_train_entry);
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	if (model_version_add(db, ctl_actor(), &model, &cases) == -1)
		return 1;
	printf("model %lld: knowledge base examples plus %lld confirmed cases; workers reload it\n",
	       (long long)model, (long long)cases);
	return ctl_train_now(db);
}

const struct ctl_command cmd_recategorize_entry = {
    "recategorize", "CASE CODE", "set a case's category (staff decision, used in training)",
    cmd_recategorize};
const struct ctl_command cmd_train_entry = {
    "train", "", "rebuild the classifier from the knowledge base and confirmed cases",
    cmd_train};

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
