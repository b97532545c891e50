/*
 * fax_ingest.c - OCR a fax and file it.
 *
 * The OCR text becomes the case's message text (so classification and
 * search see it), the image stays with the case as a document, and a fax
 * OCR could not read (error, no page read, or low confidence) is filed all
 * the same, marked for staff to read by eye.
 */
#include "fax_ingest.h"

#include "buf.h"
#include "db.h"
#include "db_case.h"
#include "config.h"
#include "db_job.h"
#include "events.h"
#include "log.h"
#include "ocr.h"
#include "triage.h"

#include <gnutls/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Below this mean confidence the text is kept but staff are asked to read the image. */
#define OCR_CONFIDENCE_MIN 50

/* A fax machine's header line ("2026/11/20 10:15 FROM:03-... P.1/1") says nothing of the request. */
static bool header_line(const char *line, size_t len)
{
	static const char *const marks[] = {"FROM", "From:", "P.1", "P. 1", "Ｐ．", "TO:", NULL};

	for (int i = 0; marks[i] != NULL; i++) {
		size_t n = strlen(marks[i]);

		for (size_t k = 0; k + n <= len; k++)
			if (memcmp(line + k, marks[i], n) == 0)
				return true;
	}
	return false;
}

/* Kanji, kana and full-width forms in LINE: a line of Japanese words, not OCR noise. */
static int japanese_chars(const char *line, size_t len)
{
	int n = 0;

	for (size_t i = 0; i + 2 < len; i++) {
		unsigned char c = (unsigned char)line[i];

		/* U+3000..U+9FFF and U+FF00..U+FFEF are three-byte UTF-8 sequences led by E3..E9, EF. */
		if ((c >= 0xE3 && c <= 0xE9) || c == 0xEF) {
			n++;
			i += 2;
		}
	}
	return n;
}

static bool contains(const char *line, size_t len, const char *word)
{
	size_t n = strlen(word);

	for (size_t k = 0; k + n <= len; k++)
		if (memcmp(line + k, word, n) == 0)
			return true;
	return false;
}

/* Copies LINE, cut at 90 bytes on a character boundary, without leading blanks. */
static void take_line(const char *line, size_t len, char *out, size_t outsz)
{
	size_t n;

	while (len > 0 && (*line == ' ' || *line == '\f' || *line == '\t')) {
		line++;
		len--;
	}
	n = len < 90 ? len : 90;
	while (n > 0 && n < len && ((unsigned char)line[n] & 0xC0) == 0x80)
		n--;
	snprintf(out, outsz, "%.*s", (int)n, line);
}

/*
 * A subject for the case list, from what a clerk would read first: the
 * "件名" line if the sender wrote one, else a line that asks for something,
 * else the first line of Japanese words that is not the fax header, the
 * date or the address line ("…御中").
 */
static void subject_from_text(const char *text, const char *who, bool manual, char *out,
			      size_t outsz)
{
	static const char *const subject_marks[] = {"件名", "用件", "標題", NULL};
	static const char *const asks[] = {"お願い", "依頼", "相談", "希望", NULL};
	char line[256] = "";

	for (int pass = 0; pass < 3 && line[0] == '\0'; pass++) {
		for (const char *p = text; p != NULL && *p != '\0' && line[0] == '\0';) {
			const char *end = strchr(p, '\n');
			size_t len = end ? (size_t)(end - p) : strlen(p);
			bool take = false;

			if (header_line(p, len) || japanese_chars(p, len) < 4) {
				p = end ? end + 1 : NULL;
				continue;
			}
			for (int i = 0; pass == 0 && subject_marks[i] != NULL; i++)
				take |= contains(p, len, subject_marks[i]);
			for (int i = 0; pass == 1 && asks[i] != NULL; i++)
				take |= contains(p, len, asks[i]);
			if (pass == 2)
				take = !contains(p, len, "御中") &&
				       !(contains(p, len, "年") && contains(p, len, "月"));
			if (take) {
				const char *colon = NULL;

				/* "件名 : …" keeps what follows the colon. */
				if (pass == 0) {
					const char *c1 = memchr(p, ':', len);
					const char *c2 = strstr(p, "：");

					colon = c1 ? c1 + 1 : (c2 && c2 < p + len ? c2 + 3 : NULL);
				}
				if (colon != NULL)
					take_line(colon, len - (size_t)(colon - p), line, sizeof(line));
				else
					take_line(p, len, line, sizeof(line));
			}
			p = end ? end + 1 : NULL;
		}
	}
	/* A fax the OCR could not read reliably says so in the case list. */
	if (line[0] != '\0')
		snprintf(out, outsz, "FAX %s%s: %s", who, manual ? " (要手動読取)" : "", line);
	else
		snprintf(out, outsz, "FAX %s (要手動読取)", who);
}

/* The fax's OCR text classified like a mail's words, to be filed with the case. */
static void triage_fax(const struct config *cfg, const struct classifier *cl, const char *text,
		       struct triage *t, struct buf *json, struct case_message *cm)
{
	struct shipping_policy policy;

	if (cl == NULL || text == NULL)
		return;
	shipping_policy_from_config(cfg, &policy);
	triage_text(cl, &policy, text, NULL, t);
	triage_json(t, true, json);
	cm->category = t->cls.scores[0].code;
	cm->urgent = t->cls.urgent;
	cm->triage_json = json->data;
}

int fax_ingest(PGconn *db, const struct config *cfg, const struct classifier *cl,
	       struct events *ev, const struct job *job, const struct fax_document *doc, char *err,
	       size_t errsz)
{
	bool preprocess = cfg->fax_ocr_preprocess != 0;
	struct ocr_result ocr = {0};
	char why[256] = "", subject[400], who[160], number[CASE_NUMBER_LEN + 1];
	unsigned char sha[32];
	bool ocr_ok, manual;
	struct case_message m;
	struct case_document d;
	struct triage t;
	struct buf json = BUF_INIT;
	int created;

	ocr_ok = ocr_document(doc->data, doc->len, preprocess, &ocr, why, sizeof(why)) == 0;
	manual = !ocr_ok || ocr.pages == ocr.failed_pages || ocr.mean_confidence < OCR_CONFIDENCE_MIN;
	if (doc->csid[0] != '\0' && doc->number[0] != '\0')
		snprintf(who, sizeof(who), "%s (%s)", doc->csid, doc->number);
	else
		snprintf(who, sizeof(who), "%s", doc->csid[0] ? doc->csid
					       : doc->number[0] ? doc->number
								: "(発信元不明)");
	subject_from_text(ocr_ok ? ocr.text : "", who, manual, subject, sizeof(subject));
	gnutls_hash_fast(GNUTLS_DIG_SHA256, doc->data, doc->len, sha);

	m = (struct case_message){
	    .inbound_id = doc->inbound_id,
	    .channel = "fax",
	    .subject = subject,
	    .from_name = doc->csid,
	    .from_address = doc->number,
	    .message_id = doc->message_id,
	    .sent_at = doc->sent_at,
	    .body_text = ocr_ok ? ocr.text : "",
	    .decode_notes = !ocr_ok ? "OCR failed: read the fax image"
			    : manual ? "OCR confidence is low: check against the fax image"
				     : NULL,
	    .fax_number = doc->number[0] ? doc->number : NULL,
	    .fax_csid = doc->csid[0] ? doc->csid : NULL,
	    .needs_manual_reading = manual,
	};
	d = (struct case_document){
	    .inbound_id = doc->inbound_id,
	    .kind = "fax_image",
	    .content_type = doc->content_type,
	    .filename = doc->filename[0] ? doc->filename : NULL,
	    .size = doc->len,
	    .sha256 = sha,
	    .pages = ocr_ok && ocr.pages > 0 ? ocr.pages : doc->pages,
	    .ocr_text = ocr_ok ? ocr.text : NULL,
	    .ocr_confidence = ocr_ok ? ocr.mean_confidence : -1,
	    .ocr_error = ocr_ok ? NULL : why,
	};
	triage_fax(cfg, cl, ocr_ok ? ocr.text : NULL, &t, &json, &m);
	if (db_begin(db) == -1)
		goto dberr;
	created = case_file_message(db, &m, number);
	if (created == -1 || (created == 1 && case_add_document(db, number, &d) == -1) ||
	    job_done(db, job->id) == -1 || db_commit(db) == -1) {
		db_rollback(db);
		goto dberr;
	}
	log_info("case=%s job=%lld channel=fax pages=%d ocr=%s confidence=%d manual=%s result=%s",
		 number, (long long)job->id, d.pages, ocr_ok ? "ok" : why,
		 ocr_ok ? ocr.mean_confidence : -1, manual ? "yes" : "no",
		 created ? "created" : "already-filed");
	if (created == 1)
		events_publish(ev, number, "new");
	if (ocr_ok)
		ocr_result_free(&ocr);
	buf_free(&json);
	return 0;
dberr:
	snprintf(err, errsz, "database: cannot file the fax case");
	if (ocr_ok)
		ocr_result_free(&ocr);
	buf_free(&json);
	return -1;
}
