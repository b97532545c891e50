/*
 * db_watch.h - what madoctl watch reads: the cases that changed lately,
 * and one case again when an event names it.
 *
 * A case's updated_at is its transaction's start, so a change that commits
 * later than it began shows up with a time already behind a watcher that
 * polled meanwhile. Watchers therefore ask for the changes since their
 * last look minus some slack, and tell a change they have shown by its
 * updated_at (microseconds, as text that sorts as time).
 */
#ifndef MADOGUCHI_DB_WATCH_H
#define MADOGUCHI_DB_WATCH_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#define WATCH_TIME_LEN 27 /* "YYYY-MM-DDTHH:MM:SS.ffffffZ" */

/* Which cases a watcher shows; NULL and false select all. */
struct watch_filter {
	const char *status;
	const char *owner;
	bool urgent;
	const char *category; /* a code, or a prefix of codes: "malware" is malware.* */
};

/* A case as a watcher shows it; strings malloc'd and owned by the row. */
struct watch_row {
	char *number;
	char *status;
	char *channel;
	bool urgent;
	char *owner; /* NULL when nobody took it */
	char *requester_name;
	char *requester_address;
	char *subject;
	char *category;                      /* NULL when not classified */
	char updated_at[WATCH_TIME_LEN + 1]; /* UTC */
	bool is_new;                         /* not changed since it was filed */
	bool matches;                        /* the filter selects it */
};

struct watch_rows {
	struct watch_row *v;
	size_t n;
};

/* The database's clock, in the form of updated_at, into NOW. 0 or -1. */
int watch_clock(PGconn *conn, char now[WATCH_TIME_LEN + 1]) __attribute__((warn_unused_result));

/*
 * The cases changed at or after SINCE (a time as watch_clock gives it, or
 * "-infinity") less SLACK_SECONDS, the latest change first, at most LIMIT:
 * with ONLY_MATCHING those FILTER selects, else all of them with .matches
 * saying which. OUT is the caller's to free with watch_rows_free, also
 * after a failure. 0 or -1.
 */
int watch_changed(PGconn *conn, const struct watch_filter *filter, const char *since,
		  int slack_seconds, bool only_matching, int limit, struct watch_rows *out)
    __attribute__((warn_unused_result));

/*
 * Case NUMBER into OUT, with .matches for FILTER: 1 found, 0 no such case,
 * -1 error. The caller frees OUT with watch_row_free whatever the result.
 */
int watch_case(PGconn *conn, const struct watch_filter *filter, const char *number,
	       struct watch_row *out) __attribute__((warn_unused_result));

void watch_row_free(struct watch_row *row);
void watch_rows_free(struct watch_rows *rows);

#endif
