/*
 * bench_folds.c - accuracy on labelled texts that were left out of
 * training, for cross-validation (tools/bench): the classifier in force
 * is scored on every line of TSV ("code<TAB>urgent<TAB>text").
 *
 * usage: bench_folds CONNINFO TSV   prints "N top1 top3 urgent-right urgent-labelled"
 */
#include "classify.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	static char line[1 << 16];
	int n = 0, top1 = 0, top3 = 0, urg = 0, urg_n = 0;
	struct classifier *cl;
	PGconn *db;
	FILE *in;

	if (argc != 3) {
		fprintf(stderr, "usage: bench_folds CONNINFO TSV\n");
		return 2;
	}
	db = PQconnectdb(argv[1]);
	if (PQstatus(db) != CONNECTION_OK || (cl = classifier_load(db)) == NULL) {
		fprintf(stderr, "bench_folds: no database or knowledge base\n");
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
