/*
 * kb.c - the knowledge base directory (config/kb/) read, checked and
 * imported into PostgreSQL as a new version.
 *
 * Everything is checked before anything is written: column counts, codes
 * that refer to one another (a category's referrals, a phrase's category,
 * an answer's {{referral:CODE}}), weights, dates. Every problem is reported
 * as "file:line: why", all of them, like the configuration.
 */
#include "kb.h"

#include "buf.h"
#include "db.h"
#include "db_answer.h"
#include "db_kb.h"

#include <dirent.h>
#include <gnutls/crypto.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KB_MAX_ROWS 20000
#define KB_MAX_COLS 12

struct table {
	char *cells[KB_MAX_ROWS][KB_MAX_COLS];
	int line[KB_MAX_ROWS];
	size_t rows;
	int cols;
};

struct answer {
	char *id, *category, *title, *body, *file;
};

struct kb {
	struct table categories, phrases, examples, referrals;
	struct answer answers[512];
	size_t nanswers;
	gnutls_hash_hd_t hash;
	FILE *errs;
	int nerr;
};

static void table_free(struct table *t)
{
	for (size_t r = 0; r < t->rows; r++)
		for (int c = 0; c < t->cols; c++)
			free(t->cells[r][c]);
	t->rows = 0;
}

/* Reads DIR/NAME: '#' lines and blank lines skipped, a header that must be HEADER, then rows. */
static void read_table(struct kb *kb, const char *dir, const char *name, const char *header,
		       struct table *t)
{
	char path[1024];
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int lineno = 0;
	bool have_header = false;

	t->cols = 1;
	for (const char *h = header; *h != '\0'; h++)
		t->cols += *h == '\t';
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	if (f == NULL) {
		fprintf(kb->errs, "%s: cannot open\n", path);
		kb->nerr++;
		return;
	}
	while ((n = getline(&line, &cap, f)) != -1) {
		char *cell;
		int c = 0;

		lineno++;
		gnutls_hash(kb->hash, line, (size_t)n);
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (!have_header) {
			if (strcmp(line, header) != 0) {
				fprintf(kb->errs, "%s:%d: header must be \"%s\"\n", path, lineno, header);
				kb->nerr++;
				break;
			}
			have_header = true;
			continue;
		}
		if (t->rows == KB_MAX_ROWS) {
			fprintf(kb->errs, "%s:%d: more than %d rows\n", path, lineno, KB_MAX_ROWS);
			kb->nerr++;
			break;
		}
		/* strtok_r would merge empty cells: split by hand. */
		for (char *p = line;; p = cell + 1) {
			cell = strchr(p, '\t');
			if (c < t->cols)
				t->cells[t->rows][c] = strndup(p, cell ? (size_t)(cell - p) : strlen(p));
			c++;
			if (cell == NULL)
				break;
		}
		if (c != t->cols) {
			fprintf(kb->errs, "%s:%d: %d columns, expected %d\n", path, lineno, c, t->cols);
			kb->nerr++;
			for (int k = 0; k < t->cols && k < c; k++)
				free(t->cells[t->rows][k]);
			continue;
		}
		t->line[t->rows++] = lineno;
	}
	free(line);
	fclose(f);
}

static bool in_table(const struct table *t, int col, const char *value)
{
	for (size_t r = 0; r < t->rows; r++)
		if (strcmp(t->cells[r][col], value) == 0)
			return true;
	return false;
}

/* Each ;-separated code in LIST must be in T's column 0. */
static void check_codes(struct kb *kb, const char *where, int line, const char *list,
			const struct table *t, const char *what)
{
	char *copy = strdup(list), *save = NULL;

	for (char *c = strtok_r(copy, "; ", &save); c != NULL; c = strtok_r(NULL, "; ", &save)) {
		if (!in_table(t, 0, c)) {
			fprintf(kb->errs, "%s:%d: unknown %s \"%s\"\n", where, line, what, c);
			kb->nerr++;
		}
	}
	free(copy);
}

static void read_answers(struct kb *kb, const char *dir)
{
	char path[1024];
	struct dirent **names = NULL;
	int n;

	snprintf(path, sizeof(path), "%s/answers", dir);
	n = scandir(path, &names, NULL, alphasort);
	if (n < 0) {
		fprintf(kb->errs, "%s: cannot open\n", path);
		kb->nerr++;
		return;
	}
	for (int i = 0; i < n; i++) {
		char file[1400], *line = NULL;
		size_t cap = 0, len = strlen(names[i]->d_name);
		struct answer *a;
		struct buf body = BUF_INIT;
		bool in_body = false;
		ssize_t got;
		FILE *f;

		if (len < 5 || strcmp(names[i]->d_name + len - 4, ".txt") != 0 ||
		    kb->nanswers == sizeof(kb->answers) / sizeof(kb->answers[0])) {
			free(names[i]);
			continue;
		}
		snprintf(file, sizeof(file), "%s/%s", path, names[i]->d_name);
		free(names[i]);
		f = fopen(file, "r");
		if (f == NULL)
			continue;
		a = &kb->answers[kb->nanswers++];
		memset(a, 0, sizeof(*a));
		a->file = strdup(file);
		while ((got = getline(&line, &cap, f)) != -1) {
			gnutls_hash(kb->hash, line, (size_t)got);
			if (in_body) {
				buf_add(&body, line, (size_t)got);
				continue;
			}
			line[strcspn(line, "\r\n")] = '\0';
			if (line[0] == '\0')
				in_body = true;
			else if (strncmp(line, "id: ", 4) == 0)
				a->id = strdup(line + 4);
			else if (strncmp(line, "category: ", 10) == 0)
				a->category = strdup(line + 10);
			else if (strncmp(line, "title: ", 7) == 0)
				a->title = strdup(line + 7);
		}
		free(line);
		fclose(f);
		a->body = buf_steal(&body);
		if (a->id == NULL || a->category == NULL || a->title == NULL || a->body[0] == '\0') {
			fprintf(kb->errs, "%s: needs id:, category:, title: lines, a blank line and a body\n",
				file);
			kb->nerr++;
		}
	}
	free(names);
}

static void check(struct kb *kb, const char *dir)
{
	char where[1100];

	snprintf(where, sizeof(where), "%s/categories.tsv", dir);
	for (size_t r = 0; r < kb->categories.rows; r++) {
		char **row = kb->categories.cells[r];

		if (strcmp(row[3], "consultation") != 0 && strcmp(row[3], "material_request") != 0 &&
		    strcmp(row[3], "other") != 0) {
			fprintf(kb->errs, "%s:%d: intent \"%s\"\n", where, kb->categories.line[r], row[3]);
			kb->nerr++;
		}
		if (strcmp(row[4], "yes") != 0 && strcmp(row[4], "no") != 0) {
			fprintf(kb->errs, "%s:%d: urgent_default must be yes or no\n", where,
				kb->categories.line[r]);
			kb->nerr++;
		}
		check_codes(kb, where, kb->categories.line[r], row[5], &kb->referrals, "referral");
		for (size_t k = 0; k < r; k++)
			if (strcmp(kb->categories.cells[k][0], row[0]) == 0) {
				fprintf(kb->errs, "%s:%d: category %s twice\n", where,
					kb->categories.line[r], row[0]);
				kb->nerr++;
			}
	}
	snprintf(where, sizeof(where), "%s/phrases.tsv", dir);
	for (size_t r = 0; r < kb->phrases.rows; r++) {
		char **row = kb->phrases.cells[r];
		int w = atoi(row[1]);

		if (strncmp(row[0], "_refer:", 7) == 0)
			check_codes(kb, where, kb->phrases.line[r], row[0] + 7, &kb->referrals, "referral");
		else if (row[0][0] != '_')
			check_codes(kb, where, kb->phrases.line[r], row[0], &kb->categories, "category");
		else if (strcmp(row[0], "_urgent") != 0 && strcmp(row[0], "_calm") != 0 &&
			 strcmp(row[0], "_material") != 0 && strcmp(row[0], "_incident") != 0 &&
			 strcmp(row[0], "_fresh") != 0) {
			fprintf(kb->errs, "%s:%d: unknown signal %s (_urgent, _calm, _incident, _fresh, _material or _refer:CODE)\n",
				where, kb->phrases.line[r], row[0]);
			kb->nerr++;
		}
		if (w < 1 || w > 5 || row[2][0] == '\0') {
			fprintf(kb->errs, "%s:%d: weight 1..5 and a phrase\n", where, kb->phrases.line[r]);
			kb->nerr++;
		}
	}
	snprintf(where, sizeof(where), "%s/examples.tsv", dir);
	for (size_t r = 0; r < kb->examples.rows; r++) {
		const char *u = kb->examples.cells[r][1];

		check_codes(kb, where, kb->examples.line[r], kb->examples.cells[r][0],
			    &kb->categories, "category");
		if (strcmp(u, "yes") != 0 && strcmp(u, "no") != 0 && strcmp(u, "-") != 0) {
			fprintf(kb->errs, "%s:%d: urgent must be yes, no or -\n", where,
				kb->examples.line[r]);
			kb->nerr++;
		}
	}
	snprintf(where, sizeof(where), "%s/referrals.tsv", dir);
	for (size_t r = 0; r < kb->referrals.rows; r++) {
		char **row = kb->referrals.cells[r];
		int y, m, d;

		if (strcmp(row[2], "相談") != 0 && strcmp(row[2], "届出") != 0 &&
		    strcmp(row[2], "通報") != 0) {
			fprintf(kb->errs, "%s:%d: kind must be 相談, 届出 or 通報\n", where,
				kb->referrals.line[r]);
			kb->nerr++;
		}
		if (row[8][0] != '\0' && sscanf(row[8], "%4d-%2d-%2d", &y, &m, &d) != 3) {
			fprintf(kb->errs, "%s:%d: verified_on must be YYYY-MM-DD\n", where,
				kb->referrals.line[r]);
			kb->nerr++;
		}
		if (strcmp(row[9], "yes") != 0 && strcmp(row[9], "no") != 0) {
			fprintf(kb->errs, "%s:%d: needs_verification must be yes or no\n", where,
				kb->referrals.line[r]);
			kb->nerr++;
		}
	}
	for (size_t i = 0; i < kb->nanswers; i++) {
		const struct answer *a = &kb->answers[i];

		if (a->category == NULL || a->body == NULL)
			continue;
		check_codes(kb, a->file, 2, a->category, &kb->categories, "category");
		for (const char *p = strstr(a->body, "{{referral:"); p != NULL;
		     p = strstr(p + 1, "{{referral:")) {
			const char *end = strstr(p, "}}");
			char code[64];

			if (end == NULL || end - p - 11 >= (long)sizeof(code)) {
				fprintf(kb->errs, "%s: unterminated {{referral:...}}\n", a->file);
				kb->nerr++;
				break;
			}
			snprintf(code, sizeof(code), "%.*s", (int)(end - p - 11), p + 11);
			if (!in_table(&kb->referrals, 0, code)) {
				fprintf(kb->errs, "%s: {{referral:%s}}: unknown referral\n", a->file, code);
				kb->nerr++;
			}
		}
	}
}

/* Rows of T as the database layer takes them: pointers into T's cells, freed with free(). */
static struct db_kb_category *categories(const struct table *t)
{
	struct db_kb_category *v = calloc(t->rows + 1, sizeof(*v));

	for (size_t r = 0; v != NULL && r < t->rows; r++) {
		char *const *row = t->cells[r];

		v[r] = (struct db_kb_category){.code = row[0],
					       .seed_ref = row[1],
					       .label_ja = row[2],
					       .intent = row[3],
					       .urgent_default = strcmp(row[4], "yes") == 0,
					       .default_referrals = row[5],
					       .guidebook_pages = row[6],
					       .description_ja = row[7]};
	}
	return v;
}

static struct db_kb_phrase *phrases(const struct table *t)
{
	struct db_kb_phrase *v = calloc(t->rows + 1, sizeof(*v));

	for (size_t r = 0; v != NULL && r < t->rows; r++)
		v[r] = (struct db_kb_phrase){.code = t->cells[r][0],
					     .weight = t->cells[r][1],
					     .phrase = t->cells[r][2]};
	return v;
}

static struct db_kb_example *examples(const struct table *t)
{
	struct db_kb_example *v = calloc(t->rows + 1, sizeof(*v));

	for (size_t r = 0; v != NULL && r < t->rows; r++) {
		const char *u = t->cells[r][1];

		/* check() let only yes, no and - through. */
		v[r] = (struct db_kb_example){
		    .code = t->cells[r][0],
		    .urgent = strcmp(u, "yes") == 0 ? 1 : strcmp(u, "no") == 0 ? 0 : -1,
		    .example = t->cells[r][2]};
	}
	return v;
}

static struct db_kb_referral *referrals(const struct table *t)
{
	struct db_kb_referral *v = calloc(t->rows + 1, sizeof(*v));

	for (size_t r = 0; v != NULL && r < t->rows; r++) {
		char *const *row = t->cells[r];

		v[r] = (struct db_kb_referral){.code = row[0],
					       .name_ja = row[1],
					       .kind = row[2],
					       .phone = row[3],
					       .email = row[4],
					       .form_url = row[5],
					       .when_ja = row[6],
					       .source = row[7],
					       .verified_on = row[8],
					       .needs_verification = strcmp(row[9], "yes") == 0,
					       .note = row[10]};
	}
	return v;
}

/* The four tables into VERSION, one statement each. 0 or -1. */
static int import_tables(PGconn *conn, const struct kb *kb, int version)
{
	struct db_kb_category *cats = categories(&kb->categories);
	struct db_kb_phrase *phr = phrases(&kb->phrases);
	struct db_kb_example *ex = examples(&kb->examples);
	struct db_kb_referral *ref = referrals(&kb->referrals);
	int rc = -1;

	if (cats != NULL && phr != NULL && ex != NULL && ref != NULL &&
	    db_kb_categories_add(conn, version, cats, kb->categories.rows) == 0 &&
	    db_kb_phrases_add(conn, version, phr, kb->phrases.rows) == 0 &&
	    db_kb_examples_add(conn, version, ex, kb->examples.rows) == 0 &&
	    db_kb_referrals_add(conn, version, ref, kb->referrals.rows) == 0)
		rc = 0;
	free(cats);
	free(phr);
	free(ex);
	free(ref);
	return rc;
}

static int import(PGconn *conn, struct kb *kb, const char *dir, const unsigned char sha[32],
		  const char *actor, struct kb_import_result *out)
{
	int same;

	if (db_begin(conn) == -1)
		return -1;
	if ((same = db_kb_version_same(conn, sha, &out->version)) == -1)
		goto fail;
	if (same == 1) {
		out->unchanged = true;
		return db_commit(conn);
	}
	if (db_kb_version_add(conn, sha, dir, actor, &out->version) == -1 ||
	    import_tables(conn, kb, out->version) == -1)
		goto fail;
	/* Answers: a new version of a template only when its text changed and staff have not edited it. */
	for (size_t i = 0; i < kb->nanswers; i++) {
		const struct answer *a = &kb->answers[i];
		int changed = db_answer_import(conn, a->id, a->category, a->title, a->body, actor);

		if (changed == -1)
			goto fail;
		out->answers_changed += (size_t)changed;
	}
	out->categories = kb->categories.rows;
	out->phrases = kb->phrases.rows;
	out->examples = kb->examples.rows;
	out->referrals = kb->referrals.rows;
	out->answers = kb->nanswers;
	return db_commit(conn);
fail:
	db_rollback(conn);
	return -1;
}

int kb_import(PGconn *conn, const char *dir, const char *actor, struct kb_import_result *out,
	      char **errors)
{
	struct kb *kb = calloc(1, sizeof(*kb));
	char *buf = NULL;
	size_t buflen = 0;
	unsigned char sha[32];
	int rc = -1;

	memset(out, 0, sizeof(*out));
	*errors = NULL;
	if (kb == NULL)
		return -1;
	kb->errs = open_memstream(&buf, &buflen);
	if (kb->errs == NULL || gnutls_hash_init(&kb->hash, GNUTLS_DIG_SHA256) < 0) {
		free(kb);
		return -1;
	}
	read_table(kb, dir, "referrals.tsv",
		   "code\tname_ja\tkind\tphone\temail\tform_url\twhen_ja\tsource\tverified_on\t"
		   "needs_verification\tnote",
		   &kb->referrals);
	read_table(kb, dir, "categories.tsv",
		   "code\tseed_ref\tlabel_ja\tintent\turgent_default\tdefault_referrals\t"
		   "guidebook_pages\tdescription_ja",
		   &kb->categories);
	read_table(kb, dir, "phrases.tsv", "code\tweight\tphrase", &kb->phrases);
	read_table(kb, dir, "examples.tsv", "code\turgent\texample", &kb->examples);
	read_answers(kb, dir);
	gnutls_hash_deinit(kb->hash, sha);
	if (kb->nerr == 0)
		check(kb, dir);
	fclose(kb->errs);
	if (kb->nerr > 0)
		*errors = buf;
	else {
		free(buf);
		rc = import(conn, kb, dir, sha, actor, out);
	}
	table_free(&kb->categories);
	table_free(&kb->phrases);
	table_free(&kb->examples);
	table_free(&kb->referrals);
	for (size_t i = 0; i < kb->nanswers; i++) {
		free(kb->answers[i].id);
		free(kb->answers[i].category);
		free(kb->answers[i].title);
		free(kb->answers[i].body);
		free(kb->answers[i].file);
	}
	free(kb);
	return rc;
}
