/*
 * linmodel.h - a multinomial logistic regression over sparse binary
 * features (n-gram keys from textfeat.h), trained in memory.
 *
 * Training is deterministic (fixed order and seed), so every worker that
 * trains from the same data holds the same model.
 */
#ifndef MADOGUCHI_LINMODEL_H
#define MADOGUCHI_LINMODEL_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct linmodel;

struct linmodel_doc {
	const uint64_t *keys; /* distinct feature keys */
	size_t nkeys;
	size_t label;         /* class index */
	float weight;         /* how much this document counts */
};

struct linmodel_params {
	int epochs;
	double rate;   /* AdaGrad step */
	double l2;     /* weight decay per update of a feature */
	unsigned min_df; /* features seen in fewer documents are dropped */
};

void linmodel_params_default(struct linmodel_params *p);

/* Trains a model over NCLASSES from DOCS. NULL when out of memory or nothing to learn. */
struct linmodel *linmodel_train(const struct linmodel_doc *docs, size_t ndocs, size_t nclasses,
				const struct linmodel_params *p);

/* Class scores (logits, NCLASSES of them) of a document with KEYS. */
void linmodel_scores(const struct linmodel *m, const uint64_t *keys, size_t nkeys, double *out);

struct linmodel_contrib {
	uint64_t key;
	double value; /* what the feature added to the class's score */
};

/* The features of KEYS that added most to class CLS, best first. Returns how many. */
size_t linmodel_explain(const struct linmodel *m, const uint64_t *keys, size_t nkeys, size_t cls,
			struct linmodel_contrib *out, size_t max);

/*
 * The model as bytes (appended to OUT), and back. The bytes are for this
 * machine's byte order and float format; a model from elsewhere is
 * refused (NULL) and simply trained again.
 */
void linmodel_save(const struct linmodel *m, struct buf *out);
struct linmodel *linmodel_load(const unsigned char *data, size_t len, size_t *used);

/* Number of features the model kept. */
size_t linmodel_features(const struct linmodel *m);

void linmodel_free(struct linmodel *m);

#endif
