/*
 * db_inbound.c - SQL for inbound_messages and mailbox_state.
 */
#include "db_inbound.h"

#include "db.h"
#include "db_result.h"
#include "pgarray.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DB_STATEMENT(inbound_last_uid_select, 2,
	     "SELECT coalesce(max(uid), 0) FROM inbound_messages"
	     " WHERE mailbox = $1 AND uidvalidity = $2::bigint");

/* The old value comes back from a self-join because RETURNING sees only the new row. */
DB_STATEMENT(inbound_uidvalidity, 2,
	     "WITH old AS (SELECT uidvalidity FROM mailbox_state WHERE mailbox = $1"
	     "  FOR UPDATE),"
	     " up AS (INSERT INTO mailbox_state (mailbox, uidvalidity) VALUES ($1, $2::bigint)"
	     "  ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = EXCLUDED.uidvalidity,"
	     "  changed_at = now(), resyncs = mailbox_state.resyncs + 1"
	     "  WHERE mailbox_state.uidvalidity <> EXCLUDED.uidvalidity RETURNING 1)"
	     " SELECT (SELECT uidvalidity FROM old), (SELECT count(*) FROM up)");

/*
 * The mailbox's key, hashed, names a session-level advisory lock: it lasts
 * as long as the connection, so a daemon that dies frees it by dying.
 */
DB_STATEMENT(inbound_try_lock_mailbox_select, 1,
	     "SELECT pg_try_advisory_lock(hashtextextended($1, 0))");

/*
 * One statement for the batch. A message whose bytes and Message-ID are
 * already stored (anywhere) is recorded as a duplicate without its bytes
 * and gets no job: a UIDVALIDITY resync never re-creates a case. Inside
 * the batch, the first complete copy of each (bytes, Message-ID) is the
 * original and every later UID with both the same is its duplicate.
 * Their row ids exist only once the originals are inserted, so the
 * batch goes in twice: "ins" stores everything but those later copies,
 * "again" stores them, pointed at the ids "ins" returned. A later copy
 * whose original was not inserted (its UID was present already) is
 * stored as an original: never a pointer to a row this batch lacks.
 * A duplicate's disposition is set here, as the worker would have set
 * it, since no job will ever look at it.
 */
DB_STATEMENT(inbound_store_batch_insert, 7,
	     "WITH src AS (SELECT t.uid, t.message_id, t.raw, t.size, sha256(t.raw) AS sha,"
	     "  t.size > length(t.raw) AS truncated"
	     "  FROM unnest($3::bigint[], $4::text[], $5::bytea[], $6::bigint[])"
	     "  AS t(uid, message_id, raw, size)),"
	     " prior AS (SELECT s.*, d.id AS stored_dup"
	     "  FROM src s LEFT JOIN LATERAL (SELECT i.id FROM inbound_messages i"
	     "   WHERE i.raw_sha256 = s.sha AND i.duplicate_of IS NULL AND NOT i.truncated"
	     "   AND i.message_id IS NOT DISTINCT FROM s.message_id ORDER BY i.id LIMIT 1) d"
	     "  ON true),"
	     " b AS (SELECT p.*, min(p.uid) FILTER (WHERE p.stored_dup IS NULL AND NOT p.truncated)"
	     "  OVER (PARTITION BY p.sha, p.message_id) AS first_uid FROM prior p),"
	     " ins AS (INSERT INTO inbound_messages (mailbox, uidvalidity, uid, message_id, raw,"
	     "  size, raw_sha256, duplicate_of, truncated, disposition)"
	     "  SELECT $1, $2::bigint, b.uid, b.message_id,"
	     "   CASE WHEN b.stored_dup IS NULL THEN b.raw ELSE ''::bytea END, b.size, b.sha,"
	     "   b.stored_dup, b.truncated,"
	     "   CASE WHEN b.stored_dup IS NOT NULL THEN 'duplicate' END"
	     "  FROM b WHERE b.first_uid IS NULL OR b.uid <= b.first_uid"
	     "  ORDER BY b.uid"
	     "  ON CONFLICT (mailbox, uidvalidity, uid) DO NOTHING"
	     "  RETURNING id, uid, duplicate_of IS NOT NULL AS dup, truncated, size),"
	     " again AS (INSERT INTO inbound_messages (mailbox, uidvalidity, uid, message_id, raw,"
	     "  size, raw_sha256, duplicate_of, truncated, disposition)"
	     "  SELECT $1, $2::bigint, b.uid, b.message_id,"
	     "   CASE WHEN f.id IS NULL THEN b.raw ELSE ''::bytea END, b.size, b.sha, f.id,"
	     "   b.truncated, CASE WHEN f.id IS NOT NULL THEN 'duplicate' END"
	     "  FROM b LEFT JOIN ins f ON f.uid = b.first_uid WHERE b.uid > b.first_uid"
	     "  ORDER BY b.uid"
	     "  ON CONFLICT (mailbox, uidvalidity, uid) DO NOTHING"
	     "  RETURNING id, uid, duplicate_of IS NOT NULL AS dup, truncated, size),"
	     " stored AS (SELECT * FROM ins UNION ALL SELECT * FROM again),"
	     " q AS (INSERT INTO quarantine (inbound_id, reason)"
	     "  SELECT id, format('message of %s bytes exceeds [imap] max_message_size (%s bytes); "
	     "only the first %s bytes were stored', size, $7::bigint, $7::bigint)"
	     "  FROM stored WHERE truncated AND NOT dup RETURNING inbound_id),"
	     " j AS (INSERT INTO jobs (inbound_id) SELECT id FROM stored"
	     "  WHERE NOT dup AND NOT truncated ORDER BY id RETURNING id, inbound_id)"
	     " SELECT stored.uid, stored.dup, stored.truncated, j.id FROM stored"
	     " LEFT JOIN j ON j.inbound_id = stored.id ORDER BY stored.uid");

DB_STATEMENT(inbound_stored_select, 3,
	     "SELECT uid FROM inbound_messages WHERE mailbox = $1"
	     " AND uidvalidity = $2::bigint AND uid = ANY($3::bigint[])");

DB_STATEMENT(inbound_load_select, 3,
	     "SELECT length(raw), substring(raw FROM $2::int FOR $3::int)"
	     " FROM inbound_messages WHERE id = $1::bigint");

DB_STATEMENT(inbound_store_fax_insert, 10,
	     "WITH d AS (SELECT i.id FROM inbound_messages i WHERE i.raw_sha256 = sha256($4::bytea)"
	     "  AND i.duplicate_of IS NULL AND i.channel = 'fax' ORDER BY i.id LIMIT 1),"
	     " ins AS (INSERT INTO inbound_messages (mailbox, spool_name, channel, content_type, raw,"
	     "  size, raw_sha256, duplicate_of, meta)"
	     "  SELECT $1, $2, 'fax', $3, CASE WHEN d.id IS NULL THEN $4::bytea ELSE ''::bytea END,"
	     "   $5::int, sha256($4::bytea), d.id,"
	     "   jsonb_strip_nulls(jsonb_build_object('number', nullif($6, ''), 'csid', nullif($7, ''),"
	     "   'received', nullif($8, ''), 'file', nullif($9, ''), 'pages', nullif($10::int, 0)))"
	     "  FROM (SELECT 1) one LEFT JOIN d ON true"
	     "  ON CONFLICT (mailbox, spool_name) WHERE spool_name IS NOT NULL DO NOTHING"
	     "  RETURNING id, duplicate_of IS NOT NULL AS dup),"
	     " j AS (INSERT INTO jobs (kind, inbound_id) SELECT 'ingest_fax', id FROM ins"
	     "  WHERE NOT dup RETURNING id)"
	     " SELECT ins.dup, (SELECT id FROM j) FROM ins");

DB_STATEMENT(inbound_info_select, 1,
	     "SELECT channel, content_type, coalesce(meta->>'number', ''),"
	     " coalesce(meta->>'csid', ''), coalesce(meta->>'received', ''),"
	     " coalesce(meta->>'file', ''), coalesce((meta->>'pages')::int, 0), truncated,"
	     " mailbox"
	     " FROM inbound_messages WHERE id = $1::bigint");

DB_STATEMENT(inbound_disposition, 2,
	     "UPDATE inbound_messages SET disposition = $2 WHERE id = $1::bigint");

int inbound_last_uid(PGconn *conn, const char *mailbox, uint32_t uidvalidity, uint32_t *last)
{
	char v[16];
	const char *params[2] = {mailbox, v};
	PGresult *res;

	snprintf(v, sizeof(v), "%u", uidvalidity);
	res = db_run_rows(conn, &inbound_last_uid_select, params, 1);
	if (res == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return -1;
	}
	*last = (uint32_t)strtoul(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return 0;
}

int inbound_note_uidvalidity(PGconn *conn, const char *mailbox, uint32_t uidvalidity,
			     bool *changed, uint32_t *previous)
{
	char v[16];
	const char *params[2] = {mailbox, v};
	PGresult *res;

	snprintf(v, sizeof(v), "%u", uidvalidity);
	res = db_run_rows(conn, &inbound_uidvalidity, params, 2);
	if (res == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return -1;
	}
	*changed = !PQgetisnull(res, 0, 0) && strcmp(PQgetvalue(res, 0, 1), "0") != 0;
	*previous = PQgetisnull(res, 0, 0) ? 0 : (uint32_t)strtoul(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return 0;
}

int inbound_store_batch(PGconn *conn, const char *mailbox, uint32_t uidvalidity,
			const struct inbound_msg *msgs, size_t n, size_t max_size,
			struct inbound_result *out)
{
	struct pgarray uids, ids, raws, sizes;
	char v[16], cap[24];
	const char *params[7];
	int lengths[7] = {0}, formats[7] = {0, 0, 1, 1, 1, 1, 0};
	PGresult *res;
	int rc = -1;

	snprintf(v, sizeof(v), "%u", uidvalidity);
	snprintf(cap, sizeof(cap), "%zu", max_size);
	pgarray_init(&uids, PG_OID_INT8);
	pgarray_init(&ids, PG_OID_TEXT);
	pgarray_init(&raws, PG_OID_BYTEA);
	pgarray_init(&sizes, PG_OID_INT8);
	for (size_t i = 0; i < n; i++) {
		pgarray_add_int8(&uids, msgs[i].uid);
		pgarray_add(&ids, msgs[i].message_id,
			    msgs[i].message_id ? strlen(msgs[i].message_id) : 0);
		pgarray_add(&raws, msgs[i].raw, msgs[i].len);
		pgarray_add_int8(&sizes, (int64_t)msgs[i].size);
	}
	params[0] = mailbox;
	params[1] = v;
	params[2] = pgarray_value(&uids, &lengths[2]);
	params[3] = pgarray_value(&ids, &lengths[3]);
	params[4] = pgarray_value(&raws, &lengths[4]);
	params[5] = pgarray_value(&sizes, &lengths[5]);
	params[6] = cap;
	res = db_run_bin(conn, &inbound_store_batch_insert, params, lengths, formats, 0,
			 PGRES_TUPLES_OK);
	if (res == NULL)
		goto out;
	if (!db_result_has_fields(res, &inbound_store_batch_insert, 4)) {
		PQclear(res);
		goto out;
	}
	/* Rows come back only for UIDs newly stored; the rest were present already. */
	{
		int row = 0, rows = PQntuples(res);

		for (size_t i = 0; i < n; i++) {
			out[i].uid = msgs[i].uid;
			out[i].job_id = 0;
			out[i].outcome = INBOUND_PRESENT;
		}
		for (size_t i = 0; i < n && row < rows; i++) {
			if ((uint32_t)strtoul(PQgetvalue(res, row, 0), NULL, 10) != msgs[i].uid)
				continue;
			if (strcmp(PQgetvalue(res, row, 1), "t") == 0)
				out[i].outcome = INBOUND_DUPLICATE;
			else if (strcmp(PQgetvalue(res, row, 2), "t") == 0)
				out[i].outcome = INBOUND_QUARANTINED;
			else {
				out[i].outcome = INBOUND_QUEUED;
				out[i].job_id = strtoll(PQgetvalue(res, row, 3), NULL, 10);
			}
			row++;
		}
	}
	PQclear(res);
	rc = 0;
out:
	pgarray_free(&uids);
	pgarray_free(&ids);
	pgarray_free(&raws);
	pgarray_free(&sizes);
	return rc;
}

int inbound_stored(PGconn *conn, const char *mailbox, uint32_t uidvalidity, const uint32_t *uids,
		   size_t n, bool *stored)
{
	struct pgarray arr;
	char v[16];
	const char *params[3];
	int lengths[3] = {0}, formats[3] = {0, 0, 1};
	PGresult *res;

	memset(stored, 0, n * sizeof(*stored));
	if (n == 0)
		return 0;
	snprintf(v, sizeof(v), "%u", uidvalidity);
	pgarray_init(&arr, PG_OID_INT8);
	for (size_t i = 0; i < n; i++)
		pgarray_add_int8(&arr, uids[i]);
	params[0] = mailbox;
	params[1] = v;
	params[2] = pgarray_value(&arr, &lengths[2]);
	res = db_run_bin(conn, &inbound_stored_select, params, lengths, formats, 0, PGRES_TUPLES_OK);
	pgarray_free(&arr);
	if (res == NULL)
		return -1;
	if (!db_result_has_fields(res, &inbound_stored_select, 1)) {
		PQclear(res);
		return -1;
	}
	for (int r = 0; r < PQntuples(res); r++) {
		uint32_t uid = (uint32_t)strtoul(PQgetvalue(res, r, 0), NULL, 10);

		for (size_t i = 0; i < n; i++)
			if (uids[i] == uid)
				stored[i] = true;
	}
	PQclear(res);
	return 0;
}

int inbound_load(PGconn *conn, int64_t id, char **raw, size_t *len)
{
	/*
	 * In slices: libpq holds a whole result twice while it receives it, so
	 * a 30 MB mail fetched at once would cost 60 MB before we see a byte.
	 * The first slice comes with the length: one round trip for most mail.
	 */
	enum { SLICE = 4 * 1024 * 1024 };
	char idtext[24], from[24], count[24];
	const char *params[3] = {idtext, from, count};
	PGresult *res;
	size_t total = 0, got = 0;

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	snprintf(count, sizeof(count), "%d", SLICE);
	*raw = NULL;
	do {
		size_t n;

		snprintf(from, sizeof(from), "%zu", got + 1);
		res = db_run_bin(conn, &inbound_load_select, params, NULL, NULL, 1, PGRES_TUPLES_OK);
		if (res == NULL || !db_result_has_fields(res, &inbound_load_select, 2) ||
		    PQntuples(res) != 1 || PQgetlength(res, 0, 0) != 4) {
			PQclear(res);
			free(*raw);
			*raw = NULL;
			return -1;
		}
		if (*raw == NULL) {
			const unsigned char *be = (const unsigned char *)PQgetvalue(res, 0, 0);

			total = (size_t)be[0] << 24 | (size_t)be[1] << 16 | (size_t)be[2] << 8 | be[3];
			*raw = malloc(total + 1);
			if (*raw == NULL) {
				PQclear(res);
				return -1;
			}
		}
		n = (size_t)PQgetlength(res, 0, 1);
		if (n > total - got)
			n = total - got;
		if (n == 0 && got < total) {
			PQclear(res);
			free(*raw);
			*raw = NULL;
			return -1;
		}
		memcpy(*raw + got, PQgetvalue(res, 0, 1), n);
		got += n;
		PQclear(res);
	} while (got < total);
	(*raw)[total] = '\0';
	*len = total;
	return 0;
}

int inbound_store_fax(PGconn *conn, const struct inbound_fax *fax, int64_t *job_id, bool *duplicate)
{
	char len[24], pages[16];
	const char *params[10] = {fax->spool,  fax->name,     fax->content_type, fax->data,
				  len,         fax->number,   fax->csid,         fax->received,
				  fax->file,   pages};
	int lengths[10] = {0, 0, 0, (int)fax->len, 0, 0, 0, 0, 0, 0};
	int formats[10] = {0, 0, 0, 1, 0, 0, 0, 0, 0, 0};
	PGresult *res;

	snprintf(len, sizeof(len), "%zu", fax->len);
	snprintf(pages, sizeof(pages), "%d", fax->pages);
	res = db_run_bin(conn, &inbound_store_fax_insert, params, lengths, formats, 0,
			 PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	if (!db_result_has_fields(res, &inbound_store_fax_insert, 2)) {
		PQclear(res);
		return -1;
	}
	*job_id = 0;
	*duplicate = PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	if (PQntuples(res) == 1 && !PQgetisnull(res, 0, 1))
		*job_id = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
	PQclear(res);
	return 0;
}

int inbound_info(PGconn *conn, int64_t id, struct inbound_info *info)
{
	char idtext[24];
	const char *params[1] = {idtext};
	PGresult *res;

	memset(info, 0, sizeof(*info));
	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	res = db_run_rows(conn, &inbound_info_select, params, 9);
	if (res == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return -1;
	}
	info->channel = strdup(PQgetvalue(res, 0, 0));
	info->content_type = strdup(PQgetvalue(res, 0, 1));
	info->number = strdup(PQgetvalue(res, 0, 2));
	info->csid = strdup(PQgetvalue(res, 0, 3));
	info->received = strdup(PQgetvalue(res, 0, 4));
	info->file = strdup(PQgetvalue(res, 0, 5));
	info->pages = atoi(PQgetvalue(res, 0, 6));
	info->truncated = strcmp(PQgetvalue(res, 0, 7), "t") == 0;
	info->mailbox = strdup(PQgetvalue(res, 0, 8));
	PQclear(res);
	if (!info->mailbox || !info->channel || !info->content_type || !info->number || !info->csid ||
	    !info->received || !info->file) {
		inbound_info_free(info);
		return -1;
	}
	return 0;
}

void inbound_info_free(struct inbound_info *info)
{
	free(info->mailbox);
	free(info->channel);
	free(info->content_type);
	free(info->number);
	free(info->csid);
	free(info->received);
	free(info->file);
	memset(info, 0, sizeof(*info));
}

int inbound_set_disposition(PGconn *conn, int64_t id, const char *disposition)
{
	char idtext[24];
	const char *params[2] = {idtext, disposition};

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	return db_run_exec(conn, &inbound_disposition, params);
}

int inbound_try_lock_mailbox(PGconn *conn, const char *key)
{
	const char *params[1] = {key};
	PGresult *res;
	int got;

	res = db_run(conn, &inbound_try_lock_mailbox_select, params, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	if (!db_result_has_fields(res, &inbound_try_lock_mailbox_select, 1) ||
	    PQntuples(res) != 1) {
		PQclear(res);
		return -1;
	}
	got = db_result_bool(res, 0, 0);
	PQclear(res);
	return got;
}
