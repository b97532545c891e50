/*
 * db_note.h - staff's internal notes on a case: written with an audit row,
 * read back for madoctl show. Never part of the case's messages.
 */
#ifndef MADOGUCHI_DB_NOTE_H
#define MADOGUCHI_DB_NOTE_H

#include <libpq-fe.h>
#include <stdbool.h>

/* Adds BODY by AUTHOR to case NUMBER (DRY_RUN: then forgets it): 1 added, 0 no such case, -1 error. */
int case_note_add(PGconn *conn, const char *number, const char *author, const char *body,
		  bool dry_run) __attribute__((warn_unused_result));

struct case_note_row {
	char *author;
	char *body;
	char *created_at; /* "YYYY-MM-DDTHH:MM:SSZ", UTC */
};

struct case_note_rows {
	struct case_note_row *v;
	size_t n;
};

/* The notes of case CASE_ID, oldest first. 0 or -1. */
int case_notes(PGconn *conn, long long case_id, struct case_note_rows *out)
    __attribute__((warn_unused_result));
void case_note_rows_free(struct case_note_rows *rows);

#endif
