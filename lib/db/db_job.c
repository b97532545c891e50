/*
 * db_job.c - SQL for jobs. Claims use FOR UPDATE SKIP LOCKED so any number
 * of workers can poll the same table without blocking one another.
 */
#include "db_job.h"

#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int reap(PGconn *conn, int max_attempts)
{
	char max[16];
	const char *params[1] = {max};

	snprintf(max, sizeof(max), "%d", max_attempts);
	return db_exec(conn, "job_reap",
		       "UPDATE jobs SET state = 'dead', updated_at = now(),"
		       " last_error = concat_ws('; ', last_error, format('lease expired on attempt %s:"
		       " the worker died or hung while running it', attempts))"
		       " WHERE state = 'running' AND lease_until < now() AND attempts >= $1::int",
		       1, params);
}

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
		       " RETURNING id, inbound_id, attempts, kind",
		       3, params, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	found = PQntuples(res) == 1;
	if (found) {
		job->id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		job->inbound_id = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
		job->attempts = atoi(PQgetvalue(res, 0, 2));
		snprintf(job->kind, sizeof(job->kind), "%s", PQgetvalue(res, 0, 3));
	}
	PQclear(res);
	return found;
}

int job_claim(PGconn *conn, const char *worker, int64_t hint, int lease_secs, int max_attempts,
	      struct job *job)
{
	static time_t last_reap;
	time_t now = time(NULL);

	/* Expired leases are rare: looking for them once a second is plenty. */
	if (now != last_reap) {
		if (reap(conn, max_attempts) == -1)
			return -1;
		last_reap = now;
	}
	if (hint > 0) {
		int r = claim_one(conn, worker, hint, lease_secs, job);

		if (r != 0)
			return r;
	}
	return claim_one(conn, worker, 0, lease_secs, job);
}

int job_heartbeat(PGconn *conn, int64_t id, const char *worker, int lease_secs)
{
	char idtext[24], lease[16];
	const char *params[3] = {idtext, worker, lease};
	PGresult *res;
	int n;

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	snprintf(lease, sizeof(lease), "%d", lease_secs);
	res = db_query(conn, "job_heartbeat",
		       "UPDATE jobs SET lease_until = now() + make_interval(secs => $3::int)"
		       " WHERE id = $1::bigint AND worker = $2 AND state = 'running' RETURNING 1",
		       3, params, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	n = PQntuples(res);
	PQclear(res);
	return n == 1;
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

int job_list_claimable(PGconn *conn, size_t max, int64_t *ids, size_t *n)
{
	char lim[24];
	const char *params[1] = {lim};
	PGresult *res;

	*n = 0;
	snprintf(lim, sizeof(lim), "%zu", max);
	res = db_query(conn, "job_list_claimable",
		       "SELECT id FROM jobs WHERE state = 'queued'"
		       " OR (state = 'running' AND lease_until < now()) ORDER BY id LIMIT $1::int",
		       1, params, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	for (int r = 0; r < PQntuples(res); r++)
		ids[(*n)++] = strtoll(PQgetvalue(res, r, 0), NULL, 10);
	PQclear(res);
	return 0;
}

PGresult *job_list(PGconn *conn, const char *filter, int limit)
{
	char lim[16];
	const char *params[2] = {filter, lim};

	snprintf(lim, sizeof(lim), "%d", limit);
	return db_query(conn, "job_list",
			"SELECT j.id, j.kind, j.state, j.attempts, j.worker,"
			" to_char(j.lease_until AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
			" j.last_error,"
			" to_char(j.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
			" to_char(j.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
			" (SELECT c.number FROM case_messages cm JOIN cases c ON c.id = cm.case_id"
			"  WHERE cm.inbound_id = j.inbound_id LIMIT 1)"
			" FROM jobs j WHERE CASE $1::text"
			"  WHEN 'failed' THEN j.state = 'dead' OR (j.state = 'queued' AND j.last_error IS NOT NULL)"
			"  WHEN 'all' THEN true"
			"  ELSE j.state <> 'done' END"
			" ORDER BY j.id LIMIT $2::int",
			2, params, PGRES_TUPLES_OK);
}

int job_retry(PGconn *conn, int64_t id, const char *actor)
{
	char idtext[24];
	const char *params[2] = {idtext, actor};
	PGresult *res;
	int n;

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	res = db_query(conn, "job_retry",
		       "WITH j AS (UPDATE jobs SET state = 'queued', attempts = 0, lease_until = NULL,"
		       "  updated_at = now() WHERE id = $1::bigint"
		       "  AND (state = 'dead' OR (state = 'queued' AND last_error IS NOT NULL))"
		       "  RETURNING id, last_error)"
		       " INSERT INTO audit_log (actor, action, detail)"
		       " SELECT $2, 'job_retry', jsonb_build_object('job', id, 'last_error', last_error)"
		       " FROM j RETURNING 1",
		       2, params, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	n = PQntuples(res);
	PQclear(res);
	return n;
}
