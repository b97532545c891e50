/*
 * cmd_migrate.c - madoctl migrate: bring the schema up to date.
 */
#include "madoctl.h"

#include "migrate.h"

#include <stdio.h>

static int cmd_migrate(struct ctl *ctl, int argc, char **argv)
{
	PGconn *db;
	int applied;

	(void)argv;
	if (argc != 1)
		return ctl_usage(&cmd_migrate_entry);
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

const struct ctl_command cmd_migrate_entry = {"migrate", "", "apply pending schema migrations",
					      cmd_migrate};
