/*
 * cmd_purge.c - madoctl purge: the desk's retention. Cases closed longer
 * ago than --older-than keep every number the statistics report counts and
 * lose what identifies people: the raw mail and fax images, the list of
 * attachments, the texts, the contact details; the requester becomes a
 * stable pseudonym. Audited. --dry-run says what it would do.
 *
 *   purge --older-than DURATION [--dry-run] [--as NAME]
 *
 * DURATION is a number and a unit: 5y (years), 18m (months), 400d (days).
 */
#include "madoctl.h"

#include "db_purge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "5y" into "5 years" (an interval PostgreSQL reads); false when it is no duration. */
static bool duration(const char *text, char *out, size_t outsz)
{
	char *end;
	long n = strtol(text, &end, 10);
	const char *unit = end[0] == 'y' ? "years" : end[0] == 'm' ? "months" : end[0] == 'd' ? "days" : NULL;

	if (text[0] < '1' || text[0] > '9' || n <= 0 || n > 100000 || unit == NULL || end[1] != '\0')
		return false;
	snprintf(out, outsz, "%ld %s", n, unit);
	return true;
}

static int cmd_purge(struct ctl *ctl, const struct ctl_args *args)
{
	const char *older = ctl_args_value(args, "--older-than"), *actor;
	bool dry_run = ctl_args_has(args, "--dry-run");
	struct purge_counts c;
	char interval[64];
	PGconn *db;

	if (older == NULL || !duration(older, interval, sizeof(interval))) {
		fprintf(stderr, "madoctl purge: --older-than takes a duration: 5y, 18m or 400d\n");
		return ctl_usage(&cmd_purge_entry);
	}
	if ((actor = ctl_acting(&cmd_purge_entry, args)) == NULL)
		return EXIT_MISUSE;
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	if (db_purge(db, interval, actor, dry_run, &c) == -1) {
		fprintf(stderr, "madoctl purge: the database failed; nothing was purged\n");
		return 1;
	}
	printf("%s%lld case%s closed more than %s ago: %lld original%s (%lld bytes), %lld "
	       "attachment%s listed, %lld message%s\n",
	       dry_run ? "would purge " : "purged ", (long long)c.cases, c.cases == 1 ? "" : "s",
	       interval, (long long)c.originals, c.originals == 1 ? "" : "s", (long long)c.raw_bytes,
	       (long long)c.attachments, c.attachments == 1 ? "" : "s", (long long)c.messages,
	       c.messages == 1 ? "" : "s");
	return 0;
}

static const struct ctl_grammar purge_grammar[] = {{NULL, "--older-than: --dry-run --as:", 0, 0},
						   CTL_GRAMMAR_END};

const struct ctl_command cmd_purge_entry = {
    "purge", "--older-than DURATION [--dry-run] [--as NAME]",
    "cases closed longer ago (5y, 18m, 400d): raw mail, fax images, texts and contact details"
    " let go, the requester a stable pseudonym, every number of the report kept; audited",
    purge_grammar, cmd_purge};
