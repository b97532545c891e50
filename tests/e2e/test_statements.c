/*
 * test_statements CONNINFO - prepares every SQL statement of lib/db/
 * against a database migrated to the current schema, and checks each
 * declares as many parameters as the server finds in it and that no two
 * share a name (a name prepared twice would run the first one's SQL).
 */
#include "../unit/check.h"
#include "db.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	const struct db_stmt *const *stmts;
	size_t n;
	PGconn *conn;

	if (argc != 2) {
		fprintf(stderr, "usage: test_statements CONNINFO\n");
		return 2;
	}
	/* A bare connection: db_connect prepares statements of its own. */
	conn = PQconnectdb(argv[1]);
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "test_statements: %s", PQerrorMessage(conn));
		PQfinish(conn);
		return 1;
	}
	stmts = db_statements(&n);
	CHECK(n > 0, "no statements are linked in");
	for (size_t i = 0; i < n; i++) {
		const struct db_stmt *s = stmts[i];
		PGresult *res;

		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(stmts[j]->name, s->name) != 0, "two statements named %s", s->name);
		res = PQprepare(conn, s->name, s->sql, 0, NULL);
		CHECK(PQresultStatus(res) == PGRES_COMMAND_OK, "%s does not prepare: %s", s->name,
		      PQresultErrorMessage(res));
		PQclear(res);
		res = PQdescribePrepared(conn, s->name);
		if (PQresultStatus(res) == PGRES_COMMAND_OK)
			CHECK(PQnparams(res) == s->nparams, "%s: declared %d parameters, the SQL has %d",
			      s->name, s->nparams, PQnparams(res));
		PQclear(res);
	}
	printf("%zu statements prepared\n", n);
	PQfinish(conn);
	return check_done();
}
