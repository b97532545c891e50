/*
 * migrate.h - schema migrations compiled from sql/NNN_name.sql.
 */
#ifndef MADOGUCHI_MIGRATE_H
#define MADOGUCHI_MIGRATE_H

#include <libpq-fe.h>

struct migration {
	int version;
	const char *name;
	const char *sql;
};

/* Generated at build time; ends with an entry whose version is 0. */
extern const struct migration migrations[];

/*
 * Applies every migration not yet recorded in schema_migrations, each in its
 * own transaction, in order. Concurrent runs serialise on an advisory lock.
 * Returns the number applied (0 when up to date) or -1 (already logged).
 */
int migrate_run(PGconn *conn);

/* How many migrations this program has that the database has not applied, or -1. */
int migrate_pending(PGconn *conn);

#endif
