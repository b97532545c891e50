/*
 * cmd_answer.c - staff keep the standard answers:
 *   answer list [CATEGORY]          newest version of every template
 *   answer show ID [--version N]    one template as stored
 *   answer history ID               every version: who, when, why
 *   answer edit ID FILE [--note T]  a new version from FILE
 *   answer add CATEGORY FILE        a further template for a category
 *   answer render ID CASE           the answer filled in for a case
 * FILE is the format of config/kb/answers: optional "title:" header lines,
 * a blank line, then the body. Every change is a new version; nothing is
 * overwritten, and kb import leaves staff edits alone.
 */
#include "madoctl.h"

#include "answer.h"
#include "buf.h"
#include "db.h"
#include "file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct template_file {
	char title[400];
	char category[64];
	const char *body; /* into the file's text */
	int body_line;    /* where the body starts in the file */
};

/* Splits TEXT into header and body; a file without header lines is all body. */
static int parse_template(char *text, const char *file, struct template_file *out)
{
	char *p = text;

	memset(out, 0, sizeof(*out));
	if (strncmp(p, "id:", 3) != 0 && strncmp(p, "title:", 6) != 0 &&
	    strncmp(p, "category:", 9) != 0 && strncmp(p, "version:", 8) != 0) {
		out->body = text;
		out->body_line = 1;
		return 0;
	}
	out->body_line = 1;
	while (*p != '\0' && *p != '\n') {
		char *nl = strchr(p, '\n'), *v = strchr(p, ':');

		if (nl == NULL || v == NULL || v > nl) {
			fprintf(stderr, "%s: header line without \"key: value\" (end the header with a "
					"blank line)\n", file);
			return -1;
		}
		*nl = '\0';
		v++;
		while (*v == ' ')
			v++;
		if (strncmp(p, "title:", 6) == 0)
			snprintf(out->title, sizeof(out->title), "%s", v);
		else if (strncmp(p, "category:", 9) == 0)
			snprintf(out->category, sizeof(out->category), "%s", v);
		p = nl + 1;
		out->body_line++;
	}
	out->body = *p == '\n' ? p + 1 : p;
	out->body_line += *p == '\n';
	if (*out->body == '\0') {
		fprintf(stderr, "%s: empty body\n", file);
		return -1;
	}
	return 0;
}

static char *read_template(PGconn *db, const char *file, struct template_file *t)
{
	size_t len;
	char *text = file_read(file, &len);
	int bad;

	if (text == NULL) {
		fprintf(stderr, "madoctl answer: cannot read %s\n", file);
		return NULL;
	}
	if (parse_template(text, file, t) == -1 || (bad = answer_check(db, t->body, file, t->body_line, stderr)) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

static int answer_list(PGconn *db, const char *category)
{
	const char *params[1] = {category};
	PGresult *res = db_query(db, "answer_list",
				 "SELECT DISTINCT ON (id) id, version, category, origin, created_by,"
				 " to_char(created_at, 'YYYY-MM-DD HH24:MI'), title FROM answer_templates"
				 " WHERE $1::text IS NULL OR category = $1 ORDER BY id, version DESC",
				 1, params, PGRES_TUPLES_OK);

	if (res == NULL)
		return 1;
	printf("%-34s %3s  %-8s %-16s %s\n", "ID", "VER", "ORIGIN", "CHANGED", "TITLE");
	for (int r = 0; r < PQntuples(res); r++)
		printf("%-34s %3s  %-8s %-16s %s\n", PQgetvalue(res, r, 0), PQgetvalue(res, r, 1),
		       PQgetvalue(res, r, 3), PQgetvalue(res, r, 5), PQgetvalue(res, r, 6));
	PQclear(res);
	return 0;
}

/* The template ID at VERSION ("" for the newest): title, body, category. NULL if none. */
static PGresult *template_get(PGconn *db, const char *id, const char *version)
{
	const char *params[2] = {id, version[0] ? version : NULL};
	PGresult *res = db_query(db, "answer_get",
				 "SELECT id, version, category, title, body, origin, created_by,"
				 " created_at FROM answer_templates WHERE id = $1"
				 " AND ($2::int IS NULL OR version = $2::int) ORDER BY version DESC LIMIT 1",
				 2, params, PGRES_TUPLES_OK);

	if (res != NULL && PQntuples(res) == 0) {
		fprintf(stderr, "madoctl answer: no template %s%s%s\n", id, version[0] ? " version " : "",
			version);
		PQclear(res);
		return NULL;
	}
	return res;
}

static int answer_show(PGconn *db, const char *id, const char *version)
{
	PGresult *res = template_get(db, id, version);

	if (res == NULL)
		return 1;
	printf("id: %s\ncategory: %s\ntitle: %s\nversion: %s\n\n%s", PQgetvalue(res, 0, 0),
	       PQgetvalue(res, 0, 2), PQgetvalue(res, 0, 3), PQgetvalue(res, 0, 1),
	       PQgetvalue(res, 0, 4));
	PQclear(res);
	return 0;
}

static int answer_history(PGconn *db, const char *id)
{
	const char *params[1] = {id};
	PGresult *res = db_query(db, "answer_history",
				 "SELECT version, origin, created_by, to_char(created_at,"
				 " 'YYYY-MM-DD HH24:MI:SS'), coalesce(note, ''), length(body)"
				 " FROM answer_templates WHERE id = $1 ORDER BY version",
				 1, params, PGRES_TUPLES_OK);

	if (res == NULL)
		return 1;
	if (PQntuples(res) == 0) {
		fprintf(stderr, "madoctl answer: no template %s\n", id);
		PQclear(res);
		return 1;
	}
	for (int r = 0; r < PQntuples(res); r++)
		printf("%s  %-6s %-12s %s  %s bytes  %s\n", PQgetvalue(res, r, 0), PQgetvalue(res, r, 1),
		       PQgetvalue(res, r, 2), PQgetvalue(res, r, 3), PQgetvalue(res, r, 5),
		       PQgetvalue(res, r, 4));
	PQclear(res);
	return 0;
}

static int answer_edit(PGconn *db, const char *id, const char *file, const char *note)
{
	struct template_file t;
	char *text;
	PGresult *res;

	if ((text = read_template(db, file, &t)) == NULL)
		return 1;
	{
		const char *params[5] = {id, t.title[0] ? t.title : NULL, t.body, ctl_actor(), note};

		res = db_query(db, "answer_edit",
			       "INSERT INTO answer_templates (id, version, category, title, body,"
			       " created_by, origin, note)"
			       " SELECT id, version + 1, category, coalesce($2, title), $3, $4, 'staff', $5"
			       " FROM answer_templates WHERE id = $1 ORDER BY version DESC LIMIT 1"
			       " RETURNING version",
			       5, params, PGRES_TUPLES_OK);
	}
	free(text);
	if (res == NULL)
		return 1;
	if (PQntuples(res) == 0) {
		fprintf(stderr, "madoctl answer edit: no template %s (madoctl answer add creates one)\n",
			id);
		PQclear(res);
		return 1;
	}
	printf("%s: version %s saved\n", id, PQgetvalue(res, 0, 0));
	PQclear(res);
	return 0;
}

static int answer_add(PGconn *db, const char *category, const char *file)
{
	struct template_file t;
	char *text;
	PGresult *res;

	if ((text = read_template(db, file, &t)) == NULL)
		return 1;
	if (t.title[0] == '\0') {
		fprintf(stderr, "%s: a new template needs a \"title:\" header line\n", file);
		free(text);
		return 1;
	}
	{
		const char *params[4] = {category, t.title, t.body, ctl_actor()};

		/* The next free number of the category: CATEGORY.N. */
		res = db_query(db, "answer_add",
			       "INSERT INTO answer_templates (id, version, category, title, body,"
			       " created_by, origin)"
			       " SELECT $1 || '.' || (coalesce(max(substring(t.id FROM length($1) + 2)::int),"
			       "  0) + 1), 1, $1, $2, $3, $4, 'staff'"
			       " FROM kb_categories k LEFT JOIN answer_templates t ON t.category = $1"
			       "  AND left(t.id, length($1) + 1) = $1 || '.'"
			       "  AND substring(t.id FROM length($1) + 2) ~ '^[0-9]+$'"
			       " WHERE k.code = $1 AND k.version_id = (SELECT max(id) FROM kb_versions)"
			       " GROUP BY k.code RETURNING id",
			       4, params, PGRES_TUPLES_OK);
	}
	free(text);
	if (res == NULL)
		return 1;
	if (PQntuples(res) == 0) {
		fprintf(stderr, "madoctl answer add: unknown category %s\n", category);
		PQclear(res);
		return 1;
	}
	printf("%s: version 1 saved\n", PQgetvalue(res, 0, 0));
	PQclear(res);
	return 0;
}

static int answer_render_case(PGconn *db, const char *id, const char *number)
{
	const char *params[1] = {number};
	PGresult *tpl = template_get(db, id, ""), *c;
	struct buf out = BUF_INIT;
	int rc = 1;

	if (tpl == NULL)
		return 1;
	c = db_query(db, "answer_case",
		     "SELECT number, CASE WHEN requester_name <> '' THEN requester_name"
		     " ELSE requester_address END FROM cases WHERE number = $1",
		     1, params, PGRES_TUPLES_OK);
	if (c != NULL && PQntuples(c) == 0)
		fprintf(stderr, "madoctl answer render: no case %s\n", number);
	else if (c != NULL &&
		 answer_render(db, PQgetvalue(tpl, 0, 4), PQgetvalue(c, 0, 1), PQgetvalue(c, 0, 0),
			       &out) == 0) {
		fputs(out.data != NULL ? out.data : "", stdout);
		rc = 0;
	}
	PQclear(c);
	PQclear(tpl);
	buf_free(&out);
	return rc;
}

static int cmd_answer(struct ctl *ctl, const struct ctl_args *args)
{
	const char *sub = ctl_args_sub(args), *v = ctl_args_value(args, "--version");
	const char *p0 = ctl_args_pos(args, 0), *p1 = ctl_args_pos(args, 1);
	char version[16] = "";
	PGconn *db;

	if (v != NULL) {
		if (atoi(v) <= 0)
			return ctl_usage(&cmd_answer_entry);
		snprintf(version, sizeof(version), "%d", atoi(v));
	}
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	if (strcmp(sub, "list") == 0)
		return answer_list(db, p0);
	if (strcmp(sub, "show") == 0)
		return answer_show(db, p0, version);
	if (strcmp(sub, "history") == 0)
		return answer_history(db, p0);
	if (strcmp(sub, "edit") == 0)
		return answer_edit(db, p0, p1, ctl_args_value(args, "--note"));
	if (strcmp(sub, "add") == 0)
		return answer_add(db, p0, p1);
	return answer_render_case(db, p0, p1);
}

static const struct ctl_grammar answer_grammar[] = {
    {"list", "", 0, 1},
    {"show", "--version:", 1, 1},
    {"history", "", 1, 1},
    {"edit", "--note:", 2, 2},
    {"add", "", 2, 2},
    {"render", "", 2, 2},
    CTL_GRAMMAR_END};

const struct ctl_command cmd_answer_entry = {
    "answer",
    "list [CATEGORY] | show ID [--version N] | history ID | edit ID FILE [--note TEXT] | "
    "add CATEGORY FILE | render ID CASE",
    "keep the standard answers: every edit is a new version; render fills one in for a case",
    answer_grammar, cmd_answer};
