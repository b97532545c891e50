/*
 * intake.c - fetch what the mailbox has that PostgreSQL has not, store it.
 *
 * The unit of work is a batch of UIDs: one UID FETCH, one transaction that
 * stores every raw message with its job, then one wake-up per job over
 * ZeroMQ. Nothing is marked on the server here: a crash anywhere before
 * COMMIT means the batch is fetched again, and the unique key
 * (mailbox, uidvalidity, uid) makes the second store a no-op.
 */
#include "intake.h"

#include "config.h"
#include "db.h"
#include "db_inbound.h"
#include "imap_session.h"
#include "log.h"
#include "mailhdr.h"
#include "queue.h"
#include "sig.h"

#include <stdlib.h>

#define BACKOFF_MAX_MS 60000L

struct intake {
	const struct config *cfg;
	struct imap_session *imap;
	PGconn *db;
	struct queue *queue;
	int64_t *jobs; /* jobs created in the open transaction, announced after COMMIT */
	size_t njobs;
	uint32_t uidvalidity;
	unsigned long stored, duplicates;
};

static int store_message(void *arg, uint32_t uid, const char *raw, size_t len)
{
	struct intake *in = arg;
	char *hdr = mailhdr_get(raw, len, "Message-ID");
	char *msgid = mailhdr_message_id(hdr);
	int64_t job = 0;
	int rc;

	rc = inbound_store(in->db, in->cfg->imap_mailbox, in->uidvalidity, uid, msgid, raw, len,
			   &job);
	free(hdr);
	free(msgid);
	if (rc == -1)
		return -1;
	if (job == 0) {
		in->duplicates++;
		return 0;
	}
	in->jobs[in->njobs++] = job;
	in->stored++;
	log_debug("intake mailbox=%s uid=%u job=%lld size=%zu result=stored",
		  in->cfg->imap_mailbox, uid, (long long)job, len);
	return 0;
}

static int store_batch(struct intake *in, const uint32_t *uids, size_t n)
{
	in->njobs = 0;
	if (db_begin(in->db) == -1)
		return -1;
	if (imap_session_fetch(in->imap, uids, n, store_message, in) == -1) {
		db_rollback(in->db);
		return -1;
	}
	if (db_commit(in->db) == -1) {
		db_rollback(in->db);
		return -1;
	}
	for (size_t i = 0; i < in->njobs; i++)
		queue_announce(in->queue, in->jobs[i]);
	return 0;
}

/* One pass: everything above the highest stored UID. */
static int sync_mailbox(struct intake *in)
{
	uint32_t last, *uids = NULL;
	size_t n = 0, batch = (size_t)in->cfg->imap_batch_size;
	int rc = 0;

	in->uidvalidity = imap_session_uidvalidity(in->imap);
	if (inbound_last_uid(in->db, in->cfg->imap_mailbox, in->uidvalidity, &last) == -1)
		return -1;
	if (imap_session_uids_after(in->imap, last, &uids, &n) == -1)
		return -1;
	for (size_t i = 0; i < n && rc == 0 && !sig_stop_requested(); i += batch)
		rc = store_batch(in, uids + i, n - i < batch ? n - i : batch);
	if (n > 0)
		log_info("intake mailbox=%s uidvalidity=%u new=%zu stored=%lu duplicates=%lu",
			 in->cfg->imap_mailbox, in->uidvalidity, n, in->stored, in->duplicates);
	free(uids);
	return rc;
}

static long backoff_next(long ms)
{
	/* Exponential, with jitter so several daemons do not retry in step. */
	long next = ms * 2 + rand() % 1000;

	return next > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : next;
}

int intake_run(const struct config *cfg, const char *password, bool once)
{
	struct intake in = {.cfg = cfg};
	long backoff = 500;
	int status = 0;

	in.jobs = calloc((size_t)cfg->imap_batch_size, sizeof(*in.jobs));
	in.imap = imap_session_new(cfg, password);
	in.queue = queue_open_push(cfg->queue_endpoint);
	if (in.jobs == NULL || in.imap == NULL || in.queue == NULL) {
		status = 1;
		goto out;
	}
	log_info("intake mailbox=%s host=%s:%d queue=%s result=started", cfg->imap_mailbox,
		 cfg->imap_host, cfg->imap_port, cfg->queue_endpoint);
	while (!sig_stop_requested()) {
		int rc;

		if (in.db == NULL && (in.db = db_connect(cfg->db_conninfo)) == NULL)
			rc = -1;
		else if (imap_session_open(in.imap) == -1)
			rc = -1;
		else
			rc = sync_mailbox(&in);
		if (rc == -1) {
			if (in.db != NULL && db_is_broken(in.db)) {
				PQfinish(in.db);
				in.db = NULL;
			}
			if (once) {
				status = 1;
				break;
			}
			log_info("intake retry_in_ms=%ld", backoff);
			sig_sleep_ms(backoff);
			backoff = backoff_next(backoff);
			continue;
		}
		backoff = 500;
		if (once)
			break;
		sig_sleep_ms(cfg->imap_poll_interval * 1000L);
		if (!sig_stop_requested())
			imap_session_noop(in.imap);
	}
	log_info("intake mailbox=%s stored=%lu duplicates=%lu result=stopped", cfg->imap_mailbox,
		 in.stored, in.duplicates);
out:
	imap_session_free(in.imap);
	queue_close(in.queue);
	if (in.db != NULL)
		PQfinish(in.db);
	free(in.jobs);
	return status;
}
