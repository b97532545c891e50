/*
 * answer.h - standard answer templates: checking their placeholders and
 * filling them in for a case.
 *
 * Placeholders: {{requester}}, {{case_no}}, {{referral:CODE}} (name and
 * contact from the referral directory in force) and {{guidebook:PAGES}}
 * (pages ;-separated).
 */
#ifndef MADOGUCHI_ANSWER_H
#define MADOGUCHI_ANSWER_H

#include <libpq-fe.h>
#include <stdio.h>

struct buf;

/*
 * Reports each bad placeholder of BODY to ERRS as "FILE:LINE: why", BODY
 * starting at line FIRST_LINE of FILE; returns how many, -1 on a database error.
 */
int answer_check(PGconn *db, const char *body, const char *file, int first_line, FILE *errs);

/* BODY with its placeholders filled in for REQUESTER and CASE_NO, appended to OUT. 0 or -1. */
int answer_render(PGconn *db, const char *body, const char *requester, const char *case_no,
		  struct buf *out) __attribute__((warn_unused_result));

#endif
