/*
 * bench_statement.c - one SQL statement of lib/db/ timed as the programs run
 * it, for tools/bench-cases: median and worst wall time of RUNS executions
 * (plan, execute, every row to the client), then, with --explain, its
 * EXPLAIN (ANALYZE, BUFFERS).
 *
 * The statement is found by name among those linked in (db_statements()),
 * so the text measured is the text madoctl runs, never a copy. LIMIT > 0
 * appends "LIMIT n": a first page, as a pager would ask for it. Each run
 * goes through PQexecParams, an unnamed statement planned for its values,
 * which is what madoctl's one execution per connection gets too.
 *
 * usage: bench_statement [--explain] CONNINFO NAME RUNS LIMIT [N=VALUE...]
 *        $N is VALUE; a parameter not given is false when the server says
 *        it is a boolean (a flag not set) and NULL otherwise (a filter not
 *        given), so that a parameter added to a statement later changes
 *        nothing here.
 */
#include "db.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_PARAMS 32
#define MAX_RUNS 1000
#define BOOLOID 16

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static const struct db_stmt *find(const char *name)
{
	size_t n;
	const struct db_stmt *const *stmts = db_statements(&n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(stmts[i]->name, name) == 0)
			return stmts[i];
	return NULL;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: bench_statement [--explain] CONNINFO NAME RUNS LIMIT [N=VALUE...]\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *params[MAX_PARAMS] = {0};
	double ms[MAX_RUNS];
	const struct db_stmt *s;
	char *sql;
	size_t len;
	int explain = 0, runs, limit, rows = 0, rc = 0;
	PGconn *conn;
	PGresult *res;

	if (argc > 1 && strcmp(argv[1], "--explain") == 0) {
		explain = 1;
		argv++;
		argc--;
	}
	if (argc < 5)
		return usage();
	runs = atoi(argv[3]);
	limit = atoi(argv[4]);
	if (runs < 1 || runs > MAX_RUNS || limit < 0)
		return usage();
	if ((s = find(argv[2])) == NULL) {
		fprintf(stderr, "bench_statement: no statement named %s\n", argv[2]);
		return 2;
	}
	if (s->nparams > MAX_PARAMS) {
		fprintf(stderr, "bench_statement: %s takes %d values\n", s->name, s->nparams);
		return 2;
	}
	/* "EXPLAIN (ANALYZE, BUFFERS) " + the text + " LIMIT n" */
	len = strlen(s->sql) + 64;
	if ((sql = malloc(len)) == NULL)
		return 1;
	conn = PQconnectdb(argv[1]);
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "bench_statement: %s", PQerrorMessage(conn));
		PQfinish(conn);
		free(sql);
		return 1;
	}
	/* The server's types of the parameters: a flag not given is false. */
	res = PQprepare(conn, "bench_statement", s->sql, 0, NULL);
	PQclear(res);
	res = PQdescribePrepared(conn, "bench_statement");
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		fprintf(stderr, "bench_statement: %s: %s", s->name, PQresultErrorMessage(res));
		rc = 1;
	}
	for (int i = 0; rc == 0 && i < s->nparams && i < PQnparams(res); i++)
		if (PQparamtype(res, i) == BOOLOID)
			params[i] = "f";
	PQclear(res);
	for (int i = 5; rc == 0 && i < argc; i++) {
		char *eq;
		long n = strtol(argv[i], &eq, 10);

		if (*eq != '=' || n < 1 || n > s->nparams) {
			fprintf(stderr, "bench_statement: %s: not N=VALUE with N from 1 to %d\n",
				argv[i], s->nparams);
			rc = 2;
		} else {
			params[n - 1] = eq + 1;
		}
	}
	for (int r = 0; r < runs && rc == 0; r++) {
		double t;

		snprintf(sql, len, "%s%s%.0d", s->sql, limit > 0 ? " LIMIT " : "", limit);
		t = now_ms();
		res = PQexecParams(conn, sql, s->nparams, NULL, params, NULL, NULL, 0);
		ms[r] = now_ms() - t;
		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			fprintf(stderr, "bench_statement: %s: %s", s->name,
				PQresultErrorMessage(res));
			rc = 1;
		}
		rows = PQntuples(res);
		PQclear(res);
	}
	if (rc == 0) {
		qsort(ms, (size_t)runs, sizeof(ms[0]), by_value);
		printf("median %.1f ms, worst %.1f ms (%d runs, %d rows)\n",
		       (ms[(runs - 1) / 2] + ms[runs / 2]) / 2, ms[runs - 1], runs, rows);
	}
	if (rc == 0 && explain) {
		snprintf(sql, len, "EXPLAIN (ANALYZE, BUFFERS) %s%s%.0d", s->sql,
			 limit > 0 ? " LIMIT " : "", limit);
		res = PQexecParams(conn, sql, s->nparams, NULL, params, NULL, NULL, 0);
		if (PQresultStatus(res) == PGRES_TUPLES_OK) {
			for (int r = 0; r < PQntuples(res); r++)
				printf("    %s\n", PQgetvalue(res, r, 0));
		} else {
			fprintf(stderr, "bench_statement: EXPLAIN %s: %s", s->name,
				PQresultErrorMessage(res));
			rc = 1;
		}
		PQclear(res);
	}
	PQfinish(conn);
	free(sql);
	return rc;
}
