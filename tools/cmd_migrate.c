/*
 * cmd_migrate.c - madoctl migrate: bring the schema up to date.
 */
#include "madoctl.h"

#include "migrate.h"

#include <stdio.h>

static int cmd_migrate(struct ctl *ctl, const struct ctl_args *args)
{
	PGconn *db;
	int applied;

	(void)args;
	db = ctl_db(ctl);
	if (db == NULL)
		return 1;
	applied = migrate_run(db);
	if (applied == -1) {
		fprintf(stderr, "madoctl: migrate failed\n");
		return 1;
	}
	if (applied == 0)
		printf("schema is up to date\n");
	else
		printf("applied %d migration%s\n", applied, applied == 1 ? "" : "s");
	return 0;
}

static const struct ctl_grammar migrate_grammar[] = {{NULL, "", 0, 0}, CTL_GRAMMAR_END};

const struct ctl_command cmd_migrate_entry = {"migrate", "", "apply pending schema migrations",
					      migrate_grammar, cmd_migrate};
