/*
 * close_rules.h - when a case may be closed: the fields the monthly report
 * counts must be there. Pure rules, no database.
 */
#ifndef MADOGUCHI_CLOSE_RULES_H
#define MADOGUCHI_CLOSE_RULES_H

#include "db_close.h"

#include <stdbool.h>
#include <stddef.h>

struct close_req {
	const char *resolution; /* one of [close] resolutions */
	const char *category;   /* --category CODE, or NULL */
	const char *note;       /* --note, or NULL */
	bool without_review;    /* the resolution is one of [close] without_review */
};

/*
 * A case_close_decide for REQ (a struct close_req *). Refused: a merged or
 * closed case, an unknown --category, and, unless the resolution closes
 * without review, a category nobody confirmed or a suggested referral
 * neither made nor dismissed; WHY then lists everything that is missing.
 */
int close_decide(const struct case_closing *c, struct case_close_plan *plan, char *why,
		 size_t whysz, void *req);

#endif
