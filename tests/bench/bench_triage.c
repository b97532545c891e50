/*
 * bench_triage.c - triage measured on a labelled set, for tools/bench:
 * kind, top-1 and top-3 category accuracy, urgency accuracy, referral
 * precision and recall, guidebook copies read right, per-category recall
 * with what each category was taken for, and classification speed on one
 * core.
 *
 * Every labelled request counts, except robots (autoreply, bounce), which
 * triage never sees. A mail that cannot be read or decoded is a request
 * the desk would not have triaged: it counts as a miss in every figure and
 * the number of such mails is printed, so a figure cannot rise because
 * mails were lost.
 *
 * usage: bench_triage CONNINFO DIR   (DIR has labels.tsv and the mails)
 */
#include "buf.h"
#include "file.h"
#include "mail_decode.h"
#include "triage.h"

#include <errno.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_CATS 64

struct per_category {
	char code[48];
	int total, right;
	char wrong[256]; /* what it was taken for, ;-separated */
};

static struct per_category cats[MAX_CATS];
static int ncats;

static struct per_category *category(const char *code)
{
	for (int i = 0; i < ncats; i++)
		if (strcmp(cats[i].code, code) == 0)
			return &cats[i];
	if (ncats == MAX_CATS)
		return &cats[MAX_CATS - 1];
	snprintf(cats[ncats].code, sizeof(cats[0].code), "%s", code);
	return &cats[ncats++];
}

/* Adds what a mail of this category was taken for to its list. */
static void note_wrong(struct per_category *pc, const char *taken_for)
{
	size_t used = strlen(pc->wrong);

	snprintf(pc->wrong + used, sizeof(pc->wrong) - used, "%s%s", used ? " " : "", taken_for);
}

/* The number of codes in a ;-separated list ("" has none). */
static int list_length(const char *list)
{
	int n = 0;

	for (const char *p = list; *p != '\0'; p++)
		n += (p == list || p[-1] == ';') && *p != ';';
	return n;
}

static int in_list(const char *list, const char *code)
{
	size_t n = strlen(code);

	for (const char *p = list; (p = strstr(p, code)) != NULL; p += n)
		if ((p == list || p[-1] == ';') && (p[n] == ';' || p[n] == '\0'))
			return 1;
	return 0;
}

static double pct(int a, int b)
{
	return b > 0 ? 100.0 * a / b : 0;
}

int main(int argc, char **argv)
{
	char path[1024], line[2048];
	int total = 0, unread = 0, lineno = 0, top1 = 0, top3 = 0, urg = 0, kinds = 0;
	int copies_total = 0, copies_right = 0;
	int ref_tp = 0, ref_fp = 0, ref_fn = 0;
	double spent = 0;
	struct shipping_policy policy;
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
	shipping_policy_default(&policy);
	snprintf(path, sizeof(path), "%s/labels.tsv", argv[2]);
	labels = fopen(path, "r");
	if (labels == NULL) {
		fprintf(stderr, "bench_triage: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while (fgets(line, sizeof(line), labels) != NULL) {
		char *f[6], *p = line, *raw, why[200];
		size_t len = 0;
		struct decoded_mail m;
		struct triage t;
		struct buf text = BUF_INIT;
		struct per_category *pc;
		int k = 0, readable = 1;

		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		/* Split on every tab: an empty referrals cell is a field too. */
		while (k < 6) {
			f[k++] = p;
			p = strchr(p, '\t');
			if (p == NULL)
				break;
			*p++ = '\0';
		}
		if (k < 6) {
			if (line[0] != '\0')
				fprintf(stderr, "bench_triage: labels.tsv:%d: not 6 fields, skipped\n",
					lineno);
			continue;
		}
		if (strcmp(f[0], "file") == 0)
			continue;
		if (strcmp(f[1], "autoreply") == 0 || strcmp(f[1], "bounce") == 0)
			continue;
		total++;
		pc = category(f[2]);
		pc->total++;
		if (strcmp(f[5], "-") != 0)
			copies_total++;
		snprintf(path, sizeof(path), "%.500s/%.500s", argv[2], f[0]);
		errno = 0;
		raw = file_read(path, &len);
		if (raw == NULL) {
			snprintf(why, sizeof(why), "cannot read: %s",
				 errno != 0 ? strerror(errno) : "short read");
			readable = 0;
		} else if (mail_decode(raw, len, &m, why, sizeof(why)) == -1) {
			decoded_mail_free(&m);
			readable = 0;
		}
		if (!readable) {
			fprintf(stderr, "bench_triage: %s: %s; counted as a miss\n", f[0], why);
			unread++;
			note_wrong(pc, "(unread)");
			ref_fn += list_length(f[4]);
			free(raw);
			continue;
		}
		buf_printf(&text, "%s\n%s", m.subject, m.own_words);
		{
			struct timespec a, b;

			clock_gettime(CLOCK_MONOTONIC, &a);
			triage_text(cl, &policy, text.data, triage_mail_kind(&m), &t);
			clock_gettime(CLOCK_MONOTONIC, &b);
			spent += (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
		}
		kinds += strcmp(t.kind, f[1]) == 0;
		if (strcmp(t.cls.scores[0].code, f[2]) == 0) {
			top1++;
			pc->right++;
		} else {
			note_wrong(pc, t.cls.scores[0].code);
		}
		for (size_t i = 0; i < 3 && i < t.cls.nscores; i++)
			if (strcmp(t.cls.scores[i].code, f[2]) == 0)
				top3++;
		if ((t.cls.urgent ? "yes" : "no")[0] == f[3][0])
			urg++;
		if (strcmp(f[5], "-") != 0)
			copies_right += t.has_material && t.material.copies == atoi(f[5]);
		{
			char *copy = strdup(t.cls.referrals), *s2 = NULL;

			for (char *c = strtok_r(copy, ";", &s2); c; c = strtok_r(NULL, ";", &s2))
				in_list(f[4], c) ? ref_tp++ : ref_fp++;
			free(copy);
			copy = strdup(f[4]);
			for (char *c = strtok_r(copy, ";", &s2); c; c = strtok_r(NULL, ";", &s2))
				if (!in_list(t.cls.referrals, c))
					ref_fn++;
			free(copy);
		}
		decoded_mail_free(&m);
		buf_free(&text);
		free(raw);
	}
	fclose(labels);
	printf("triage on %d labelled requests (%d unreadable, counted as misses): "
	       "top-1 %.1f%%, top-3 %.1f%%, urgency %.1f%%, kind %.1f%%, "
	       "referral precision %.1f%%, recall %.1f%%, guidebook copies %d/%d; "
	       "%.0f classifications/s on one core\n",
	       total, unread, pct(top1, total), pct(top3, total), pct(urg, total),
	       pct(kinds, total), pct(ref_tp, ref_tp + ref_fp), pct(ref_tp, ref_tp + ref_fn),
	       copies_right, copies_total, (total - unread) / (spent > 0 ? spent : 1));
	printf("per category (right/total, then what the others were taken for):\n");
	for (int i = 0; i < ncats; i++)
		printf("  %-26s %2d/%-2d %s\n", cats[i].code, cats[i].right, cats[i].total,
		       cats[i].wrong);
	classifier_free(cl);
	PQfinish(db);
	return 0;
}
