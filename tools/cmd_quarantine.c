/*
 * cmd_quarantine.c - madoctl quarantine: messages set aside with a reason.
 *   list [--all] [--json]    what is waiting (with --all, released ones too)
 *   show ID [--raw]          the entry, or its raw bytes exactly as received
 *   release ID [--note TEXT] file it as a case anyway (audited)
 */
#include "madoctl.h"

#include "db_quarantine.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_id(const char *s, long long *id)
{
	char *end;

	*id = strtoll(s, &end, 10);
	return *s != '\0' && *end == '\0' && *id > 0 ? 0 : -1;
}

static int q_list(struct ctl *ctl, const struct ctl_args *args)
{
	static const char *const keys[] = {"id",     "inbound_id",  "quarantined_at", "reason",
					   "size",   "mailbox",     "released_at",    "released_by"};
	bool all = ctl_args_has(args, "--all"), json = ctl_args_has(args, "--json");
	PGconn *db;
	PGresult *res;

	if ((db = ctl_db(ctl)) == NULL || (res = quarantine_list(db, all)) == NULL)
		return 1;
	if (json) {
		fputc('[', stdout);
		for (int r = 0; r < PQntuples(res); r++) {
			fputs(r ? ",\n{" : "{", stdout);
			for (int k = 0; k < 8; k++) {
				fprintf(stdout, "%s\"%s\":", k ? "," : "", keys[k]);
				if (k == 0 || k == 1 || k == 4)
					fputs(PQgetvalue(res, r, k), stdout);
				else
					json_string(stdout, PQgetisnull(res, r, k) ? NULL : PQgetvalue(res, r, k));
			}
			fputc('}', stdout);
		}
		fputs("]\n", stdout);
	} else {
		printf("%-6s %-20s %-9s %s\n", "ID", "QUARANTINED", "BYTES", "REASON");
		for (int r = 0; r < PQntuples(res); r++)
			printf("%-6s %-20s %-9s %s%s\n", PQgetvalue(res, r, 0), PQgetvalue(res, r, 2),
			       PQgetvalue(res, r, 4), PQgetvalue(res, r, 3),
			       PQgetisnull(res, r, 6) ? "" : " (released)");
		printf("(%d message%s)\n", PQntuples(res), PQntuples(res) == 1 ? "" : "s");
	}
	PQclear(res);
	return 0;
}

static int q_show(struct ctl *ctl, const struct ctl_args *args)
{
	long long id;
	bool raw = ctl_args_has(args, "--raw");
	PGconn *db;
	PGresult *res;

	if (parse_id(ctl_args_pos(args, 0), &id) == -1)
		return ctl_usage(&cmd_quarantine_entry);
	if ((db = ctl_db(ctl)) == NULL || (res = quarantine_get(db, id)) == NULL)
		return 1;
	if (PQntuples(res) == 0) {
		fprintf(stderr, "madoctl quarantine show: no entry %lld\n", id);
		PQclear(res);
		return 1;
	}
	if (raw) {
		fwrite(PQgetvalue(res, 0, 8), 1, (size_t)PQgetlength(res, 0, 8), stdout);
	} else {
		printf("Entry:       %s (inbound message %s)\nQuarantined: %s\nReason:      %s\n"
		       "Size:        %s bytes (%d stored)\nMailbox:     %s\n",
		       PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 2),
		       PQgetvalue(res, 0, 3), PQgetvalue(res, 0, 4), PQgetlength(res, 0, 8),
		       PQgetvalue(res, 0, 5));
		if (!PQgetisnull(res, 0, 6))
			printf("Released:    %s by %s\n", PQgetvalue(res, 0, 6), PQgetvalue(res, 0, 7));
		printf("The raw bytes: madoctl quarantine show %s --raw\n", PQgetvalue(res, 0, 0));
	}
	PQclear(res);
	return 0;
}

static int q_release(struct ctl *ctl, const struct ctl_args *args)
{
	long long id;
	const char *note = ctl_args_value(args, "--note");
	char number[16];
	PGconn *db;
	int r;

	if (parse_id(ctl_args_pos(args, 0), &id) == -1)
		return ctl_usage(&cmd_quarantine_entry);
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	r = quarantine_release(db, id, ctl_actor(), note, number);
	if (r == 1) {
		printf("released %lld as case %s\n", id, number);
		return 0;
	}
	if (r == 0)
		fprintf(stderr, "madoctl quarantine release: no unreleased entry %lld\n", id);
	return 1;
}

static int cmd_quarantine(struct ctl *ctl, const struct ctl_args *args)
{
	const char *sub = ctl_args_sub(args);

	if (strcmp(sub, "list") == 0)
		return q_list(ctl, args);
	if (strcmp(sub, "show") == 0)
		return q_show(ctl, args);
	return q_release(ctl, args);
}

static const struct ctl_grammar quarantine_grammar[] = {{"list", "--all --json", 0, 0},
						     {"show", "--raw", 1, 1},
						     {"release", "--note:", 1, 1},
						     CTL_GRAMMAR_END};

const struct ctl_command cmd_quarantine_entry = {
    "quarantine", "list [--all] [--json] | show ID [--raw] | release ID [--note TEXT]",
    "messages set aside with a reason: list, inspect, file as a case anyway", quarantine_grammar,
    cmd_quarantine};
