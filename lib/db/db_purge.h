/*
 * db_purge.h - the personal data of cases closed long ago let go, their
 * numbers kept (sql/022_purge.sql).
 */
#ifndef MADOGUCHI_DB_PURGE_H
#define MADOGUCHI_DB_PURGE_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

struct purge_counts {
	int64_t cases, originals, raw_bytes, attachments, messages;
};

/*
 * For the cases closed more than OLDER_THAN (a PostgreSQL interval: "5
 * years") ago and not purged yet: the raw mail and fax images they were
 * filed from emptied (their hashes kept, so a re-fetch still finds them),
 * the attachments' list, message texts, OCR texts, notes, the guidebook
 * requests' contact details and the mail sent let go, and the requester's
 * name, address and organisation replaced by a stable pseudonym.
 * Everything the statistics report counts stays. Audited as ACTOR's. With
 * DRY_RUN the counts are what it would do, and nothing changes. 0 or -1.
 */
int db_purge(PGconn *conn, const char *older_than, const char *actor, bool dry_run,
	     struct purge_counts *out) __attribute__((warn_unused_result));

#endif
