/*
 * db_stats.h - the numbers of the statistics report: one table per
 * breakdown of the cases received in a period, read in one snapshot.
 */
#ifndef MADOGUCHI_DB_STATS_H
#define MADOGUCHI_DB_STATS_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct stats_row {
	char *key;   /* stable, for programs: "mail", "bec", "2026-11-01" */
	char *label; /* Japanese, for the office */
	int64_t count;
};

struct stats_table {
	const char *name;  /* "channel", "category" ... (static) */
	const char *title; /* Japanese (static) */
	bool partition;    /* every case counted once: the rows sum to the total */
	bool trend;        /* thirteen months, the period's last month last */
	struct stats_row *rows;
	size_t n;
};

struct stats_report {
	struct stats_table *tables; /* the first is "received": the total */
	size_t n;
};

/*
 * The report of the cases received from FROM to TO (dates; TO excluded)
 * in time zone TZ into OUT (free with stats_report_free, also after a
 * failure). 0 or -1.
 */
int db_stats_report(PGconn *conn, const char *from, const char *to, const char *tz,
		    struct stats_report *out) __attribute__((warn_unused_result));
void stats_report_free(struct stats_report *r);

/*
 * The period a report covers, as the desk's time zone TZ counts: MONTH
 * ("YYYY-MM", NULL: the month before the current one there) into FROM and
 * TO (the next month's first day). 1, 0 when PostgreSQL knows no time
 * zone TZ, -1 on error.
 */
int db_stats_month(PGconn *conn, const char *month, const char *tz, char from[11], char to[11])
    __attribute__((warn_unused_result));

#endif
