/*
 * db_inbound.c - SQL for inbound_messages.
 */
#include "db_inbound.h"

#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int inbound_last_uid(PGconn *conn, const char *mailbox, uint32_t uidvalidity, uint32_t *last)
{
	char v[16];
	const char *params[2] = {mailbox, v};
	PGresult *res;

	snprintf(v, sizeof(v), "%u", uidvalidity);
	res = db_query(conn, "inbound_last_uid",
		       "SELECT coalesce(max(uid), 0) FROM inbound_messages"
		       " WHERE mailbox = $1 AND uidvalidity = $2::bigint",
		       2, params, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	*last = (uint32_t)strtoul(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return 0;
}

int inbound_store(PGconn *conn, const char *mailbox, uint32_t uidvalidity, uint32_t uid,
		  const char *message_id, const char *raw, size_t len, int64_t *job_id)
{
	char v[16], u[16], sz[24];
	const char *params[6] = {mailbox, v, u, message_id, raw, sz};
	int lengths[6] = {0, 0, 0, 0, (int)len, 0};
	int formats[6] = {0, 0, 0, 0, 1, 0};
	PGresult *res;

	snprintf(v, sizeof(v), "%u", uidvalidity);
	snprintf(u, sizeof(u), "%u", uid);
	snprintf(sz, sizeof(sz), "%zu", len);
	res = db_query_bin(conn, "inbound_store",
			   "WITH m AS (INSERT INTO inbound_messages"
			   " (mailbox, uidvalidity, uid, message_id, raw, size)"
			   " VALUES ($1, $2::bigint, $3::bigint, $4, $5::bytea, $6::int)"
			   " ON CONFLICT (mailbox, uidvalidity, uid) DO NOTHING RETURNING id)"
			   " INSERT INTO jobs (inbound_id) SELECT id FROM m RETURNING id",
			   6, params, lengths, formats, 0, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	*job_id = PQntuples(res) > 0 ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
	PQclear(res);
	return 0;
}

int inbound_load(PGconn *conn, int64_t id, char **raw, size_t *len)
{
	char idtext[24];
	const char *params[1] = {idtext};
	PGresult *res;
	size_t n;

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	res = db_query_bin(conn, "inbound_load", "SELECT raw FROM inbound_messages WHERE id = $1::bigint",
			   1, params, NULL, NULL, 1, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return -1;
	}
	n = (size_t)PQgetlength(res, 0, 0);
	*raw = malloc(n + 1);
	if (*raw == NULL) {
		PQclear(res);
		return -1;
	}
	memcpy(*raw, PQgetvalue(res, 0, 0), n);
	(*raw)[n] = '\0';
	*len = n;
	PQclear(res);
	return 0;
}
