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
#include "db_answer.h"
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
	struct db_answer_list_rows rows;

	if (db_answer_list(db, category, &rows) == -1)
		return 1;
	printf("%-34s %3s  %-8s %-16s %s\n", "ID", "VER", "ORIGIN", "CHANGED", "TITLE");
	for (size_t r = 0; r < rows.n; r++)
		printf("%-34s %3d  %-8s %-16s %s\n", rows.v[r].id, rows.v[r].version,
		       rows.v[r].origin, rows.v[r].changed, rows.v[r].title);
	db_answer_list_rows_free(&rows);
	return 0;
}

/* The template ID at VERSION ("" for the newest) into T. 0, or -1 (said why when there is none). */
static int template_get(PGconn *db, const char *id, const char *version,
			struct db_answer_template *t)
{
	int found = db_answer_get(db, id, version[0] ? atoi(version) : 0, t);

	if (found == 0)
		fprintf(stderr, "madoctl answer: no template %s%s%s\n", id, version[0] ? " version " : "",
			version);
	return found == 1 ? 0 : -1;
}

static int answer_show(PGconn *db, const char *id, const char *version)
{
	struct db_answer_template t;

	if (template_get(db, id, version, &t) == -1)
		return 1;
	printf("id: %s\ncategory: %s\ntitle: %s\nversion: %d\n\n%s", t.id, t.category, t.title,
	       t.version, t.body);
	db_answer_template_free(&t);
	return 0;
}

static int answer_history(PGconn *db, const char *id)
{
	struct db_answer_history_rows rows;

	if (db_answer_history(db, id, &rows) == -1)
		return 1;
	if (rows.n == 0) {
		fprintf(stderr, "madoctl answer: no template %s\n", id);
		db_answer_history_rows_free(&rows);
		return 1;
	}
	for (size_t r = 0; r < rows.n; r++)
		printf("%d  %-6s %-12s %s  %ld bytes  %s\n", rows.v[r].version, rows.v[r].origin,
		       rows.v[r].created_by, rows.v[r].created_at, rows.v[r].body_bytes,
		       rows.v[r].note);
	db_answer_history_rows_free(&rows);
	return 0;
}

static int answer_edit(PGconn *db, const char *id, const char *file, const char *note)
{
	struct template_file t;
	char *text;
	int saved, version;

	if ((text = read_template(db, file, &t)) == NULL)
		return 1;
	saved = db_answer_edit(db, id, t.title[0] ? t.title : NULL, t.body, ctl_actor(), note,
			       &version);
	free(text);
	if (saved == -1)
		return 1;
	if (saved == 0) {
		fprintf(stderr, "madoctl answer edit: no template %s (madoctl answer add creates one)\n",
			id);
		return 1;
	}
	printf("%s: version %d saved\n", id, version);
	return 0;
}

static int answer_add(PGconn *db, const char *category, const char *file)
{
	struct template_file t;
	char *text, *id;
	int saved;

	if ((text = read_template(db, file, &t)) == NULL)
		return 1;
	if (t.title[0] == '\0') {
		fprintf(stderr, "%s: a new template needs a \"title:\" header line\n", file);
		free(text);
		return 1;
	}
	saved = db_answer_add(db, category, t.title, t.body, ctl_actor(), &id);
	free(text);
	if (saved == -1)
		return 1;
	if (saved == 0) {
		fprintf(stderr, "madoctl answer add: unknown category %s\n", category);
		return 1;
	}
	printf("%s: version 1 saved\n", id);
	free(id);
	return 0;
}

static int answer_render_case(PGconn *db, const char *id, const char *number)
{
	struct db_answer_template tpl;
	struct db_answer_addressee to;
	struct buf out = BUF_INIT;
	int found, rc = 1;

	if (template_get(db, id, "", &tpl) == -1)
		return 1;
	found = db_answer_addressee(db, number, &to);
	if (found == 0)
		fprintf(stderr, "madoctl answer render: no case %s\n", number);
	else if (found == 1 && answer_render(db, tpl.body, to.name, to.number, &out) == 0) {
		fputs(out.data != NULL ? out.data : "", stdout);
		rc = 0;
	}
	db_answer_addressee_free(&to);
	db_answer_template_free(&tpl);
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
