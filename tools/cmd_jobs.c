/*
 * cmd_jobs.c - madoctl jobs: the job queue as the admin sees it, and
 * putting a dead job back in the queue.
 */
#include "madoctl.h"

#include "db_job.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int jobs_retry(struct ctl *ctl, const char *idtext)
{
	char *end;
	long long id = strtoll(idtext, &end, 10);
	PGconn *db;
	int r;

	if (*idtext == '\0' || *end != '\0' || id <= 0)
		return ctl_usage(&cmd_jobs_entry);
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	r = job_retry(db, id, ctl_actor());
	if (r == 1) {
		printf("job %lld queued again\n", id);
		return 0;
	}
	if (r == 0)
		fprintf(stderr, "madoctl jobs retry: job %lld is not dead or failed\n", id);
	return 1;
}

static int cmd_jobs(struct ctl *ctl, const struct ctl_args *args)
{
	static const char *const keys[] = {"id",         "kind",       "state",
					   "attempts",   "worker",     "lease_until",
					   "last_error", "created_at", "updated_at",
					   "case"};
	const char *filter = NULL;
	int json = 0, limit = 1000;
	PGconn *db;
	PGresult *res;

	if (ctl_args_sub(args) != NULL)
		return jobs_retry(ctl, ctl_args_pos(args, 0));
	/* Given both, the later of --failed and --all counts. */
	if (ctl_args_index(args, "--failed") > ctl_args_index(args, "--all"))
		filter = "failed";
	else if (ctl_args_has(args, "--all"))
		filter = "all";
	json = ctl_args_has(args, "--json");
	if ((db = ctl_db(ctl)) == NULL || (res = job_list(db, filter, limit)) == NULL)
		return 1;
	if (json) {
		fputc('[', stdout);
		for (int r = 0; r < PQntuples(res); r++) {
			fputs(r ? ",\n{" : "{", stdout);
			for (int k = 0; k < 10; k++) {
				fprintf(stdout, "%s\"%s\":", k ? "," : "", keys[k]);
				if (k == 0 || k == 3)
					fputs(PQgetvalue(res, r, k), stdout);
				else
					json_string(stdout, PQgetisnull(res, r, k) ? NULL
										  : PQgetvalue(res, r, k));
			}
			fputc('}', stdout);
		}
		fputs("]\n", stdout);
	} else {
		printf("%-8s %-11s %-8s %-3s %-11s %-20s %s\n", "JOB", "KIND", "STATE", "TRY", "CASE",
		       "UPDATED", "LAST ERROR");
		for (int r = 0; r < PQntuples(res); r++)
			printf("%-8s %-11s %-8s %-3s %-11s %-20s %s\n", PQgetvalue(res, r, 0),
			       PQgetvalue(res, r, 1), PQgetvalue(res, r, 2), PQgetvalue(res, r, 3),
			       PQgetisnull(res, r, 9) ? "-" : PQgetvalue(res, r, 9),
			       PQgetvalue(res, r, 8), PQgetvalue(res, r, 6));
		printf("(%d job%s)\n", PQntuples(res), PQntuples(res) == 1 ? "" : "s");
	}
	PQclear(res);
	return 0;
}

static const struct ctl_grammar jobs_grammar[] = {
    {NULL, "--failed --all --json", 0, 0}, {"retry", "", 1, 1}, CTL_GRAMMAR_END};

const struct ctl_command cmd_jobs_entry = {
    "jobs", "[--failed|--all] [--json] | retry JOB",
    "list jobs not done (--failed: dead or failed ones), or queue a dead job again", jobs_grammar,
    cmd_jobs};
