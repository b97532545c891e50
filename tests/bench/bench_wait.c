/*
 * bench_wait.c - waits until a query says true, asking every 5 ms on one
 * connection: what tools/bench-perf uses to see the workers finish,
 * without a psql process a poll stealing the CPU being measured.
 *
 * usage: bench_wait CONNINFO SQL TIMEOUT_SECONDS
 * SQL returns one boolean. Exits 0 once it is true, 1 on timeout or error.
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
	PGconn *db;
	time_t deadline;

	if (argc != 4) {
		fprintf(stderr, "usage: bench_wait CONNINFO SQL TIMEOUT_SECONDS\n");
		return 2;
	}
	db = PQconnectdb(argv[1]);
	if (PQstatus(db) != CONNECTION_OK) {
		fprintf(stderr, "bench_wait: %s", PQerrorMessage(db));
		return 1;
	}
	deadline = time(NULL) + atoi(argv[3]);
	while (time(NULL) < deadline) {
		PGresult *res = PQexec(db, argv[2]);
		int done;

		if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
			fprintf(stderr, "bench_wait: %s", PQerrorMessage(db));
			PQclear(res);
			PQfinish(db);
			return 1;
		}
		done = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
		PQclear(res);
		if (done) {
			PQfinish(db);
			return 0;
		}
		nanosleep(&(struct timespec){0, 5 * 1000000L}, NULL);
	}
	fprintf(stderr, "bench_wait: still false after %s s: %s\n", argv[3], argv[2]);
	PQfinish(db);
	return 1;
}
