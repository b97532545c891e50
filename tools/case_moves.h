/*
 * case_moves.h - which moves of a case's state and owner the desk allows:
 * new -> open (someone took it) -> waiting (the requester was asked, with a
 * reminder date) -> closed, and reopen back. Pure rules, no database.
 */
#ifndef MADOGUCHI_CASE_MOVES_H
#define MADOGUCHI_CASE_MOVES_H

#include "db_state.h"

#include <stddef.h>

enum case_move {
	MOVE_TAKE,   /* the actor takes it; refused when someone else owns it */
	MOVE_STEAL,  /* the actor takes it over from whoever owns it */
	MOVE_UNTAKE, /* the actor gives it back */
	MOVE_ASSIGN, /* someone is given it */
	MOVE_WAIT,   /* waiting for the requester until a date */
	MOVE_REOPEN, /* a closed case back to open */
};

struct case_move_req {
	enum case_move move;
	const char *actor; /* who does it */
	const char *user;  /* MOVE_ASSIGN: to whom */
	const char *until; /* MOVE_WAIT: YYYY-MM-DD */
};

/* The move's name as the audit log and madoctl say it: take, steal ... */
const char *case_move_name(enum case_move m);

/*
 * A case_state_decide for REQ (a struct case_move_req *): 0 with *TO the
 * new state, 1 when the case is already so, 2 refused with WHY saying why
 * and what is allowed.
 */
int case_move_decide(const struct case_state *from, struct case_state *to, char *why,
		     size_t whysz, void *req);

#endif
