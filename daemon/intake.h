/*
 * intake.h - madoguchid's main loop: mailbox -> PostgreSQL -> wake-up.
 */
#ifndef MADOGUCHI_INTAKE_H
#define MADOGUCHI_INTAKE_H

#include <stdbool.h>

struct config;

/*
 * Runs until a stop is requested (or after one pass when ONCE). Returns the
 * process exit status: 0 after a clean stop, 1 when ONCE could not finish.
 */
int intake_run(const struct config *cfg, const char *password, bool once);

#endif
