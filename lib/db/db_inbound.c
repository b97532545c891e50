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

/*
 * The intake's connections plan each statement once (a generic plan): a
 * custom plan takes the batch's parameters in as constants, several MB of
 * bytes for a batch of big mail, and planning that took a third of the
 * time a 50 KB batch spent in the database. Every statement here finds
 * its rows by key, so one plan is right for every batch.
 */
DB_STATEMENT(inbound_session_select, 0,
	     "SELECT set_config('plan_cache_mode', 'force_generic_plan', false)");

DB_STATEMENT(inbound_last_uid_select, 2,
	     "SELECT coalesce(max(uid), 0) FROM inbound_messages"
	     " WHERE mailbox = $1 AND uidvalidity = $2::bigint");

/*
 * Read first: a mailbox seen before under the same UIDVALIDITY, which is
 * every pass but the first one after a resync, needs no write. Locking
 * the row wrote WAL, and its COMMIT waited for a flush before every pass.
 */
DB_STATEMENT(inbound_uidvalidity_select, 1,
	     "SELECT uidvalidity FROM mailbox_state WHERE mailbox = $1");

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
 *
 * The bytes are the batch's bulk (up to FETCH_BYTES_MAX), so they are
 * never carried through the statement's sorts and common tables, which
 * spill to disk past work_mem: every step works on keys and the array
 * index ($5's ordinality), and each row's bytes are taken from $5 only
 * as it is inserted (an unnest of $5 would carry them through the sort
 * all the same). PostgreSQL finds an element of an array of bytea by
 * walking from the first, so a statement of n mails takes about n * n
 * such steps: madoguchid keeps each under STORE_ROWS_MAX mails.
 */
DB_STATEMENT(inbound_store_batch_insert, 8,
	     /* A NULL in $5 is a big mail, whose bytes the COPY put in inbound_staging. */
	     "WITH staged AS (DELETE FROM inbound_staging WHERE mailbox = $1"
	     "  AND uid = ANY($3::bigint[]) RETURNING uid, raw),"
	     /* $8: each message's SHA-256, counted by the daemon while it fetched. */
	     " src AS (SELECT u.uid, u.message_id, u.size, u.sha, u.ord,"
	     "  coalesce(length(($5::bytea[])[u.ord]),"
	     "   (SELECT length(s.raw) FROM staged s WHERE s.uid = u.uid)) AS len"
	     "  FROM unnest($3::bigint[], $4::text[], $6::bigint[], $8::bytea[]) WITH ORDINALITY"
	     "   AS u(uid, message_id, size, sha, ord)),"
	     " b AS (SELECT s.uid, s.message_id, s.size, s.sha, s.ord, s.size > s.len AS truncated,"
	     "  d.id AS stored_dup, min(s.uid) FILTER (WHERE d.id IS NULL AND s.size <= s.len)"
	     "  OVER (PARTITION BY s.sha, s.message_id) AS first_uid"
	     /* A lookup by index per message: a plan that stays right however the table grows. */
	     "  FROM src s LEFT JOIN LATERAL (SELECT i.id FROM inbound_messages i"
	     "   WHERE i.raw_sha256 = s.sha AND i.duplicate_of IS NULL AND NOT i.truncated"
	     "   AND i.message_id IS NOT DISTINCT FROM s.message_id ORDER BY i.id LIMIT 1) d ON true"
	     "  WHERE s.len IS NOT NULL),"
	     /* Sorted in a subquery, so the bytes are fetched after the sort, not sorted. */
	     " ins AS (INSERT INTO inbound_messages (mailbox, uidvalidity, uid, message_id, raw,"
	     "  size, raw_sha256, duplicate_of, truncated, disposition)"
	     "  SELECT $1, $2::bigint, k.uid, k.message_id,"
	     "   CASE WHEN k.stored_dup IS NULL THEN coalesce(($5::bytea[])[k.ord],"
	     "    (SELECT s.raw FROM staged s WHERE s.uid = k.uid)) ELSE ''::bytea END,"
	     "   k.size, k.sha, k.stored_dup, k.truncated,"
	     "   CASE WHEN k.stored_dup IS NOT NULL THEN 'duplicate' END"
	     "  FROM (SELECT * FROM b WHERE b.first_uid IS NULL OR b.uid <= b.first_uid"
	     "   ORDER BY b.uid) k"
	     "  ON CONFLICT (mailbox, uidvalidity, uid) DO NOTHING"
	     "  RETURNING id, uid, duplicate_of IS NOT NULL AS dup, truncated, size),"
	     " again AS (INSERT INTO inbound_messages (mailbox, uidvalidity, uid, message_id, raw,"
	     "  size, raw_sha256, duplicate_of, truncated, disposition)"
	     "  SELECT $1, $2::bigint, k.uid, k.message_id,"
	     "   CASE WHEN k.first_id IS NULL THEN coalesce(($5::bytea[])[k.ord],"
	     "    (SELECT s.raw FROM staged s WHERE s.uid = k.uid)) ELSE ''::bytea END,"
	     "   k.size, k.sha, k.first_id, k.truncated,"
	     "   CASE WHEN k.first_id IS NOT NULL THEN 'duplicate' END"
	     "  FROM (SELECT b.*, f.id AS first_id FROM b LEFT JOIN ins f ON f.uid = b.first_uid"
	     "   WHERE b.uid > b.first_uid ORDER BY b.uid) k"
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

/*
 * The same for the usual batch, which needs none of the above's
 * machinery: no big mail staged, UIDs ascending as added, and no two
 * mails with the same bytes (so none is a duplicate of another in the
 * batch). Each mail looks only for a stored copy, one index probe; the
 * rows go in in the arrays' order, which is UID order, so nothing is
 * sorted. The bytes are taken from $5 by index here too: unnest keeps
 * what it returns in a tuplestore, which made a batch of 50 KB mails two
 * and a half times slower. A third of the general statement's time per
 * small mail went to what it needs only for the rare batch. OFFSET 0
 * keeps the planner from pulling u up into the INSERT's select list,
 * where each use of u.raw took the element out of $5 again, and the
 * probe is a lateral join for the same reason: inlined, it ran once per
 * use of dup, three index probes per mail.
 */
DB_STATEMENT(inbound_store_plain_insert, 8,
	     "WITH ins AS (INSERT INTO inbound_messages (mailbox, uidvalidity, uid, message_id, raw,"
	     "  size, raw_sha256, duplicate_of, truncated, disposition)"
	     "  SELECT $1, $2::bigint, u.uid, u.message_id,"
	     "   CASE WHEN d.dup IS NULL THEN u.raw ELSE ''::bytea END, u.size, u.sha, d.dup,"
	     "   u.size > length(u.raw), CASE WHEN d.dup IS NOT NULL THEN 'duplicate' END"
	     "  FROM (SELECT u.uid, u.message_id, u.size, u.sha, ($5::bytea[])[u.ord] AS raw"
	     "   FROM unnest($3::bigint[], $4::text[], $6::bigint[], $8::bytea[]) WITH ORDINALITY"
	     "    AS u(uid, message_id, size, sha, ord) OFFSET 0) u"
	     "  LEFT JOIN LATERAL (SELECT min(i.id) AS dup FROM inbound_messages i"
	     "   WHERE i.raw_sha256 = u.sha AND i.duplicate_of IS NULL AND NOT i.truncated"
	     "   AND i.message_id IS NOT DISTINCT FROM u.message_id) d ON true"
	     "  ON CONFLICT (mailbox, uidvalidity, uid) DO NOTHING"
	     "  RETURNING id, uid, duplicate_of IS NOT NULL AS dup, truncated, size),"
	     " q AS (INSERT INTO quarantine (inbound_id, reason)"
	     "  SELECT id, format('message of %s bytes exceeds [imap] max_message_size (%s bytes); "
	     "only the first %s bytes were stored', size, $7::bigint, $7::bigint)"
	     "  FROM ins WHERE truncated AND NOT dup RETURNING inbound_id),"
	     " j AS (INSERT INTO jobs (inbound_id) SELECT id FROM ins"
	     "  WHERE NOT dup AND NOT truncated ORDER BY id RETURNING id, inbound_id)"
	     " SELECT ins.uid, ins.dup, ins.truncated, j.id FROM ins"
	     " LEFT JOIN j ON j.inbound_id = ins.id ORDER BY ins.uid");

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

/* The small mails of a worker's batch, whole; the others are loaded one by one. */
DB_STATEMENT(inbound_load_batch_select, 2,
	     "SELECT id, mailbox, raw FROM inbound_messages WHERE id = ANY($1::bigint[])"
	     " AND channel = 'mail' AND NOT truncated AND mailbox IS NOT NULL"
	     " AND length(raw) <= $2::int");

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
	res = db_run_rows(conn, &inbound_uidvalidity_select, params, 1);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), v) == 0) {
		*changed = false;
		*previous = uidvalidity;
		PQclear(res);
		return 0;
	}
	PQclear(res);
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

void inbound_batch_init(struct inbound_batch *b)
{
	*b = (struct inbound_batch){0};
	pgarray_init(&b->uids, PG_OID_INT8);
	pgarray_init(&b->ids, PG_OID_TEXT);
	pgarray_init(&b->raws, PG_OID_BYTEA);
	pgarray_init(&b->sizes, PG_OID_INT8);
	pgarray_init(&b->shas, PG_OID_BYTEA);
}

int inbound_batch_add(struct inbound_batch *b, uint32_t uid, const char *message_id,
		      const char *raw, size_t len, size_t size, const unsigned char *sha)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 64;
		uint32_t *u = realloc(b->uid, cap * sizeof(*u));
		size_t *z;
		unsigned char(*h)[32];

		if (u == NULL)
			return -1;
		b->uid = u;
		z = realloc(b->size, cap * sizeof(*z));
		if (z == NULL)
			return -1;
		b->size = z;
		h = realloc(b->sha, cap * sizeof(*h));
		if (h == NULL)
			return -1;
		b->sha = h;
		b->cap = cap;
	}
	if (raw == NULL || (b->n > 0 && uid <= b->uid[b->n - 1]))
		b->general = true;
	b->uid[b->n] = uid;
	b->size[b->n] = size;
	memcpy(b->sha[b->n], sha, 32);
	b->n++;
	pgarray_add_int8(&b->uids, uid);
	pgarray_add(&b->ids, message_id, message_id ? strlen(message_id) : 0);
	pgarray_add(&b->raws, raw, len);
	pgarray_add_int8(&b->sizes, (int64_t)size);
	pgarray_add(&b->shas, sha, 32);
	return 0;
}

void inbound_batch_free(struct inbound_batch *b)
{
	pgarray_free(&b->uids);
	pgarray_free(&b->ids);
	pgarray_free(&b->raws);
	pgarray_free(&b->sizes);
	pgarray_free(&b->shas);
	free(b->sha);
	free(b->uid);
	free(b->size);
	*b = (struct inbound_batch){0};
}

static int by_sha(const void *a, const void *b)
{
	return memcmp(a, b, 32);
}

/* Whether two mails of B have the same bytes (then one may be the other's duplicate). */
static bool repeats_bytes(const struct inbound_batch *b)
{
	unsigned char(*sorted)[32];
	bool repeats = false;

	if (b->n < 2)
		return false;
	sorted = malloc(b->n * sizeof(*sorted));
	if (sorted == NULL)
		return true; /* the general statement is right for every batch */
	memcpy(sorted, b->sha, b->n * sizeof(*sorted));
	qsort(sorted, b->n, sizeof(*sorted), by_sha);
	for (size_t i = 1; i < b->n && !repeats; i++)
		repeats = memcmp(sorted[i - 1], sorted[i], 32) == 0;
	free(sorted);
	return repeats;
}

int inbound_store_send(PGconn *conn, const char *mailbox, uint32_t uidvalidity,
		       struct inbound_batch *b, size_t max_size)
{
	char v[16], cap[24];
	const char *params[8];
	int lengths[8] = {0}, formats[8] = {0, 0, 1, 1, 1, 1, 0, 1};

	snprintf(v, sizeof(v), "%u", uidvalidity);
	snprintf(cap, sizeof(cap), "%zu", max_size);
	b->sent = b->general || repeats_bytes(b) ? &inbound_store_batch_insert
						 : &inbound_store_plain_insert;
	params[0] = mailbox;
	params[1] = v;
	params[2] = pgarray_value(&b->uids, &lengths[2]);
	params[3] = pgarray_value(&b->ids, &lengths[3]);
	params[4] = pgarray_value(&b->raws, &lengths[4]);
	params[5] = pgarray_value(&b->sizes, &lengths[5]);
	params[6] = cap;
	params[7] = pgarray_value(&b->shas, &lengths[7]);
	if (db_send_bin(conn, b->sent, params, lengths, formats, 0) == -1)
		return -1;
	/* libpq has the values now: the bytes need not be held twice while the server works. */
	pgarray_free(&b->raws);
	pgarray_init(&b->raws, PG_OID_BYTEA);
	return 0;
}

static int by_uid(const void *a, const void *b)
{
	uint32_t x = (*(struct inbound_result *const *)a)->uid;
	uint32_t y = (*(struct inbound_result *const *)b)->uid;

	return x < y ? -1 : x > y;
}

int inbound_store_receive(PGconn *conn, const struct inbound_batch *b, struct inbound_result *out)
{
	PGresult *res = db_receive(conn, b->sent, PGRES_TUPLES_OK);
	struct inbound_result **order;
	size_t k = 0;
	int rows;

	if (res == NULL)
		return -1;
	if (!db_result_has_fields(res, b->sent, 4)) {
		PQclear(res);
		return -1;
	}
	/* Rows come back only for UIDs newly stored, in UID order; the rest were present. */
	for (size_t i = 0; i < b->n; i++)
		out[i] = (struct inbound_result){b->uid[i], INBOUND_PRESENT, 0};
	if ((order = malloc((b->n ? b->n : 1) * sizeof(*order))) == NULL) {
		PQclear(res);
		return -1;
	}
	for (size_t i = 0; i < b->n; i++)
		order[i] = &out[i];
	/* A batch may hold thousands ([imap] batch_size): sorted by UID, then one walk. */
	qsort(order, b->n, sizeof(*order), by_uid);
	rows = PQntuples(res);
	for (int r = 0; r < rows; r++) {
		uint32_t uid = (uint32_t)strtoul(PQgetvalue(res, r, 0), NULL, 10);
		struct inbound_result *o;

		while (k < b->n && order[k]->uid < uid)
			k++;
		if (k == b->n || order[k]->uid != uid)
			continue;
		o = order[k];
		if (strcmp(PQgetvalue(res, r, 1), "t") == 0)
			o->outcome = INBOUND_DUPLICATE;
		else if (strcmp(PQgetvalue(res, r, 2), "t") == 0)
			o->outcome = INBOUND_QUARANTINED;
		else {
			o->outcome = INBOUND_QUEUED;
			o->job_id = strtoll(PQgetvalue(res, r, 3), NULL, 10);
		}
	}
	free(order);
	PQclear(res);
	return 0;
}

/* COPY's text format: backslash, tab and line ends of a value escaped. */
static size_t copy_escape(const char *in, char *out, size_t outsz)
{
	size_t k = 0;

	for (; *in != '\0' && k + 3 < outsz; in++) {
		char c = *in == '\t' ? 't' : *in == '\n' ? 'n' : *in == '\r' ? 'r' : *in;

		if (c != *in || *in == '\\')
			out[k++] = '\\';
		out[k++] = c;
	}
	out[k] = '\0';
	return k;
}

int inbound_stage_begin(PGconn *conn, const char *mailbox, uint32_t uid)
{
	char line[1200];
	size_t k;

	if (db_copy_begin(conn, "inbound_stage", "COPY inbound_staging (mailbox, uid, raw) FROM STDIN") ==
	    -1)
		return -1;
	/* The row's first fields, then bytea's hex form (its backslash doubled for COPY). */
	k = copy_escape(mailbox, line, sizeof(line) - 40);
	k += (size_t)snprintf(line + k, sizeof(line) - k, "\t%u\t\\\\x", uid);
	return db_copy_put(conn, "inbound_stage", line, k);
}

int inbound_stage_put(PGconn *conn, const char *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	char hex[2 * 16384];

	while (len > 0) {
		size_t n = len < sizeof(hex) / 2 ? len : sizeof(hex) / 2;

		for (size_t i = 0; i < n; i++) {
			hex[2 * i] = digits[(unsigned char)data[i] >> 4];
			hex[2 * i + 1] = digits[(unsigned char)data[i] & 15];
		}
		if (db_copy_put(conn, "inbound_stage", hex, 2 * n) == -1)
			return -1;
		data += n;
		len -= n;
	}
	return 0;
}

int inbound_stage_end(PGconn *conn, const char *why)
{
	if (why == NULL && db_copy_put(conn, "inbound_stage", "\n", 1) == -1)
		return -1;
	return db_copy_end(conn, "inbound_stage", why);
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

int inbound_load_batch(PGconn *conn, const int64_t *ids, size_t n, size_t max_len,
		       struct inbound_mail *out, size_t *nout)
{
	struct pgarray arr;
	char lim[24];
	const char *params[2];
	int lengths[2] = {0}, formats[2] = {1, 0};
	PGresult *res;
	int rc = 0;

	*nout = 0;
	pgarray_of_int8(&arr, ids, n);
	snprintf(lim, sizeof(lim), "%zu", max_len);
	params[0] = pgarray_value(&arr, &lengths[0]);
	params[1] = lim;
	res = db_run_bin(conn, &inbound_load_batch_select, params, lengths, formats, 1,
			 PGRES_TUPLES_OK);
	pgarray_free(&arr);
	if (res == NULL)
		return -1;
	if (!db_result_has_fields(res, &inbound_load_batch_select, 3)) {
		PQclear(res);
		return -1;
	}
	for (int r = 0; r < PQntuples(res) && *nout < n; r++) {
		struct inbound_mail *m = &out[*nout];
		uint64_t be;
		size_t blen = (size_t)PQgetlength(res, r, 1), rlen = (size_t)PQgetlength(res, r, 2);

		memcpy(&be, PQgetvalue(res, r, 0), sizeof(be));
		m->id = (int64_t)be64toh(be);
		m->mailbox = malloc(blen + 1);
		m->raw = malloc(rlen + 1);
		if (m->mailbox == NULL || m->raw == NULL) {
			free(m->mailbox);
			free(m->raw);
			rc = -1;
			break;
		}
		memcpy(m->mailbox, PQgetvalue(res, r, 1), blen);
		m->mailbox[blen] = '\0';
		memcpy(m->raw, PQgetvalue(res, r, 2), rlen);
		m->raw[rlen] = '\0';
		m->len = rlen;
		(*nout)++;
	}
	PQclear(res);
	if (rc == -1) {
		inbound_mails_free(out, *nout);
		*nout = 0;
	}
	return rc;
}

void inbound_mails_free(struct inbound_mail *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(m[i].mailbox);
		free(m[i].raw);
	}
}

PGconn *inbound_connect(const char *conninfo)
{
	PGconn *conn = db_connect(conninfo);
	PGresult *res;

	if (conn == NULL)
		return NULL;
	res = db_run(conn, &inbound_session_select, NULL, PGRES_TUPLES_OK);
	if (res == NULL || db_ready_for_batches(conn) == -1) {
		PQclear(res);
		db_close(conn);
		return NULL;
	}
	PQclear(res);
	return conn;
}
