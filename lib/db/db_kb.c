/*
 * db_kb.c - SQL for the knowledge base tables.
 *
 * An import sends each table as one statement: every column travels as
 * one binary text[] parameter and the rows come back together with
 * unnest(), so a directory of thousands of rows is a handful of round
 * trips, every value still a parameter.
 */
#include "db_kb.h"

#include "buf.h"
#include "db.h"
#include "db_result.h"
#include "log.h"
#include "pgarray.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DB_STATEMENT(kb_version_same, 1,
	     "SELECT id FROM kb_versions WHERE sha256 = $1 AND id = (SELECT max(id) FROM kb_versions)");

DB_STATEMENT(kb_version_add, 3,
	     "INSERT INTO kb_versions (sha256, source, imported_by) VALUES ($1, $2, $3)"
	     " RETURNING id");

DB_STATEMENT(kb_categories_add, 9,
	     "INSERT INTO kb_categories SELECT $1::int, c, s, l, i, u::boolean,"
	     " r::text[], g::text[], d FROM unnest($2::text[], $3::text[], $4::text[],"
	     " $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])"
	     " AS t(c, s, l, i, u, r, g, d)");

DB_STATEMENT(kb_phrases_add, 4,
	     "INSERT INTO kb_phrases SELECT $1::int, c, w::int, p"
	     " FROM unnest($2::text[], $3::text[], $4::text[]) AS t(c, w, p)");

DB_STATEMENT(kb_examples_add, 4,
	     "INSERT INTO kb_examples (version_id, code, urgent, example)"
	     " SELECT $1::int, c, u::boolean, e"
	     " FROM unnest($2::text[], $3::text[], $4::text[]) AS t(c, u, e)");

DB_STATEMENT(kb_referrals_add, 12,
	     "INSERT INTO kb_referrals SELECT $1::int, c, n, k, nullif(p, ''),"
	     " nullif(e, ''), nullif(f, ''), w, s, nullif(v, '')::date, nv::boolean,"
	     " nullif(o, '') FROM unnest($2::text[], $3::text[], $4::text[], $5::text[],"
	     " $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],"
	     " $12::text[]) AS t(c, n, k, p, e, f, w, s, v, nv, o)");

DB_STATEMENT(kb_categories_in_force, 0,
	     "SELECT code, intent, urgent_default,"
	     " array_to_string(default_referrals, ';'), label_ja"
	     " FROM kb_categories WHERE version_id = (SELECT max(id) FROM kb_versions)"
	     " ORDER BY code");

DB_STATEMENT(kb_phrases_in_force, 0,
	     "SELECT code, weight, phrase FROM kb_phrases"
	     " WHERE version_id = (SELECT max(id) FROM kb_versions)");

DB_STATEMENT(kb_referral_exists, 1,
	     "SELECT count(*) FROM kb_referrals WHERE code = $1"
	     " AND version_id = (SELECT max(id) FROM kb_versions)");

DB_STATEMENT(kb_referral_best, 1,
	     "SELECT name_ja, kind, coalesce(phone, ''), coalesce(email, ''),"
	     " coalesce(form_url, ''), needs_verification FROM kb_referrals"
	     " WHERE code = $1 AND version_id = (SELECT max(id) FROM kb_versions)"
	     " ORDER BY needs_verification, verified_on DESC NULLS LAST LIMIT 1");

/* The most columns an import statement sends besides the version. */
#define KB_COLUMNS_MAX 11

static void out_of_memory(const struct db_stmt *stmt)
{
	log_warnx("db query=%s error=\"out of memory\"", stmt->name);
}

static bool is_true(const PGresult *res, int r, int c)
{
	return strcmp(PQgetvalue(res, r, c), "t") == 0;
}

int db_kb_version_same(PGconn *conn, const unsigned char sha[32], int *version)
{
	const char *params[1] = {(const char *)sha};
	const int lengths[1] = {32}, formats[1] = {1};
	PGresult *res = db_run_bin(conn, &kb_version_same, params, lengths, formats, 0,
				   PGRES_TUPLES_OK);
	int rc = -1;

	if (res == NULL)
		return -1;
	if (db_result_has_fields(res, &kb_version_same, 1)) {
		rc = PQntuples(res) == 1;
		if (rc == 1)
			*version = atoi(PQgetvalue(res, 0, 0));
	}
	PQclear(res);
	return rc;
}

int db_kb_version_add(PGconn *conn, const unsigned char sha[32], const char *source,
		      const char *actor, int *version)
{
	const char *params[3] = {(const char *)sha, source, actor};
	const int lengths[3] = {32, 0, 0}, formats[3] = {1, 0, 0};
	PGresult *res = db_run_bin(conn, &kb_version_add, params, lengths, formats, 0,
				   PGRES_TUPLES_OK);
	int rc = -1;

	if (res == NULL)
		return -1;
	if (db_result_has_fields(res, &kb_version_add, 1) && PQntuples(res) == 1) {
		*version = atoi(PQgetvalue(res, 0, 0));
		rc = 0;
	}
	PQclear(res);
	return rc;
}

static void add_text(struct pgarray *a, const char *s)
{
	pgarray_add(a, s, strlen(s));
}

static void add_bool(struct pgarray *a, bool b)
{
	add_text(a, b ? "t" : "f");
}

/* A list of codes separated by ';' or ' ' as one text[] element (an array literal, cast in SQL). */
static void add_list(struct pgarray *a, const char *list)
{
	struct buf lit = BUF_INIT;
	char *copy = strdup(list), *save = NULL;
	bool first = true;

	buf_addc(&lit, '{');
	for (char *c = copy != NULL ? strtok_r(copy, "; ", &save) : NULL; c != NULL;
	     c = strtok_r(NULL, "; ", &save)) {
		if (!first)
			buf_addc(&lit, ',');
		buf_addc(&lit, '"');
		for (const char *p = c; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				buf_addc(&lit, '\\');
			buf_addc(&lit, *p);
		}
		buf_addc(&lit, '"');
		first = false;
	}
	buf_addc(&lit, '}');
	pgarray_add(a, lit.data, lit.len);
	buf_free(&lit);
	free(copy);
}

/* Runs STMT with VERSION and the NCOLS arrays of COLS (freed here). 0 or -1. */
static int run_columns(PGconn *conn, const struct db_stmt *stmt, int version,
		       struct pgarray *cols, int ncols)
{
	char v[16];
	const char *params[KB_COLUMNS_MAX + 1];
	int lengths[KB_COLUMNS_MAX + 1] = {0}, formats[KB_COLUMNS_MAX + 1] = {0};
	PGresult *res;

	snprintf(v, sizeof(v), "%d", version);
	params[0] = v;
	for (int i = 0; i < ncols; i++) {
		params[i + 1] = pgarray_value(&cols[i], &lengths[i + 1]);
		formats[i + 1] = 1;
	}
	res = db_run_bin(conn, stmt, params, lengths, formats, 0, PGRES_COMMAND_OK);
	for (int i = 0; i < ncols; i++)
		pgarray_free(&cols[i]);
	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}

static void init_columns(struct pgarray *cols, int ncols)
{
	for (int i = 0; i < ncols; i++)
		pgarray_init(&cols[i], PG_OID_TEXT);
}

int db_kb_categories_add(PGconn *conn, int version, const struct db_kb_category *v, size_t n)
{
	struct pgarray cols[8];

	init_columns(cols, 8);
	for (size_t r = 0; r < n; r++) {
		add_text(&cols[0], v[r].code);
		add_text(&cols[1], v[r].seed_ref);
		add_text(&cols[2], v[r].label_ja);
		add_text(&cols[3], v[r].intent);
		add_bool(&cols[4], v[r].urgent_default);
		add_list(&cols[5], v[r].default_referrals);
		add_list(&cols[6], v[r].guidebook_pages);
		add_text(&cols[7], v[r].description_ja);
	}
	return run_columns(conn, &kb_categories_add, version, cols, 8);
}

int db_kb_phrases_add(PGconn *conn, int version, const struct db_kb_phrase *v, size_t n)
{
	struct pgarray cols[3];

	init_columns(cols, 3);
	for (size_t r = 0; r < n; r++) {
		add_text(&cols[0], v[r].code);
		add_text(&cols[1], v[r].weight);
		add_text(&cols[2], v[r].phrase);
	}
	return run_columns(conn, &kb_phrases_add, version, cols, 3);
}

int db_kb_examples_add(PGconn *conn, int version, const struct db_kb_example *v, size_t n)
{
	struct pgarray cols[3];

	init_columns(cols, 3);
	for (size_t r = 0; r < n; r++) {
		add_text(&cols[0], v[r].code);
		if (v[r].urgent < 0)
			pgarray_add(&cols[1], NULL, 0);
		else
			add_bool(&cols[1], v[r].urgent == 1);
		add_text(&cols[2], v[r].example);
	}
	return run_columns(conn, &kb_examples_add, version, cols, 3);
}

int db_kb_referrals_add(PGconn *conn, int version, const struct db_kb_referral *v, size_t n)
{
	struct pgarray cols[11];

	init_columns(cols, 11);
	for (size_t r = 0; r < n; r++) {
		add_text(&cols[0], v[r].code);
		add_text(&cols[1], v[r].name_ja);
		add_text(&cols[2], v[r].kind);
		add_text(&cols[3], v[r].phone);
		add_text(&cols[4], v[r].email);
		add_text(&cols[5], v[r].form_url);
		add_text(&cols[6], v[r].when_ja);
		add_text(&cols[7], v[r].source);
		add_text(&cols[8], v[r].verified_on);
		add_bool(&cols[9], v[r].needs_verification);
		add_text(&cols[10], v[r].note);
	}
	return run_columns(conn, &kb_referrals_add, version, cols, 11);
}

static int parse_categories(const PGresult *res, struct db_kb_category_rows *out)
{
	int n = PQntuples(res);

	if (!db_result_has_fields(res, &kb_categories_in_force, 5))
		return -1;
	if ((out->v = calloc((size_t)n + 1, sizeof(*out->v))) == NULL)
		goto oom;
	for (int r = 0; r < n; r++) {
		struct db_kb_category_row *c = &out->v[r];

		out->n++;
		c->code = strdup(PQgetvalue(res, r, 0));
		c->intent = strdup(PQgetvalue(res, r, 1));
		c->urgent_default = is_true(res, r, 2);
		c->default_referrals = strdup(PQgetvalue(res, r, 3));
		c->label = strdup(PQgetvalue(res, r, 4));
		if (c->code == NULL || c->intent == NULL || c->default_referrals == NULL ||
		    c->label == NULL)
			goto oom;
	}
	return 0;
oom:
	out_of_memory(&kb_categories_in_force);
	return -1;
}

int db_kb_categories(PGconn *conn, struct db_kb_category_rows *out)
{
	PGresult *res = db_run(conn, &kb_categories_in_force, NULL, PGRES_TUPLES_OK);
	int rc;

	memset(out, 0, sizeof(*out));
	if (res == NULL)
		return -1;
	rc = parse_categories(res, out);
	PQclear(res);
	if (rc == -1)
		db_kb_category_rows_free(out);
	return rc;
}

void db_kb_category_rows_free(struct db_kb_category_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->v[i].code);
		free(rows->v[i].intent);
		free(rows->v[i].default_referrals);
		free(rows->v[i].label);
	}
	free(rows->v);
	rows->v = NULL;
	rows->n = 0;
}

static int parse_phrases(const PGresult *res, struct db_kb_phrase_rows *out)
{
	int n = PQntuples(res);

	if (!db_result_has_fields(res, &kb_phrases_in_force, 3))
		return -1;
	if ((out->v = calloc((size_t)n + 1, sizeof(*out->v))) == NULL)
		goto oom;
	for (int r = 0; r < n; r++) {
		struct db_kb_phrase_row *p = &out->v[r];

		out->n++;
		p->code = strdup(PQgetvalue(res, r, 0));
		p->weight = atoi(PQgetvalue(res, r, 1));
		p->phrase = strdup(PQgetvalue(res, r, 2));
		if (p->code == NULL || p->phrase == NULL)
			goto oom;
	}
	return 0;
oom:
	out_of_memory(&kb_phrases_in_force);
	return -1;
}

int db_kb_phrases(PGconn *conn, struct db_kb_phrase_rows *out)
{
	PGresult *res = db_run(conn, &kb_phrases_in_force, NULL, PGRES_TUPLES_OK);
	int rc;

	memset(out, 0, sizeof(*out));
	if (res == NULL)
		return -1;
	rc = parse_phrases(res, out);
	PQclear(res);
	if (rc == -1)
		db_kb_phrase_rows_free(out);
	return rc;
}

void db_kb_phrase_rows_free(struct db_kb_phrase_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->v[i].code);
		free(rows->v[i].phrase);
	}
	free(rows->v);
	rows->v = NULL;
	rows->n = 0;
}

int db_kb_referral_exists(PGconn *conn, const char *code)
{
	const char *params[1] = {code};
	PGresult *res = db_run(conn, &kb_referral_exists, params, PGRES_TUPLES_OK);
	int rc = -1;

	if (res == NULL)
		return -1;
	if (db_result_has_fields(res, &kb_referral_exists, 1) && PQntuples(res) == 1)
		rc = strcmp(PQgetvalue(res, 0, 0), "0") != 0;
	PQclear(res);
	return rc;
}

static int parse_referral(const PGresult *res, struct db_kb_referral_row *out)
{
	if (!db_result_has_fields(res, &kb_referral_best, 6))
		return -1;
	out->name_ja = strdup(PQgetvalue(res, 0, 0));
	out->kind = strdup(PQgetvalue(res, 0, 1));
	out->phone = strdup(PQgetvalue(res, 0, 2));
	out->email = strdup(PQgetvalue(res, 0, 3));
	out->form_url = strdup(PQgetvalue(res, 0, 4));
	out->needs_verification = is_true(res, 0, 5);
	if (out->name_ja == NULL || out->kind == NULL || out->phone == NULL ||
	    out->email == NULL || out->form_url == NULL) {
		out_of_memory(&kb_referral_best);
		return -1;
	}
	return 1;
}

int db_kb_referral(PGconn *conn, const char *code, struct db_kb_referral_row *out)
{
	const char *params[1] = {code};
	PGresult *res = db_run(conn, &kb_referral_best, params, PGRES_TUPLES_OK);
	int rc;

	memset(out, 0, sizeof(*out));
	if (res == NULL)
		return -1;
	rc = PQntuples(res) == 0 ? 0 : parse_referral(res, out);
	PQclear(res);
	if (rc == -1)
		db_kb_referral_row_free(out);
	return rc;
}

void db_kb_referral_row_free(struct db_kb_referral_row *row)
{
	free(row->name_ja);
	free(row->kind);
	free(row->phone);
	free(row->email);
	free(row->form_url);
	memset(row, 0, sizeof(*row));
}

DB_STATEMENT(kb_referral_codes_select, 0,
	     "SELECT DISTINCT ON (code) code, name_ja, coalesce(phone, '') FROM kb_referrals"
	     " WHERE version_id = (SELECT max(id) FROM kb_versions)"
	     " ORDER BY code, needs_verification, verified_on DESC NULLS LAST");

int db_kb_referral_codes(PGconn *conn, struct db_kb_referral_codes *out)
{
	PGresult *res = db_run_rows(conn, &kb_referral_codes_select, NULL, 3);

	memset(out, 0, sizeof(*out));
	if (res == NULL)
		return -1;
	out->v = db_result_rows(res, sizeof(*out->v));
	for (int r = 0; r < PQntuples(res); r++) {
		struct db_kb_referral_code *c = &out->v[out->n++];

		c->code = db_result_text(res, r, 0);
		c->name_ja = db_result_text(res, r, 1);
		c->phone = db_result_text(res, r, 2);
	}
	PQclear(res);
	return 0;
}

void db_kb_referral_codes_free(struct db_kb_referral_codes *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->v[i].code);
		free(rows->v[i].name_ja);
		free(rows->v[i].phone);
	}
	free(rows->v);
	memset(rows, 0, sizeof(*rows));
}
