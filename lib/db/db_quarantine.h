/*
 * db_quarantine.h - messages set aside with a reason, for the admin.
 */
#ifndef MADOGUCHI_DB_QUARANTINE_H
#define MADOGUCHI_DB_QUARANTINE_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Inside the caller's transaction: quarantines inbound message INBOUND_ID
 * with REASON (its raw bytes stay) and sets its disposition. 0 or -1.
 */
int quarantine_add(PGconn *conn, int64_t inbound_id, const char *reason)
    __attribute__((warn_unused_result));

/* A quarantine entry; strings malloc'd and owned by the row or its list. */
struct quarantine_row {
	int64_t id;
	int64_t inbound_id;
	char *created_at; /* "YYYY-MM-DDTHH:MM:SSZ" */
	char *reason;
	int64_t size; /* of the message as received */
	char *mailbox;
	char *released_at; /* NULL while quarantined */
	char *released_by; /* NULL while quarantined */
	/* quarantine_get only (NULL and 0 in a list): the bytes as stored. */
	char *raw;
	size_t raw_len;
};

struct quarantine_rows {
	struct quarantine_row *v;
	size_t n;
};

/*
 * The entries not released (ALL: every entry), by id, into OUT, which the
 * caller frees with quarantine_rows_free (also after a failure). 0 or -1.
 */
int quarantine_list(PGconn *conn, bool all, struct quarantine_rows *out)
    __attribute__((warn_unused_result));
void quarantine_rows_free(struct quarantine_rows *rows);

/*
 * Entry ID with its raw bytes into OUT: 1 found, 0 none, -1 error. The
 * caller frees OUT with quarantine_row_free whatever the result.
 */
int quarantine_get(PGconn *conn, int64_t id, struct quarantine_row *out)
    __attribute__((warn_unused_result));
void quarantine_row_free(struct quarantine_row *row);

/* What the caller could read of a quarantined message, to file it with. */
struct quarantine_mail {
	const char *subject;
	const char *from_name;
	const char *from_address;
	const char *body_text;
};

/*
 * Files quarantined message ID as a case anyway, with what the caller read
 * of it in MAIL and the quarantine reason as its decode notes, and records
 * who released it and why in the audit log, in one transaction. Returns 1
 * with the case number in NUMBER, 0 when there is no such unreleased
 * entry, -1 on error.
 */
int quarantine_release(PGconn *conn, int64_t id, const struct quarantine_mail *mail,
		       const char *actor, const char *note, char number[16])
    __attribute__((warn_unused_result));

#endif
