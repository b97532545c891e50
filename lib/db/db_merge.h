/*
 * db_merge.h - cases that belong together. Merge: the same company often
 * writes and faxes the same request; one case takes the other's messages,
 * documents, notes, referrals, outbound mail and audit trail, and the
 * merged case keeps its number, closed, pointing at it. Link: two cases
 * that are related but stay apart.
 */
#ifndef MADOGUCHI_DB_MERGE_H
#define MADOGUCHI_DB_MERGE_H

#include "db_state.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

/* The two cases of a merge as the rules see them. */
struct case_pair {
	char status[2][16];
	char merged_into[2][16]; /* "" unless that case was merged already */
	bool shipments[2];       /* has a shipment in force */
	bool linked;             /* link: already linked */
};

/* Decides a merge or link of P: 0 go, 1 nothing to do, 2 refuse with WHY. */
typedef int (*case_pair_decide)(const struct case_pair *p, char *why, size_t whysz, void *arg);

/*
 * Merges case FROM into INTO, both locked (in number order, so two merges
 * never deadlock), if DECIDE agrees and not DRY_RUN: everything of FROM
 * moves to INTO, FROM is closed ("merged") pointing at INTO, cases merged
 * into FROM before now point at INTO, and both get an audit row by ACTOR.
 * CASE_STATE_NO_CASE when either is missing (WHY says which).
 */
enum case_state_result case_merge(PGconn *conn, const char *from, const char *into,
				  const char *actor, bool dry_run, case_pair_decide decide,
				  void *arg, char *why, size_t whysz);

/* Links cases A and B (audited on both), as case_merge decides and locks. */
enum case_state_result case_link_pair(PGconn *conn, const char *a, const char *b,
				      const char *actor, bool dry_run, case_pair_decide decide,
				      void *arg, char *why, size_t whysz);

#endif
