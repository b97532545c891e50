/*
 * db_model.h - what the classifier is built from: the documents it trains
 * on, the cases staff decided, and the trained model kept for the next
 * load. Everything is for the knowledge base version and the model version
 * in force (the highest of each).
 *
 * Lists are owned by the caller and freed with their _free function, which
 * also takes a list that was never filled (zeroed) or only half filled.
 */
#ifndef MADOGUCHI_DB_MODEL_H
#define MADOGUCHI_DB_MODEL_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One training document: an example question of the knowledge base, or a confirmed case. */
struct db_model_doc {
	char *category;
	char *text;     /* an example, or a case's subject, a newline and its words */
	bool from_case; /* a case staff confirmed (counts more than an example) */
	int urgent;     /* 1 urgent, 0 calm, -1 not labelled (every case) */
};

struct db_model_docs {
	struct db_model_doc *v;
	size_t n;
};

/*
 * The training documents: the examples of the knowledge base in force,
 * then the cases whose category staff set or confirmed, in a fixed order
 * (the same data always trains the same model). 0 or -1.
 */
int db_model_training(PGconn *conn, struct db_model_docs *out) __attribute__((warn_unused_result));
void db_model_docs_free(struct db_model_docs *docs);

/* A case whose category staff set or confirmed. */
struct db_model_decided {
	char *category;
	char *number;
	char *text; /* subject, a newline and the request's words */
};

struct db_model_decided_rows {
	struct db_model_decided *v;
	size_t n;
};

/* Every case whose category staff set or confirmed. 0 or -1. */
int db_model_decided(PGconn *conn, struct db_model_decided_rows *out)
    __attribute__((warn_unused_result));
void db_model_decided_rows_free(struct db_model_decided_rows *rows);

/* A stored model: the bytes linmodel wrote and how many documents it was trained on. */
struct db_model_stored {
	unsigned char *data; /* owned: free() it */
	size_t len;
	uint32_t documents;
};

/*
 * The model stored for the versions in force: 1 with it in OUT (the caller
 * frees OUT->data), 0 when there is none, -1 on error.
 */
int db_model_get(PGconn *conn, struct db_model_stored *out) __attribute__((warn_unused_result));

/*
 * Stores DATA (LEN bytes), trained on DOCUMENTS documents and keeping
 * FEATURES features, for the versions in force; the first one stored
 * wins, a later one is dropped. 0 or -1.
 */
int db_model_put(PGconn *conn, size_t documents, size_t features, const void *data, size_t len)
    __attribute__((warn_unused_result));

/*
 * "kb version:model version" of what is in force ("0:0" before any), into
 * OUT; a worker rebuilds its classifier when this changes. 0 or -1.
 */
int db_model_stamp(PGconn *conn, char *out, size_t outsz) __attribute__((warn_unused_result));

/*
 * Records a new model version (each `madoctl train` makes one) trained by
 * TRAINED_BY on every case whose category staff confirmed. Sets *ID to the
 * new version and *CASES_USED to how many cases it counts. 0 or -1.
 */
int db_model_version_add(PGconn *conn, const char *trained_by, int64_t *id, int64_t *cases_used)
    __attribute__((warn_unused_result));

#endif
