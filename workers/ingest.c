/*
 * ingest.c - what a stored inbound message becomes: a new case, a follow-up
 * of an existing one, a robot's answer set aside, a duplicate recorded once,
 * or a quarantined message with its reason; faxes go to fax_ingest.c.
 *
 * Everything for one message happens in one transaction with its job's
 * "done" mark, under a lock on the inbound row, so a re-run finds the work
 * done and changes nothing.
 */
#include "ingest.h"

#include "buf.h"
#include "classify.h"
#include "triage.h"
#include "config.h"
#include "db.h"
#include "db_attachment.h"
#include "db_case.h"
#include "db_inbound.h"
#include "db_job.h"
#include "db_quarantine.h"
#include "db_thread.h"
#include "events.h"
#include "fax_ingest.h"
#include "followup.h"
#include "followup_plan.h"
#include "log.h"
#include "mail_decode.h"
#include "outbox.h"

#include <gnutls/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A mail from a fax-to-mail gateway: its first TIFF or PDF attachment (by content) is the fax. */
static int ingest_gateway_fax(PGconn *db, const struct config *cfg, const struct classifier *cl,
			      struct events *ev, const struct job *job,
			      const char *raw, size_t len, const struct decoded_mail *m, char *err,
			      size_t errsz)
{
	const struct mail_attachment *a = NULL;
	struct buf doc = BUF_INIT;
	struct fax_document fd;
	int rc;

	for (size_t i = 0; i < m->nattachments && a == NULL; i++)
		if (strcmp(m->attachments[i].type, "image/tiff") == 0 ||
		    strcmp(m->attachments[i].type, "application/pdf") == 0)
			a = &m->attachments[i];
	/* No document: file it as the mail it is, so nothing is lost. */
	if (a == NULL || mail_attachment_bytes(raw, len, a, &doc) == -1) {
		buf_free(&doc);
		return 1;
	}
	fd = (struct fax_document){
	    .inbound_id = job->inbound_id,
	    .data = doc.data,
	    .len = doc.len,
	    .content_type = a->type,
	    .filename = a->filename,
	    .number = "",
	    .csid = m->from_address,
	    .message_id = m->message_id,
	    .sent_at = m->date,
	};
	rc = fax_ingest(db, cfg, cl, ev, job, &fd, err, errsz);
	buf_free(&doc);
	return rc;
}

/* A fax the daemon took from the spool. */
static int ingest_spool_fax(PGconn *db, const struct config *cfg, const struct classifier *cl,
			    struct events *ev, const struct job *job, char *err, size_t errsz)
{
	struct inbound_info info;
	struct fax_document fd;
	char *raw = NULL;
	size_t len = 0;
	int rc;

	if (inbound_info(db, job->inbound_id, &info) == -1) {
		snprintf(err, errsz, "cannot load fax %lld", (long long)job->inbound_id);
		return -1;
	}
	if (inbound_load(db, job->inbound_id, &raw, &len) == -1) {
		inbound_info_free(&info);
		snprintf(err, errsz, "cannot load fax %lld", (long long)job->inbound_id);
		return -1;
	}
	fd = (struct fax_document){
	    .inbound_id = job->inbound_id,
	    .data = raw,
	    .len = len,
	    .content_type = info.content_type,
	    .filename = info.file,
	    .number = info.number,
	    .csid = info.csid,
	    .pages = info.pages,
	};
	rc = fax_ingest(db, cfg, cl, ev, job, &fd, err, errsz);
	inbound_info_free(&info);
	free(raw);
	return rc;
}

void ingest_body_sha(const struct decoded_mail *m, unsigned char sha[32], char hex[65])
{
	static const char digits[] = "0123456789abcdef";

	gnutls_hash_fast(GNUTLS_DIG_SHA256, m->text, strlen(m->text), sha);
	for (size_t i = 0; i < 32; i++) {
		hex[2 * i] = digits[sha[i] >> 4];
		hex[2 * i + 1] = digits[sha[i] & 15];
	}
	hex[64] = '\0';
}

static int store_attachments(PGconn *db, int64_t row, const struct decoded_mail *m)
{
	for (size_t i = 0; i < m->nattachments; i++) {
		const struct mail_attachment *a = &m->attachments[i];

		if (attachment_add(db, row, a->part, a->filename, a->type, a->declared, a->size,
				   a->sha256) == -1)
			return -1;
	}
	return 0;
}

void ingest_triage(const struct config *cfg, const struct classifier *cl,
		   const struct decoded_mail *m, struct triage *t, struct buf *json,
		   struct case_message *cm)
{
	struct shipping_policy policy;
	struct buf text = BUF_INIT, facts = BUF_INIT;

	if (cl == NULL)
		return;
	shipping_policy_from_config(cfg, &policy);
	triage_mail_texts(m, &text, &facts);
	triage_request(cl, &policy, text.data, facts.data, triage_mail_kind(m), t);
	buf_free(&text);
	buf_free(&facts);
	if (m->eapp)
		triage_take_form(t, &m->applicant);
	triage_json(t, true, json);
	cm->category = t->cls.scores[0].code;
	cm->urgent = t->cls.urgent;
	cm->triage_json = json->data;
}

void ingest_reply_to(const struct decoded_mail *m, const char **name, const char **address)
{
	const char *const *f = (const char *const *)m->applicant.field;

	if (!m->eapp) {
		*name = m->from_name;
		*address = m->from_address;
		return;
	}
	*name = f[EAPP_NAME] != NULL ? f[EAPP_NAME] : f[EAPP_ORGANIZATION] ? f[EAPP_ORGANIZATION] : "";
	*address = f[EAPP_EMAIL];
}

/*
 * The request M (CM, SHA) goes to HIT's case when it continues one (HIT NULL:
 * it does not), as the closed-case policy of its mailbox MB says, or starts
 * a case. HEURISTIC, when not NULL, is the normalised subject that matched
 * HIT without headers: the join is marked and audited.
 */
static int file_request(PGconn *db, const struct config *cfg, const struct classifier *cl,
			const struct job *job, const struct decoded_mail *m,
			const struct imap_config *mb, struct case_message *cm,
			const unsigned char sha[32], const struct thread_hit *hit,
			const char *heuristic, const char **what, char number[CASE_NUMBER_LEN + 1])
{
	const char *to_name, *to_address;
	int64_t row;

	ingest_reply_to(m, &to_name, &to_address);
	if (hit != NULL && (!hit->closed || mb == NULL || mb->closed_policy == CLOSED_REOPEN) &&
	    (!hit->closed || hit->closed_days <= (mb != NULL ? mb->reopen_days : 30))) {
		*what = "followup";
		snprintf(number, CASE_NUMBER_LEN + 1, "%s", hit->number);
		row = thread_add_message(db, hit->number, cm, "followup", m->own_words, sha,
					 m->in_reply_to, hit->closed);
		if (row == -1 || store_attachments(db, row, m) == -1)
			return -1;
		if (heuristic != NULL &&
		    thread_mark_heuristic(db, row, m->message_id, heuristic) == -1)
			return -1;
		/* What the follow-up says may complete or change a guidebook request. */
		if (followup_replan(db, cfg, cl, hit->number) == -1)
			return -1;
		return inbound_set_disposition(db, job->inbound_id, *what);
	}
	if (hit != NULL && mb != NULL && mb->closed_policy == CLOSED_REJECT) {
		struct ack_request notice = {hit->number, to_name, to_address, m->subject,
					     m->message_id};

		/* The mail is kept (inbound, raw) but joins nothing; the sender is told. */
		*what = "rejected";
		snprintf(number, CASE_NUMBER_LEN + 1, "%s", hit->number);
		if (outbox_queue_notice(db, cfg, &notice, time(NULL)) == -1)
			return -1;
		return inbound_set_disposition(db, job->inbound_id, *what);
	}
	*what = "case";
	{
		struct triage t;
		struct buf json = BUF_INIT;
		int filed;

		ingest_triage(cfg, cl, m, &t, &json, cm);
		filed = case_file_message(db, cm, number);
		buf_free(&json);
		if (filed == -1)
			return -1;
	}
	{
		struct ack_request ack = {number, to_name, to_address, m->subject, m->message_id};

		if (outbox_queue_ack(db, cfg, &ack, time(NULL)) == -1)
			return -1;
	}
	/* A closed case's thread continues in a new case linked to the old one. */
	if (hit != NULL && case_link(db, number, hit->number) == -1)
		return -1;
	return store_attachments(db, cm->message_row, m);
}

static int file_mail(PGconn *db, const struct config *cfg, const struct classifier *cl,
		     const struct job *job,
		     const struct decoded_mail *m, const char *mailbox, const char **what,
		     char number[CASE_NUMBER_LEN + 1])
{
	unsigned char sha[32];
	char shahex[65];
	struct thread_hit hit;
	struct case_message cm;
	const struct imap_config *mb = config_mailbox_by_key(cfg, mailbox);
	char *heuristic = NULL;
	const char *to_name, *to_address;
	int found, dup, rc;

	ingest_reply_to(m, &to_name, &to_address);
	number[0] = '\0';
	ingest_body_sha(m, sha, shahex);
	cm = (struct case_message){
	    .inbound_id = job->inbound_id,
	    .channel = m->eapp ? "eapp" : "mail",
	    .subject = m->subject,
	    .from_name = m->from_name,
	    .from_address = m->from_address,
	    .message_id = m->message_id,
	    .sent_at = m->date,
	    .body_text = m->text,
	    .decode_notes = m->notes.len > 0 ? m->notes.data : NULL,
	    .own_words = m->own_words,
	    .body_sha256_hex = shahex,
	    .in_reply_to = m->in_reply_to,
	    .mailbox = mailbox,
	    .requester_name = m->eapp ? to_name : NULL,
	    .requester_address = m->eapp ? (to_address != NULL ? to_address : "") : NULL,
	};
	if (m->kind != MAIL_REQUEST) {
		*what = mail_kind_name(m->kind);
		/* A bounce of our own outbound mail goes with its case, where staff look. */
		if (m->kind == MAIL_BOUNCE && m->bounced_message_id != NULL &&
		    thread_find(db, NULL, m->bounced_message_id, NULL, 0, &hit) == 1) {
			snprintf(number, CASE_NUMBER_LEN + 1, "%s", hit.number);
			if (thread_add_message(db, hit.number, &cm, "bounce", m->own_words, sha,
					       m->bounced_message_id, false) == -1)
				return -1;
		}
		return inbound_set_disposition(db, job->inbound_id, *what);
	}
	dup = thread_is_duplicate(db, m->message_id, sha);
	if (dup == -1)
		return -1;
	if (dup == 1) {
		*what = "duplicate";
		return inbound_set_disposition(db, job->inbound_id, *what);
	}
	/* Most mail starts a case: look for its thread only when it names one. */
	found = m->case_tag[0] == '\0' && m->in_reply_to == NULL && m->nreferences == 0
			? 0
			: thread_find(db, m->case_tag, m->in_reply_to, m->references, m->nreferences,
				      &hit);
	/* Headers and the tag decide first; sender and subject only when they found nothing. */
	if (found == 0)
		found = followup_find(db, cfg, m, &hit, &heuristic);
	if (found == -1)
		return -1;
	rc = file_request(db, cfg, cl, job, m, mb, &cm, sha, found == 1 ? &hit : NULL, heuristic,
			  what, number);
	free(heuristic);
	return rc;
}

const char *ingest_case_event(const char *what, const char *number)
{
	if (number[0] == '\0')
		return NULL;
	if (strcmp(what, "case") == 0)
		return "new";
	if (strcmp(what, "followup") == 0 || strcmp(what, "bounce") == 0)
		return "message";
	return NULL;
}

static int ingest_mail(PGconn *db, const struct config *cfg, const struct classifier *cl,
		       struct events *ev, const struct job *job, char *err, size_t errsz)
{
	struct inbound_info info;
	struct decoded_mail m;
	char *raw = NULL, why[200] = "", number[CASE_NUMBER_LEN + 1] = "";
	const char *what = "case";
	size_t len = 0;
	int rc = -1, filed;

	if (inbound_info(db, job->inbound_id, &info) == -1) {
		snprintf(err, errsz, "cannot load inbound message %lld", (long long)job->inbound_id);
		return -1;
	}
	if (inbound_load(db, job->inbound_id, &raw, &len) == -1) {
		inbound_info_free(&info);
		snprintf(err, errsz, "cannot load inbound message %lld", (long long)job->inbound_id);
		return -1;
	}
	if (mail_decode(raw, len, &m, why, sizeof(why)) == 0 &&
	    config_is_fax_gateway(cfg, m.from_address)) {
		rc = ingest_gateway_fax(db, cfg, cl, ev, job, raw, len, &m, err, errsz);
		if (rc != 1)
			goto out;
		rc = -1;
	} else if (why[0] == '\0' && config_is_eapp_sender(cfg, m.from_address) &&
		   (config_is_eapp(cfg, m.from_address, m.subject) || mail_has_application(&m))) {
		mail_take_eapp(&m);
	}
	if (db_begin(db) == -1)
		goto dberr;
	filed = case_lock_inbound(db, job->inbound_id, number);
	if (filed == -1)
		goto dberr_rollback;
	if (filed == 1) {
		what = "already-filed";
	} else if (why[0] != '\0') {
		what = "quarantine";
		if (quarantine_add(db, job->inbound_id, why) == -1)
			goto dberr_rollback;
	} else if (file_mail(db, cfg, cl, job, &m, info.mailbox, &what, number) == -1) {
		goto dberr_rollback;
	}
	if (job_done(db, job->id) == -1 || db_commit(db) == -1)
		goto dberr_rollback;
	log_info("case=%s job=%lld inbound=%lld result=%s%s%s%s", number[0] ? number : "-",
		 (long long)job->id, (long long)job->inbound_id, what,
		 m.eapp ? " channel=eapp" : "", why[0] ? " reason=" : "", why);
	if (ingest_case_event(what, number) != NULL)
		events_publish(ev, number, ingest_case_event(what, number));
	rc = 0;
	goto out;
dberr_rollback:
	db_rollback(db);
dberr:
	snprintf(err, errsz, "database: cannot file the message");
out:
	decoded_mail_free(&m);
	inbound_info_free(&info);
	free(raw);
	return rc;
}

int ingest_job(PGconn *db, const struct config *cfg, const struct classifier *cl,
	       struct events *ev, const struct job *job, char *err, size_t errsz)
{
	if (strcmp(job->kind, "ingest_fax") == 0)
		return ingest_spool_fax(db, cfg, cl, ev, job, err, errsz);
	return ingest_mail(db, cfg, cl, ev, job, err, errsz);
}
