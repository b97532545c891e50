/*
 * classify.c - triage of a request: kind, category with confidence and
 * alternatives, urgency, referrals and standard answers.
 *
 * Two sources of evidence, both from the knowledge base in force:
 * - the manual's weighted phrases (kb_phrases): a phrase found in the text
 *   adds its weight to its category, or to the urgency/material signals;
 * - a naive Bayes model over character bigrams, trained on the example
 *   questions (and, later, on cases staff categorised): Japanese needs no
 *   word segmentation for bigrams, and they survive OCR noise.
 * Scores are combined in log space and turned into a probability with a
 * softmax, so the confidence means something across categories.
 */
#include "classify.h"

#include "buf.h"
#include "db.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FEATURES (1 << 16)
#define PHRASE_FACTOR 0.6

struct category {
	char code[48];
	char intent[24];
	bool urgent;
	char referrals[256];
	unsigned *counts; /* FEATURES bigram counts */
	unsigned long total;
	double prior;
};

struct phrase {
	char code[48];
	int weight;
	char *text;
};

struct classifier {
	struct category *cats;
	size_t ncats;
	struct phrase *phrases;
	size_t nphrases;
};

/* Code points of S, for bigrams over characters rather than bytes. */
static size_t codepoints(const char *s, unsigned long *out, size_t max)
{
	size_t n = 0;

	while (*s != '\0' && n < max) {
		unsigned char c = (unsigned char)*s;
		unsigned long cp;
		int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
		int k;

		cp = len == 1 ? c : (unsigned long)(c & (0x3F >> (len - 1)));
		for (k = 1; k < len && s[k] != '\0'; k++)
			cp = (cp << 6) | ((unsigned char)s[k] & 0x3F);
		if (k < len)
			break; /* a sequence cut by the end of the text */
		s += len;
		/* Blanks and punctuation carry no topic. */
		if (cp <= ' ' || cp == 0x3000 || cp == 0x3001 || cp == 0x3002 || cp == 0xFF0C ||
		    cp == 0xFF0E)
			continue;
		/* Full-width ASCII and Latin case fold to one form. */
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		if (cp >= 'A' && cp <= 'Z')
			cp += 32;
		out[n++] = cp;
	}
	return n;
}

static unsigned bucket(unsigned long a, unsigned long b)
{
	unsigned long h = (a * 2654435761UL) ^ (b * 40503UL + 0x9E3779B9UL);

	return (unsigned)(h % FEATURES);
}

static void count_text(struct category *c, const char *text, unsigned weight)
{
	static unsigned long cps[20000];
	size_t n = codepoints(text, cps, sizeof(cps) / sizeof(cps[0]));

	for (size_t i = 0; i + 1 < n; i++) {
		c->counts[bucket(cps[i], cps[i + 1])] += weight;
		c->total += weight;
	}
}

static struct category *find(struct classifier *cl, const char *code)
{
	for (size_t i = 0; i < cl->ncats; i++)
		if (strcmp(cl->cats[i].code, code) == 0)
			return &cl->cats[i];
	return NULL;
}

struct classifier *classifier_load(PGconn *conn)
{
	struct classifier *cl = calloc(1, sizeof(*cl));
	PGresult *res;

	if (cl == NULL)
		return NULL;
	res = db_query(conn, "classify_categories",
		       "SELECT code, intent, urgent_default, array_to_string(default_referrals, ';')"
		       " FROM kb_categories WHERE version_id = (SELECT max(id) FROM kb_versions)"
		       " ORDER BY code",
		       0, NULL, PGRES_TUPLES_OK);
	if (res == NULL || PQntuples(res) == 0) {
		PQclear(res);
		free(cl);
		return NULL;
	}
	cl->ncats = (size_t)PQntuples(res);
	cl->cats = calloc(cl->ncats, sizeof(*cl->cats));
	for (size_t i = 0; i < cl->ncats && cl->cats != NULL; i++) {
		struct category *c = &cl->cats[i];

		snprintf(c->code, sizeof(c->code), "%s", PQgetvalue(res, (int)i, 0));
		snprintf(c->intent, sizeof(c->intent), "%s", PQgetvalue(res, (int)i, 1));
		c->urgent = strcmp(PQgetvalue(res, (int)i, 2), "t") == 0;
		snprintf(c->referrals, sizeof(c->referrals), "%s", PQgetvalue(res, (int)i, 3));
		c->counts = calloc(FEATURES, sizeof(*c->counts));
	}
	PQclear(res);
	/* Training text: the example questions, and every case whose category staff set. */
	res = db_query(conn, "classify_training",
		       "SELECT code, example, 1 FROM kb_examples"
		       " WHERE version_id = (SELECT max(id) FROM kb_versions)"
		       " UNION ALL SELECT c.category, c.subject || ' ' || coalesce(m.own_words, m.body_text), 3"
		       " FROM cases c JOIN case_messages m ON m.case_id = c.id AND m.kind = 'request'"
		       " WHERE c.category IS NOT NULL AND c.category_confirmed",
		       0, NULL, PGRES_TUPLES_OK);
	if (res != NULL) {
		for (int r = 0; r < PQntuples(res); r++) {
			struct category *c = find(cl, PQgetvalue(res, r, 0));

			/* A staff member's decision counts thrice an example question. */
			if (c != NULL && c->counts != NULL) {
				unsigned w = (unsigned)atoi(PQgetvalue(res, r, 2));

				count_text(c, PQgetvalue(res, r, 1), w);
				c->prior += w;
			}
		}
		PQclear(res);
	}
	res = db_query(conn, "classify_phrases",
		       "SELECT code, weight, phrase FROM kb_phrases"
		       " WHERE version_id = (SELECT max(id) FROM kb_versions)",
		       0, NULL, PGRES_TUPLES_OK);
	if (res != NULL) {
		cl->nphrases = (size_t)PQntuples(res);
		cl->phrases = calloc(cl->nphrases ? cl->nphrases : 1, sizeof(*cl->phrases));
		for (size_t i = 0; i < cl->nphrases && cl->phrases != NULL; i++) {
			snprintf(cl->phrases[i].code, sizeof(cl->phrases[i].code), "%s",
				 PQgetvalue(res, (int)i, 0));
			cl->phrases[i].weight = atoi(PQgetvalue(res, (int)i, 1));
			cl->phrases[i].text = strdup(PQgetvalue(res, (int)i, 2));
		}
		PQclear(res);
	}
	return cl;
}

void classifier_free(struct classifier *cl)
{
	if (cl == NULL)
		return;
	for (size_t i = 0; i < cl->ncats; i++)
		free(cl->cats[i].counts);
	for (size_t i = 0; i < cl->nphrases; i++)
		free(cl->phrases[i].text);
	free(cl->cats);
	free(cl->phrases);
	free(cl);
}

static int cmp_score(const void *a, const void *b)
{
	const struct classify_score *x = a, *y = b;

	return x->score < y->score ? 1 : x->score > y->score ? -1 : 0;
}

void classify_text(const struct classifier *cl, const char *text, struct classify_result *out)
{
	static unsigned long cps[20000];
	size_t n = codepoints(text, cps, sizeof(cps) / sizeof(cps[0]));
	double *score = calloc(cl->ncats, sizeof(*score)), total_prior = 0, max = -1e300, sum = 0;
	int urgent_signal = 0, calm_signal = 0, material_signal = 0;

	memset(out, 0, sizeof(*out));
	if (score == NULL)
		return;
	for (size_t i = 0; i < cl->ncats; i++)
		total_prior += cl->cats[i].prior + 1;
	for (size_t i = 0; i < cl->ncats; i++) {
		const struct category *c = &cl->cats[i];
		double s = log((c->prior + 1) / total_prior);

		for (size_t k = 0; k + 1 < n; k++)
			s += log((c->counts[bucket(cps[k], cps[k + 1])] + 0.1) /
				 (c->total + 0.1 * FEATURES));
		score[i] = s;
	}
	/* Bigram likelihoods grow with length; scale them so phrases keep their say. */
	if (n > 1)
		for (size_t i = 0; i < cl->ncats; i++)
			score[i] = score[i] * 8.0 / (double)(n - 1);
	for (size_t p = 0; p < cl->nphrases; p++) {
		const struct phrase *ph = &cl->phrases[p];

		if (strstr(text, ph->text) == NULL)
			continue;
		if (strcmp(ph->code, "_urgent") == 0)
			urgent_signal += ph->weight;
		else if (strcmp(ph->code, "_calm") == 0)
			calm_signal += ph->weight;
		else if (strcmp(ph->code, "_material") == 0)
			material_signal += ph->weight;
		else
			for (size_t i = 0; i < cl->ncats; i++)
				if (strcmp(cl->cats[i].code, ph->code) == 0) {
					score[i] += PHRASE_FACTOR * ph->weight;
					if (out->nexplain < CLASSIFY_EXPLAIN_MAX) {
						snprintf(out->explain[out->nexplain],
							 sizeof(out->explain[0]), "%s +%d 「%s」",
							 ph->code, ph->weight, ph->text);
						out->nexplain++;
					}
				}
	}
	for (size_t i = 0; i < cl->ncats; i++)
		if (strcmp(cl->cats[i].code, "material_request") == 0)
			score[i] += 0.8 * material_signal;
	for (size_t i = 0; i < cl->ncats; i++)
		if (score[i] > max)
			max = score[i];
	out->nscores = cl->ncats < CLASSIFY_MAX ? cl->ncats : CLASSIFY_MAX;
	{
		struct classify_score *all = calloc(cl->ncats, sizeof(*all));

		for (size_t i = 0; i < cl->ncats; i++) {
			all[i].score = exp(score[i] - max);
			sum += all[i].score;
			all[i].index = i;
		}
		for (size_t i = 0; i < cl->ncats; i++)
			all[i].score /= sum;
		qsort(all, cl->ncats, sizeof(*all), cmp_score);
		memcpy(out->scores, all, out->nscores * sizeof(*all));
		for (size_t i = 0; i < out->nscores; i++)
			snprintf(out->scores[i].code, sizeof(out->scores[i].code), "%s",
				 cl->cats[all[i].index].code);
		free(all);
	}
	{
		const struct category *top = &cl->cats[out->scores[0].index];

		out->urgent = top->urgent;
		if (urgent_signal >= 4)
			out->urgent = true;
		else if (calm_signal >= 4 && urgent_signal < 2)
			out->urgent = false;
		snprintf(out->intent, sizeof(out->intent), "%s", top->intent);
		snprintf(out->referrals, sizeof(out->referrals), "%s", top->referrals);
	}
	out->urgent_signal = urgent_signal;
	out->material_signal = material_signal;
	free(score);
}

int classifier_stamp(PGconn *conn, char *out, size_t outsz)
{
	PGresult *res = db_query(conn, "classify_stamp",
				 "SELECT coalesce((SELECT max(id) FROM kb_versions), 0) || ':' ||"
				 " coalesce((SELECT max(id) FROM model_versions), 0)",
				 0, NULL, PGRES_TUPLES_OK);

	if (res == NULL)
		return -1;
	snprintf(out, outsz, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return 0;
}

static void json_str(struct buf *out, const char *s)
{
	buf_addc(out, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_addc(out, '\\');
		if ((unsigned char)*s < 0x20)
			buf_printf(out, "\\u%04x", (unsigned char)*s);
		else
			buf_addc(out, *s);
	}
	buf_addc(out, '"');
}

void classify_json(const struct classify_result *r, const char *kind, struct buf *out)
{
	char id[64];
	char *copy, *save = NULL;
	bool first = true;

	buf_adds(out, "{\"kind\":");
	json_str(out, kind);
	buf_adds(out, ",\"category\":");
	json_str(out, r->scores[0].code);
	buf_printf(out, ",\"confidence\":%.3f,\"alternatives\":[", r->scores[0].score);
	for (size_t i = 1; i < r->nscores; i++) {
		buf_adds(out, i > 1 ? ",{\"category\":" : "{\"category\":");
		json_str(out, r->scores[i].code);
		buf_printf(out, ",\"score\":%.3f}", r->scores[i].score);
	}
	buf_printf(out, "],\"urgent\":%s,\"referrals\":[", r->urgent ? "true" : "false");
	copy = strdup(r->referrals);
	for (char *c = copy ? strtok_r(copy, ";", &save) : NULL; c != NULL;
	     c = strtok_r(NULL, ";", &save)) {
		if (!first)
			buf_addc(out, ',');
		json_str(out, c);
		first = false;
	}
	free(copy);
	snprintf(id, sizeof(id), "%s.1", r->scores[0].code);
	buf_adds(out, "],\"answers\":[");
	json_str(out, id);
	buf_adds(out, "],\"material_request\":null}");
}
