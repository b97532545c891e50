/*
 * followup.h - the case a mail without threading headers continues: the
 * one case of the same sender whose subject is the same once reply
 * prefixes, the case tag and width are set aside.
 */
#ifndef MADOGUCHI_FOLLOWUP_H
#define MADOGUCHI_FOLLOWUP_H

#include "config.h"
#include "db_thread.h"
#include "mail_decode.h"

#include <libpq-fe.h>

/*
 * Inside the caller's transaction: the case M joins by sender address and
 * normalised subject among its sender's open cases and those closed within
 * CFG's heuristic_join_days (0: never). 1 with HIT and *SUBJECT (the
 * normalised subject, malloc'd) when exactly one case qualifies, 0 when
 * none or several do or the subject is generic, -1 on error.
 */
int followup_find(PGconn *db, const struct config *cfg, const struct decoded_mail *m,
		  struct thread_hit *hit, char **subject) __attribute__((warn_unused_result));

#endif
