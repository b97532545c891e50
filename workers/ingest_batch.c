/*
 * ingest_batch.c - a worker's batch of jobs: the plain new requests among
 * them filed together, everything else one by one.
 *
 * Most mail a desk receives starts a case: a request with no thread
 * headers and no attachment, from a sender with no case a follow-up could
 * join. For those, each step that asks or tells the database is one
 * statement for the whole batch (load, lock, check, file, acknowledge,
 * done), in one transaction. The rest (faxes, follow-ups, duplicates,
 * bounces and robots, e-applications, mail with attachments, mail that
 * does not decode, a second mail of one sender) is left to ingest_job,
 * which the caller runs after this batch's commit, in job order: a
 * follow-up always finds the case it continues. When the transaction
 * fails, every job of it is left to ingest_job too, so one bad mail fails
 * alone and holds nothing back.
 */
#include "ingest_batch.h"

#include "bigram.h"
#include "buf.h"
#include "config.h"
#include "db.h"
#include "db_filing.h"
#include "db_inbound.h"
#include "db_job.h"
#include "events.h"
#include "ingest.h"
#include "log.h"
#include "mail_decode.h"
#include "outbox.h"
#include "triage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Mail up to this size comes whole with the batch; larger mail is loaded in slices, alone. */
#define BATCH_MAIL_MAX (256 * 1024)

struct item {
	const struct job *job;
	size_t slot; /* its index in the caller's jobs */
	struct inbound_mail *mail;
	struct decoded_mail m;
	bool decoded;
	bool plain;   /* goes into the batch's statements */
	bool already; /* filed by an earlier run: only its job is done */
	unsigned char sha[32];
	char shahex[65];
	struct triage t;
	struct buf json;
	struct buf grams; /* the subject's and body's bigrams: the search set */
	struct case_message cm;
};

/* A request that starts a case of its own, unless the database knows better. */
static bool plain_request(const struct config *cfg, const struct decoded_mail *m)
{
	return m->kind == MAIL_REQUEST && m->case_tag[0] == '\0' && m->in_reply_to == NULL &&
	       m->nreferences == 0 && m->nattachments == 0 && m->from_address != NULL &&
	       !config_is_fax_gateway(cfg, m->from_address) &&
	       !config_is_eapp_sender(cfg, m->from_address);
}

/* Another plain item of the batch has the same sender or Message-ID. */
static bool shares_thread(const struct item *items, size_t n, const struct decoded_mail *m)
{
	for (size_t i = 0; i < n; i++) {
		const struct decoded_mail *o = &items[i].m;

		if (!items[i].plain)
			continue;
		if (strcasecmp(o->from_address, m->from_address) == 0 ||
		    (o->message_id != NULL && m->message_id != NULL &&
		     strcmp(o->message_id, m->message_id) == 0))
			return true;
	}
	return false;
}

/* Decodes the loaded mails and picks the plain ones. Returns how many are plain. */
static size_t pick(const struct config *cfg, const struct classifier *cl, const struct job *jobs,
		   size_t njobs, struct inbound_mail *mails, size_t nmails, struct item *items)
{
	size_t nplain = 0;

	for (size_t k = 0; k < nmails; k++) {
		struct item *it = &items[k];
		char why[200] = "";

		it->mail = &mails[k];
		for (size_t j = 0; j < njobs; j++)
			if (jobs[j].inbound_id == mails[k].id) {
				it->job = &jobs[j];
				it->slot = j;
			}
		it->decoded = true;
		if (mail_decode(mails[k].raw, mails[k].len, &it->m, why, sizeof(why)) == -1 ||
		    it->job == NULL || !plain_request(cfg, &it->m) || shares_thread(items, k, &it->m))
			continue;
		it->plain = true;
		nplain++;
		ingest_body_sha(&it->m, it->sha, it->shahex);
		it->cm = (struct case_message){
		    .inbound_id = mails[k].id,
		    .channel = "mail",
		    .subject = it->m.subject,
		    .from_name = it->m.from_name,
		    .from_address = it->m.from_address,
		    .message_id = it->m.message_id,
		    .sent_at = it->m.date,
		    .body_text = it->m.text,
		    .decode_notes = it->m.notes.len > 0 ? it->m.notes.data : NULL,
		    .own_words = it->m.own_words,
		    .body_sha256_hex = it->shahex,
		    .mailbox = mails[k].mailbox,
		};
		bigrams_distinct(it->m.subject, &it->grams);
		bigrams_distinct(it->m.text, &it->grams);
		it->cm.search_bigrams = it->grams.data != NULL ? it->grams.data : "";
		ingest_triage(cfg, cl, &it->m, &it->t, &it->json, &it->cm);
	}
	return nplain;
}

/*
 * The transaction for the plain items: lock, check, file, acknowledge,
 * done. Items the check sends elsewhere lose their plain mark; *NFILED
 * counts the cases filed. 0, or -1 (rolled back).
 */
static int file_plain(PGconn *db, const struct config *cfg, struct item *items, size_t n,
		      char (*numbers)[CASE_NUMBER_LEN + 1], size_t *nfiled)
{
	int64_t *inbound = calloc(n, sizeof(*inbound)), *done = calloc(n, sizeof(*done));
	const char **ids = calloc(n, sizeof(*ids)), **shas = calloc(n, sizeof(*shas));
	const char **senders = calloc(n, sizeof(*senders));
	struct filing_state *state = calloc(n, sizeof(*state));
	struct case_message **file = calloc(n, sizeof(*file));
	struct ack_request *acks = calloc(n, sizeof(*acks));
	struct item **plain = calloc(n, sizeof(*plain));
	size_t np = 0, nf = 0, nd = 0;
	int rc = -1;

	*nfiled = 0;
	if (inbound == NULL || done == NULL || ids == NULL || shas == NULL || senders == NULL ||
	    state == NULL || file == NULL || acks == NULL || plain == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (!items[i].plain)
			continue;
		plain[np] = &items[i];
		inbound[np] = items[i].mail->id;
		ids[np] = items[i].m.message_id;
		shas[np] = items[i].shahex;
		senders[np++] = items[i].m.from_address;
	}
	if (db_begin(db) == -1)
		goto out;
	if (filing_lock(db, inbound, senders, np) == -1 ||
	    filing_check(db, inbound, ids, shas, senders, np, cfg->worker_heuristic_join_days,
			 state) == -1)
		goto rollback;
	for (size_t i = 0; i < np; i++) {
		struct item *it = plain[i];

		if (state[i].filed[0] != '\0') {
			it->already = true;
			done[nd++] = it->job->id;
		} else if (state[i].duplicate ||
			   (state[i].candidates && cfg->worker_heuristic_join_days > 0)) {
			it->plain = false; /* ingest_job decides, after this commit */
		} else {
			file[nf++] = &it->cm;
			done[nd++] = it->job->id;
		}
	}
	/*
	 * The cases last: their numbers lock the year's counter until COMMIT,
	 * and the other workers wait for it.
	 */
	if (job_done_batch(db, done, nd) == -1 || (nf > 0 && filing_cases(db, file, nf, numbers) == -1))
		goto rollback;
	for (size_t i = 0, k = 0; i < np && k < nf; i++) {
		const char *to_name, *to_address;
		struct item *it = plain[i];

		if (!it->plain || it->already)
			continue;
		ingest_reply_to(&it->m, &to_name, &to_address);
		acks[k] = (struct ack_request){numbers[k], to_name, to_address, it->m.subject,
					       it->m.message_id};
		k++;
	}
	if (outbox_queue_acks(db, cfg, acks, nf, time(NULL)) == -1 || db_commit(db) == -1)
		goto rollback;
	*nfiled = nf;
	rc = 0;
	goto out;
rollback:
	db_rollback(db);
out:
	free(inbound);
	free(done);
	free(ids);
	free(shas);
	free(senders);
	free(state);
	free(file);
	free(acks);
	free(plain);
	return rc;
}

int ingest_batch(PGconn *db, const struct config *cfg, const struct classifier *cl,
		 struct events *ev, const struct job *jobs, size_t n, bool *left)
{
	int64_t *ids = calloc(n ? n : 1, sizeof(*ids));
	struct inbound_mail *mails = calloc(n ? n : 1, sizeof(*mails));
	struct item *items = calloc(n ? n : 1, sizeof(*items));
	char(*numbers)[CASE_NUMBER_LEN + 1] = calloc(n ? n : 1, sizeof(*numbers));
	size_t nids = 0, nmails = 0, nfiled = 0;
	int rc = -1;

	for (size_t i = 0; i < n; i++)
		left[i] = true;
	if (ids == NULL || mails == NULL || items == NULL || numbers == NULL)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (strcmp(jobs[i].kind, "ingest_fax") != 0)
			ids[nids++] = jobs[i].inbound_id;
	rc = 0;
	if (nids == 0)
		goto out;
	if (inbound_load_batch(db, ids, nids, BATCH_MAIL_MAX, mails, &nmails) == -1) {
		rc = -1;
		goto out;
	}
	if (pick(cfg, cl, jobs, n, mails, nmails, items) == 0)
		goto out;
	if (file_plain(db, cfg, items, nmails, numbers, &nfiled) == -1) {
		/* Each job runs alone now, and a failure stays its own. */
		log_warnx("batch of %zu jobs result=rolled back (each is filed alone)", n);
		rc = db_is_broken(db) ? -1 : 0;
		goto out;
	}
	for (size_t i = 0, k = 0; i < nmails; i++) {
		struct item *it = &items[i];

		if (!it->plain)
			continue;
		left[it->slot] = false;
		if (it->already) {
			log_info("case=- job=%lld inbound=%lld result=already-filed",
				 (long long)it->job->id, (long long)it->mail->id);
			continue;
		}
		log_info("case=%s job=%lld inbound=%lld result=case batch=%zu", numbers[k],
			 (long long)it->job->id, (long long)it->mail->id, nfiled);
		events_publish(ev, numbers[k], ingest_case_event("case", numbers[k]));
		k++;
	}
out:
	for (size_t i = 0; items != NULL && i < nmails; i++) {
		if (items[i].decoded)
			decoded_mail_free(&items[i].m);
		buf_free(&items[i].json);
		buf_free(&items[i].grams);
	}
	inbound_mails_free(mails, nmails);
	free(ids);
	free(mails);
	free(items);
	free(numbers);
	return rc;
}
