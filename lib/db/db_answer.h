/*
 * db_answer.h - standard answer templates: every change is a new version
 * (nothing is overwritten), from a knowledge base import or from staff.
 *
 * Rows read are owned by the caller and freed with their _free function,
 * which also takes a row or list that was never filled (zeroed).
 */
#ifndef MADOGUCHI_DB_ANSWER_H
#define MADOGUCHI_DB_ANSWER_H

#include <libpq-fe.h>
#include <stddef.h>

/* The newest version of a template, as listed. */
struct db_answer_list_row {
	char *id;
	int version;
	char *category;
	char *origin; /* import or staff */
	char *created_by;
	char *changed; /* YYYY-MM-DD HH:MI, UTC */
	char *title;
};

struct db_answer_list_rows {
	struct db_answer_list_row *v;
	size_t n;
};

/* The newest version of every template (of CATEGORY unless NULL), by id. 0 or -1. */
int db_answer_list(PGconn *conn, const char *category, struct db_answer_list_rows *out)
    __attribute__((warn_unused_result));
void db_answer_list_rows_free(struct db_answer_list_rows *rows);

struct db_answer_template {
	char *id;
	int version;
	char *category;
	char *title;
	char *body;
};

/*
 * Template ID at VERSION (0: the newest). 1 with it in OUT (free with
 * db_answer_template_free), 0 when there is none, -1 on error.
 */
int db_answer_get(PGconn *conn, const char *id, int version, struct db_answer_template *out)
    __attribute__((warn_unused_result));
void db_answer_template_free(struct db_answer_template *t);

/* One version of a template: who made it, when and why. */
struct db_answer_history_row {
	int version;
	char *origin;
	char *created_by;
	char *created_at; /* YYYY-MM-DD HH:MI:SS, UTC */
	char *note;       /* "" when none was given */
	long body_bytes;
};

struct db_answer_history_rows {
	struct db_answer_history_row *v;
	size_t n;
};

/* Every version of template ID, oldest first (none: an empty list). 0 or -1. */
int db_answer_history(PGconn *conn, const char *id, struct db_answer_history_rows *out)
    __attribute__((warn_unused_result));
void db_answer_history_rows_free(struct db_answer_history_rows *rows);

/*
 * A new version of template ID by staff member ACTOR: BODY, TITLE (NULL:
 * the newest version's), NOTE (may be NULL). 1 with the new version in
 * *VERSION, 0 when there is no template ID, -1 on error.
 */
int db_answer_edit(PGconn *conn, const char *id, const char *title, const char *body,
		   const char *actor, const char *note, int *version)
    __attribute__((warn_unused_result));

/*
 * A further template of CATEGORY (in the knowledge base in force) by staff
 * member ACTOR, named CATEGORY.N with the next free N. 1 with its id in
 * *ID (the caller frees it), 0 when there is no such category, -1 on error.
 */
int db_answer_add(PGconn *conn, const char *category, const char *title, const char *body,
		  const char *actor, char **id) __attribute__((warn_unused_result));

/*
 * Inside the caller's transaction: template ID from a knowledge base
 * import by ACTOR. A new version is made only when the text differs from
 * the newest one and staff have not edited that one. 1 new version, 0
 * none, -1 on error.
 */
int db_answer_import(PGconn *conn, const char *id, const char *category, const char *title,
		     const char *body, const char *actor) __attribute__((warn_unused_result));

/* The template ids of one category. */
struct db_answer_ids_row {
	char *category;
	char *ids; /* ;-separated, sorted */
};

struct db_answer_ids_rows {
	struct db_answer_ids_row *v;
	size_t n;
};

/* The template ids of every category that has templates. 0 or -1. */
int db_answer_ids(PGconn *conn, struct db_answer_ids_rows *out) __attribute__((warn_unused_result));
void db_answer_ids_rows_free(struct db_answer_ids_rows *rows);

/* Whom an answer to a case is written to. */
struct db_answer_addressee {
	char *number;
	char *name; /* the requester's name, or their address when the name is empty */
};

/*
 * The addressee of case NUMBER: 1 in OUT (free with
 * db_answer_addressee_free), 0 when there is no such case, -1 on error.
 */
int db_answer_addressee(PGconn *conn, const char *number, struct db_answer_addressee *out)
    __attribute__((warn_unused_result));
void db_answer_addressee_free(struct db_answer_addressee *a);

#endif
