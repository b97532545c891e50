/*
 * madoctl.c - the staff and admin command line: a table of commands, each
 * defined in a cmd_*.c file of its own group with its argument grammar.
 * The arguments are checked here (ctl_args.c), so a command runs only on
 * a command line its grammar allows.
 */
#include "madoctl.h"

#include "config.h"
#include "ctl_events.h"
#include "db.h"
#include "log.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct ctl_command *const commands[] = {
    &cmd_migrate_entry, &cmd_list_entry, &cmd_show_entry, &cmd_close_entry, &cmd_jobs_entry, &cmd_quarantine_entry, &cmd_kb_entry, &cmd_classify_entry,
    &cmd_recategorize_entry, &cmd_train_entry, &cmd_answer_entry, &cmd_ship_entry,
    &cmd_split_entry, &cmd_take_entry, &cmd_steal_entry, &cmd_untake_entry, &cmd_assign_entry,
    &cmd_wait_entry, &cmd_reopen_entry, &cmd_note_entry, &cmd_new_entry, &cmd_watch_entry, &cmd_refer_entry, &cmd_merge_entry, &cmd_link_entry, &cmd_set_entry, &cmd_reply_entry, &cmd_outbox_entry, &cmd_stats_entry, &cmd_export_entry, &cmd_status_entry, &cmd_purge_entry, &cmd_doctor_entry, NULL};

static void usage(FILE *out)
{
	fprintf(out, "usage: madoctl [-c FILE] COMMAND [ARGS]\n\ncommands:\n");
	for (int i = 0; commands[i] != NULL; i++)
		fprintf(out, "  %-10s %s\n  %-10s   %s\n", commands[i]->name, commands[i]->usage, "",
			commands[i]->summary);
	fprintf(out, "\n'madoctl COMMAND --help' describes one command.\n"
		     "The configuration is -c FILE, else $MADOGUCHI_CONFIG, else " CONFIG_DEFAULT_PATH
		     ".\n");
}

const struct ctl_command *ctl_find(const char *name)
{
	for (int i = 0; commands[i] != NULL; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

const char *ctl_actor(void)
{
	const char *sudo = getenv("SUDO_USER");
	struct passwd *pw;

	if (getuid() == 0 && sudo != NULL && *sudo != '\0')
		return sudo;
	pw = getpwuid(getuid());
	return pw != NULL ? pw->pw_name : "unknown";
}

const char *ctl_acting(const struct ctl_command *cmd, const struct ctl_args *args)
{
	const char *as = ctl_args_value(args, "--as");

	if (as == NULL)
		return ctl_actor();
	if (*as == '\0' || strlen(as) > 63 || strpbrk(as, " \t\r\n") != NULL) {
		fprintf(stderr, "madoctl %s: --as takes a staff name without blanks\n", cmd->name);
		ctl_usage(cmd);
		return NULL;
	}
	return as;
}

int ctl_usage(const struct ctl_command *cmd)
{
	fprintf(stderr, "usage: madoctl %s %s\n", cmd->name, cmd->usage);
	return EXIT_MISUSE;
}

PGconn *ctl_db(struct ctl *ctl)
{
	char *errors = NULL;

	if (ctl->db != NULL)
		return ctl->db;
	if (ctl->cfg == NULL) {
		ctl->cfg = config_load(config_path(ctl->config_path), &errors);
		if (ctl->cfg == NULL) {
			fputs(errors != NULL ? errors : "madoctl: cannot load configuration\n",
			      stderr);
			free(errors);
			return NULL;
		}
	}
	ctl->db = db_connect(ctl->cfg->db_conninfo);
	return ctl->db;
}

int main(int argc, char **argv)
{
	struct ctl ctl = {0};
	const struct ctl_command *cmd;
	struct ctl_args *args = NULL;
	int i = 1, status;

	log_init("madoctl", LOG_LEVEL_WARN);
	while (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
			ctl.config_path = argv[i + 1];
			i += 2;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return EXIT_MISUSE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return EXIT_MISUSE;
	}
	cmd = ctl_find(argv[i]);
	if (cmd == NULL) {
		fprintf(stderr, "madoctl: unknown command \"%s\"\n", argv[i]);
		usage(stderr);
		return EXIT_MISUSE;
	}
	switch (ctl_args_parse(cmd->args, argc - i, argv + i, &args)) {
	case CTL_ARGS_OK:
		break;
	case CTL_ARGS_HELP:
		printf("usage: madoctl %s %s\n  %s\n", cmd->name, cmd->usage, cmd->summary);
		return 0;
	case CTL_ARGS_MISUSE:
		return ctl_usage(cmd);
	}
	/*
	 * The staff's role for the day's work (sql/023_roles.sql); purge takes
	 * the admin's. migrate runs as the owner that creates the roles, and
	 * doctor checks the database as the login reaches it.
	 */
	if (strcmp(cmd->name, "purge") == 0)
		db_use_role("madoguchi_admin");
	else if (strcmp(cmd->name, "migrate") != 0 && strcmp(cmd->name, "doctor") != 0)
		db_use_role("madoguchi_staff");
	status = cmd->run(&ctl, args);
	ctl_events_close(&ctl);
	ctl_args_free(args);
	if (ctl.db != NULL)
		db_close(ctl.db);
	config_free(ctl.cfg);
	return status;
}
