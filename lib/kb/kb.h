/*
 * kb.h - importing the knowledge base directory (categories, phrases,
 * example questions, referral directory, answer templates).
 */
#ifndef MADOGUCHI_KB_H
#define MADOGUCHI_KB_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

struct kb_import_result {
	int version;        /* the version in force after the import */
	bool unchanged;     /* the files were identical to that version */
	size_t categories, phrases, examples, referrals, answers;
	size_t answers_changed; /* templates that got a new version */
};

/*
 * Reads and checks DIR; if it is valid and differs from the version in
 * force, stores it as a new version (ACTOR recorded). Returns 0; or -1 with
 * *errors (malloc'd, one "file:line: why" per line) when the files are
 * wrong, or with *errors NULL on a database error (logged).
 */
int kb_import(PGconn *conn, const char *dir, const char *actor, struct kb_import_result *out,
	      char **errors) __attribute__((warn_unused_result));

#endif
