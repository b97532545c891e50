/*
 * db.c - libpq calls, checked against the status the caller expects.
 *
 * Every query is prepared once per connection under its name and then only
 * executed: the workers' statements are long CTEs whose planning costs more
 * than running them. The table of what is prepared where is keyed by the
 * connection's address; a new connection that happens to get an old address
 * finds a statement missing, and it is prepared again (SQLSTATE 26000).
 */
#include "db.h"

#include "log.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

/* Bounds of the madoguchi_sql section, provided by the linker. */
extern const struct db_stmt *const __start_madoguchi_sql[];
extern const struct db_stmt *const __stop_madoguchi_sql[];

/* Keeps the section (and its bounds) even in a program that has no other statement. */
DB_STATEMENT(session_setup, 0,
	     "SELECT set_config('client_encoding', 'UTF8', false), set_config('TimeZone', 'UTC', false)");
DB_STATEMENT(relax_durability, 0, "SET synchronous_commit TO off");
/*
 * Built and dropped for the server process's allocator: see
 * db_ready_for_batches. The outer count comes from a subquery: a constant
 * would have the planner build the text and copy it, twice the pages
 * faulted in. 4,096 copies of 4 kB: repeat copies its string once per
 * count, and 16 million one-byte copies took 80 ms of the server's CPU.
 * octet_length reads the size; length would count 16 million characters.
 */
DB_STATEMENT(ready_for_batches, 0,
	     "SELECT octet_length(repeat(repeat('x', 4096), (SELECT 4096)))");
/* The program's role, as SET ROLE would take it (sql/023_roles.sql). */
DB_STATEMENT(session_role, 1, "SELECT set_config('role', $1::text, false)");

/* The role every connection of this process works under; NULL: the login's own. */
static const char *process_role;

void db_use_role(const char *role)
{
	process_role = role;
}
DB_STATEMENT(begin, 0, "BEGIN");
DB_STATEMENT(commit, 0, "COMMIT");

#define PREPARED_SLOTS 1024

struct prepared {
	const PGconn *conn;
	const char *name; /* the caller's literal: compared by address */
};

static struct prepared prepared[PREPARED_SLOTS];
static pthread_mutex_t prepared_lock = PTHREAD_MUTEX_INITIALIZER;

/* Returns true when NAME is prepared on CONN; SET 1 records it, 0 forgets it, -1 only asks. */
static bool prepared_mark(const PGconn *conn, const char *name, int set)
{
	size_t empty = PREPARED_SLOTS;
	bool found = false;

	/* A plain scan: a thousand comparisons cost less than one round trip. */
	pthread_mutex_lock(&prepared_lock);
	for (size_t i = 0; i < PREPARED_SLOTS; i++) {
		if (prepared[i].conn == conn && prepared[i].name == name) {
			found = true;
			if (set == 0)
				prepared[i] = (struct prepared){NULL, NULL};
			break;
		}
		if (prepared[i].conn == NULL && empty == PREPARED_SLOTS)
			empty = i;
	}
	if (!found && set == 1 && empty < PREPARED_SLOTS)
		prepared[empty] = (struct prepared){conn, name};
	pthread_mutex_unlock(&prepared_lock);
	return found;
}

static void db_log_failure(PGconn *conn, const char *name, const PGresult *res)
{
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
	size_t n = strlen(msg);

	/* libpq messages end in a newline; the log adds its own. */
	while (n > 0 && msg[n - 1] == '\n')
		n--;
	log_warnx("db query=%s error=\"%.*s\"", name, (int)n, msg);
}

PGconn *db_connect(const char *conninfo)
{
	PGconn *conn = PQconnectdb(conninfo);
	PGresult *res;

	if (conn == NULL) {
		log_warnx("db connect: out of memory");
		return NULL;
	}
	if (PQstatus(conn) != CONNECTION_OK) {
		db_log_failure(conn, "connect", NULL);
		PQfinish(conn);
		return NULL;
	}
	res = db_run(conn, &session_setup, NULL, PGRES_TUPLES_OK);
	if (res == NULL) {
		db_close(conn);
		return NULL;
	}
	PQclear(res);
	if (process_role != NULL) {
		const char *p[1] = {process_role};

		res = db_run(conn, &session_role, p, PGRES_TUPLES_OK);
		if (res == NULL) {
			log_warnx("db role=%s error=\"cannot take the role: is the login a member, and "
				  "has madoctl migrate created it?\"", process_role);
			db_close(conn);
			return NULL;
		}
		PQclear(res);
	}
	return conn;
}

static bool prepare(PGconn *conn, const char *name, const char *sql, int nparams)
{
	PGresult *res;

	if (prepared_mark(conn, name, -1))
		return true;
	res = PQprepare(conn, name, sql, nparams, NULL);
	/* 42P05: prepared already (the table was full when it was); that is fine. */
	if (res != NULL && PQresultStatus(res) == PGRES_FATAL_ERROR &&
	    PQresultErrorField(res, PG_DIAG_SQLSTATE) != NULL &&
	    strcmp(PQresultErrorField(res, PG_DIAG_SQLSTATE), "42P05") == 0) {
		PQclear(res);
		return true;
	}
	if (res == NULL || PQresultStatus(res) != PGRES_COMMAND_OK) {
		db_log_failure(conn, name, res);
		PQclear(res);
		return false;
	}
	PQclear(res);
	prepared_mark(conn, name, 1);
	return true;
}

/* Prepares STMT on CONN if it is not yet, runs it and checks the result is EXPECT. */
static PGresult *run(PGconn *conn, const struct db_stmt *stmt, const char *const *params,
		     const int *lengths, const int *formats, int result_format,
		     ExecStatusType expect)
{
	const char *name = stmt->name, *sql = stmt->sql;
	int nparams = stmt->nparams;
	PGresult *res;

	if (!prepare(conn, name, sql, nparams))
		return NULL;
	res = PQexecPrepared(conn, name, nparams, params, lengths, formats, result_format);
	if (res != NULL && PQresultStatus(res) == PGRES_FATAL_ERROR) {
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);

		/* Another connection had this address before: prepare here too. */
		if (state != NULL && strcmp(state, "26000") == 0) {
			PQclear(res);
			prepared_mark(conn, name, 0);
			if (!prepare(conn, name, sql, nparams))
				return NULL;
			res = PQexecPrepared(conn, name, nparams, params, lengths, formats,
					     result_format);
		}
	}

	if (res == NULL || PQresultStatus(res) != expect) {
		db_log_failure(conn, name, res);
		PQclear(res);
		return NULL;
	}
	return res;
}

const struct db_stmt *const *db_statements(size_t *count)
{
	*count = (size_t)(__stop_madoguchi_sql - __start_madoguchi_sql);
	return __start_madoguchi_sql;
}

PGresult *db_run_bin(PGconn *conn, const struct db_stmt *stmt, const char *const *params,
		     const int *lengths, const int *formats, int result_format, ExecStatusType expect)
{
	return run(conn, stmt, params, lengths, formats, result_format, expect);
}

PGresult *db_run(PGconn *conn, const struct db_stmt *stmt, const char *const *params,
		 ExecStatusType expect)
{
	return run(conn, stmt, params, NULL, NULL, 0, expect);
}

int db_send_bin(PGconn *conn, const struct db_stmt *stmt, const char *const *params,
		const int *lengths, const int *formats, int result_format)
{
	if (!prepare(conn, stmt->name, stmt->sql, stmt->nparams))
		return -1;
	if (PQsendQueryPrepared(conn, stmt->name, stmt->nparams, params, lengths, formats,
				result_format) != 1) {
		db_log_failure(conn, stmt->name, NULL);
		return -1;
	}
	return 0;
}

PGresult *db_receive(PGconn *conn, const struct db_stmt *stmt, ExecStatusType expect)
{
	PGresult *res = PQgetResult(conn), *extra;

	/* A statement has one result; libpq ends the series with NULL. */
	while ((extra = PQgetResult(conn)) != NULL)
		PQclear(extra);
	if (res == NULL || PQresultStatus(res) != expect) {
		db_log_failure(conn, stmt->name, res);
		PQclear(res);
		return NULL;
	}
	return res;
}

int db_copy_begin(PGconn *conn, const char *name, const char *sql)
{
	PGresult *res = PQexec(conn, sql);

	if (res == NULL || PQresultStatus(res) != PGRES_COPY_IN) {
		db_log_failure(conn, name, res);
		PQclear(res);
		return -1;
	}
	PQclear(res);
	return 0;
}

int db_copy_put(PGconn *conn, const char *name, const char *data, size_t len)
{
	if (PQputCopyData(conn, data, (int)len) != 1) {
		db_log_failure(conn, name, NULL);
		return -1;
	}
	return 0;
}

int db_copy_end(PGconn *conn, const char *name, const char *why)
{
	PGresult *res;
	int rc = 0;

	if (PQputCopyEnd(conn, why) != 1) {
		db_log_failure(conn, name, NULL);
		return -1;
	}
	while ((res = PQgetResult(conn)) != NULL) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			/* An abort asked for is no failure to log again. */
			if (why == NULL)
				db_log_failure(conn, name, res);
			rc = -1;
		}
		PQclear(res);
	}
	return why == NULL ? rc : -1;
}

int db_run_exec(PGconn *conn, const struct db_stmt *stmt, const char *const *params)
{
	PGresult *res = db_run(conn, stmt, params, PGRES_COMMAND_OK);

	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}

int db_relax_durability(PGconn *conn)
{
	return db_run_exec(conn, &relax_durability, NULL);
}

int db_ready_for_batches(PGconn *conn)
{
	PGresult *res = db_run(conn, &ready_for_batches, NULL, PGRES_TUPLES_OK);

	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}

int db_begin(PGconn *conn)
{
	return db_run_exec(conn, &begin, NULL);
}

int db_commit(PGconn *conn)
{
	return db_run_exec(conn, &commit, NULL);
}

void db_rollback(PGconn *conn)
{
	/*
	 * Not a prepared statement: it runs on paths that failed already, often
	 * on a broken connection, where its own failure is expected and must
	 * neither be logged nor prepare anything.
	 */
	PGresult *res = PQexec(conn, "ROLLBACK");

	PQclear(res);
}

bool db_is_broken(PGconn *conn)
{
	return PQstatus(conn) != CONNECTION_OK;
}

void db_close(PGconn *conn)
{
	if (conn == NULL)
		return;
	/* Forget what was prepared here, so the slots serve the next connection. */
	pthread_mutex_lock(&prepared_lock);
	for (size_t i = 0; i < PREPARED_SLOTS; i++)
		if (prepared[i].conn == conn)
			prepared[i] = (struct prepared){NULL, NULL};
	pthread_mutex_unlock(&prepared_lock);
	PQfinish(conn);
}
