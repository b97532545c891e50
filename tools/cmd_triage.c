/*
 * cmd_triage.c - staff teaching the classifier:
 *   recategorize CASE CODE   set (and confirm) a case's category, audited
 *   train                    publish a new model from the knowledge base and
 *                            every confirmed case; workers pick it up
 */
#include "madoctl.h"

#include "classify.h"
#include "db.h"

#include <stdio.h>
#include <string.h>

static int cmd_recategorize(struct ctl *ctl, const struct ctl_args *args)
{
	const char *number = ctl_args_pos(args, 0), *code = ctl_args_pos(args, 1);
	const char *params[3];
	PGconn *db;
	PGresult *res;

	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	params[0] = number;
	params[1] = code;
	params[2] = ctl_actor();
	res = db_query(db, "recategorize",
		       "WITH k AS (SELECT 1 FROM kb_categories WHERE code = $2"
		       "  AND version_id = (SELECT max(id) FROM kb_versions)),"
		       " old AS (SELECT id, category FROM cases WHERE number = $1 FOR UPDATE),"
		       " c AS (UPDATE cases SET category = $2, category_confirmed = true,"
		       "  updated_at = now() WHERE number = $1 AND EXISTS (SELECT 1 FROM k)"
		       "  RETURNING id),"
		       " a AS (INSERT INTO audit_log (case_id, actor, action, detail)"
		       "  SELECT old.id, $3, 'recategorize',"
		       "  jsonb_build_object('from', old.category, 'to', $2::text) FROM old, c RETURNING 1)"
		       " SELECT (SELECT count(*) FROM k), (SELECT count(*) FROM old),"
		       " (SELECT count(*) FROM a)",
		       3, params, PGRES_TUPLES_OK);
	if (res == NULL)
		return 1;
	if (strcmp(PQgetvalue(res, 0, 0), "0") == 0) {
		fprintf(stderr, "madoctl recategorize: unknown category %s\n", code);
		PQclear(res);
		return 1;
	}
	if (strcmp(PQgetvalue(res, 0, 1), "0") == 0) {
		fprintf(stderr, "madoctl recategorize: no case %s\n", number);
		PQclear(res);
		return 1;
	}
	PQclear(res);
	printf("case %s is now %s (confirmed; madoctl train makes it count)\n", number, code);
	return 0;
}

static int cmd_train(struct ctl *ctl, const struct ctl_args *args)
{
	const char *params[1];
	PGconn *db;
	PGresult *res;

	(void)args;
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	params[0] = ctl_actor();
	res = db_query(db, "train",
		       "INSERT INTO model_versions (trained_by, cases_used)"
		       " SELECT $1, count(*) FROM cases WHERE category_confirmed"
		       " RETURNING id, cases_used",
		       1, params, PGRES_TUPLES_OK);
	if (res == NULL)
		return 1;
	printf("model %s: knowledge base examples plus %s confirmed cases; workers reload it\n",
	       PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1));
	PQclear(res);
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
