/*
 * bench_latency.c - from APPEND of one new mail to its committed job, while
 * madoguchid idles (IMAP IDLE). Appends N mails one at a time, each after
 * the previous one was committed, and prints percentiles.
 *
 * usage: bench_latency HOST PORT USER PASSWORD MAILBOX CONNINFO N
 */
#include <libetpan/libetpan.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static long jobs(PGconn *db)
{
	PGresult *res = PQexec(db, "SELECT count(*) FROM jobs");
	long n = PQresultStatus(res) == PGRES_TUPLES_OK ? atol(PQgetvalue(res, 0, 0)) : -1;

	PQclear(res);
	return n;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	mailimap *imap;
	PGconn *db;
	int n;
	double *lat;

	if (argc != 8) {
		fprintf(stderr, "usage: bench_latency HOST PORT USER PASSWORD MAILBOX CONNINFO N\n");
		return 2;
	}
	n = atoi(argv[7]);
	lat = calloc((size_t)n, sizeof(*lat));
	db = PQconnectdb(argv[6]);
	imap = mailimap_new(0, NULL);
	if (PQstatus(db) != CONNECTION_OK || lat == NULL ||
	    mailimap_socket_connect(imap, argv[1], (uint16_t)atoi(argv[2])) >
		MAILIMAP_NO_ERROR_NON_AUTHENTICATED ||
	    mailimap_login(imap, argv[3], argv[4]) != MAILIMAP_NO_ERROR) {
		fprintf(stderr, "bench_latency: setup failed\n");
		return 1;
	}
	for (int i = 0; i < n; i++) {
		char mail[512];
		long before = jobs(db);
		double t0;
		struct timespec pause = {0, 300 * 1000000L};

		/* Let the daemon settle back into IDLE before the next mail. */
		nanosleep(&pause, NULL);
		snprintf(mail, sizeof(mail),
			 "From: <lat@example.jp>\r\nSubject: latency %d\r\n"
			 "Message-ID: <lat-%d-%ld@example.jp>\r\n\r\nping %d\r\n",
			 i, i, (long)time(NULL), i);
		t0 = now_ms();
		if (mailimap_append(imap, argv[5], NULL, NULL, mail, strlen(mail)) !=
		    MAILIMAP_NO_ERROR) {
			fprintf(stderr, "bench_latency: APPEND failed\n");
			return 1;
		}
		while (jobs(db) <= before) {
			struct timespec ts = {0, 1000000L};

			nanosleep(&ts, NULL);
			if (now_ms() - t0 > 30000) {
				fprintf(stderr, "bench_latency: no job after 30 s\n");
				return 1;
			}
		}
		lat[i] = now_ms() - t0;
	}
	qsort(lat, (size_t)n, sizeof(*lat), cmp);
	printf("latency APPEND->committed job over %d mails: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
	       "max %.1f ms\n",
	       n, lat[n / 2], lat[n * 9 / 10], lat[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1],
	       lat[n - 1]);
	free(lat);
	mailimap_logout(imap);
	mailimap_free(imap);
	PQfinish(db);
	return 0;
}
