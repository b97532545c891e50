/*
 * classify.c - triage of a request: category with confidence and
 * alternatives, urgency and referrals.
 *
 * Two sources of evidence, both from the knowledge base in force:
 * - a softmax regression over character 1-3-grams (textfeat.h,
 *   linmodel.h), trained when the classifier is loaded on the example
 *   questions and on every case whose category staff set or confirmed;
 * - the manual's weighted phrases (kb_phrases): a phrase found in the text
 *   adds to its category's score, or to the urgency signals, or adds a
 *   referral (_refer:CODE) the situation calls for.
 * The combined scores go through a softmax, so the confidence reads as a
 * probability across categories.
 */
#include "classify.h"

#include "buf.h"
#include "db_answer.h"
#include "db_kb.h"
#include "db_model.h"
#include "linmodel.h"
#include "material.h"
#include "shipping_policy.h"
#include "textfeat.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How much a phrase of weight 1 adds to a category's score (model scores are logits). */
#define PHRASE_FACTOR 0.35
/* A case staff confirmed is real traffic: it counts this many times an invented example. */
#define CASE_WEIGHT 5.0f
/* Share of n-grams a request must have in common with a confirmed case to take its category. */
#define NEAR_IDENTICAL 0.8
#define DECIDED_BOOST 20.0
/* Weights of the urgency evidence: category default, phrases, words. */
#define URGENCY_CATEGORY 1.0
#define URGENCY_SIGNAL 0.5
#define URGENCY_MODEL 1.0
/*
 * Incident evidence that says an incident was told, and how far behind (in
 * logits) its category may be for a preparation question mixed with it.
 */
#define INCIDENT_TOLD 3
#define INCIDENT_FIRST 1.5
/* Urgency evidence below this: a preparation question (no situational referrals). */
#define PREPARATION -2.0
/* The runner-up within this ratio of the winner adds its referrals. */
#define CLOSE_CALL 0.3

struct category {
	char code[48];
	char intent[24];
	bool urgent;
	char referrals[256];
	char answers[256]; /* ;-separated template ids */
};

struct phrase {
	char code[48];
	int weight;
	char *text;
	/*
	 * One of the phrase's n-grams: a text without it cannot contain the
	 * phrase, so most of the hundreds of phrases are ruled out by a binary
	 * search instead of a scan of the whole text.
	 */
	uint64_t key;
	bool has_key;
};

/* Longest part of a request's text that is read: what a request is about is in its first pages. */
#define TEXT_MAX 6000

/* A case staff confirmed: a near-identical request gets the same category. */
struct decided {
	size_t cat;
	uint64_t *keys;
	size_t nkeys;
	char number[16];
};

struct classifier {
	struct decided *decided;
	size_t ndecided;
	struct category *cats;
	size_t ncats;
	struct phrase *phrases;
	size_t nphrases;
	struct linmodel *model;
	struct linmodel *urgency; /* 2 classes: 0 calm, 1 urgent; NULL without labelled examples */
	size_t ntrain;
};

static long find(const struct classifier *cl, const char *code)
{
	for (size_t i = 0; i < cl->ncats; i++)
		if (strcmp(cl->cats[i].code, code) == 0)
			return (long)i;
	return -1;
}

static int load_categories(struct classifier *cl, PGconn *conn)
{
	struct db_kb_category_rows rows;

	if (db_kb_categories(conn, &rows) == -1)
		return -1;
	if (rows.n == 0 || (cl->cats = calloc(rows.n, sizeof(*cl->cats))) == NULL) {
		db_kb_category_rows_free(&rows);
		return -1;
	}
	cl->ncats = rows.n;
	for (size_t i = 0; i < cl->ncats; i++) {
		struct category *c = &cl->cats[i];

		snprintf(c->code, sizeof(c->code), "%s", rows.v[i].code);
		snprintf(c->intent, sizeof(c->intent), "%s", rows.v[i].intent);
		c->urgent = rows.v[i].urgent_default;
		snprintf(c->referrals, sizeof(c->referrals), "%s", rows.v[i].default_referrals);
	}
	db_kb_category_rows_free(&rows);
	return 0;
}

/* The standard answers (latest version of each template) per category. */
static int load_answers(struct classifier *cl, PGconn *conn)
{
	struct db_answer_ids_rows rows;

	if (db_answer_ids(conn, &rows) == -1)
		return -1;
	for (size_t r = 0; r < rows.n; r++) {
		long c = find(cl, rows.v[r].category);

		if (c >= 0)
			snprintf(cl->cats[c].answers, sizeof(cl->cats[c].answers), "%s",
				 rows.v[r].ids);
	}
	db_answer_ids_rows_free(&rows);
	return 0;
}

static int load_phrases(struct classifier *cl, PGconn *conn)
{
	struct db_kb_phrase_rows rows;

	if (db_kb_phrases(conn, &rows) == -1)
		return -1;
	cl->phrases = calloc(rows.n ? rows.n : 1, sizeof(*cl->phrases));
	if (cl->phrases == NULL) {
		db_kb_phrase_rows_free(&rows);
		return -1;
	}
	cl->nphrases = rows.n;
	for (size_t i = 0; i < cl->nphrases; i++) {
		uint64_t *keys;
		size_t n;

		snprintf(cl->phrases[i].code, sizeof(cl->phrases[i].code), "%s", rows.v[i].code);
		cl->phrases[i].weight = rows.v[i].weight;
		/* Taken over from the row: the classifier owns the text from here. */
		cl->phrases[i].text = rows.v[i].phrase;
		rows.v[i].phrase = NULL;
		n = textfeat_ngrams(cl->phrases[i].text, &keys);
		cl->phrases[i].has_key = n > 0;
		cl->phrases[i].key = n > 0 ? keys[n - 1] : 0;
		free(keys);
	}
	db_kb_phrase_rows_free(&rows);
	return 0;
}

/* Trains the model on the example questions and every case whose category staff confirmed. */
static int train(struct classifier *cl, PGconn *conn)
{
	struct db_model_docs rows;
	struct linmodel_doc *docs, *udocs;
	struct linmodel_params params;
	size_t n = 0, nu = 0;

	if (db_model_training(conn, &rows) == -1)
		return -1;
	docs = calloc(rows.n + 1, sizeof(*docs));
	udocs = calloc(rows.n + 1, sizeof(*udocs));
	if (docs == NULL || udocs == NULL) {
		free(docs);
		free(udocs);
		db_model_docs_free(&rows);
		return -1;
	}
	for (size_t r = 0; r < rows.n; r++) {
		long c = find(cl, rows.v[r].category);
		uint64_t *keys;
		size_t nk;

		if (c < 0 || (nk = textfeat_ngrams(rows.v[r].text, &keys)) == 0)
			continue;
		docs[n].keys = keys;
		docs[n].nkeys = nk;
		docs[n].label = (size_t)c;
		docs[n].weight = rows.v[r].from_case ? CASE_WEIGHT : 1.0f;
		/* The same words teach urgency where an example says whether it is urgent. */
		if (rows.v[r].urgent >= 0) {
			udocs[nu] = docs[n];
			udocs[nu].label = rows.v[r].urgent == 1;
			nu++;
		}
		n++;
	}
	db_model_docs_free(&rows);
	linmodel_params_default(&params);
	cl->model = n > 0 ? linmodel_train(docs, n, cl->ncats, &params) : NULL;
	cl->urgency = nu > 0 ? linmodel_train(udocs, nu, 2, &params) : NULL;
	cl->ntrain = n;
	for (size_t i = 0; i < n; i++)
		free((void *)docs[i].keys);
	free(docs);
	free(udocs);
	return (n > 0 && cl->model == NULL) || (nu > 0 && cl->urgency == NULL) ? -1 : 0;
}

/* The cases staff confirmed, as n-gram sets (few: corrections are rare). */
static int load_decided(struct classifier *cl, PGconn *conn)
{
	struct db_model_decided_rows rows;

	if (db_model_decided(conn, &rows) == -1)
		return -1;
	cl->decided = calloc(rows.n + 1, sizeof(*cl->decided));
	if (cl->decided == NULL) {
		db_model_decided_rows_free(&rows);
		return -1;
	}
	for (size_t r = 0; r < rows.n; r++) {
		struct decided *d = &cl->decided[cl->ndecided];
		long c = find(cl, rows.v[r].category);

		if (c < 0 || (d->nkeys = textfeat_ngrams(rows.v[r].text, &d->keys)) == 0)
			continue;
		d->cat = (size_t)c;
		snprintf(d->number, sizeof(d->number), "%s", rows.v[r].number);
		cl->ndecided++;
	}
	db_model_decided_rows_free(&rows);
	return 0;
}

/* Jaccard similarity of two sorted key sets. */
static double similarity(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t i = 0, j = 0, common = 0;

	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			common++;
			i++;
			j++;
		} else if (a[i] < b[j]) {
			i++;
		} else {
			j++;
		}
	}
	return na + nb > common ? (double)common / (double)(na + nb - common) : 0;
}

/* The stored model for the versions in force: 1 loaded, 0 none (or unreadable), -1 error. */
static int load_stored(struct classifier *cl, PGconn *conn)
{
	struct db_model_stored m;
	size_t used = 0;
	bool with_urgency;
	int found;

	if ((found = db_model_get(conn, &m)) != 1)
		return found;
	/* One byte: is there an urgency model after the category model. */
	with_urgency = m.len > 0 && m.data[0] == 1;
	if (m.len > 1 && (cl->model = linmodel_load(m.data + 1, m.len - 1, &used)) != NULL &&
	    with_urgency)
		cl->urgency = linmodel_load(m.data + 1 + used, m.len - 1 - used, NULL);
	free(m.data);
	if (cl->model == NULL || (with_urgency && cl->urgency == NULL)) {
		/* From another machine or an older format: trained again. */
		linmodel_free(cl->model);
		cl->model = NULL;
		return 0;
	}
	cl->ntrain = m.documents;
	return 1;
}

/* Keeps the trained model for the next classifier_load (the first one stored wins). */
static int store(const struct classifier *cl, PGconn *conn)
{
	struct buf blob = BUF_INIT;
	int rc;

	buf_addc(&blob, cl->urgency != NULL ? 1 : 0);
	linmodel_save(cl->model, &blob);
	if (cl->urgency != NULL)
		linmodel_save(cl->urgency, &blob);
	rc = db_model_put(conn, cl->ntrain, linmodel_features(cl->model), blob.data, blob.len);
	buf_free(&blob);
	return rc;
}

struct classifier *classifier_load(PGconn *conn)
{
	struct classifier *cl = calloc(1, sizeof(*cl));
	int stored;

	if (cl == NULL)
		return NULL;
	if (load_categories(cl, conn) == -1 || load_answers(cl, conn) == -1 ||
	    load_phrases(cl, conn) == -1 || load_decided(cl, conn) == -1 ||
	    (stored = load_stored(cl, conn)) == -1) {
		classifier_free(cl);
		return NULL;
	}
	/* Trained here the first time; the next load reads it (store failing only costs time). */
	if (stored == 0) {
		if (train(cl, conn) == -1) {
			classifier_free(cl);
			return NULL;
		}
		if (cl->model != NULL)
			(void)store(cl, conn);
	}
	return cl;
}

void classifier_free(struct classifier *cl)
{
	if (cl == NULL)
		return;
	for (size_t i = 0; i < cl->nphrases; i++)
		free(cl->phrases[i].text);
	for (size_t i = 0; i < cl->ndecided; i++)
		free(cl->decided[i].keys);
	free(cl->decided);
	free(cl->cats);
	free(cl->phrases);
	linmodel_free(cl->model);
	linmodel_free(cl->urgency);
	free(cl);
}

size_t classifier_training_size(const struct classifier *cl)
{
	return cl->ntrain;
}

size_t classifier_features(const struct classifier *cl)
{
	return cl->model != NULL ? linmodel_features(cl->model) : 0;
}

static int cmp_score(const void *a, const void *b)
{
	const struct classify_score *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static void explain(struct classify_result *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void explain(struct classify_result *out, const char *fmt, ...)
{
	va_list ap;

	if (out->nexplain >= CLASSIFY_EXPLAIN_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(out->explain[out->nexplain++], sizeof(out->explain[0]), fmt, ap);
	va_end(ap);
}

/* True when CODE is one of the ;-separated codes of LIST. */
static bool in_list(const char *list, const char *code)
{
	size_t n = strlen(code);

	for (const char *p = list; (p = strstr(p, code)) != NULL; p += n)
		if ((p == list || p[-1] == ';') && (p[n] == ';' || p[n] == '\0'))
			return true;
	return false;
}

static void list_add(char *list, size_t size, const char *code)
{
	size_t len = strlen(list);

	if (in_list(list, code))
		return;
	snprintf(list + len, size - len, "%s%s", len ? ";" : "", code);
}

/* Every code of the ;-separated MORE added to LIST. */
static void add_all(char *list, size_t size, const char *more)
{
	char code[64];

	while (*more != '\0') {
		size_t n = strcspn(more, ";");

		snprintf(code, sizeof(code), "%.*s", (int)n, more);
		if (n > 0)
			list_add(list, size, code);
		more += n + (more[n] == ';');
	}
}

/*
 * The category's own referrals always: they are what the desk's manual
 * names for it, and staff dismiss one that does not apply (a missing body
 * is harder to notice than one too many), also for a question about
 * prevention. What the situation adds (the bank for money sent, the PPC
 * for customers' data lost) only once something has happened.
 */
static void decide_referrals(const struct classifier *cl, const struct category *top,
			     const bool *hit, bool preparation, struct classify_result *out)
{
	char *copy = strdup(top->referrals), *save = NULL;

	out->referrals[0] = '\0';
	for (char *c = copy ? strtok_r(copy, ";", &save) : NULL; c != NULL;
	     c = strtok_r(NULL, ";", &save))
		list_add(out->referrals, sizeof(out->referrals), c);
	free(copy);
	/*
	 * A category the desk refers nowhere (guidebooks, preparation, the desk
	 * itself) answers the request on its own: nothing is added to it.
	 */
	if (out->referrals[0] == '\0')
		return;
	/* What the situation adds: money paid (the bank), customers' data lost (PPC) ... */
	for (size_t p = 0; p < cl->nphrases; p++) {
		const struct phrase *ph = &cl->phrases[p];

		/* Only once something has happened: a question about prevention needs none. */
		if (preparation || strncmp(ph->code, "_refer:", 7) != 0 || !hit[p])
			continue;
		if (in_list(out->referrals, ph->code + 7))
			continue;
		list_add(out->referrals, sizeof(out->referrals), ph->code + 7);
		explain(out, "referral %s 「%s」", ph->code + 7, ph->text);
	}
}

/* The first MAX bytes of S at most, cut on a code point. */
static char *bounded_copy(const char *s, size_t max)
{
	size_t n = strnlen(s, max + 1);
	char *out;

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	if ((out = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * True when every occurrence of PHRASE in TEXT is negated right after it:
 * 「持ち出されないように」「騙されずに」「振り込んでしまわないよう」 say what
 * the sender wants to avoid, not what happened.
 */
static bool only_negated(const char *text, const char *phrase)
{
	static const char *const negations[] = {"ない", "ず", "ません", "なかった", NULL};
	size_t plen = strlen(phrase);

	if (plen == 0)
		return false;
	for (const char *s = text; (s = strstr(s, phrase)) != NULL; s += plen) {
		bool negated = false;

		for (size_t i = 0; negations[i] != NULL && !negated; i++)
			negated = strncmp(s + plen, negations[i], strlen(negations[i])) == 0;
		if (!negated)
			return false;
	}
	return true;
}

/* Signals that say something happened: a negated one says it did not. */
static bool event_signal(const char *code)
{
	return strcmp(code, "_urgent") == 0 || strcmp(code, "_incident") == 0 ||
	       strncmp(code, "_refer:", 7) == 0;
}

/* Which phrases TEXT (with its sorted n-gram KEYS) contains. */
static void phrase_hits(const struct classifier *cl, const char *text, const uint64_t *keys,
			size_t nkeys, bool *hit)
{
	for (size_t p = 0; p < cl->nphrases; p++) {
		const struct phrase *ph = &cl->phrases[p];

		hit[p] = (!ph->has_key ||
			  bsearch(&ph->key, keys, nkeys, sizeof(*keys), cmp_u64) != NULL) &&
			 strstr(text, ph->text) != NULL &&
			 !(event_signal(ph->code) && only_negated(text, ph->text));
	}
}

/*
 * True when every occurrence of PHRASE in TEXT stands inside 「…」 or 『…』:
 * words the sender quotes (a fraudster's 「至急振り込んで」, a fake warning's
 * 「今すぐ電話を」) say what someone else wanted, not that the sender is in a
 * hurry.
 */
static bool only_quoted(const char *text, const char *phrase)
{
	static const char *const open[] = {"「", "『"}, *const close[] = {"」", "』"};
	size_t plen = strlen(phrase);
	int depth = 0;

	if (plen == 0)
		return false;
	for (const char *s = text; *s != '\0';) {
		if (strncmp(s, phrase, plen) == 0) {
			if (depth <= 0)
				return false;
			s += plen;
			continue;
		}
		for (size_t i = 0; i < 2; i++) {
			if (strncmp(s, open[i], 3) == 0)
				depth++;
			else if (strncmp(s, close[i], 3) == 0 && depth > 0)
				depth--;
		}
		s++;
	}
	return true;
}

/*
 * A mail that names the guidebook (_material phrases of weight 5:
 * ガイドブック, 冊子) and asks for a number of copies (「100部ほど」「1箱」) is
 * a guidebook request, whatever else it tells (the seminar the books are
 * for, the trouble that made the sender want them), when the guidebook
 * request is within GUIDEBOOK_FIRST (in logits) of the best category:
 * staff answer it with books. The count is read as the shipping plan reads
 * it, so 「一部の社員」 asks for nothing.
 */
#define GUIDEBOOK_FIRST 3.0

static void guidebook_first(const struct classifier *cl, double *score, bool names_guidebook,
			    const char *text, struct classify_result *out)
{
	long m = find(cl, "material_request");
	double best = -1e300;
	struct shipping_policy policy;
	struct material_request mr;

	if (m < 0 || !names_guidebook)
		return;
	for (size_t i = 0; i < cl->ncats; i++)
		if (score[i] > best)
			best = score[i];
	if (score[m] >= best || best - score[m] > GUIDEBOOK_FIRST)
		return;
	shipping_policy_default(&policy);
	material_extract(text, &policy, &mr);
	if (mr.copies <= 0)
		return;
	explain(out, "guidebook request first: copies asked %s", mr.copies_text.from);
	score[m] = best + 0.01;
}

/* A preparation category of the taxonomy (02.01x: what to do beforehand). */
static bool preparation_category(const struct category *c)
{
	return strncmp(c->code, "measures.", 9) == 0;
}

/*
 * A mail that asks how to prepare and also tells an incident of the
 * sender's own (「…の件は後で構いませんが、今朝…」) is about the incident: the
 * incident is what the desk must act on. Such a mail: an incident is told;
 * something says it is fresh or going on (_fresh phrases: 今朝, 本日, 今も
 * …; they say when, not how bad, so they decide nothing else); nothing says
 * it is over or harmless (calm evidence: 再発防止, 実害はありません … mark a
 * closed incident asking about prevention); and the best preparation
 * category and the best incident category (urgent by default) are within
 * INCIDENT_FIRST (in logits) of each other. The incident category then
 * goes first. Returns whether the mail is such a mix.
 */
static bool incident_first(const struct classifier *cl, double *score, int incident_signal,
			   int fresh_signal, int calm_signal, struct classify_result *out)
{
	long prep = -1, inc = -1;

	if (incident_signal < INCIDENT_TOLD || fresh_signal == 0 || calm_signal > 0)
		return false;
	for (size_t i = 0; i < cl->ncats; i++) {
		if (preparation_category(&cl->cats[i]) && (prep < 0 || score[i] > score[prep]))
			prep = (long)i;
		if (cl->cats[i].urgent && (inc < 0 || score[i] > score[inc]))
			inc = (long)i;
	}
	if (prep < 0 || inc < 0 || fabs(score[prep] - score[inc]) > INCIDENT_FIRST)
		return false;
	if (score[prep] >= score[inc]) {
		explain(out, "incident told: %s before the preparation question (%s)",
			cl->cats[inc].code, cl->cats[prep].code);
		score[inc] = score[prep] + 0.01;
	}
	return true;
}

void classify_text(const struct classifier *cl, const char *full_text, struct classify_result *out)
{
	double *score = calloc(cl->ncats, sizeof(*score));
	struct classify_score *all = calloc(cl->ncats, sizeof(*all));
	bool *hit = calloc(cl->nphrases + 1, sizeof(*hit));
	char *text = bounded_copy(full_text, TEXT_MAX);
	uint64_t *keys = NULL;
	size_t nkeys = text != NULL ? textfeat_ngrams(text, &keys) : 0;
	int urgent_signal = 0, calm_signal = 0, material_signal = 0, incident_signal = 0;
	int fresh_signal = 0;
	bool names_guidebook = false;
	double max = -1e300, sum = 0;

	memset(out, 0, sizeof(*out));
	if (score == NULL || all == NULL || hit == NULL || text == NULL) {
		free(score);
		free(all);
		free(hit);
		free(text);
		free(keys);
		return;
	}
	phrase_hits(cl, text, keys, nkeys, hit);
	if (cl->model != NULL)
		linmodel_scores(cl->model, keys, nkeys, score);
	for (size_t p = 0; p < cl->nphrases; p++) {
		const struct phrase *ph = &cl->phrases[p];
		long c;

		if (!hit[p])
			continue;
		if (strcmp(ph->code, "_urgent") == 0 && only_quoted(text, ph->text)) {
			explain(out, "urgent 「%s」 only in quotes: not the sender's words",
				ph->text);
		} else if (strcmp(ph->code, "_urgent") == 0) {
			urgent_signal += ph->weight;
			explain(out, "urgent +%d 「%s」", ph->weight, ph->text);
		} else if (strcmp(ph->code, "_calm") == 0) {
			calm_signal += ph->weight;
			explain(out, "calm +%d 「%s」", ph->weight, ph->text);
		} else if (strcmp(ph->code, "_material") == 0) {
			material_signal += ph->weight;
			names_guidebook = names_guidebook || ph->weight >= 5;
		} else if (strcmp(ph->code, "_fresh") == 0) {
			fresh_signal += ph->weight;
			explain(out, "fresh +%d 「%s」", ph->weight, ph->text);
		} else if (strcmp(ph->code, "_incident") == 0) {
			incident_signal += ph->weight;
			explain(out, "incident +%d 「%s」", ph->weight, ph->text);
		} else if ((c = find(cl, ph->code)) >= 0) {
			score[c] += PHRASE_FACTOR * ph->weight;
			explain(out, "phrase %s +%.2f 「%s」", ph->code, PHRASE_FACTOR * ph->weight,
				ph->text);
		}
	}
	/*
	 * Staff decided a near-identical request (the same mail sent again, a
	 * form letter): their category wins over what the model learnt.
	 */
	for (size_t d = 0; d < cl->ndecided; d++) {
		double sim = similarity(keys, nkeys, cl->decided[d].keys, cl->decided[d].nkeys);

		if (sim >= NEAR_IDENTICAL) {
			score[cl->decided[d].cat] += DECIDED_BOOST;
			explain(out, "decided %s like case %s (%.0f%% the same words)",
				cl->cats[cl->decided[d].cat].code, cl->decided[d].number, sim * 100);
		}
	}
	bool mixed = incident_first(cl, score, incident_signal, fresh_signal, calm_signal, out);

	guidebook_first(cl, score, names_guidebook, text, out);
	for (size_t i = 0; i < cl->ncats; i++)
		if (score[i] > max)
			max = score[i];
	for (size_t i = 0; i < cl->ncats; i++) {
		all[i].score = exp(score[i] - max);
		sum += all[i].score;
		all[i].index = i;
	}
	for (size_t i = 0; i < cl->ncats; i++)
		all[i].score /= sum;
	qsort(all, cl->ncats, sizeof(*all), cmp_score);
	out->nscores = cl->ncats < CLASSIFY_MAX ? cl->ncats : CLASSIFY_MAX;
	for (size_t i = 0; i < out->nscores; i++) {
		out->scores[i] = all[i];
		snprintf(out->scores[i].code, sizeof(out->scores[i].code), "%s",
			 cl->cats[all[i].index].code);
	}
	/* The n-grams that spoke most for the winner. */
	if (cl->model != NULL) {
		struct linmodel_contrib top[6];
		size_t n = linmodel_explain(cl->model, keys, nkeys, all[0].index, top, 6);

		for (size_t i = 0; i < n; i++) {
			char gram[16];

			textfeat_key_text(top[i].key, gram, sizeof(gram));
			explain(out, "feature %s +%.2f 「%s」", cl->cats[all[0].index].code,
				top[i].value, gram);
		}
	}
	{
		const struct category *top = &cl->cats[all[0].index];

		/*
		 * Urgency: the words (model trained on labelled examples), the
		 * category's default and the manual's urgency phrases, added as
		 * evidence in log-odds.
		 */
		double u = (top->urgent ? 1 : -1) * URGENCY_CATEGORY +
			   (urgent_signal - calm_signal) * URGENCY_SIGNAL;

		if (cl->urgency != NULL) {
			double z[2];

			linmodel_scores(cl->urgency, keys, nkeys, z);
			double words = z[1] - z[0];

			/*
			 * The preparation question's words read calm and would
			 * outweigh the few that tell the incident: in a mix only
			 * the words for urgency count, the rest is left to the
			 * category and the phrases.
			 */
			if (mixed && words < 0) {
				explain(out,
					"urgency words %+.2f left out: preparation and incident",
					words);
				words = 0;
			}
			u += words * URGENCY_MODEL;
		}
		/* The desk answers a guidebook request with the books: never urgent,
		 * unless the mail tells of an incident (then it may be a consultation). */
		if (strcmp(top->intent, "material_request") == 0 && u > 0 && incident_signal == 0) {
			explain(out, "urgency %+.2f set aside: a guidebook request", u);
			u = -1;
		}
		out->urgent = u > 0;
		explain(out, "urgency %+.2f (category %s %s)", u, top->code,
			top->urgent ? "urgent by default" : "calm by default");
		snprintf(out->intent, sizeof(out->intent), "%s", top->intent);
		snprintf(out->answers, sizeof(out->answers), "%s", top->answers);
		/*
		 * A preparation question (calm, and no incident told, not even a
		 * past one) needs no police or legal aid; an incident does, even
		 * one that is over.
		 */
		bool preparation = u < PREPARATION && incident_signal == 0;

		decide_referrals(cl, top, hit, preparation, out);
		/*
		 * A close call: the runner-up's bodies too, so that staff see them
		 * rather than miss them (a wrong referral is cheaper to drop than
		 * a missing one to find). Not for a guidebook request: it is
		 * answered with the books, never with a referral.
		 */
		if (cl->ncats > 1 && all[1].score >= CLOSE_CALL * all[0].score &&
		    strcmp(top->intent, "material_request") != 0) {
			struct classify_result second;
			const struct category *next = &cl->cats[all[1].index];

			memset(&second, 0, sizeof(second));
			second.urgent = out->urgent;
			decide_referrals(cl, next, hit, preparation, &second);
			add_all(out->referrals, sizeof(out->referrals), second.referrals);
		}
	}
	out->urgent_signal = urgent_signal;
	out->calm_signal = calm_signal;
	out->material_signal = material_signal;
	free(score);
	free(all);
	free(keys);
	free(hit);
	free(text);
}

int classifier_stamp(PGconn *conn, char *out, size_t outsz)
{
	return db_model_stamp(conn, out, outsz);
}
