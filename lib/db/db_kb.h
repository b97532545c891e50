/*
 * db_kb.h - the knowledge base tables: a version per import (categories,
 * phrases, example questions, referral directory), and what the version
 * in force (the highest) says.
 *
 * Rows to import are borrowed from the caller (nothing is kept); rows read
 * are owned by the caller and freed with their _free function, which also
 * takes a list that was never filled (zeroed).
 */
#ifndef MADOGUCHI_DB_KB_H
#define MADOGUCHI_DB_KB_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * Inside the caller's transaction: 1 when the version in force was
 * imported from files with this SHA-256 (its id in *VERSION), 0 when not
 * (or there is none), -1 on error.
 */
int db_kb_version_same(PGconn *conn, const unsigned char sha[32], int *version)
    __attribute__((warn_unused_result));

/* Inside the caller's transaction: a new version, imported by ACTOR from SOURCE. 0 or -1. */
int db_kb_version_add(PGconn *conn, const unsigned char sha[32], const char *source,
		      const char *actor, int *version) __attribute__((warn_unused_result));

/* Lists of codes (referrals, guidebook pages) are as written: separated by ';' or ' '. */
struct db_kb_category {
	const char *code, *seed_ref, *label_ja, *intent;
	bool urgent_default;
	const char *default_referrals, *guidebook_pages;
	const char *description_ja;
};

struct db_kb_phrase {
	const char *code;
	const char *weight; /* as written: the database reads the number */
	const char *phrase;
};

struct db_kb_example {
	const char *code;
	int urgent; /* 1 urgent, 0 calm, -1 not said */
	const char *example;
};

/* Empty strings are "none" (NULL in the table). */
struct db_kb_referral {
	const char *code, *name_ja, *kind;
	const char *phone, *email, *form_url;
	const char *when_ja, *source;
	const char *verified_on; /* YYYY-MM-DD as written, or "" */
	bool needs_verification;
	const char *note;
};

/* Inside the caller's transaction: the N rows of V added to VERSION, in one statement each. 0 or -1. */
int db_kb_categories_add(PGconn *conn, int version, const struct db_kb_category *v, size_t n)
    __attribute__((warn_unused_result));
int db_kb_phrases_add(PGconn *conn, int version, const struct db_kb_phrase *v, size_t n)
    __attribute__((warn_unused_result));
int db_kb_examples_add(PGconn *conn, int version, const struct db_kb_example *v, size_t n)
    __attribute__((warn_unused_result));
int db_kb_referrals_add(PGconn *conn, int version, const struct db_kb_referral *v, size_t n)
    __attribute__((warn_unused_result));

/* A category in force, as triage reads it. */
struct db_kb_category_row {
	char *code;
	char *intent;
	bool urgent_default;
	char *default_referrals; /* ;-separated */
	char *label;             /* the Japanese label staff read */
};

struct db_kb_category_rows {
	struct db_kb_category_row *v;
	size_t n;
};

/* The categories in force, by code. 0 or -1. */
int db_kb_categories(PGconn *conn, struct db_kb_category_rows *out)
    __attribute__((warn_unused_result));
void db_kb_category_rows_free(struct db_kb_category_rows *rows);

struct db_kb_phrase_row {
	char *code;
	int weight;
	char *phrase;
};

struct db_kb_phrase_rows {
	struct db_kb_phrase_row *v;
	size_t n;
};

/* The phrases in force. 0 or -1. */
int db_kb_phrases(PGconn *conn, struct db_kb_phrase_rows *out) __attribute__((warn_unused_result));
void db_kb_phrase_rows_free(struct db_kb_phrase_rows *rows);

/* 1 when the directory in force has referral CODE, 0 when not, -1 on error. */
int db_kb_referral_exists(PGconn *conn, const char *code) __attribute__((warn_unused_result));

/* How to reach a referral; empty strings where the directory has nothing. */
struct db_kb_referral_row {
	char *name_ja, *kind, *phone, *email, *form_url;
	bool needs_verification;
};

/*
 * Referral CODE in the directory in force: where sources disagree, the
 * verified row, else the most recently verified. 1 with it in OUT (free
 * with db_kb_referral_row_free), 0 when there is none, -1 on error.
 */
int db_kb_referral(PGconn *conn, const char *code, struct db_kb_referral_row *out)
    __attribute__((warn_unused_result));
void db_kb_referral_row_free(struct db_kb_referral_row *row);

/* A referral code of the directory in force, with its name and telephone, for listing. */
struct db_kb_referral_code {
	char *code, *name_ja, *phone;
};

struct db_kb_referral_codes {
	struct db_kb_referral_code *v;
	size_t n;
};

/* Every referral code in force, by code (one row each). 0 or -1. */
int db_kb_referral_codes(PGconn *conn, struct db_kb_referral_codes *out)
    __attribute__((warn_unused_result));
void db_kb_referral_codes_free(struct db_kb_referral_codes *rows);

#endif
