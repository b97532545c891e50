/*
 * db_attachment.c - SQL for attachments.
 */
#include "db_attachment.h"

#include "db.h"

#include <stdio.h>

DB_STATEMENT(attachment_add_insert, 7,
	     "INSERT INTO attachments (case_message_id, part, filename, content_type,"
	     " declared_type, size, sha256) VALUES ($1::bigint, $2::int, $3, $4, $5,"
	     " $6::int, $7)");

int attachment_add(PGconn *conn, int64_t message_row, size_t part, const char *filename,
		   const char *type, const char *declared, size_t size, const unsigned char sha[32])
{
	char row[24], partt[24], sz[24];
	const char *params[7] = {row, partt, filename, type, declared, sz, (const char *)sha};
	int lengths[7] = {0, 0, 0, 0, 0, 0, 32}, formats[7] = {0, 0, 0, 0, 0, 0, 1};
	PGresult *res;

	snprintf(row, sizeof(row), "%lld", (long long)message_row);
	snprintf(partt, sizeof(partt), "%zu", part);
	snprintf(sz, sizeof(sz), "%zu", size);
	res = db_run_bin(conn, &attachment_add_insert, params, lengths, formats, 0,
			 PGRES_COMMAND_OK);
	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}
