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

/* One job as a JSON object. */
static void json_job(FILE *out, const struct job_row *j)
{
	fprintf(out, "{\"id\":%lld,\"kind\":", (long long)j->id);
	json_string(out, j->kind);
	json_member(out, "state", j->state);
	fprintf(out, ",\"attempts\":%d,\"worker\":", j->attempts);
	json_string(out, j->worker);
	json_member(out, "lease_until", j->lease_until);
	json_member(out, "last_error", j->last_error);
	json_member(out, "created_at", j->created_at);
	json_member(out, "updated_at", j->updated_at);
	json_member(out, "case", j->case_number);
	fputc('}', out);
}

static int cmd_jobs(struct ctl *ctl, const struct ctl_args *args)
{
	const char *filter = NULL;
	int json = 0, limit = 1000;
	PGconn *db;
	struct job_rows jobs;

	if (ctl_args_sub(args) != NULL)
		return jobs_retry(ctl, ctl_args_pos(args, 0));
	/* Given both, the later of --failed and --all counts. */
	if (ctl_args_index(args, "--failed") > ctl_args_index(args, "--all"))
		filter = "failed";
	else if (ctl_args_has(args, "--all"))
		filter = "all";
	json = ctl_args_has(args, "--json");
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	if (job_list(db, filter, limit, &jobs) == -1) {
		job_rows_free(&jobs);
		return 1;
	}
	if (json) {
		fputc('[', stdout);
		for (size_t r = 0; r < jobs.n; r++) {
			if (r)
				fputs(",\n", stdout);
			json_job(stdout, &jobs.v[r]);
		}
		fputs("]\n", stdout);
	} else {
		printf("%-8s %-11s %-8s %-3s %-11s %-20s %s\n", "JOB", "KIND", "STATE", "TRY", "CASE",
		       "UPDATED", "LAST ERROR");
		for (size_t r = 0; r < jobs.n; r++) {
			const struct job_row *j = &jobs.v[r];

			printf("%-8lld %-11s %-8s %-3d %-11s %-20s %s\n", (long long)j->id, j->kind,
			       j->state, j->attempts, j->case_number ? j->case_number : "-",
			       j->updated_at, j->last_error ? j->last_error : "");
		}
		printf("(%zu job%s)\n", jobs.n, jobs.n == 1 ? "" : "s");
	}
	job_rows_free(&jobs);
	return 0;
}

static const struct ctl_grammar jobs_grammar[] = {
    {NULL, "--failed --all --json", 0, 0}, {"retry", "", 1, 1}, CTL_GRAMMAR_END};

const struct ctl_command cmd_jobs_entry = {
    "jobs", "[--failed|--all] [--json] | retry JOB",
    "list jobs not done (--failed: dead or failed ones), or queue a dead job again", jobs_grammar,
    cmd_jobs};
