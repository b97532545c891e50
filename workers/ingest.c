/*
 * ingest.c - decode headers and text of one inbound message and file it.
 */
#include "ingest.h"

#include "buf.h"
#include "config.h"
#include "fax_ingest.h"
#include "db.h"
#include "db_case.h"
#include "db_inbound.h"
#include "db_job.h"
#include "log.h"
#include "mailhdr.h"
#include "mime_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PostgreSQL text cannot hold NUL: replace it so a hostile body still files. */
static void strip_nul(char *s, size_t *len)
{
	size_t j = 0;

	for (size_t i = 0; i < *len; i++)
		if (s[i] != '\0')
			s[j++] = s[i];
	s[j] = '\0';
	*len = j;
}

/* A mail from a fax-to-mail gateway: its TIFF or PDF attachment is the fax. */
static int ingest_gateway_fax(PGconn *db, const struct config *cfg, const struct job *job,
			      const char *raw, size_t len, const char *msgid, time_t sent,
			      const char *gateway, char *err, size_t errsz)
{
	struct buf doc = BUF_INIT;
	char ctype[32], filename[256];
	struct fax_document fd;
	int rc;

	if (mime_document(raw, len, &doc, ctype, sizeof(ctype), filename, sizeof(filename)) == -1) {
		/* No document: file it as the mail it is, so nothing is lost. */
		buf_free(&doc);
		return 1;
	}
	fd = (struct fax_document){
	    .inbound_id = job->inbound_id,
	    .data = doc.data,
	    .len = doc.len,
	    .content_type = ctype,
	    .filename = filename,
	    .number = "",
	    .csid = gateway,
	    .message_id = msgid,
	    .sent_at = sent,
	};
	rc = fax_ingest(db, job, &fd, cfg->fax_ocr_preprocess, err, errsz);
	buf_free(&doc);
	return rc;
}

/* A fax the daemon took from the spool. */
static int ingest_spool_fax(PGconn *db, const struct config *cfg, const struct job *job, char *err,
			    size_t errsz)
{
	struct inbound_info info;
	struct fax_document fd;
	char *raw = NULL;
	size_t len = 0;
	int rc;

	if (inbound_info(db, job->inbound_id, &info) == -1 ||
	    inbound_load(db, job->inbound_id, &raw, &len) == -1) {
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
	rc = fax_ingest(db, job, &fd, cfg->fax_ocr_preprocess, err, errsz);
	inbound_info_free(&info);
	free(raw);
	return rc;
}

int ingest_job(PGconn *db, const struct config *cfg, const struct job *job, char *err,
	       size_t errsz)
{
	char *raw = NULL, *subject_raw, *from_raw, *msgid_raw, *date_raw;
	char *subject, *msgid, *body;
	struct mailhdr_address from;
	struct case_message m;
	char number[CASE_NUMBER_LEN + 1];
	size_t len, bad_subject = 0, bad_body = 0, body_len;
	time_t sent = 0;
	struct buf notes = BUF_INIT;
	int created, rc = -1;

	if (strcmp(job->kind, "ingest_fax") == 0)
		return ingest_spool_fax(db, cfg, job, err, errsz);
	if (inbound_load(db, job->inbound_id, &raw, &len) == -1) {
		snprintf(err, errsz, "cannot load inbound message %lld", (long long)job->inbound_id);
		return -1;
	}
	subject_raw = mailhdr_get(raw, len, "Subject");
	from_raw = mailhdr_get(raw, len, "From");
	msgid_raw = mailhdr_get(raw, len, "Message-ID");
	date_raw = mailhdr_get(raw, len, "Date");
	subject = mailhdr_decode(subject_raw ? subject_raw : "", &bad_subject);
	mailhdr_parse_address(from_raw, &from);
	msgid = mailhdr_message_id(msgid_raw);
	if (date_raw != NULL && !mailhdr_parse_date(date_raw, &sent)) {
		sent = 0;
		buf_adds(&notes, "unreadable Date header; ");
	}
	if (config_is_fax_gateway(cfg, from.address)) {
		rc = ingest_gateway_fax(db, cfg, job, raw, len, msgid, sent, from.address, err,
					errsz);
		if (rc != 1) {
			body = NULL;
			goto out;
		}
		rc = -1;
	}
	body = mime_text(raw, len, &bad_body);
	body_len = strlen(body);
	strip_nul(body, &body_len);
	if (bad_subject > 0)
		buf_printf(&notes, "subject: %zu undecodable positions; ", bad_subject);
	if (bad_body > 0)
		buf_printf(&notes, "body: %zu undecodable positions; ", bad_body);

	m = (struct case_message){
	    .inbound_id = job->inbound_id,
	    .channel = "mail",
	    .subject = subject,
	    .from_name = from.name,
	    .from_address = from.address,
	    .message_id = msgid,
	    .sent_at = sent,
	    .body_text = body,
	    .decode_notes = notes.len > 0 ? notes.data : NULL,
	};
	if (db_begin(db) == -1) {
		snprintf(err, errsz, "database: cannot begin");
		goto out;
	}
	created = case_file_message(db, &m, number);
	if (created == -1 || job_done(db, job->id) == -1 || db_commit(db) == -1) {
		db_rollback(db);
		snprintf(err, errsz, "database: cannot file the case");
		goto out;
	}
	log_info("case=%s job=%lld inbound=%lld result=%s", number, (long long)job->id,
		 (long long)job->inbound_id, created ? "created" : "already-filed");
	rc = 0;
out:
	buf_free(&notes);
	free(body);
	free(msgid);
	free(subject);
	mailhdr_address_free(&from);
	free(subject_raw);
	free(from_raw);
	free(msgid_raw);
	free(date_raw);
	free(raw);
	return rc;
}
