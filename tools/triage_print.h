/*
 * triage_print.h - a triage as madoctl prints it for staff: kind, category
 * with its alternatives, urgency, referrals, answers and the guidebook plan.
 */
#ifndef MADOGUCHI_TRIAGE_PRINT_H
#define MADOGUCHI_TRIAGE_PRINT_H

#include "triage.h"

#include <stdbool.h>

/* Prints T to stdout; EXPLAIN adds the reasons. */
void triage_print(const struct triage *t, bool explain);

#endif
