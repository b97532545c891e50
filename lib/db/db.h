/*
 * db.h - the connection and the statement runner under lib/db's files.
 *
 * Statements are declared once (DB_STATEMENT), prepared once per
 * connection and executed with their values as parameters, never inside
 * SQL text. A failure is logged here, once, with the statement's name and
 * PQerrorMessage, and returned. Only lib/db/ includes this header for
 * statements; programs use it to connect and for transactions.
 *
 * Names: db_GROUP.c exports GROUP_* (case_get, job_list, inbound_store_send)
 * or, where a domain library already owns that prefix (kb, answer, model,
 * outbox, ship), db_GROUP_* (db_kb_phrases, db_ship_create).
 */
#ifndef MADOGUCHI_DB_H
#define MADOGUCHI_DB_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#define DB_MUSTCHECK __attribute__((warn_unused_result))

/*
 * A named SQL statement. Every statement is written once, in lib/db/, as
 *
 *     DB_STATEMENT(case_by_number, 1, "SELECT ... WHERE number = $1");
 *
 * which defines `static const struct db_stmt case_by_number` and records
 * its address in the madoguchi_sql section, so that db_statements() can
 * hand every statement of the program to the test that prepares them all
 * against the migrated schema: a typo in SQL fails there, not in a
 * staff member's hands.
 */
struct db_stmt {
	const char *name;
	const char *sql;
	int nparams;
};

#define DB_STATEMENT(id, n, text)                                                                  \
	static const struct db_stmt id = {#id, text, n};                                            \
	static const struct db_stmt *const id##_registered                                         \
	    __attribute__((used, section("madoguchi_sql"))) = &id

/* The statements linked into this program: *COUNT of them. */
const struct db_stmt *const *db_statements(size_t *count);

/*
 * Runs STMT with its text parameters (NULL entries are SQL NULL). Returns
 * the result when its status is EXPECT (caller PQclear()s it), else logs
 * and returns NULL.
 */
PGresult *db_run(PGconn *conn, const struct db_stmt *stmt, const char *const *params,
		 ExecStatusType expect) DB_MUSTCHECK;

/*
 * Like db_run with per-parameter lengths and formats (1 = binary) and the
 * result format (1 = binary), for bytea in and out.
 */
PGresult *db_run_bin(PGconn *conn, const struct db_stmt *stmt, const char *const *params,
		     const int *lengths, const int *formats, int result_format,
		     ExecStatusType expect) DB_MUSTCHECK;

/*
 * The same in two halves, so the caller can do other work while the
 * server runs STMT: db_send_bin queues it (prepared first, if need be) and
 * returns 0 or -1; db_receive waits for its result, checks it is EXPECT
 * and leaves the connection ready for the next statement. Sent alone, a
 * statement is a transaction of its own, committed when its result
 * arrives.
 */
int db_send_bin(PGconn *conn, const struct db_stmt *stmt, const char *const *params,
		const int *lengths, const int *formats, int result_format) DB_MUSTCHECK;
PGresult *db_receive(PGconn *conn, const struct db_stmt *stmt, ExecStatusType expect) DB_MUSTCHECK;

/*
 * COPY ... FROM STDIN in pieces: db_copy_begin runs SQL (a constant COPY
 * statement), db_copy_put sends LEN bytes of its data, db_copy_end ends it
 * (WHY non-NULL aborts it with that reason). 0 or -1, logged.
 */
int db_copy_begin(PGconn *conn, const char *name, const char *sql) DB_MUSTCHECK;
int db_copy_put(PGconn *conn, const char *name, const char *data, size_t len) DB_MUSTCHECK;
int db_copy_end(PGconn *conn, const char *name, const char *why) DB_MUSTCHECK;

/* Runs STMT, which returns no rows; 0 or -1. */
int db_run_exec(PGconn *conn, const struct db_stmt *stmt, const char *const *params) DB_MUSTCHECK;

/* Connects and sets the session up (UTF-8, UTC). Returns NULL after logging why. */
PGconn *db_connect(const char *conninfo) DB_MUSTCHECK;

/*
 * Every later db_connect of this process works under ROLE (a static
 * string): madoguchi_intake for madoguchid, madoguchi_worker for the
 * workers, madoguchi_staff or madoguchi_admin for madoctl
 * (sql/023_roles.sql). The login must be a member of it.
 */
void db_use_role(const char *role);

/*
 * For connections whose every transaction can be re-run (a worker's job
 * and its result commit together): COMMIT stops waiting for the WAL flush.
 * A crash may then lose the last few commits, and with them the jobs'
 * "done" marks, so those jobs simply run again. Never for intake, whose
 * commit is the promise that a mail is safe.
 */
int db_relax_durability(PGconn *conn) DB_MUSTCHECK;

/*
 * For connections that send and receive batches of a few MB (the intake's,
 * the workers'): the server process's allocator (glibc's, on Debian) maps
 * each block of that size afresh and gives it back when freed, until it
 * has once freed a bigger one; from then on it keeps them. This frees one
 * of 16 MB at once. Faulting a batch's memory in again for every
 * statement was most of the time an 8 KB intake batch took in the server
 * and halved the intake's throughput. Costs about 0.1 s per connection
 * (4,096 page faults), so not for madoctl's short ones.
 */
int db_ready_for_batches(PGconn *conn) DB_MUSTCHECK;

int db_begin(PGconn *conn) DB_MUSTCHECK;

/* Closes a connection from db_connect (NULL is fine). */
void db_close(PGconn *conn);
int db_commit(PGconn *conn) DB_MUSTCHECK;
/* Rolls back, ignoring errors: used on paths that already failed. */
void db_rollback(PGconn *conn);

/* True when the last failure was a lost connection (worth reconnecting). */
bool db_is_broken(PGconn *conn);

#endif
