/*
 * db_export.h - everything the desk holds about one person, for a
 * disclosure request under the personal-information law.
 */
#ifndef MADOGUCHI_DB_EXPORT_H
#define MADOGUCHI_DB_EXPORT_H

#include <libpq-fe.h>

/*
 * Every case of the requester ADDRESS (their address on the case, a
 * message from it, or mail the desk sent to it; letter case aside) with
 * what each holds: its fields, messages with the list of their
 * attachments, documents with their OCR text, notes, referrals,
 * shipments, the mail sent, and its audit trail. As one JSON document,
 * malloc'd into *JSON, with the number of cases in *NCASES. The export is
 * audited as ACTOR's, in the same transaction. 0 or -1.
 */
int db_export_requester(PGconn *conn, const char *address, const char *actor, char **json,
			long *ncases) __attribute__((warn_unused_result));

#endif
