/*
 * db_state.h - a case's state and owner, changed under a row lock with its
 * audit row in the same transaction. What moves are allowed is the caller's
 * to decide (madoctl's case_moves.c); this file only reads, locks and writes.
 */
#ifndef MADOGUCHI_DB_STATE_H
#define MADOGUCHI_DB_STATE_H

#include <libpq-fe.h>
#include <stdbool.h>

struct case_state {
	char status[16];     /* new open waiting closed */
	char owner[64];      /* "" when nobody owns it */
	char wait_until[16]; /* YYYY-MM-DD, "" when not waiting */
	char merged_into[16]; /* the case it was merged into, "" (never changed by a move) */
};

/*
 * Decides the move from FROM: fills TO and returns 0 to change, 1 when the
 * case is already as asked (nothing to do), 2 to refuse with WHY.
 */
typedef int (*case_state_decide)(const struct case_state *from, struct case_state *to,
				 char *why, size_t whysz, void *arg);

enum case_state_result {
	CASE_STATE_ERROR = -1,
	CASE_STATE_NO_CASE = 0,
	CASE_STATE_CHANGED = 1,
	CASE_STATE_UNCHANGED = 2,
	CASE_STATE_REFUSED = 3,
};

/*
 * Locks case NUMBER, lets DECIDE choose the move and, unless DRY_RUN,
 * writes it with an audit row (ACTION by ACTOR, detail {"from": ..., "to":
 * ...}) in one transaction. *FROM and *TO (may be NULL) receive both
 * states.
 */
enum case_state_result case_state_move(PGconn *conn, const char *number, const char *actor,
				       const char *action, bool dry_run,
				       case_state_decide decide, void *arg,
				       struct case_state *from, struct case_state *to,
				       char *why, size_t whysz);

/*
 * After a decide function's verdict D (0 change, 1 as it is, 2 refused):
 * unless D is 0 and not DRY_RUN, rolls the transaction back and returns
 * true with the outcome in *R; false means: write the change.
 */
bool case_state_stop(PGconn *conn, int d, bool dry_run, enum case_state_result *r);

/*
 * Calls EACH with the number of every case from FIRST to LAST (inclusive),
 * in order; EACH returns false to stop. 0, or -1 when the query failed.
 */
int case_numbers_between(PGconn *conn, const char *first, const char *last,
			 bool (*each)(const char *number, void *arg), void *arg);

#endif
