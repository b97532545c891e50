/*
 * intake.c - fetch what a mailbox has that PostgreSQL has not, store it.
 *
 * The unit of work is a batch of UIDs: one UID FETCH of sizes, one of the
 * bodies, one statement that stores every raw message with its job, one
 * COMMIT, then one wake-up per job over ZeroMQ, and only then the optional
 * \Seen or move on the server. A crash anywhere before COMMIT means the
 * batch is fetched again, and the unique key (mailbox, uidvalidity, uid)
 * makes the second store a no-op.
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

struct batch {
	struct inbound_msg *msgs;
	size_t n;
	struct buf ids; /* message ids, NUL-separated, owned here */
};

static int collect(void *arg, const struct imap_message *m)
{
	struct batch *b = arg;
	struct inbound_msg *im = &b->msgs[b->n++];
	char *hdr = mailhdr_get(m->raw, m->len, "Message-ID");

	im->uid = m->uid;
	im->message_id = mailhdr_message_id(hdr);
	free(hdr);
	/* libetpan owns RAW only until the fetch list is freed: copy it. */
	im->raw = malloc(m->len + 1);
	if (im->raw == NULL)
		return -1;
	memcpy((char *)im->raw, m->raw, m->len);
	im->len = m->len;
	im->size = m->size;
	return 0;
}

static void batch_clear(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->msgs[i].message_id);
		free((char *)b->msgs[i].raw);
	}
	b->n = 0;
}

/* Fetches UIDS (all under the size cap, or all over it when PARTIAL) and stores them. */
static int store_uids(struct intake *in, const uint32_t *uids, const uint32_t *sizes, size_t n,
		      size_t partial)
{
	struct batch b = {calloc(n ? n : 1, sizeof(struct inbound_msg)), 0, BUF_INIT};
	struct inbound_result *res = calloc(n ? n : 1, sizeof(*res));
	uint32_t *done = calloc(n ? n : 1, sizeof(*done));
	size_t ndone = 0;
	int rc = -1;

	if (b.msgs == NULL || res == NULL || done == NULL)
		goto out;
	if (imap_session_fetch(in->imap, uids, n, partial, collect, &b) == -1)
		goto out;
	if (partial > 0)
		for (size_t i = 0; i < b.n; i++)
			for (size_t j = 0; j < n; j++)
				if (uids[j] == b.msgs[i].uid)
					b.msgs[i].size = sizes[j];
	if (db_begin(in->db) == -1)
		goto out;
	if (inbound_store_batch(in->db, in->key, in->uidvalidity, b.msgs, b.n,
				(size_t)in->mb->max_message_size, res) == -1 ||
	    db_commit(in->db) == -1) {
		db_rollback(in->db);
		goto out;
	}
	for (size_t i = 0; i < b.n; i++) {
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
				  in->mb->name, res[i].uid, b.msgs[i].size);
			break;
		case INBOUND_PRESENT:
			break;
		}
		done[ndone++] = res[i].uid;
	}
	after_commit(in, done, ndone);
	rc = 0;
out:
	batch_clear(&b);
	free(b.msgs);
	free(res);
	free(done);
	return rc;
}

/* One batch of UIDs: sizes first, then bodies in groups bounded by bytes. */
static int sync_batch(struct intake *in, const uint32_t *uids, size_t n)
{
	uint32_t *sizes = calloc(n, sizeof(*sizes)), *big = calloc(n, sizeof(*big));
	uint32_t *bigsizes = calloc(n, sizeof(*bigsizes));
	size_t cap = (size_t)in->mb->max_message_size, nbig = 0, i = 0;
	int rc = -1;

	if (sizes == NULL || big == NULL || bigsizes == NULL)
		goto out;
	if (imap_session_sizes(in->imap, uids, n, sizes) == -1)
		goto out;
	while (i < n && !should_stop()) {
		size_t j = i;
		long bytes = 0;
		uint32_t group[5000];
		uint32_t gsizes[5000];
		size_t ng = 0;

		/* A group ends at the byte budget; a message over the cap goes to the big list. */
		for (; j < n && ng < sizeof(group) / sizeof(group[0]); j++) {
			if (sizes[j] > cap) {
				big[nbig] = uids[j];
				bigsizes[nbig++] = sizes[j];
				continue;
			}
			if (ng > 0 && bytes + (long)sizes[j] > FETCH_BYTES_MAX)
				break;
			bytes += sizes[j];
			gsizes[ng] = sizes[j];
			group[ng++] = uids[j];
		}
		if (ng > 0 && store_uids(in, group, gsizes, ng, 0) == -1)
			goto out;
		i = j;
	}
	for (size_t k = 0; k < nbig && !should_stop(); k++)
		if (store_uids(in, &big[k], &bigsizes[k], 1, cap) == -1)
			goto out;
	rc = 0;
out:
	free(sizes);
	free(big);
	free(bigsizes);
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

/* One pass over everything above the highest stored UID. */
static int sync_mailbox(struct intake *in, bool first_pass)
{
	uint32_t last, *uids = NULL;
	size_t n = 0, batch = (size_t)in->mb->batch_size;
	unsigned long before = in->stored;
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
	for (size_t i = 0; i < n && rc == 0 && !should_stop(); i += batch)
		rc = sync_batch(in, uids + i, n - i < batch ? n - i : batch);
	if (n > 0)
		log_info("intake mailbox=%s uidvalidity=%u new=%zu stored=%lu duplicates=%lu "
			 "quarantined=%lu",
			 in->mb->name, in->uidvalidity, n, in->stored - before, in->duplicates,
			 in->quarantined);
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

		if (in->db == NULL && (in->db = db_connect(in->cfg->db_conninfo)) == NULL) {
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
