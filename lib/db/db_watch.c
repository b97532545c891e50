/*
 * db_watch.c - SQL for madoctl watch; see db_watch.h. The changes are
 * found through the index on cases.updated_at (sql/017_watch.sql), newest
 * first, so a poll reads only what changed lately however many cases
 * there are.
 */
#include "db_watch.h"

#include "db.h"
#include "db_result.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WATCH_TIME_SQL(col)                                                                        \
	"to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"

#define WATCH_COLUMNS                                                                              \
	"c.number, c.status, c.channel, c.urgent, c.owner, c.requester_name,"                      \
	" c.requester_address, c.subject, c.category, " WATCH_TIME_SQL("c.updated_at") ","         \
	" c.created_at = c.updated_at"
#define WATCH_NCOLUMNS 12 /* with the filter's verdict last */

/* The filter of parameters $F .. $F+3: status, owner, urgent, category. */
#define WATCH_MATCHES(s, o, u, k)                                                                  \
	"coalesce(($" s "::text IS NULL OR c.status = $" s ")"                                     \
	" AND ($" o "::text IS NULL OR c.owner = $" o ")"                                          \
	" AND (NOT $" u "::boolean OR c.urgent)"                                                   \
	" AND ($" k "::text IS NULL OR c.category = $" k                                           \
	"  OR starts_with(c.category, $" k " || '.')), false)"

DB_STATEMENT(watch_clock_select, 0, "SELECT " WATCH_TIME_SQL("now()"));

DB_STATEMENT(watch_changed_select, 8,
	     "SELECT " WATCH_COLUMNS ", " WATCH_MATCHES("4", "5", "6", "7") " FROM cases c"
	     " WHERE c.updated_at >= $1::timestamptz - make_interval(secs => $2::int)"
	     " AND (NOT $3::boolean OR " WATCH_MATCHES("4", "5", "6", "7") ")"
	     " ORDER BY c.updated_at DESC, c.number DESC LIMIT $8::int");

DB_STATEMENT(watch_case_select, 5,
	     "SELECT " WATCH_COLUMNS ", " WATCH_MATCHES("2", "3", "4", "5") " FROM cases c"
	     " WHERE c.number = $1");

int watch_clock(PGconn *conn, char now[WATCH_TIME_LEN + 1])
{
	PGresult *res = db_run_rows(conn, &watch_clock_select, NULL, 1);

	if (res == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return -1;
	}
	snprintf(now, WATCH_TIME_LEN + 1, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return 0;
}

static void watch_row_parse(const PGresult *res, int row, struct watch_row *out)
{
	out->number = db_result_text(res, row, 0);
	out->status = db_result_text(res, row, 1);
	out->channel = db_result_text(res, row, 2);
	out->urgent = db_result_bool(res, row, 3);
	out->owner = db_result_text_or_null(res, row, 4);
	out->requester_name = db_result_text(res, row, 5);
	out->requester_address = db_result_text(res, row, 6);
	out->subject = db_result_text(res, row, 7);
	out->category = db_result_text_or_null(res, row, 8);
	snprintf(out->updated_at, sizeof(out->updated_at), "%s", PQgetvalue(res, row, 9));
	out->is_new = db_result_bool(res, row, 10);
	out->matches = db_result_bool(res, row, 11);
}

int watch_changed(PGconn *conn, const struct watch_filter *f, const char *since, int slack_seconds,
		  bool only_matching, int limit, struct watch_rows *out)
{
	char slack[16], lim[16];
	const char *params[8] = {since,       slack,    only_matching ? "t" : "f",
				 f->status,   f->owner, f->urgent ? "t" : "f",
				 f->category, lim};
	PGresult *res;

	memset(out, 0, sizeof(*out));
	snprintf(slack, sizeof(slack), "%d", slack_seconds);
	snprintf(lim, sizeof(lim), "%d", limit);
	res = db_run_rows(conn, &watch_changed_select, params, WATCH_NCOLUMNS);
	if (res == NULL)
		return -1;
	out->v = db_result_rows(res, sizeof(*out->v));
	for (int r = 0; r < PQntuples(res); r++)
		watch_row_parse(res, r, &out->v[out->n++]);
	PQclear(res);
	return 0;
}

int watch_case(PGconn *conn, const struct watch_filter *f, const char *number,
	       struct watch_row *out)
{
	const char *params[5] = {number, f->status, f->owner, f->urgent ? "t" : "f", f->category};
	PGresult *res;
	int found;

	memset(out, 0, sizeof(*out));
	res = db_run_rows(conn, &watch_case_select, params, WATCH_NCOLUMNS);
	if (res == NULL)
		return -1;
	found = PQntuples(res) > 0;
	if (found)
		watch_row_parse(res, 0, out);
	PQclear(res);
	return found;
}

void watch_row_free(struct watch_row *row)
{
	free(row->number);
	free(row->status);
	free(row->channel);
	free(row->owner);
	free(row->requester_name);
	free(row->requester_address);
	free(row->subject);
	free(row->category);
	memset(row, 0, sizeof(*row));
}

void watch_rows_free(struct watch_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++)
		watch_row_free(&rows->v[i]);
	free(rows->v);
	rows->v = NULL;
	rows->n = 0;
}
