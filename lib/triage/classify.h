/*
 * classify.h - triage of a request's text against the knowledge base.
 */
#ifndef MADOGUCHI_CLASSIFY_H
#define MADOGUCHI_CLASSIFY_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#define CLASSIFY_MAX 5
#define CLASSIFY_EXPLAIN_MAX 32

struct classifier;

struct classify_score {
	char code[48];
	double score; /* probability, the scores of all categories sum to 1 */
	size_t index;
};

struct classify_result {
	struct classify_score scores[CLASSIFY_MAX]; /* best first */
	size_t nscores;
	char intent[24];     /* of the best category: consultation, material_request, other */
	bool urgent;
	char referrals[256]; /* ;-separated codes */
	char answers[256];   /* ;-separated answer template ids of the category */
	int urgent_signal, calm_signal, material_signal;
	char explain[CLASSIFY_EXPLAIN_MAX][160]; /* phrases and n-grams that counted */
	size_t nexplain;
};

/*
 * The classifier for the knowledge base and model version in force: the
 * stored model, or trained from the example requests and staff-confirmed
 * cases (and stored for the next load). NULL if there is no knowledge base.
 */
struct classifier *classifier_load(PGconn *conn);
void classifier_free(struct classifier *cl);

/*
 * The state the classifier was built from ("kb version:model version");
 * a worker rebuilds its classifier when this changes. 0 or -1.
 */
int classifier_stamp(PGconn *conn, char *out, size_t outsz) __attribute__((warn_unused_result));

/* How many documents (example questions, confirmed cases) the model was trained on. */
size_t classifier_training_size(const struct classifier *cl);
/* How many n-gram features the model kept. */
size_t classifier_features(const struct classifier *cl);

/* Classifies TEXT (UTF-8: the subject and the sender's own words). */
void classify_text(const struct classifier *cl, const char *text, struct classify_result *out);

#endif
