/*
 * db_result.h - reading a PGresult into the typed rows lib/db hands out.
 *
 * Only the files of lib/db use this: every parse function first checks the
 * result has the columns it expects, then copies the values out, so no
 * PGresult ever leaves the library and no caller counts columns.
 */
#ifndef MADOGUCHI_DB_RESULT_H
#define MADOGUCHI_DB_RESULT_H

#include "db.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * True when RES (from STMT) has NFIELDS columns; else logs which statement
 * came back with how many and returns false. A mismatch means the SQL and
 * its parse function disagree: a bug, caught here rather than as a read
 * past the last column.
 */
bool db_result_has_fields(const PGresult *res, const struct db_stmt *stmt, int nfields);

/*
 * Runs STMT (db_run) and checks its result has the NFIELDS columns the
 * caller's parse function reads: the result, or NULL after logging (and
 * freeing a result of the wrong shape).
 */
PGresult *db_run_rows(PGconn *conn, const struct db_stmt *stmt, const char *const *params,
		      int nfields) __attribute__((warn_unused_result));

/*
 * Begins a transaction and runs STMT, which locks one row (SELECT ... FOR
 * UPDATE), checking it has NFIELDS columns: 1 with the transaction open
 * and the row in *RES (the caller clears it), 0 when there is no such
 * row and -1 on error, both with the transaction rolled back.
 */
int db_begin_locked(PGconn *conn, const struct db_stmt *stmt, const char *const *params,
		    int nfields, PGresult **res) __attribute__((warn_unused_result));

/*
 * Zeroed room for one struct of SIZE bytes per row of RES, for a typed
 * list (NULL when there are no rows); the caller frees it.
 */
void *db_result_rows(const PGresult *res, size_t size);

/* A malloc'd copy of the value ("" for SQL NULL); the caller frees it. */
char *db_result_text(const PGresult *res, int row, int col);
/* A malloc'd copy of the value, or NULL for SQL NULL; the caller frees it. */
char *db_result_text_or_null(const PGresult *res, int row, int col);
/* The value as an integer (0 for SQL NULL). */
int64_t db_result_int64(const PGresult *res, int row, int col);
/* The value of a boolean column in text format (false for SQL NULL). */
bool db_result_bool(const PGresult *res, int row, int col);

#endif
