/*
 * db_job.c - SQL for jobs. Claims use FOR UPDATE SKIP LOCKED so any number
 * of workers can poll the same table without blocking one another.
 */
#include "db_job.h"

#include "db.h"

#include <stdio.h>
#include <stdlib.h>

static int claim_one(PGconn *conn, const char *worker, int64_t only, int lease_secs,
		     struct job *job)
{
	char lease[16], idtext[24];
	const char *params[3] = {worker, lease, idtext};
	PGresult *res;
	int found;

	snprintf(lease, sizeof(lease), "%d", lease_secs);
	snprintf(idtext, sizeof(idtext), "%lld", (long long)only);
	res = db_query(conn, "job_claim",
		       "UPDATE jobs SET state = 'running', attempts = attempts + 1,"
		       " lease_until = now() + make_interval(secs => $2::int), worker = $1,"
		       " updated_at = now()"
		       " WHERE id = (SELECT id FROM jobs"
		       "  WHERE (state = 'queued' OR (state = 'running' AND lease_until < now()))"
		       "  AND ($3::bigint = 0 OR id = $3::bigint)"
		       "  ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)"
		       " RETURNING id, inbound_id, attempts",
		       3, params, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	found = PQntuples(res) == 1;
	if (found) {
		job->id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		job->inbound_id = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
		job->attempts = atoi(PQgetvalue(res, 0, 2));
	}
	PQclear(res);
	return found;
}

int job_claim(PGconn *conn, const char *worker, int64_t hint, int lease_secs, struct job *job)
{
	if (hint > 0) {
		int r = claim_one(conn, worker, hint, lease_secs, job);

		if (r != 0)
			return r;
	}
	return claim_one(conn, worker, 0, lease_secs, job);
}

int job_done(PGconn *conn, int64_t id)
{
	char idtext[24];
	const char *params[1] = {idtext};

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	return db_exec(conn, "job_done",
		       "UPDATE jobs SET state = 'done', lease_until = NULL, last_error = NULL,"
		       " updated_at = now() WHERE id = $1::bigint",
		       1, params);
}

int job_failed(PGconn *conn, int64_t id, const char *error, int max_attempts)
{
	char idtext[24], max[16];
	const char *params[3] = {idtext, error, max};

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	snprintf(max, sizeof(max), "%d", max_attempts);
	return db_exec(conn, "job_failed",
		       "UPDATE jobs SET state = CASE WHEN attempts >= $3::int THEN 'dead'"
		       " ELSE 'queued' END, lease_until = NULL, last_error = $2,"
		       " updated_at = now() WHERE id = $1::bigint",
		       3, params);
}
