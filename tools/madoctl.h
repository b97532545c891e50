/*
 * madoctl.h - what every madoctl command file shares: its table entry
 * shape and the lazily opened configuration and database.
 */
#ifndef MADOGUCHI_MADOCTL_H
#define MADOGUCHI_MADOCTL_H

#include "ctl_args.h"

#include <libpq-fe.h>
#include <stdbool.h>

/* Exit statuses: 0 done, 1 failed (message printed), 2 misuse (usage printed). */
#define EXIT_MISUSE 2

struct ctl {
	const char *config_path; /* -c, or NULL */
	struct config *cfg;
	PGconn *db;
	struct events *events; /* ctl_publish's publisher (ctl_events.h), opened at the first event */
	bool events_tried;     /* ... and not opened again when that failed */
};

struct ctl_command {
	const char *name;
	const char *usage; /* arguments after the name */
	const char *summary;
	const struct ctl_grammar *args; /* what the arguments may be, ended by CTL_GRAMMAR_END */
	int (*run)(struct ctl *ctl, const struct ctl_args *args); /* args checked against .args */
};

/* Opens the database from the configuration; prints why and returns NULL on failure. */
PGconn *ctl_db(struct ctl *ctl);
/* The staff member acting, for the audit log: the invoking user behind sudo, else the OS user. */
const char *ctl_actor(void);
/*
 * The staff member a command that changes cases acts as: its --as NAME, else
 * ctl_actor(). NULL, after saying why and printing CMD's usage, when NAME is
 * no name (empty, with blanks, longer than 63 bytes).
 */
const char *ctl_acting(const struct ctl_command *cmd, const struct ctl_args *args);
/* Prints "usage: madoctl NAME USAGE" to stderr and returns EXIT_MISUSE. */
int ctl_usage(const struct ctl_command *cmd);
const struct ctl_command *ctl_find(const char *name);
/* Trains (or finds) the classifier for the versions in force, so that workers load it ready; 0 or 1. */
int ctl_train_now(PGconn *db);

extern const struct ctl_command cmd_migrate_entry;
extern const struct ctl_command cmd_list_entry;
extern const struct ctl_command cmd_show_entry;
extern const struct ctl_command cmd_close_entry;
extern const struct ctl_command cmd_jobs_entry;
extern const struct ctl_command cmd_quarantine_entry;
extern const struct ctl_command cmd_kb_entry;
extern const struct ctl_command cmd_classify_entry;
extern const struct ctl_command cmd_recategorize_entry;
extern const struct ctl_command cmd_train_entry;
extern const struct ctl_command cmd_answer_entry;
extern const struct ctl_command cmd_ship_entry;
extern const struct ctl_command cmd_split_entry;
extern const struct ctl_command cmd_take_entry;
extern const struct ctl_command cmd_steal_entry;
extern const struct ctl_command cmd_untake_entry;
extern const struct ctl_command cmd_assign_entry;
extern const struct ctl_command cmd_wait_entry;
extern const struct ctl_command cmd_reopen_entry;
extern const struct ctl_command cmd_note_entry;
extern const struct ctl_command cmd_new_entry;
extern const struct ctl_command cmd_watch_entry;
extern const struct ctl_command cmd_refer_entry;
extern const struct ctl_command cmd_merge_entry;
extern const struct ctl_command cmd_link_entry;
extern const struct ctl_command cmd_set_entry;
extern const struct ctl_command cmd_reply_entry;
extern const struct ctl_command cmd_outbox_entry;
extern const struct ctl_command cmd_stats_entry;
extern const struct ctl_command cmd_export_entry;
extern const struct ctl_command cmd_status_entry;
extern const struct ctl_command cmd_purge_entry;
extern const struct ctl_command cmd_doctor_entry;

#endif
