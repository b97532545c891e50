/*
 * db_quarantine.h - messages set aside with a reason, for the admin.
 */
#ifndef MADOGUCHI_DB_QUARANTINE_H
#define MADOGUCHI_DB_QUARANTINE_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

/*
 * Inside the caller's transaction: quarantines inbound message INBOUND_ID
 * with REASON (its raw bytes stay) and sets its disposition. 0 or -1.
 */
int quarantine_add(PGconn *conn, int64_t inbound_id, const char *reason)
    __attribute__((warn_unused_result));

/* Rows: id, inbound_id, created_at, reason, size, mailbox, released_at, released_by. */
PGresult *quarantine_list(PGconn *conn, bool all) __attribute__((warn_unused_result));

/* One row as quarantine_list plus the raw bytes (binary result, column 8); zero rows if none. */
PGresult *quarantine_get(PGconn *conn, int64_t id) __attribute__((warn_unused_result));

/*
 * Files quarantined message ID as a case anyway (subject and sender as far
 * as they can be read, the text as far as it decodes), records who released
 * it and why in the audit log, in one transaction. Returns 1 with the case
 * number in NUMBER, 0 when there is no such unreleased entry, -1 on error.
 */
int quarantine_release(PGconn *conn, int64_t id, const char *actor, const char *note,
		       char number[16]) __attribute__((warn_unused_result));

#endif
