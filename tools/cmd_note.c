/*
 * cmd_note.c - madoctl note: staff's internal notes on cases. A note is
 * stored apart from the case's messages (table case_notes), so nothing
 * that mails a case's thread can ever send it; madoctl show prints it.
 */
#include "madoctl.h"

#include "case_numbers.h"
#include "ctl_events.h"
#include "ctl_text.h"
#include "db_note.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NOTE 65536

static int cmd_note(struct ctl *ctl, const struct ctl_args *args)
{
	const char *m = ctl_args_value(args, "-m"), *actor;
	bool dry = ctl_args_has(args, "--dry-run");
	struct case_numbers ns = {NULL, 0, 0};
	char *text = NULL;
	PGconn *db = NULL;
	int rc = 0, failed = 0;

	if (m == NULL)
		return ctl_usage(&cmd_note_entry);
	for (int k = 0; k < ctl_args_count(args) && strcmp(m, "-") == 0; k++)
		if (strcmp(ctl_args_pos(args, k), "-") == 0) {
			fprintf(stderr, "madoctl note: stdin cannot give both the note and the cases\n");
			return ctl_usage(&cmd_note_entry);
		}
	if ((actor = ctl_acting(&cmd_note_entry, args)) == NULL)
		return EXIT_MISUSE;
	rc = case_numbers_collect(&db, ctl, &cmd_note_entry, args, ctl_args_count(args), &ns);
	if (rc == 0) {
		text = ctl_text(m, MAX_NOTE);
		if (text == NULL || !ctl_text_has_words(text)) {
			fprintf(stderr, "madoctl note: a note is some text, at most %d bytes\n",
				MAX_NOTE);
			rc = ctl_usage(&cmd_note_entry);
		}
	}
	if (rc == 0 && db == NULL && (db = ctl_db(ctl)) == NULL)
		rc = 1;
	for (size_t i = 0; rc == 0 && i < ns.n; i++) {
		switch (case_note_add(db, ns.v[i], actor, text, dry)) {
		case 1:
			printf("%s: note %s\n", ns.v[i], dry ? "would be added" : "added");
			if (!dry)
				ctl_publish(ctl, ns.v[i], "note");
			break;
		case 0:
			fprintf(stderr, "madoctl note: %s: no such case\n", ns.v[i]);
			failed++;
			break;
		default:
			fprintf(stderr, "madoctl note: %s: the database failed\n", ns.v[i]);
			failed++;
			break;
		}
	}
	free(text);
	free(ns.v);
	return rc != 0 ? rc : failed > 0;
}

static const struct ctl_grammar note_grammar[] = {{NULL, "-m: --as: --dry-run", 1, -1},
						  CTL_GRAMMAR_END};

const struct ctl_command cmd_note_entry = {
    "note", "CASE...|FIRST..LAST|- -m TEXT|-m - [--as NAME] [--dry-run]",
    "add an internal note to cases (never mailed; -m - reads it from stdin)", note_grammar,
    cmd_note};
