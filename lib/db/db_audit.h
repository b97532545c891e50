/*
 * db_audit.h - the audit log: who did what to which case, and when.
 */
#ifndef MADOGUCHI_DB_AUDIT_H
#define MADOGUCHI_DB_AUDIT_H

#include <libpq-fe.h>
#include <stdint.h>

/*
 * Inside the caller's transaction: records ACTION by ACTOR on case CASE_ID
 * (0: an entry about no case, such as a job retried) with DETAIL_JSON, a
 * JSON object as text, stored as given (NULL: {}). 0 or -1.
 */
int audit_add(PGconn *conn, int64_t case_id, const char *actor, const char *action,
	      const char *detail_json) __attribute__((warn_unused_result));

#endif
