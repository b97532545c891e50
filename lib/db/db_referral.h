/*
 * db_referral.h - where a case's requester was sent: triage suggests
 * referrals, staff record what they did with each (made, confirmed,
 * dismissed), with an audit row in the same transaction.
 */
#ifndef MADOGUCHI_DB_REFERRAL_H
#define MADOGUCHI_DB_REFERRAL_H

#include "db_state.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A referral as the case's record has it, for the rules of a change. */
struct case_referral_state {
	char state[16];       /* suggested, made, confirmed, dismissed, or "" (never named) */
	bool code_known;      /* CODE is in the referral directory in force */
	char merged_into[16]; /* the case it was merged into, "" */
};

/* Decides the change FROM -> TO: 0 change, 1 already so, 2 refuse with WHY. */
typedef int (*case_refer_decide)(const struct case_referral_state *from, const char *to,
				 char *why, size_t whysz, void *arg);

/*
 * Locks case NUMBER, lets DECIDE judge setting referral CODE to STATE and,
 * unless DRY_RUN, records it (with NOTE, may be NULL) and an audit row
 * "refer" by ACTOR in one transaction. *FROM receives the state before.
 */
enum case_state_result case_refer_move(PGconn *conn, const char *number, const char *code,
				       const char *state, const char *note, const char *actor,
				       bool dry_run, case_refer_decide decide, void *arg,
				       struct case_referral_state *from, char *why, size_t whysz);

/* A referral of a case for madoctl show; strings malloc'd, owned by the list. */
struct case_referral_row {
	char *code;
	char *name;       /* from the directory in force; "" when it has no such code */
	char *state;      /* suggested made confirmed dismissed */
	char *note;       /* NULL: none */
	char *updated_by; /* NULL while suggested */
	char *updated_at; /* "YYYY-MM-DDTHH:MM:SSZ"; NULL while suggested */
	bool suggested;   /* triage suggested it (else staff added it) */
};

struct case_referral_rows {
	struct case_referral_row *v;
	size_t n;
};

/* Case CASE_ID's referrals, the suggested ones first in triage's order. 0 or -1. */
int case_referrals(PGconn *conn, int64_t case_id, struct case_referral_rows *out)
    __attribute__((warn_unused_result));
void case_referral_rows_free(struct case_referral_rows *rows);

#endif
