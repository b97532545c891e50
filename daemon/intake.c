/*
 * intake.c - fetch what a mailbox has that PostgreSQL has not, store it.
 *
 * The unit of work is a batch of UIDs (which of them need their exact
 * size asked for tens of thousands at a time): one UID FETCH of the
 * bodies, one statement that stores every raw message with its job, the
 * COMMIT (shared by a run of small batches; a big batch commits with its
 * statement), then one wake-up per job over
 * ZeroMQ, and only then the optional \Seen or move on the server. A crash
 * anywhere before COMMIT means the batch is fetched again, and the unique
 * key (mailbox, uidvalidity, uid) makes the second store a no-op.
 *
 * Fetching and storing overlap: the mailbox's thread fetches, a storing
 * thread (store_pipe.c) stores and commits batch after batch in order,
 * with a queue of one batch between them; the mailbox's thread announces
 * and flags or moves each batch once it is back, committed.
 *
 * A big mail never sits whole in the daemon: it is fetched in slices
 * (BODY.PEEK[]<offset.length>) that go on, one by one, into a COPY to
 * inbound_staging, from where the store statement takes it.
 *
 * Two daemons pointed at one mailbox: a session-level advisory lock on the
 * mailbox's key makes the second one a standby until the first one's
 * database session ends.
 */
#include "intake.h"

#include "buf.h"
#include "config.h"
#include "db.h"
#include "db_inbound.h"
#include "db_status.h"
#include "imap_session.h"
#include "log.h"
#include "mailhdr.h"
#include "queue.h"
#include "sig.h"
#include "store_pipe.h"

#include <gnutls/crypto.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BACKOFF_MIN_MS 500L
#define BACKOFF_MAX_MS 60000L
#define STANDBY_RETRY_MS 5000L
/* Bytes fetched per UID FETCH: bounds the daemon's memory on a backlog of big mail. */
#define FETCH_BYTES_MAX (8L * 1024 * 1024)
/*
 * Mails per UID FETCH and store statement, whatever [imap] batch_size
 * asks: the statement's cost grows with the square of its mails past a
 * few hundred (db_inbound.c).
 */
#define STORE_ROWS_MAX 500
/*
 * UIDs whose sizes are asked for at once: one SEARCH LARGER finds the few
 * that need an exact size (imap_session_sizes). Each command cost a few
 * milliseconds however few it named, four of them on 20,000 small mails.
 */
#define SIZES_AT_ONCE 50000

struct intake {
	const struct config *cfg;
	const struct imap_config *mb;
	char key[512]; /* user@host/mailbox: the mailbox's identity in the database */
	struct queue *queue;
	bool once;
	atomic_bool stop;
	pthread_t thread;
	int status;

	struct imap_session *imap;
	PGconn *db;
	bool locked; /* holds the advisory lock on this database session */
	bool standby_logged;
	uint32_t uidvalidity;
	unsigned long stored, duplicates, quarantined;
	/* The storing thread while a pass fetches (store_group); NULL otherwise. */
	struct store_pipe *pipe;
};

static _Thread_local struct intake *current;

static bool should_stop(void)
{
	return sig_stop_requested() || atomic_load(&current->stop);
}

static void sleep_ms(long ms)
{
	while (ms > 0 && !should_stop()) {
		long step = ms < 100 ? ms : 100;
		struct timespec ts = {0, step * 1000000L};

		nanosleep(&ts, NULL);
		ms -= step;
	}
}

static void drop_db(struct intake *in)
{
	if (in->db != NULL)
		db_close(in->db); /* also releases the advisory lock */
	in->db = NULL;
	in->locked = false;
}

/* Returns 1 when this daemon may fetch the mailbox, 0 when another one does, -1 on error. */
static int take_lock(struct intake *in)
{
	int got;

	if (in->locked)
		return 1;
	got = inbound_try_lock_mailbox(in->db, in->key);
	if (got == -1)
		return -1;
	if (!got) {
		if (!in->standby_logged)
			log_info("intake mailbox=%s key=%s result=standby (another madoguchid holds it)",
				 in->mb->name, in->key);
		in->standby_logged = true;
		return 0;
	}
	if (in->standby_logged)
		log_info("intake mailbox=%s result=active (took over)", in->mb->name);
	in->standby_logged = false;
	in->locked = true;
	return 1;
}

static void after_commit(struct intake *in, const uint32_t *uids, size_t n)
{
	int rc = 0;

	if (n == 0 || in->mb->after_commit == IMAP_AFTER_NONE)
		return;
	if (in->mb->after_commit == IMAP_AFTER_SEEN)
		rc = imap_session_mark_seen(in->imap, uids, n);
	else
		rc = imap_session_move(in->imap, uids, n, in->mb->processed_mailbox);
	/* A failure leaves the messages as they were; the next settle pass retries. */
	if (rc == -1)
		log_warnx("intake mailbox=%s after_commit failed for %zu messages; retried later",
			  in->mb->name, n);
}

/* Messages from here up pass through in slices (store_big), never whole. */
#define BIG_MESSAGE_BYTES (2L * 1024 * 1024)
#define BIG_SLICE_BYTES (512L * 1024)

static int collect(void *arg, const struct imap_message *m)
{
	struct inbound_batch *b = arg;
	char *hdr = mailhdr_get(m->raw, m->len, "Message-ID");
	char *id = mailhdr_message_id(hdr);
	unsigned char sha[32];
	int rc;

	free(hdr);
	/*
	 * Hashed here rather than on the storing thread: that thread waits on
	 * the database, which is the slower side of the two, for every size.
	 */
	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, m->raw, m->len, sha) != 0) {
		free(id);
		return -1;
	}
	/* The bytes go straight into the statement's array: one copy. */
	rc = inbound_batch_add(b, m->uid, id, m->raw, m->len, m->size, sha);
	free(id);
	return rc;
}

/* Counts and logs what a committed batch B did, announces its jobs, then flags or moves it. */
static void stored(struct intake *in, const struct inbound_batch *b,
		   const struct inbound_result *res)
{
	uint32_t *done = calloc(b->n ? b->n : 1, sizeof(*done));
	size_t ndone = 0;

	for (size_t i = 0; i < b->n; i++) {
		switch (res[i].outcome) {
		case INBOUND_QUEUED:
			queue_announce(in->queue, res[i].job_id);
			in->stored++;
			break;
		case INBOUND_DUPLICATE:
			in->duplicates++;
			log_info("intake mailbox=%s uid=%u result=duplicate (same Message-ID and bytes "
				 "already stored)",
				 in->mb->name, res[i].uid);
			break;
		case INBOUND_QUARANTINED:
			in->quarantined++;
			log_warnx("intake mailbox=%s uid=%u size=%zu result=quarantined (over "
				  "max_message_size, stored truncated)",
				  in->mb->name, res[i].uid, b->size[i]);
			break;
		case INBOUND_PRESENT:
			break;
		}
		if (done != NULL)
			done[ndone++] = res[i].uid;
	}
	/* Without memory for the list, the next first pass's settle does it. */
	after_commit(in, done, ndone);
	free(done);
}

/* A message fetched in slices, never whole (store_big). */
static bool is_big(const struct intake *in, uint32_t size)
{
	return (long)size >= BIG_MESSAGE_BYTES || size > (uint32_t)in->mb->max_message_size;
}

/* Announces and flags what the storing thread has committed so far. */
static void deliver(struct intake *in)
{
	struct inbound_batch b;
	struct inbound_result *res;

	while (in->pipe != NULL && store_pipe_take(in->pipe, &b, &res) == 1) {
		stored(in, &b, res);
		inbound_batch_free(&b);
		free(res);
	}
}

/* Waits for every batch handed to the storing thread and deals with them. 0 or -1. */
static int settle_pipe(struct intake *in)
{
	int rc;

	if (in->pipe == NULL)
		return 0;
	rc = store_pipe_drain(in->pipe);
	deliver(in);
	return rc;
}

/*
 * Fetches UIDS (each under BIG_MESSAGE_BYTES) in one command and hands
 * them to the storing thread: while PostgreSQL stores and commits them,
 * this thread fetches the next batch. What was committed meanwhile is
 * announced and flagged first.
 */
static int store_group(struct intake *in, const uint32_t *uids, size_t n)
{
	struct inbound_batch b;

	inbound_batch_init(&b);
	if (imap_session_fetch(in->imap, uids, n, 0, collect, &b) == -1) {
		inbound_batch_free(&b);
		return -1;
	}
	deliver(in);
	return store_pipe_put(in->pipe, &b);
}

struct slices {
	PGconn *db;
	gnutls_hash_hd_t sha; /* of the bytes staged so far: the statement is given it */
	size_t got;
	char *message_id;
};

static int stage_slice(void *arg, const struct imap_message *m)
{
	struct slices *sl = arg;

	if (sl->got == 0) {
		/* The header is at the start of the first slice. */
		char *hdr = mailhdr_get(m->raw, m->len, "Message-ID");

		sl->message_id = mailhdr_message_id(hdr);
		free(hdr);
	}
	sl->got += m->len;
	if (gnutls_hash(sl->sha, m->raw, m->len) != 0)
		return -1;
	return inbound_stage_put(sl->db, m->raw, m->len);
}

/*
 * A big message (SIZE bytes by the server's count) passes through in
 * slices: each BODY.PEEK[]<offset.length> goes on, as it comes, into a
 * COPY to inbound_staging, and the store statement moves it from there,
 * all in one transaction. A message over max_message_size stops at the
 * cap and is stored truncated (and quarantined) as before.
 */
static int store_big(struct intake *in, uint32_t uid, size_t size)
{
	size_t cap = (size_t)in->mb->max_message_size, limit = size < cap ? size : cap;
	struct slices sl = {in->db, NULL, 0, NULL};
	struct inbound_batch b;
	struct inbound_result res;
	unsigned char sha[32];
	bool copying = false;
	int rc = -1;

	inbound_batch_init(&b);
	if (gnutls_hash_init(&sl.sha, GNUTLS_DIG_SHA256) != 0) {
		sl.sha = NULL;
		goto out;
	}
	/* The connection is the storing thread's until it has stored what it was given. */
	if (settle_pipe(in) == -1 || db_begin(in->db) == -1)
		goto out;
	if (inbound_stage_begin(in->db, in->key, uid) == -1)
		goto fail;
	copying = true;
	while (sl.got < limit) {
		size_t before = sl.got, want = limit - sl.got;

		if (imap_session_fetch_range(in->imap, uid, sl.got,
					     want < BIG_SLICE_BYTES ? want : BIG_SLICE_BYTES,
					     stage_slice, &sl) == -1)
			goto fail;
		if (sl.got == before)
			break; /* shorter than the server said: what came is the message */
	}
	copying = false;
	gnutls_hash_output(sl.sha, sha);
	if (inbound_stage_end(in->db, NULL) == -1 ||
	    inbound_batch_add(&b, uid, sl.message_id, NULL, 0, sl.got < limit ? sl.got : size, sha) ==
		-1 ||
	    inbound_store_send(in->db, in->key, in->uidvalidity, &b, cap) == -1 ||
	    inbound_store_receive(in->db, &b, &res) == -1 || db_commit(in->db) == -1)
		goto fail;
	log_info("intake mailbox=%s uid=%u size=%zu result=streamed (in slices of %ld bytes)",
		 in->mb->name, uid, size, BIG_SLICE_BYTES);
	stored(in, &b, &res);
	rc = 0;
	goto out;
fail:
	if (copying && inbound_stage_end(in->db, "the fetch failed") == -1) {
		/* the abort itself is the expected outcome */
	}
	db_rollback(in->db);
out:
	if (sl.sha != NULL)
		gnutls_hash_deinit(sl.sha, NULL);
	free(sl.message_id);
	inbound_batch_free(&b);
	return rc;
}

/* One batch of UIDs with their SIZES: bodies in groups bounded by bytes, big ones alone. */
static int sync_batch(struct intake *in, const uint32_t *uids, const uint32_t *sizes, size_t n)
{
	uint32_t *group = calloc(n, sizeof(*group));
	size_t i = 0;
	int rc = -1;

	if (group == NULL)
		goto out;
	while (i < n && !should_stop()) {
		size_t ng = 0;
		long bytes = 0;

		if (is_big(in, sizes[i])) {
			if (store_big(in, uids[i], sizes[i]) == -1)
				goto out;
			i++;
			continue;
		}
		/* A group ends at the byte budget, at STORE_ROWS_MAX or at the next big message. */
		for (; i < n && !is_big(in, sizes[i]); i++) {
			if (ng > 0 && (bytes + (long)sizes[i] > FETCH_BYTES_MAX || ng == STORE_ROWS_MAX))
				break;
			bytes += sizes[i];
			group[ng++] = uids[i];
		}
		if (store_group(in, group, ng) == -1)
			goto out;
	}
	rc = 0;
out:
	free(group);
	return rc;
}

/* Applies after_commit to stored messages still in the mailbox (a crash came between). */
static int settle(struct intake *in, uint32_t last)
{
	uint32_t *uids = NULL;
	size_t n = 0;
	bool *stored = NULL;
	int rc = -1;

	if (in->mb->after_commit == IMAP_AFTER_NONE || last == 0)
		return 0;
	if (imap_session_search(in->imap, 1, last, in->mb->after_commit == IMAP_AFTER_SEEN, &uids,
				&n) == -1)
		return -1;
	stored = calloc(n ? n : 1, sizeof(*stored));
	if (stored != NULL && inbound_stored(in->db, in->key, in->uidvalidity, uids, n, stored) == 0) {
		size_t k = 0;

		for (size_t i = 0; i < n; i++)
			if (stored[i])
				uids[k++] = uids[i];
		if (k > 0)
			log_info("intake mailbox=%s settle=%zu (stored earlier, not yet %s)",
				 in->mb->name, k,
				 in->mb->after_commit == IMAP_AFTER_SEEN ? "seen" : "moved");
		after_commit(in, uids, k);
		rc = 0;
	}
	free(stored);
	free(uids);
	return rc;
}

/*
 * The size up to which a mail needs no exact size: [imap] batch_size of
 * them fit FETCH_BYTES_MAX, and none of them is big (store_big).
 */
static uint32_t small_bound(const struct intake *in)
{
	long bound = FETCH_BYTES_MAX / in->mb->batch_size;

	if (bound > BIG_MESSAGE_BYTES - 1)
		bound = BIG_MESSAGE_BYTES - 1;
	if (bound > (long)in->mb->max_message_size)
		bound = (long)in->mb->max_message_size;
	return (uint32_t)bound;
}

static double seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One pass over everything above the highest stored UID. */
static int sync_mailbox(struct intake *in, bool first_pass)
{
	uint32_t last, *uids = NULL;
	size_t n = 0, batch = (size_t)in->mb->batch_size;
	unsigned long before = in->stored;
	/* How long a backlog took, from the selected mailbox to its last COMMIT. */
	double started = seconds_now();
	int rc = 0;

	if (in->uidvalidity != imap_session_uidvalidity(in->imap) || first_pass) {
		bool changed = false;
		uint32_t previous = 0;

		in->uidvalidity = imap_session_uidvalidity(in->imap);
		if (inbound_note_uidvalidity(in->db, in->key, in->uidvalidity, &changed, &previous) ==
		    -1)
			return -1;
		if (changed)
			log_warnx("intake mailbox=%s uidvalidity=%u->%u result=resync (duplicates are "
				  "recognised by Message-ID and content)",
				  in->mb->name, previous, in->uidvalidity);
	}
	if (inbound_last_uid(in->db, in->key, in->uidvalidity, &last) == -1)
		return -1;
	if (first_pass && settle(in, last) == -1)
		return -1;
	if (last == UINT32_MAX)
		return 0;
	if (imap_session_search(in->imap, last + 1, 0, false, &uids, &n) == -1)
		return -1;
	if (n > 0 && (in->pipe = store_pipe_start(in->db, in->key, in->uidvalidity,
						 (size_t)in->mb->max_message_size)) == NULL)
		rc = -1;
	/* The sizes of up to SIZES_AT_ONCE UIDs, then their bodies batch by batch. */
	for (size_t at = 0; at < n && rc == 0 && !should_stop(); at += SIZES_AT_ONCE) {
		size_t m = n - at < SIZES_AT_ONCE ? n - at : SIZES_AT_ONCE;
		uint32_t *sizes = calloc(m, sizeof(*sizes));

		if (sizes == NULL ||
		    imap_session_sizes(in->imap, uids + at, m, small_bound(in), sizes) == -1)
			rc = -1;
		for (size_t i = 0; i < m && rc == 0 && !should_stop(); i += batch)
			rc = sync_batch(in, uids + at + i, sizes + i, m - i < batch ? m - i : batch);
		free(sizes);
	}
	/* The last batches in flight: stored and flagged, or after a failure dropped. */
	if (in->pipe != NULL) {
		if (settle_pipe(in) == -1 || store_pipe_stop(in->pipe) == -1)
			rc = -1;
		in->pipe = NULL;
	}
	if (n > 0)
		log_info("intake mailbox=%s uidvalidity=%u new=%zu stored=%lu duplicates=%lu "
			 "quarantined=%lu seconds=%.3f",
			 in->mb->name, in->uidvalidity, n, in->stored - before, in->duplicates,
			 in->quarantined, seconds_now() - started);
	free(uids);
	return rc;
}

/*
 * For madoctl status: the mailbox is in step with its server (WHY NULL),
 * or why it is not. A database that fails here fails the next step too,
 * which handles it; this record is only a report.
 */
static void note_health(struct intake *in, const char *why)
{
	int rc;

	if (in->db == NULL)
		return;
	rc = why == NULL ? db_mailbox_synced(in->db, in->key, in->mb->name)
			 : db_mailbox_failed(in->db, in->key, in->mb->name, why);
	if (rc == -1 && db_is_broken(in->db))
		drop_db(in);
}

static long backoff_next(long ms)
{
	/* Exponential, with jitter so several daemons do not retry in step. */
	long next = ms * 2 + rand() % 1000;

	return next > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : next;
}

static void *intake_main(void *arg)
{
	struct intake *in = arg;
	long backoff = BACKOFF_MIN_MS;
	bool fresh = true;

	current = in;
	log_info("intake mailbox=%s host=%s:%d folder=%s result=started", in->mb->name,
		 in->mb->host, in->mb->port, in->mb->mailbox);
	while (!should_stop()) {
		int rc, lock;

		if (in->db == NULL && (in->db = inbound_connect(in->cfg->db_conninfo)) == NULL) {
			rc = -1;
		} else if ((lock = take_lock(in)) != 1) {
			if (lock == 0) {
				/* Standby: release the mailbox connection and wait our turn. */
				imap_session_disconnect(in->imap);
				if (in->once)
					break;
				sleep_ms(STANDBY_RETRY_MS);
				continue;
			}
			rc = -1;
		} else if (imap_session_open(in->imap) == -1) {
			rc = -1;
			fresh = true;
			note_health(in, "cannot open the mailbox (connect, TLS, login or select: see "
					"madoguchid's log)");
		} else {
			rc = sync_mailbox(in, fresh);
			fresh = rc == -1;
			note_health(in, rc == -1 ? "a sync failed (see madoguchid's log)" : NULL);
		}
		if (rc == -1) {
			if (in->db != NULL && db_is_broken(in->db))
				drop_db(in);
			if (in->once) {
				in->status = 1;
				break;
			}
			log_info("intake mailbox=%s retry_in_ms=%ld", in->mb->name, backoff);
			sleep_ms(backoff);
			backoff = backoff_next(backoff);
			continue;
		}
		backoff = BACKOFF_MIN_MS;
		if (in->once)
			break;
		if (imap_session_wait(in->imap, should_stop) == -1)
			fresh = true;
	}
	log_info("intake mailbox=%s stored=%lu duplicates=%lu quarantined=%lu result=stopped",
		 in->mb->name, in->stored, in->duplicates, in->quarantined);
	imap_session_disconnect(in->imap);
	drop_db(in);
	return NULL;
}

struct intake *intake_start(const struct config *cfg, const struct imap_config *mb,
			    struct queue *queue, bool once)
{
	struct intake *in = calloc(1, sizeof(*in));
	const char *why = NULL;
	char *password;
	int rc;

	if (in == NULL)
		return NULL;
	password = config_imap_password(mb, &why);
	if (password == NULL) {
		log_warnx("%s: [imap%s%s] password_file: %s", cfg->path,
			  strcmp(mb->name, "default") ? "." : "",
			  strcmp(mb->name, "default") ? mb->name : "", why);
		free(in);
		return NULL;
	}
	in->cfg = cfg;
	in->mb = mb;
	in->queue = queue;
	in->once = once;
	atomic_init(&in->stop, false);
	snprintf(in->key, sizeof(in->key), "%s@%s/%s", mb->user, mb->host, mb->mailbox);
	in->imap = imap_session_new(mb, password);
	explicit_bzero(password, strlen(password));
	free(password);
	if (in->imap == NULL) {
		free(in);
		return NULL;
	}
	/* Signals go to the main thread only; this thread polls the flags. */
	rc = sig_thread_start(&in->thread, intake_main, in);
	if (rc != 0) {
		imap_session_free(in->imap);
		free(in);
		return NULL;
	}
	return in;
}

void intake_request_stop(struct intake *in)
{
	atomic_store(&in->stop, true);
}

int intake_join(struct intake *in)
{
	int status;

	pthread_join(in->thread, NULL);
	status = in->status;
	imap_session_free(in->imap);
	free(in);
	return status;
}
