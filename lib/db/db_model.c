/*
 * db_model.c - SQL for the classifier's training data and stored models.
 *
 * The classifier is loaded once per knowledge base or model version, not
 * per case: these statements are off the workers' hot path except the
 * stamp, which a worker reads before each batch of jobs and which stays a
 * single statement.
 */
#include "db_model.h"

#include "db.h"
#include "db_result.h"
#include "log.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DB_STATEMENT(model_training, 0,
	     "SELECT code, example, false, urgent FROM kb_examples"
	     " WHERE version_id = (SELECT max(id) FROM kb_versions)"
	     " UNION ALL SELECT c.category,"
	     " c.subject || E'\\n' || coalesce(m.own_words, m.body_text, ''), true, NULL"
	     " FROM cases c JOIN case_messages m ON m.case_id = c.id"
	     " AND m.kind = 'request'"
	     " WHERE c.category IS NOT NULL AND c.category_confirmed"
	     /* A fixed order: the same data always trains the same model. */
	     " ORDER BY 3, 1, 2");

DB_STATEMENT(model_decided, 0,
	     "SELECT c.category, c.number,"
	     " c.subject || E'\\n' || coalesce(m.own_words, m.body_text, '')"
	     " FROM cases c JOIN case_messages m ON m.case_id = c.id"
	     " AND m.kind = 'request'"
	     " WHERE c.category IS NOT NULL AND c.category_confirmed");

/* Binary result: the model's bytes as they are, documents as a network-order int4. */
DB_STATEMENT(model_get, 0,
	     "SELECT data, documents FROM classifier_models"
	     " WHERE kb_version = (SELECT max(id) FROM kb_versions)"
	     " AND model_version = coalesce((SELECT max(id) FROM model_versions), 0)");

DB_STATEMENT(model_put, 3,
	     "INSERT INTO classifier_models"
	     " (kb_version, model_version, documents, features, data)"
	     " SELECT max(id), coalesce((SELECT max(id) FROM model_versions), 0),"
	     " $1::int, $2::int, $3::bytea FROM kb_versions"
	     " ON CONFLICT DO NOTHING");

DB_STATEMENT(model_stamp, 0,
	     "SELECT coalesce((SELECT max(id) FROM kb_versions), 0) || ':' ||"
	     " coalesce((SELECT max(id) FROM model_versions), 0)");

static void out_of_memory(const struct db_stmt *stmt)
{
	log_warnx("db query=%s error=\"out of memory\"", stmt->name);
}

static int parse_docs(const PGresult *res, struct db_model_docs *out)
{
	int n = PQntuples(res);

	if (!db_result_has_fields(res, &model_training, 4))
		return -1;
	if ((out->v = calloc((size_t)n + 1, sizeof(*out->v))) == NULL)
		goto oom;
	for (int r = 0; r < n; r++) {
		struct db_model_doc *d = &out->v[r];

		out->n++;
		d->category = strdup(PQgetvalue(res, r, 0));
		d->text = strdup(PQgetvalue(res, r, 1));
		if (d->category == NULL || d->text == NULL)
			goto oom;
		d->from_case = strcmp(PQgetvalue(res, r, 2), "t") == 0;
		d->urgent = PQgetisnull(res, r, 3) ? -1 : strcmp(PQgetvalue(res, r, 3), "t") == 0;
	}
	return 0;
oom:
	out_of_memory(&model_training);
	return -1;
}

int db_model_training(PGconn *conn, struct db_model_docs *out)
{
	PGresult *res = db_run(conn, &model_training, NULL, PGRES_TUPLES_OK);
	int rc;

	memset(out, 0, sizeof(*out));
	if (res == NULL)
		return -1;
	rc = parse_docs(res, out);
	PQclear(res);
	if (rc == -1)
		db_model_docs_free(out);
	return rc;
}

void db_model_docs_free(struct db_model_docs *docs)
{
	for (size_t i = 0; i < docs->n; i++) {
		free(docs->v[i].category);
		free(docs->v[i].text);
	}
	free(docs->v);
	docs->v = NULL;
	docs->n = 0;
}

static int parse_decided(const PGresult *res, struct db_model_decided_rows *out)
{
	int n = PQntuples(res);

	if (!db_result_has_fields(res, &model_decided, 3))
		return -1;
	if ((out->v = calloc((size_t)n + 1, sizeof(*out->v))) == NULL)
		goto oom;
	for (int r = 0; r < n; r++) {
		struct db_model_decided *d = &out->v[r];

		out->n++;
		d->category = strdup(PQgetvalue(res, r, 0));
		d->number = strdup(PQgetvalue(res, r, 1));
		d->text = strdup(PQgetvalue(res, r, 2));
		if (d->category == NULL || d->number == NULL || d->text == NULL)
			goto oom;
	}
	return 0;
oom:
	out_of_memory(&model_decided);
	return -1;
}

int db_model_decided(PGconn *conn, struct db_model_decided_rows *out)
{
	PGresult *res = db_run(conn, &model_decided, NULL, PGRES_TUPLES_OK);
	int rc;

	memset(out, 0, sizeof(*out));
	if (res == NULL)
		return -1;
	rc = parse_decided(res, out);
	PQclear(res);
	if (rc == -1)
		db_model_decided_rows_free(out);
	return rc;
}

void db_model_decided_rows_free(struct db_model_decided_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->v[i].category);
		free(rows->v[i].number);
		free(rows->v[i].text);
	}
	free(rows->v);
	rows->v = NULL;
	rows->n = 0;
}

static int parse_stored(const PGresult *res, struct db_model_stored *out)
{
	uint32_t documents;

	if (!db_result_has_fields(res, &model_get, 2))
		return -1;
	if (PQgetlength(res, 0, 1) != (int)sizeof(documents)) {
		log_warnx("db query=%s error=\"documents is not an int4\"", model_get.name);
		return -1;
	}
	out->len = (size_t)PQgetlength(res, 0, 0);
	/* One byte more: an empty model is still an allocation the caller frees. */
	if ((out->data = malloc(out->len + 1)) == NULL) {
		out_of_memory(&model_get);
		return -1;
	}
	memcpy(out->data, PQgetvalue(res, 0, 0), out->len);
	memcpy(&documents, PQgetvalue(res, 0, 1), sizeof(documents));
	out->documents = ntohl(documents);
	return 1;
}

int db_model_get(PGconn *conn, struct db_model_stored *out)
{
	PGresult *res = db_run_bin(conn, &model_get, NULL, NULL, NULL, 1, PGRES_TUPLES_OK);
	int rc;

	memset(out, 0, sizeof(*out));
	if (res == NULL)
		return -1;
	rc = PQntuples(res) == 0 ? 0 : parse_stored(res, out);
	PQclear(res);
	return rc;
}

int db_model_put(PGconn *conn, size_t documents, size_t features, const void *data, size_t len)
{
	char docs[24], feats[24];
	const char *params[3] = {docs, feats, (const char *)data};
	const int lengths[3] = {0, 0, (int)len}, formats[3] = {0, 0, 1};
	PGresult *res;

	snprintf(docs, sizeof(docs), "%zu", documents);
	snprintf(feats, sizeof(feats), "%zu", features);
	res = db_run_bin(conn, &model_put, params, lengths, formats, 0, PGRES_COMMAND_OK);
	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}

int db_model_stamp(PGconn *conn, char *out, size_t outsz)
{
	PGresult *res = db_run(conn, &model_stamp, NULL, PGRES_TUPLES_OK);
	int rc = -1;

	if (res == NULL)
		return -1;
	if (db_result_has_fields(res, &model_stamp, 1) && PQntuples(res) == 1) {
		snprintf(out, outsz, "%s", PQgetvalue(res, 0, 0));
		rc = 0;
	}
	PQclear(res);
	return rc;
}

DB_STATEMENT(model_version_add_insert, 1,
	     "INSERT INTO model_versions (trained_by, cases_used)"
	     " SELECT $1, count(*) FROM cases WHERE category_confirmed"
	     " RETURNING id, cases_used");

int db_model_version_add(PGconn *conn, const char *trained_by, int64_t *id, int64_t *cases_used)
{
	const char *params[1] = {trained_by};
	PGresult *res;

	res = db_run_rows(conn, &model_version_add_insert, params, 2);
	if (res == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return -1;
	}
	*id = db_result_int64(res, 0, 0);
	*cases_used = db_result_int64(res, 0, 1);
	PQclear(res);
	return 0;
}
