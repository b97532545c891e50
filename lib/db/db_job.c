/*
 * db_job.c - SQL for jobs. Claims use FOR UPDATE SKIP LOCKED so any number
 * of workers can poll the same table without blocking one another.
 */
#include "db_job.h"

#include "buf.h"
#include "db.h"
#include "db_audit.h"
#include "db_result.h"
#include "pgarray.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

DB_STATEMENT(job_reap, 1,
	     "UPDATE jobs SET state = 'dead', updated_at = now(),"
	     " last_error = concat_ws('; ', last_error, format('lease expired on attempt %s:"
	     " the worker died or hung while running it', attempts))"
	     " WHERE state = 'running' AND lease_until < now() AND attempts >= $1::int");

/*
 * The oldest claimable jobs, skipping those another worker is claiming.
 * A fax takes seconds of OCR, a mail milliseconds: a batch holds mail,
 * and a fax only when it is the oldest job of all, so faxes spread over
 * the workers instead of queueing behind one. A worker takes its share of
 * what waits, split over the workers alive by their heartbeats (as madoctl
 * status counts them), and never more than asked: a burst of twenty mails
 * is filed by two workers at once, not by the first to wake alone.
 * Both scans go by id through jobs_pending, and the update takes the
 * claimed ids as an array: planned from a queue's statistics, a scan
 * without an order or a join with the subquery read the whole table,
 * done jobs and all, at every claim.
 */
DB_STATEMENT(job_claim_batch_update, 3,
	     "WITH alive AS (SELECT greatest(1, count(*)) AS n FROM service_heartbeats"
	     "  WHERE program = 'madoguchi-worker' AND stopped_at IS NULL"
	     "  AND beat_at > now() - interval '30 seconds'),"
	     " waiting AS (SELECT count(*) AS n FROM (SELECT 1 FROM jobs"
	     "  WHERE state = 'queued' OR (state = 'running' AND lease_until < now())"
	     "  ORDER BY id LIMIT $3::int * (SELECT n FROM alive)) w)"
	     " UPDATE jobs SET state = 'running', attempts = attempts + 1,"
	     " lease_until = now() + make_interval(secs => $2::int), worker = $1,"
	     " updated_at = now()"
	     " WHERE id = ANY (ARRAY(SELECT id FROM jobs"
	     "  WHERE (state = 'queued' OR (state = 'running' AND lease_until < now()))"
	     "  AND (kind = 'ingest' OR id = (SELECT min(id) FROM jobs"
	     "   WHERE state = 'queued' OR (state = 'running' AND lease_until < now())))"
	     "  ORDER BY id LIMIT least($3::int,"
	     "   ((SELECT n FROM waiting) + (SELECT n FROM alive) - 1) / (SELECT n FROM alive))"
	     "  FOR UPDATE SKIP LOCKED))"
	     " RETURNING id, inbound_id, attempts, kind");

/* Every job the worker holds: a batch's jobs wait their turn under one lease. */
DB_STATEMENT(job_heartbeat_update, 2,
	     "UPDATE jobs SET lease_until = now() + make_interval(secs => $2::int)"
	     " WHERE worker = $1 AND state = 'running'");

DB_STATEMENT(job_done_update, 1,
	     "UPDATE jobs SET state = 'done', lease_until = NULL, last_error = NULL,"
	     " updated_at = now() WHERE id = $1::bigint");

/* Claimed, never run: the claim's attempt is given back. */
DB_STATEMENT(job_release_batch_update, 2,
	     "UPDATE jobs SET state = 'queued', attempts = greatest(attempts - 1, 0),"
	     " lease_until = NULL, updated_at = now()"
	     " WHERE id = ANY($2::bigint[]) AND worker = $1 AND state = 'running'");

DB_STATEMENT(job_done_batch_update, 1,
	     "UPDATE jobs SET state = 'done', lease_until = NULL, last_error = NULL,"
	     " updated_at = now() WHERE id = ANY($1::bigint[])");

DB_STATEMENT(job_failed_update, 3,
	     "UPDATE jobs SET state = CASE WHEN attempts >= $3::int THEN 'dead'"
	     " ELSE 'queued' END, lease_until = NULL, last_error = $2,"
	     " updated_at = now() WHERE id = $1::bigint");

DB_STATEMENT(job_list_claimable_select, 1,
	     "SELECT id FROM jobs WHERE state = 'queued'"
	     " OR (state = 'running' AND lease_until < now()) ORDER BY id LIMIT $1::int");

DB_STATEMENT(job_list_select, 2,
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
	     " ORDER BY j.id LIMIT $2::int");

DB_STATEMENT(job_retry_update, 1,
	     "UPDATE jobs SET state = 'queued', attempts = 0, lease_until = NULL,"
	     " updated_at = now() WHERE id = $1::bigint"
	     " AND (state = 'dead' OR (state = 'queued' AND last_error IS NOT NULL))"
	     " RETURNING id, last_error");

static int reap(PGconn *conn, int max_attempts)
{
	char max[16];
	const char *params[1] = {max};

	snprintf(max, sizeof(max), "%d", max_attempts);
	return db_run_exec(conn, &job_reap, params);
}

static int by_id(const void *a, const void *b)
{
	const struct job *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

int job_claim_batch(PGconn *conn, const char *worker, int lease_secs, int max_attempts,
		    struct job *jobs, size_t max, size_t *n)
{
	static time_t last_reap;
	time_t now = time(NULL);
	char lease[16], lim[24];
	const char *params[3] = {worker, lease, lim};
	PGresult *res;

	*n = 0;
	/* Expired leases are rare: looking for them once a second is plenty. */
	if (now != last_reap) {
		if (reap(conn, max_attempts) == -1)
			return -1;
		last_reap = now;
	}
	snprintf(lease, sizeof(lease), "%d", lease_secs);
	snprintf(lim, sizeof(lim), "%zu", max);
	res = db_run_rows(conn, &job_claim_batch_update, params, 4);
	if (res == NULL)
		return -1;
	for (int r = 0; r < PQntuples(res) && *n < max; r++) {
		struct job *job = &jobs[(*n)++];

		job->id = db_result_int64(res, r, 0);
		job->inbound_id = db_result_int64(res, r, 1);
		job->attempts = (int)db_result_int64(res, r, 2);
		snprintf(job->kind, sizeof(job->kind), "%s", PQgetvalue(res, r, 3));
	}
	PQclear(res);
	/* RETURNING keeps no order; jobs run oldest first, so a follow-up comes after its case. */
	qsort(jobs, *n, sizeof(*jobs), by_id);
	return 0;
}

int job_heartbeat(PGconn *conn, const char *worker, int lease_secs)
{
	char lease[16];
	const char *params[2] = {worker, lease};

	snprintf(lease, sizeof(lease), "%d", lease_secs);
	return db_run_exec(conn, &job_heartbeat_update, params);
}

/* Runs STMT with WORKER (NULL: none) and the array IDS as its parameters. */
static int run_on_ids(PGconn *conn, const struct db_stmt *stmt, const char *worker,
		      const int64_t *ids, size_t n)
{
	struct pgarray arr;
	const char *params[2] = {worker, NULL};
	int lengths[2] = {0}, formats[2] = {0, 1};
	PGresult *res;

	pgarray_of_int8(&arr, ids, n);
	params[1] = pgarray_value(&arr, &lengths[1]);
	/* The array is the last parameter: $2 after the worker, or $1 alone. */
	if (worker != NULL)
		res = db_run_bin(conn, stmt, params, lengths, formats, 0, PGRES_COMMAND_OK);
	else
		res = db_run_bin(conn, stmt, params + 1, lengths + 1, formats + 1, 0,
				 PGRES_COMMAND_OK);
	pgarray_free(&arr);
	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}

int job_done_batch(PGconn *conn, const int64_t *ids, size_t n)
{
	return run_on_ids(conn, &job_done_batch_update, NULL, ids, n);
}

int job_release_batch(PGconn *conn, const char *worker, const int64_t *ids, size_t n)
{
	return run_on_ids(conn, &job_release_batch_update, worker, ids, n);
}

int job_done(PGconn *conn, int64_t id)
{
	char idtext[24];
	const char *params[1] = {idtext};

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	return db_run_exec(conn, &job_done_update, params);
}

int job_failed(PGconn *conn, int64_t id, const char *error, int max_attempts)
{
	char idtext[24], max[16];
	const char *params[3] = {idtext, error, max};

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	snprintf(max, sizeof(max), "%d", max_attempts);
	return db_run_exec(conn, &job_failed_update, params);
}

int job_list_claimable(PGconn *conn, size_t max, int64_t *ids, size_t *n)
{
	char lim[24];
	const char *params[1] = {lim};
	PGresult *res;

	*n = 0;
	snprintf(lim, sizeof(lim), "%zu", max);
	res = db_run_rows(conn, &job_list_claimable_select, params, 1);
	if (res == NULL)
		return -1;
	for (int r = 0; r < PQntuples(res) && *n < max; r++)
		ids[(*n)++] = db_result_int64(res, r, 0);
	PQclear(res);
	return 0;
}

int job_list(PGconn *conn, const char *filter, int limit, struct job_rows *out)
{
	char lim[16];
	const char *params[2] = {filter, lim};
	PGresult *res;

	memset(out, 0, sizeof(*out));
	snprintf(lim, sizeof(lim), "%d", limit);
	res = db_run_rows(conn, &job_list_select, params, 10);
	if (res == NULL)
		return -1;
	out->v = db_result_rows(res, sizeof(*out->v));
	for (int r = 0; r < PQntuples(res); r++) {
		struct job_row *j = &out->v[out->n++];

		j->id = db_result_int64(res, r, 0);
		j->kind = db_result_text(res, r, 1);
		j->state = db_result_text(res, r, 2);
		j->attempts = (int)db_result_int64(res, r, 3);
		j->worker = db_result_text_or_null(res, r, 4);
		j->lease_until = db_result_text_or_null(res, r, 5);
		j->last_error = db_result_text_or_null(res, r, 6);
		j->created_at = db_result_text(res, r, 7);
		j->updated_at = db_result_text(res, r, 8);
		j->case_number = db_result_text_or_null(res, r, 9);
	}
	PQclear(res);
	return 0;
}

void job_rows_free(struct job_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		struct job_row *j = &rows->v[i];

		free(j->kind);
		free(j->state);
		free(j->worker);
		free(j->lease_until);
		free(j->last_error);
		free(j->created_at);
		free(j->updated_at);
		free(j->case_number);
	}
	free(rows->v);
	memset(rows, 0, sizeof(*rows));
}

/* The job_retry audit detail: {"job": ID, "last_error": E or null}. */
static char *retry_detail(const char *id, const char *last_error)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "{\"job\":%s,\"last_error\":", id);
	json_buf_string(&b, last_error);
	buf_addc(&b, '}');
	return buf_steal(&b);
}

int job_retry(PGconn *conn, int64_t id, const char *actor)
{
	char idtext[24], *detail;
	const char *params[1] = {idtext};
	PGresult *res;
	int n, rc;

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	if (db_begin(conn) == -1)
		return -1;
	res = db_run_rows(conn, &job_retry_update, params, 2);
	if (res == NULL)
		goto fail;
	n = PQntuples(res);
	rc = 0;
	if (n == 1) {
		detail = retry_detail(PQgetvalue(res, 0, 0),
				      PQgetisnull(res, 0, 1) ? NULL : PQgetvalue(res, 0, 1));
		rc = audit_add(conn, 0, actor, "job_retry", detail);
		free(detail);
	}
	PQclear(res);
	if (rc == -1 || db_commit(conn) == -1)
		goto fail;
	return n;
fail:
	db_rollback(conn);
	return -1;
}
