/*
 * db_status.h - the desk's health: heartbeats of its programs, each
 * mailbox's last sync or error (sql/021_status.sql), and what waits for a
 * person (dead jobs, failed mail, quarantine), for madoctl status.
 */
#ifndef MADOGUCHI_DB_STATUS_H
#define MADOGUCHI_DB_STATUS_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How often the programs beat; madoctl status counts one silent for 3 beats as gone. */
#define STATUS_BEAT_SECONDS 10

/* PROGRAM's heartbeat as NAME (host:pid); STOPPED when it stops cleanly. 0 or -1. */
int db_heartbeat(PGconn *conn, const char *name, const char *program, bool stopped)
    __attribute__((warn_unused_result));

/* Mailbox KEY (named NAME) has stored everything its server had, now. 0 or -1. */
int db_mailbox_synced(PGconn *conn, const char *key, const char *name)
    __attribute__((warn_unused_result));

/* Mailbox KEY (named NAME) could not be synced: WHY. 0 or -1. */
int db_mailbox_failed(PGconn *conn, const char *key, const char *name, const char *why)
    __attribute__((warn_unused_result));

struct status_program {
	char *name, *program;
	int64_t seen_ago;  /* seconds since its last beat */
	bool stopped;      /* stopped cleanly */
};

struct status_mailbox {
	char *key, *name;
	int64_t synced_ago; /* seconds; -1: never */
	char *error;        /* NULL, or the last error when it is newer than the last sync */
	int64_t error_ago;
};

struct db_status {
	struct status_program *programs; /* beat within the last day, newest first */
	size_t nprograms;
	struct status_mailbox *mailboxes;
	size_t nmailboxes;
	int64_t jobs_queued, jobs_running, jobs_dead, jobs_done;
	int64_t quarantine_held;
	int64_t outbox_waiting, outbox_failed;
};

/* The desk's health now, into OUT (free with db_status_free, also after a failure). 0 or -1. */
int db_status_read(PGconn *conn, struct db_status *out) __attribute__((warn_unused_result));
void db_status_free(struct db_status *s);

#endif
