/*
 * db_answer.c - SQL for the standard answer templates.
 */
#include "db_answer.h"

#include "db.h"
#include "db_result.h"
#include "log.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DB_STATEMENT(answer_list, 1,
	     "SELECT DISTINCT ON (id) id, version, category, origin, created_by,"
	     " to_char(created_at, 'YYYY-MM-DD HH24:MI'), title FROM answer_templates"
	     " WHERE $1::text IS NULL OR category = $1 ORDER BY id, version DESC");

DB_STATEMENT(answer_get, 2,
	     "SELECT id, version, category, title, body FROM answer_templates WHERE id = $1"
	     " AND ($2::int IS NULL OR version = $2::int) ORDER BY version DESC LIMIT 1");

DB_STATEMENT(answer_history, 1,
	     "SELECT version, origin, created_by, to_char(created_at,"
	     " 'YYYY-MM-DD HH24:MI:SS'), coalesce(note, ''), length(body)"
	     " FROM answer_templates WHERE id = $1 ORDER BY version");

DB_STATEMENT(answer_edit, 5,
	     "INSERT INTO answer_templates (id, version, category, title, body,"
	     " created_by, origin, note)"
	     " SELECT id, version + 1, category, coalesce($2, title), $3, $4, 'staff', $5"
	     " FROM answer_templates WHERE id = $1 ORDER BY version DESC LIMIT 1"
	     " RETURNING version");

/* The next free number of the category: CATEGORY.N. */
DB_STATEMENT(answer_add, 4,
	     "INSERT INTO answer_templates (id, version, category, title, body,"
	     " created_by, origin)"
	     " SELECT $1 || '.' || (coalesce(max(substring(t.id FROM length($1) + 2)::int),"
	     "  0) + 1), 1, $1, $2, $3, $4, 'staff'"
	     " FROM kb_categories k LEFT JOIN answer_templates t ON t.category = $1"
	     "  AND left(t.id, length($1) + 1) = $1 || '.'"
	     "  AND substring(t.id FROM length($1) + 2) ~ '^[0-9]+$'"
	     " WHERE k.code = $1 AND k.version_id = (SELECT max(id) FROM kb_versions)"
	     " GROUP BY k.code RETURNING id");

/* A new version only when the text changed and staff have not edited the newest one. */
DB_STATEMENT(answer_import, 5,
	     "INSERT INTO answer_templates (id, version, category, title, body, created_by)"
	     " SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5"
	     " FROM answer_templates WHERE id = $1"
	     " HAVING NOT EXISTS (SELECT 1 FROM answer_templates t WHERE t.id = $1"
	     "  AND t.version = (SELECT max(version) FROM answer_templates WHERE id = $1)"
	     "  AND ((t.title = $3 AND t.body = $4 AND t.category = $2)"
	     "   OR t.origin = 'staff'))"
	     " RETURNING version");

DB_STATEMENT(answer_ids, 0,
	     "SELECT category, string_agg(DISTINCT id, ';' ORDER BY id)"
	     " FROM answer_templates GROUP BY category");

DB_STATEMENT(answer_addressee, 1,
	     "SELECT number, CASE WHEN requester_name <> '' THEN requester_name"
	     " ELSE requester_address END FROM cases WHERE number = $1");

static void out_of_memory(const struct db_stmt *stmt)
{
	log_warnx("db query=%s error=\"out of memory\"", stmt->name);
}

static int parse_list(const PGresult *res, struct db_answer_list_rows *out)
{
	int n = PQntuples(res);

	if (!db_result_has_fields(res, &answer_list, 7))
		return -1;
	if ((out->v = calloc((size_t)n + 1, sizeof(*out->v))) == NULL)
		goto oom;
	for (int r = 0; r < n; r++) {
		struct db_answer_list_row *a = &out->v[r];

		out->n++;
		a->id = strdup(PQgetvalue(res, r, 0));
		a->version = atoi(PQgetvalue(res, r, 1));
		a->category = strdup(PQgetvalue(res, r, 2));
		a->origin = strdup(PQgetvalue(res, r, 3));
		a->created_by = strdup(PQgetvalue(res, r, 4));
		a->changed = strdup(PQgetvalue(res, r, 5));
		a->title = strdup(PQgetvalue(res, r, 6));
		if (a->id == NULL || a->category == NULL || a->origin == NULL ||
		    a->created_by == NULL || a->changed == NULL || a->title == NULL)
			goto oom;
	}
	return 0;
oom:
	out_of_memory(&answer_list);
	return -1;
}

int db_answer_list(PGconn *conn, const char *category, struct db_answer_list_rows *out)
{
	const char *params[1] = {category};
	PGresult *res = db_run(conn, &answer_list, params, PGRES_TUPLES_OK);
	int rc;

	memset(out, 0, sizeof(*out));
	if (res == NULL)
		return -1;
	rc = parse_list(res, out);
	PQclear(res);
	if (rc == -1)
		db_answer_list_rows_free(out);
	return rc;
}

void db_answer_list_rows_free(struct db_answer_list_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->v[i].id);
		free(rows->v[i].category);
		free(rows->v[i].origin);
		free(rows->v[i].created_by);
		free(rows->v[i].changed);
		free(rows->v[i].title);
	}
	free(rows->v);
	rows->v = NULL;
	rows->n = 0;
}

static int parse_template(const PGresult *res, struct db_answer_template *out)
{
	if (!db_result_has_fields(res, &answer_get, 5))
		return -1;
	out->id = strdup(PQgetvalue(res, 0, 0));
	out->version = atoi(PQgetvalue(res, 0, 1));
	out->category = strdup(PQgetvalue(res, 0, 2));
	out->title = strdup(PQgetvalue(res, 0, 3));
	out->body = strdup(PQgetvalue(res, 0, 4));
	if (out->id == NULL || out->category == NULL || out->title == NULL || out->body == NULL) {
		out_of_memory(&answer_get);
		return -1;
	}
	return 1;
}

int db_answer_get(PGconn *conn, const char *id, int version, struct db_answer_template *out)
{
	char v[16];
	const char *params[2] = {id, version > 0 ? v : NULL};
	PGresult *res;
	int rc;

	memset(out, 0, sizeof(*out));
	snprintf(v, sizeof(v), "%d", version);
	if ((res = db_run(conn, &answer_get, params, PGRES_TUPLES_OK)) == NULL)
		return -1;
	rc = PQntuples(res) == 0 ? 0 : parse_template(res, out);
	PQclear(res);
	if (rc == -1)
		db_answer_template_free(out);
	return rc;
}

void db_answer_template_free(struct db_answer_template *t)
{
	free(t->id);
	free(t->category);
	free(t->title);
	free(t->body);
	memset(t, 0, sizeof(*t));
}

static int parse_history(const PGresult *res, struct db_answer_history_rows *out)
{
	int n = PQntuples(res);

	if (!db_result_has_fields(res, &answer_history, 6))
		return -1;
	if ((out->v = calloc((size_t)n + 1, sizeof(*out->v))) == NULL)
		goto oom;
	for (int r = 0; r < n; r++) {
		struct db_answer_history_row *h = &out->v[r];

		out->n++;
		h->version = atoi(PQgetvalue(res, r, 0));
		h->origin = strdup(PQgetvalue(res, r, 1));
		h->created_by = strdup(PQgetvalue(res, r, 2));
		h->created_at = strdup(PQgetvalue(res, r, 3));
		h->note = strdup(PQgetvalue(res, r, 4));
		h->body_bytes = atol(PQgetvalue(res, r, 5));
		if (h->origin == NULL || h->created_by == NULL || h->created_at == NULL ||
		    h->note == NULL)
			goto oom;
	}
	return 0;
oom:
	out_of_memory(&answer_history);
	return -1;
}

int db_answer_history(PGconn *conn, const char *id, struct db_answer_history_rows *out)
{
	const char *params[1] = {id};
	PGresult *res = db_run(conn, &answer_history, params, PGRES_TUPLES_OK);
	int rc;

	memset(out, 0, sizeof(*out));
	if (res == NULL)
		return -1;
	rc = parse_history(res, out);
	PQclear(res);
	if (rc == -1)
		db_answer_history_rows_free(out);
	return rc;
}

void db_answer_history_rows_free(struct db_answer_history_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->v[i].origin);
		free(rows->v[i].created_by);
		free(rows->v[i].created_at);
		free(rows->v[i].note);
	}
	free(rows->v);
	rows->v = NULL;
	rows->n = 0;
}

int db_answer_edit(PGconn *conn, const char *id, const char *title, const char *body,
		   const char *actor, const char *note, int *version)
{
	const char *params[5] = {id, title, body, actor, note};
	PGresult *res = db_run(conn, &answer_edit, params, PGRES_TUPLES_OK);
	int rc = -1;

	if (res == NULL)
		return -1;
	if (db_result_has_fields(res, &answer_edit, 1)) {
		rc = PQntuples(res) == 1;
		if (rc == 1)
			*version = atoi(PQgetvalue(res, 0, 0));
	}
	PQclear(res);
	return rc;
}

int db_answer_add(PGconn *conn, const char *category, const char *title, const char *body,
		  const char *actor, char **id)
{
	const char *params[4] = {category, title, body, actor};
	PGresult *res = db_run(conn, &answer_add, params, PGRES_TUPLES_OK);
	int rc = -1;

	*id = NULL;
	if (res == NULL)
		return -1;
	if (db_result_has_fields(res, &answer_add, 1)) {
		rc = PQntuples(res) == 1;
		if (rc == 1 && (*id = strdup(PQgetvalue(res, 0, 0))) == NULL) {
			out_of_memory(&answer_add);
			rc = -1;
		}
	}
	PQclear(res);
	return rc;
}

int db_answer_import(PGconn *conn, const char *id, const char *category, const char *title,
		     const char *body, const char *actor)
{
	const char *params[5] = {id, category, title, body, actor};
	PGresult *res = db_run(conn, &answer_import, params, PGRES_TUPLES_OK);
	int rc;

	if (res == NULL)
		return -1;
	rc = PQntuples(res) > 0;
	PQclear(res);
	return rc;
}

static int parse_ids(const PGresult *res, struct db_answer_ids_rows *out)
{
	int n = PQntuples(res);

	if (!db_result_has_fields(res, &answer_ids, 2))
		return -1;
	if ((out->v = calloc((size_t)n + 1, sizeof(*out->v))) == NULL)
		goto oom;
	for (int r = 0; r < n; r++) {
		struct db_answer_ids_row *a = &out->v[r];

		out->n++;
		a->category = strdup(PQgetvalue(res, r, 0));
		a->ids = strdup(PQgetvalue(res, r, 1));
		if (a->category == NULL || a->ids == NULL)
			goto oom;
	}
	return 0;
oom:
	out_of_memory(&answer_ids);
	return -1;
}

int db_answer_ids(PGconn *conn, struct db_answer_ids_rows *out)
{
	PGresult *res = db_run(conn, &answer_ids, NULL, PGRES_TUPLES_OK);
	int rc;

	memset(out, 0, sizeof(*out));
	if (res == NULL)
		return -1;
	rc = parse_ids(res, out);
	PQclear(res);
	if (rc == -1)
		db_answer_ids_rows_free(out);
	return rc;
}

void db_answer_ids_rows_free(struct db_answer_ids_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->v[i].category);
		free(rows->v[i].ids);
	}
	free(rows->v);
	rows->v = NULL;
	rows->n = 0;
}

static int parse_addressee(const PGresult *res, struct db_answer_addressee *out)
{
	if (!db_result_has_fields(res, &answer_addressee, 2))
		return -1;
	out->number = strdup(PQgetvalue(res, 0, 0));
	out->name = strdup(PQgetvalue(res, 0, 1));
	if (out->number == NULL || out->name == NULL) {
		out_of_memory(&answer_addressee);
		return -1;
	}
	return 1;
}

int db_answer_addressee(PGconn *conn, const char *number, struct db_answer_addressee *out)
{
	const char *params[1] = {number};
	PGresult *res = db_run(conn, &answer_addressee, params, PGRES_TUPLES_OK);
	int rc;

	memset(out, 0, sizeof(*out));
	if (res == NULL)
		return -1;
	rc = PQntuples(res) == 0 ? 0 : parse_addressee(res, out);
	PQclear(res);
	if (rc == -1)
		db_answer_addressee_free(out);
	return rc;
}

void db_answer_addressee_free(struct db_answer_addressee *a)
{
	free(a->number);
	free(a->name);
	memset(a, 0, sizeof(*a));
}
