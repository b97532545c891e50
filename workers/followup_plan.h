/*
 * followup_plan.h - what a follow-up changes in a guidebook request: the
 * case's plan read again from all its mail together.
 */
#ifndef MADOGUCHI_FOLLOWUP_PLAN_H
#define MADOGUCHI_FOLLOWUP_PLAN_H

#include "classify.h"
#include "config.h"

#include <libpq-fe.h>

/*
 * Inside the caller's transaction, after a mail joined case NUMBER: when
 * the case is a guidebook request (its triage has a plan) or one of its
 * later mails asks for guidebooks (CL's reading), the request's facts are
 * extracted from each inbound mail, oldest first, a later mail's fact
 * replacing an earlier one where it states it; the plan is made again and
 * stored in the case's triage with a followup_replan audit row (old and
 * new method and copies). A case whose plan staff already made a shipment
 * of keeps it. 0 or -1.
 */
int followup_replan(PGconn *db, const struct config *cfg, const struct classifier *cl,
		    const char *number) __attribute__((warn_unused_result));

#endif
