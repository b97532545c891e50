/*
 * bench_folds.c - accuracy on labelled texts that were left out of
 * training, for cross-validation (tools/cv-triage): the classifier in force
 * is scored on every line of TSV ("code<TAB>urgent<TAB>text").
 *
 * The database is the one CONFIG names in [database] conninfo, read by the
 * same code as madoctl -c CONFIG, so the folds madoctl imports are the ones
 * scored here. --check refuses a database that holds cases: the folds are
 * imported as knowledge base versions, which must never happen in
 * production.
 *
 * usage: bench_folds CONFIG TSV
 *          prints "N top1 top3 urgent-right urgent-labelled"
 *        bench_folds --check CONFIG
 *          exits 0 on a scratch database, 2 on one that holds cases
 */
#include "classify.h"
#include "config.h"
#include "db.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Connects to the database of the configuration file PATH; NULL after saying why. */
static PGconn *connect_config(const char *path)
{
	char *errors = NULL;
	struct config *cfg = config_load(path, &errors);
	PGconn *db;

	if (cfg == NULL) {
		fputs(errors != NULL ? errors : "bench_folds: cannot load configuration\n", stderr);
		free(errors);
		return NULL;
	}
	/* The session madoctl gets too (UTF-8 client encoding); it logs a failure. */
	db = db_connect(cfg->db_conninfo);
	config_free(cfg);
	return db;
}

/*
 * 0 when the database holds no case (or has no cases table yet), 2 when it
 * holds some, 1 when it cannot be asked.
 */
static int check_scratch(PGconn *db, const char *path)
{
	PGresult *res =
	    PQexecParams(db, "SELECT count(*) FROM cases", 0, NULL, NULL, NULL, NULL, 0);
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	int rc = 1;

	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
		long n = atol(PQgetvalue(res, 0, 0));

		rc = n == 0 ? 0 : 2;
		if (rc == 2)
			fprintf(stderr,
				"bench_folds: database \"%s\" of %s holds %ld case%s: refusing to "
				"cross-validate there, as every fold is imported as a knowledge "
				"base version; name a scratch database in [database] conninfo\n",
				PQdb(db), path, n, n == 1 ? "" : "s");
	} else if (state != NULL && strcmp(state, "42P01") == 0) {
		rc = 0; /* undefined_table: not even migrated, so certainly no cases */
	} else {
		fprintf(stderr, "bench_folds: counting cases: %s", PQerrorMessage(db));
	}
	PQclear(res);
	return rc;
}

int main(int argc, char **argv)
{
	static char line[1 << 16];
	int n = 0, top1 = 0, top3 = 0, urg = 0, urg_n = 0;
	struct classifier *cl;
	PGconn *db;
	FILE *in;

	if (argc != 3) {
		fprintf(stderr, "usage: bench_folds CONFIG TSV\n"
				"       bench_folds --check CONFIG\n");
		return 2;
	}
	if (strcmp(argv[1], "--check") == 0) {
		int rc;

		if ((db = connect_config(argv[2])) == NULL)
			return 1;
		rc = check_scratch(db, argv[2]);
		PQfinish(db);
		return rc;
	}
	if ((db = connect_config(argv[1])) == NULL)
		return 1;
	if ((cl = classifier_load(db)) == NULL) {
		fprintf(stderr, "bench_folds: no knowledge base in the database of %s\n", argv[1]);
		PQfinish(db);
		return 1;
	}
	if ((in = fopen(argv[2], "r")) == NULL) {
		fprintf(stderr, "bench_folds: cannot open %s\n", argv[2]);
		return 1;
	}
	while (fgets(line, sizeof(line), in) != NULL) {
		char *code = line, *urgent, *text;
		struct classify_result r;

		line[strcspn(line, "\r\n")] = '\0';
		if ((urgent = strchr(code, '\t')) == NULL || (text = strchr(urgent + 1, '\t')) == NULL)
			continue;
		*urgent++ = '\0';
		*text++ = '\0';
		classify_text(cl, text, &r);
		n++;
		top1 += strcmp(r.scores[0].code, code) == 0;
		for (size_t i = 0; i < 3 && i < r.nscores; i++)
			top3 += strcmp(r.scores[i].code, code) == 0;
		if (strcmp(urgent, "-") != 0) {
			urg_n++;
			urg += (r.urgent ? 'y' : 'n') == urgent[0];
		}
	}
	fclose(in);
	printf("%d %d %d %d %d\n", n, top1, top3, urg, urg_n);
	classifier_free(cl);
	PQfinish(db);
	return 0;
}
