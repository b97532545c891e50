/*
 * case_moves.c - the rules of a case's state and owner; see case_moves.h.
 */
#include "case_moves.h"

#include <stdio.h>
#include <string.h>

const char *case_move_name(enum case_move m)
{
	static const char *const names[] = {"take", "steal", "untake", "assign", "wait", "reopen"};

	return (size_t)m < sizeof(names) / sizeof(names[0]) ? names[m] : "?";
}

static int refuse(char *why, size_t whysz, const char *text)
{
	snprintf(why, whysz, "%s", text);
	return 2;
}

/* Someone is to own TO: a new case is open from then on. */
static void own(struct case_state *to, const char *who)
{
	snprintf(to->owner, sizeof(to->owner), "%s", who);
	if (strcmp(to->status, "new") == 0)
		snprintf(to->status, sizeof(to->status), "open");
}

int case_move_decide(const struct case_state *from, struct case_state *to, char *why,
		     size_t whysz, void *arg)
{
	const struct case_move_req *r = arg;
	bool closed = strcmp(from->status, "closed") == 0;
	char text[256];

	*to = *from;
	if (from->merged_into[0] != '\0') {
		snprintf(text, sizeof(text), "it was merged into %s; work on that case",
			 from->merged_into);
		return refuse(why, whysz, text);
	}
	if (closed && r->move != MOVE_REOPEN)
		return refuse(why, whysz, "it is closed; madoctl reopen brings it back");
	switch (r->move) {
	case MOVE_TAKE:
		if (strcmp(from->owner, r->actor) == 0)
			return 1;
		if (from->owner[0] != '\0') {
			snprintf(text, sizeof(text),
				 "%s owns it; madoctl steal takes it over, madoctl assign gives it",
				 from->owner);
			return refuse(why, whysz, text);
		}
		own(to, r->actor);
		return 0;
	case MOVE_STEAL:
		if (strcmp(from->owner, r->actor) == 0)
			return 1;
		own(to, r->actor);
		return 0;
	case MOVE_ASSIGN:
		if (strcmp(from->owner, r->user) == 0)
			return 1;
		own(to, r->user);
		return 0;
	case MOVE_UNTAKE:
		if (from->owner[0] == '\0')
			return refuse(why, whysz, "nobody owns it");
		if (strcmp(from->owner, r->actor) != 0) {
			snprintf(text, sizeof(text),
				 "%s owns it, not you; madoctl assign gives it to someone else",
				 from->owner);
			return refuse(why, whysz, text);
		}
		to->owner[0] = '\0';
		return 0;
	case MOVE_WAIT:
		if (strcmp(from->status, "new") == 0)
			return refuse(why, whysz,
				      "it is new: nobody has answered it yet; madoctl take it first");
		if (strcmp(from->status, "waiting") == 0 && strcmp(from->wait_until, r->until) == 0)
			return 1;
		snprintf(to->status, sizeof(to->status), "waiting");
		snprintf(to->wait_until, sizeof(to->wait_until), "%s", r->until);
		return 0;
	case MOVE_REOPEN:
		if (!closed) {
			snprintf(text, sizeof(text), "it is %s, not closed", from->status);
			return refuse(why, whysz, text);
		}
		snprintf(to->status, sizeof(to->status), "open");
		to->wait_until[0] = '\0';
		return 0;
	}
	return refuse(why, whysz, "unknown move");
}
