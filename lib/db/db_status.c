/*
 * db_status.c - SQL for the desk's health; see db_status.h.
 */
#include "db_status.h"

#include "db.h"
#include "db_result.h"

#include <stdlib.h>
#include <string.h>

DB_STATEMENT(status_beat, 3,
	     "INSERT INTO service_heartbeats (name, program, stopped_at)"
	     " VALUES ($1, $2, CASE WHEN $3::bool THEN now() END)"
	     " ON CONFLICT (name) DO UPDATE SET beat_at = now(), program = EXCLUDED.program,"
	     "  stopped_at = EXCLUDED.stopped_at");

/* Programs silent for a day are history, not health: each beat clears them. */
DB_STATEMENT(status_forget, 0,
	     "DELETE FROM service_heartbeats WHERE beat_at < now() - interval '1 day'");

DB_STATEMENT(status_synced, 2,
	     "INSERT INTO mailbox_health (mailbox, name, synced_at) VALUES ($1, $2, now())"
	     " ON CONFLICT (mailbox) DO UPDATE SET name = EXCLUDED.name, synced_at = now()");

DB_STATEMENT(status_failed, 3,
	     "INSERT INTO mailbox_health (mailbox, name, error, error_at) VALUES ($1, $2, $3, now())"
	     " ON CONFLICT (mailbox) DO UPDATE SET name = EXCLUDED.name, error = EXCLUDED.error,"
	     "  error_at = now()");

DB_STATEMENT(status_programs, 0,
	     "SELECT name, program, extract(epoch FROM now() - beat_at)::bigint,"
	     " stopped_at IS NOT NULL FROM service_heartbeats ORDER BY beat_at DESC, name");

DB_STATEMENT(status_mailboxes, 0,
	     "SELECT mailbox, name, coalesce(extract(epoch FROM now() - synced_at)::bigint, -1),"
	     " CASE WHEN error_at IS NOT NULL AND (synced_at IS NULL OR error_at > synced_at)"
	     "  THEN error END, coalesce(extract(epoch FROM now() - error_at)::bigint, -1)"
	     " FROM mailbox_health ORDER BY name");

DB_STATEMENT(status_counts, 0,
	     "SELECT count(*) FILTER (WHERE state = 'queued'), count(*) FILTER (WHERE state = 'running'),"
	     " count(*) FILTER (WHERE state = 'dead'), count(*) FILTER (WHERE state = 'done'),"
	     " (SELECT count(*) FROM quarantine WHERE released_at IS NULL),"
	     " (SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending')),"
	     " (SELECT count(*) FROM outbox WHERE state = 'failed')"
	     " FROM jobs");

int db_heartbeat(PGconn *conn, const char *name, const char *program, bool stopped)
{
	const char *p[3] = {name, program, stopped ? "true" : "false"};

	if (db_run_exec(conn, &status_beat, p) == -1)
		return -1;
	return db_run_exec(conn, &status_forget, NULL);
}

int db_mailbox_synced(PGconn *conn, const char *key, const char *name)
{
	const char *p[2] = {key, name};

	return db_run_exec(conn, &status_synced, p);
}

int db_mailbox_failed(PGconn *conn, const char *key, const char *name, const char *why)
{
	const char *p[3] = {key, name, why};

	return db_run_exec(conn, &status_failed, p);
}

int db_status_read(PGconn *conn, struct db_status *out)
{
	PGresult *res;

	memset(out, 0, sizeof(*out));
	if ((res = db_run_rows(conn, &status_programs, NULL, 4)) == NULL)
		return -1;
	out->programs = db_result_rows(res, sizeof(*out->programs));
	for (int r = 0; r < PQntuples(res); r++) {
		struct status_program *p = &out->programs[out->nprograms++];

		p->name = db_result_text(res, r, 0);
		p->program = db_result_text(res, r, 1);
		p->seen_ago = db_result_int64(res, r, 2);
		p->stopped = strcmp(PQgetvalue(res, r, 3), "t") == 0;
	}
	PQclear(res);
	if ((res = db_run_rows(conn, &status_mailboxes, NULL, 5)) == NULL)
		return -1;
	out->mailboxes = db_result_rows(res, sizeof(*out->mailboxes));
	for (int r = 0; r < PQntuples(res); r++) {
		struct status_mailbox *m = &out->mailboxes[out->nmailboxes++];

		m->key = db_result_text(res, r, 0);
		m->name = db_result_text(res, r, 1);
		m->synced_ago = db_result_int64(res, r, 2);
		m->error = PQgetisnull(res, r, 3) ? NULL : db_result_text(res, r, 3);
		m->error_ago = db_result_int64(res, r, 4);
	}
	PQclear(res);
	if ((res = db_run_rows(conn, &status_counts, NULL, 7)) == NULL)
		return -1;
	out->jobs_queued = db_result_int64(res, 0, 0);
	out->jobs_running = db_result_int64(res, 0, 1);
	out->jobs_dead = db_result_int64(res, 0, 2);
	out->jobs_done = db_result_int64(res, 0, 3);
	out->quarantine_held = db_result_int64(res, 0, 4);
	out->outbox_waiting = db_result_int64(res, 0, 5);
	out->outbox_failed = db_result_int64(res, 0, 6);
	PQclear(res);
	return 0;
}

void db_status_free(struct db_status *s)
{
	for (size_t i = 0; i < s->nprograms; i++) {
		free(s->programs[i].name);
		free(s->programs[i].program);
	}
	for (size_t i = 0; i < s->nmailboxes; i++) {
		free(s->mailboxes[i].key);
		free(s->mailboxes[i].name);
		free(s->mailboxes[i].error);
	}
	free(s->programs);
	free(s->mailboxes);
	memset(s, 0, sizeof(*s));
}
