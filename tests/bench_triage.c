/*
 * bench_triage.c - classification measured on the labelled set, for
 * tools/bench: top-1 and top-3 category accuracy, urgency accuracy,
 * referral precision and recall, the most frequent confusions, and
 * classification speed on one core.
 *
 * usage: bench_triage CONNINFO DIR   (DIR has labels.tsv and the mails)
 */
#include "file.h"
#include "buf.h"
#include "classify.h"
#include "mail_decode.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int in_list(const char *list, const char *code)
{
	size_t n = strlen(code);

	for (const char *p = list; (p = strstr(p, code)) != NULL; p += n)
		if ((p == list || p[-1] == ';') && (p[n] == ';' || p[n] == '\0'))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	char path[1024], line[2048], conf[200][128];
	int nconf = 0, total = 0, top1 = 0, top3 = 0, urg = 0;
	int ref_tp = 0, ref_fp = 0, ref_fn = 0;
	double spent = 0;
	long classified = 0;
	struct classifier *cl;
	PGconn *db;
	FILE *labels;

	if (argc != 3) {
		fprintf(stderr, "usage: bench_triage CONNINFO DIR\n");
		return 2;
	}
	db = PQconnectdb(argv[1]);
	if (PQstatus(db) != CONNECTION_OK || (cl = classifier_load(db)) == NULL) {
		fprintf(stderr, "bench_triage: no database or knowledge base\n");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/labels.tsv", argv[2]);
	labels = fopen(path, "r");
	if (labels == NULL)
		return 1;
	while (fgets(line, sizeof(line), labels) != NULL) {
		char *f[6], *save = NULL, *raw;
		size_t len = 0;
		struct decoded_mail m;
		struct classify_result r;
		struct buf text = BUF_INIT;
		char why[200];
		int k = 0;

		line[strcspn(line, "\r\n")] = '\0';
		for (char *p = strtok_r(line, "\t", &save); p != NULL && k < 6;
		     p = strtok_r(NULL, "\t", &save))
			f[k++] = p;
		if (k < 5 || strcmp(f[0], "file") == 0)
			continue;
		if (k == 5) { /* empty referrals: strtok merged the tabs */
			f[5] = f[4];
			f[4] = "";
		}
		if (strcmp(f[1], "autoreply") == 0 || strcmp(f[1], "bounce") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", argv[2], f[0]);
		raw = file_read(path, &len);
		if (raw == NULL || mail_decode(raw, len, &m, why, sizeof(why)) == -1) {
			free(raw);
			continue;
		}
		buf_printf(&text, "%s\n%s", m.subject, m.own_words);
		{
			struct timespec a, b;

			clock_gettime(CLOCK_MONOTONIC, &a);
			classify_text(cl, text.data, &r);
			clock_gettime(CLOCK_MONOTONIC, &b);
			spent += (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
			classified++;
		}
		total++;
		if (strcmp(r.scores[0].code, f[2]) == 0)
			top1++;
		else if (nconf < 200)
			snprintf(conf[nconf++], sizeof(conf[0]), "%s -> %s", f[2], r.scores[0].code);
		for (size_t i = 0; i < 3 && i < r.nscores; i++)
			if (strcmp(r.scores[i].code, f[2]) == 0)
				top3++;
		if ((r.urgent ? "yes" : "no")[0] == f[3][0])
			urg++;
		/* Referral precision and recall over the codes. */
		{
			char *copy = strdup(r.referrals), *s2 = NULL;

			for (char *c = strtok_r(copy, ";", &s2); c; c = strtok_r(NULL, ";", &s2))
				in_list(f[4], c) ? ref_tp++ : ref_fp++;
			free(copy);
			copy = strdup(f[4]);
			for (char *c = strtok_r(copy, ";", &s2); c; c = strtok_r(NULL, ";", &s2))
				if (!in_list(r.referrals, c))
					ref_fn++;
			free(copy);
		}
		decoded_mail_free(&m);
		buf_free(&text);
		free(raw);
	}
	fclose(labels);
	printf("triage on %d labelled requests: top-1 %.1f%%, top-3 %.1f%%, urgency %.1f%%, "
	       "referral precision %.1f%%, recall %.1f%%; %.0f classifications/s on one core\n",
	       total, 100.0 * top1 / total, 100.0 * top3 / total, 100.0 * urg / total,
	       100.0 * ref_tp / (ref_tp + ref_fp ? ref_tp + ref_fp : 1),
	       100.0 * ref_tp / (ref_tp + ref_fn ? ref_tp + ref_fn : 1), classified / spent);
	printf("confusions (label -> predicted):\n");
	for (int i = 0; i < nconf; i++)
		printf("  %s\n", conf[i]);
	classifier_free(cl);
	PQfinish(db);
	return 0;
}
