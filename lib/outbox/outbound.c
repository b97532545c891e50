/*
 * outbound.c - acknowledgements through an outbox, sent with libcurl.
 *
 * Every machine-made mail says so (Auto-Submitted, RFC 3834) so that other
 * machines do not answer it, carries the case number where threading will
 * find it again (subject tag, X-Madoguchi-Case header, body marker), and is
 * rate-limited per sender so two autoresponders cannot mail each other
 * forever.
 */
#include "outbound.h"

#include "buf.h"
#include "config.h"
#include "db.h"
#include "log.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define OUTBOX_MAX_ATTEMPTS 8

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void base64_encode(const unsigned char *s, size_t len, struct buf *out, size_t wrap)
{
	size_t col = 0;

	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < len ? (unsigned)s[i + 1] << 8 : 0) |
			     (i + 2 < len ? s[i + 2] : 0);

		buf_addc(out, b64[(v >> 18) & 63]);
		buf_addc(out, b64[(v >> 12) & 63]);
		buf_addc(out, i + 1 < len ? b64[(v >> 6) & 63] : '=');
		buf_addc(out, i + 2 < len ? b64[v & 63] : '=');
		col += 4;
		if (wrap > 0 && col >= wrap && i + 3 < len) {
			buf_adds(out, "\r\n");
			col = 0;
		}
	}
}

/* RFC 2047 words of at most 45 bytes of UTF-8 each, never splitting a character. */
static void encode_words(const char *s, struct buf *out)
{
	size_t len = strlen(s), i = 0;

	while (i < len) {
		size_t n = len - i < 45 ? len - i : 45;

		while (i + n < len && ((unsigned char)s[i + n] & 0xC0) == 0x80)
			n--;
		if (i > 0)
			buf_adds(out, "\r\n ");
		buf_adds(out, "=?UTF-8?B?");
		base64_encode((const unsigned char *)s + i, n, out, 0);
		buf_adds(out, "?=");
		i += n;
	}
}

/* Header-safe copy: no CR, LF or other controls (a subject is the sender's text). */
static void clean(const char *s, char *out, size_t outsz)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0' && n + 1 < outsz; s++)
		out[n++] = (unsigned char)*s < 0x20 || *s == 0x7F ? ' ' : *s;
	out[n] = '\0';
}

static const char *domain_of(const char *from)
{
	const char *at = from ? strrchr(from, '@') : NULL;

	return at != NULL ? at + 1 : "madoguchi.invalid";
}

static void compose(const struct ack_request *r, const char *from, time_t now, bool notice,
		    struct buf *out, char *msgid, size_t msgidsz);

void ack_compose(const struct ack_request *r, const char *from, time_t now, struct buf *out,
		 char *msgid, size_t msgidsz)
{
	compose(r, from, now, false, out, msgid, msgidsz);
}

static void compose(const struct ack_request *r, const char *from, time_t now, bool notice,
		    struct buf *out, char *msgid, size_t msgidsz)
{
	char subject[600], date[64], domain[256], name[256];
	struct buf body = BUF_INIT;
	struct tm tm;

	clean(domain_of(from), domain, sizeof(domain));
	domain[strcspn(domain, "> ")] = '\0';
	snprintf(msgid, msgidsz, "%s-%s.%ld.%d@%s", notice ? "notice" : "ack", r->case_number,
		 (long)now, (int)getpid(), domain);
	clean(r->subject, subject, sizeof(subject));
	clean(r->to_name, name, sizeof(name));
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);

	buf_printf(out, "From: %s\r\nTo: %s\r\nSubject: ", from, r->to_address);
	{
		struct buf s = BUF_INIT;

		buf_printf(&s, notice ? "[相談#%s] 終了したご相談について" : "[相談#%s] 受付のお知らせ",
			   r->case_number);
		if (subject[0] != '\0')
			buf_printf(&s, " (%.200s)", subject);
		encode_words(s.data, out);
		buf_free(&s);
	}
	buf_printf(out, "\r\nDate: %s\r\nMessage-ID: <%s>\r\n", date, msgid);
	if (r->in_reply_to != NULL)
		buf_printf(out, "In-Reply-To: <%s>\r\nReferences: <%s>\r\n", r->in_reply_to,
			   r->in_reply_to);
	buf_printf(out,
		   "Auto-Submitted: auto-replied\r\nX-Madoguchi-Case: %s\r\nMIME-Version: 1.0\r\n"
		   "Content-Type: text/plain; charset=UTF-8\r\n"
		   "Content-Transfer-Encoding: base64\r\n\r\n",
		   r->case_number);
	if (name[0] != '\0')
		buf_printf(&body, "%s 様\r\n\r\n", name);
	if (notice)
		buf_printf(&body,
			   "サイバーセキュリティ相談窓口です。\r\n"
			   "受付番号 %s のご相談は対応を終了しているため、このメールは受け付けて"
			   "おりません。\r\n"
			   "新たなご相談は、件名の受付番号を外して新しいメールでお送りください。\r\n\r\n"
			   "※このメールは自動で送信しています。\r\n",
			   r->case_number);
	else
		buf_printf(&body,
			   "サイバーセキュリティ相談窓口です。\r\n"
			   "ご相談を受け付けました。受付番号は %s です。\r\n\r\n"
			   "担当者が内容を確認のうえ、順次ご連絡いたします。\r\n"
			   "このメールにご返信いただく場合は、件名の受付番号を変えずにお送りください。\r\n\r\n"
			   "被害が今まさに広がっている場合（ランサムウェア、不正送金など）は、\r\n"
			   "ネットワークから機器を外し、警察や金融機関にもあわせてご連絡ください。\r\n\r\n"
			   "※このメールは自動で送信しています。\r\n",
			   r->case_number);
	buf_printf(&body, "[madoguchi:%s]\r\n", r->case_number);
	base64_encode((const unsigned char *)body.data, body.len, out, 76);
	buf_adds(out, "\r\n");
	buf_free(&body);
}

/* Envelope sender: the address inside "Name <addr>". */
static void envelope(const char *from, char *out, size_t outsz)
{
	const char *lt = strchr(from, '<'), *gt = lt ? strchr(lt, '>') : NULL;

	if (lt != NULL && gt != NULL)
		snprintf(out, outsz, "<%.*s>", (int)(gt - lt - 1), lt + 1);
	else
		snprintf(out, outsz, "<%s>", from);
}

static int queue(PGconn *conn, const struct config *cfg, const struct ack_request *r, time_t now,
		 bool notice);

int ack_queue(PGconn *conn, const struct config *cfg, const struct ack_request *r, time_t now)
{
	return cfg->ack_enabled ? queue(conn, cfg, r, now, false) : 0;
}

int notice_queue(PGconn *conn, const struct config *cfg, const struct ack_request *r, time_t now)
{
	return queue(conn, cfg, r, now, true);
}

static int queue(PGconn *conn, const struct config *cfg, const struct ack_request *r, time_t now,
		 bool notice)
{
	char cap[16], msgid[400];
	struct buf raw = BUF_INIT;
	const char *p1[2] = {r->to_address, cap};
	PGresult *res;
	int sent_today;

	if (cfg->smtp_url == NULL || cfg->smtp_from == NULL ||
	    r->to_address == NULL || strchr(r->to_address, '@') == NULL)
		return 0;
	{
		char own[400];

		/* Never answer ourselves: that is how mail loops start. */
		envelope(cfg->smtp_from, own, sizeof(own));
		if (strlen(own) == strlen(r->to_address) + 2 &&
		    strncasecmp(own + 1, r->to_address, strlen(r->to_address)) == 0)
			return 0;
	}
	snprintf(cap, sizeof(cap), "%d", cfg->ack_daily_cap);
	res = db_query(conn, "ack_rate",
		       "SELECT count(*) FROM outbox WHERE kind IN ('ack', 'notice') AND rcpt = $1"
		       " AND created_at > now() - interval '1 day' AND $2::int >= 0",
		       2, p1, PGRES_TUPLES_OK);
	if (res == NULL)
		return -1;
	sent_today = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	if (sent_today >= cfg->ack_daily_cap) {
		log_info("case=%s ack=skipped reason=\"daily cap of %d reached for %s\"", r->case_number,
			 cfg->ack_daily_cap, r->to_address);
		return 0;
	}
	compose(r, cfg->smtp_from, now, notice, &raw, msgid, sizeof(msgid));
	{
		const char *params[5] = {r->case_number, r->to_address, msgid, raw.data,
					 notice ? "notice" : "ack"};
		int lengths[5] = {0, 0, 0, (int)raw.len, 0}, formats[5] = {0, 0, 0, 1, 0};

		res = db_query_bin(conn, "ack_queue",
				   "WITH c AS (SELECT id, subject FROM cases WHERE number = $1),"
				   " o AS (INSERT INTO outbox (case_id, kind, rcpt, message_id, raw)"
				   "  SELECT id, $5, $2, $3, $4::bytea FROM c RETURNING id)"
				   " INSERT INTO case_messages (case_id, direction, kind, message_id,"
				   "  from_address, subject, sent_at, body_text)"
				   " SELECT c.id, 'out', CASE $5 WHEN 'ack' THEN 'ack' ELSE 'reply' END, $3, '',"
				   "  '[相談#' || $1 || '] ' || CASE $5 WHEN 'ack' THEN '受付のお知らせ'"
				   "  ELSE '終了したご相談について' END,"
				   "  now(), convert_from($4::bytea, 'UTF8') FROM c, o",
				   5, params, lengths, formats, 0, PGRES_COMMAND_OK);
	}
	buf_free(&raw);
	if (res == NULL)
		return -1;
	PQclear(res);
	return 1;
}

struct upload {
	const char *data;
	size_t len, pos;
};

static size_t read_cb(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nmemb;

	if (n > u->len - u->pos)
		n = u->len - u->pos;
	memcpy(ptr, u->data + u->pos, n);
	u->pos += n;
	return n;
}

static int smtp_send(const struct config *cfg, const char *rcpt, const char *data, size_t len,
		     char *err, size_t errsz)
{
	CURL *curl = curl_easy_init();
	struct curl_slist *to = NULL;
	struct upload u = {data, len, 0};
	char from[400], rcptbuf[400];
	CURLcode rc;

	if (curl == NULL) {
		snprintf(err, errsz, "curl_easy_init failed");
		return -1;
	}
	envelope(cfg->smtp_from, from, sizeof(from));
	snprintf(rcptbuf, sizeof(rcptbuf), "<%s>", rcpt);
	to = curl_slist_append(to, rcptbuf);
	curl_easy_setopt(curl, CURLOPT_URL, cfg->smtp_url);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, to);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(curl, CURLOPT_READDATA, &u);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	if (strncmp(cfg->smtp_url, "smtp://", 7) == 0)
		curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	if (cfg->smtp_user != NULL) {
		curl_easy_setopt(curl, CURLOPT_USERNAME, cfg->smtp_user);
		if (cfg->smtp_password_file != NULL) {
			FILE *f = fopen(cfg->smtp_password_file, "r");
			char pw[256] = "";

			if (f != NULL) {
				if (fgets(pw, sizeof(pw), f) != NULL)
					pw[strcspn(pw, "\r\n")] = '\0';
				fclose(f);
			}
			curl_easy_setopt(curl, CURLOPT_PASSWORD, pw);
			explicit_bzero(pw, sizeof(pw));
		}
	}
	rc = curl_easy_perform(curl);
	if (rc != CURLE_OK)
		snprintf(err, errsz, "%s", curl_easy_strerror(rc));
	curl_slist_free_all(to);
	curl_easy_cleanup(curl);
	return rc == CURLE_OK ? 0 : -1;
}

int outbox_flush(PGconn *conn, const struct config *cfg, int max)
{
	int sent = 0;

	if (cfg->smtp_url == NULL || cfg->smtp_from == NULL)
		return 0;
	for (int i = 0; i < max; i++) {
		PGresult *res = db_query_bin(
		    conn, "outbox_claim",
		    "UPDATE outbox SET state = 'sending', attempts = attempts + 1,"
		    " next_attempt_at = now() + make_interval(secs => 60 * power(2, attempts))"
		    " WHERE id = (SELECT id FROM outbox WHERE state IN ('queued', 'sending')"
		    "  AND next_attempt_at <= now() ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)"
		    " RETURNING id::text, rcpt, raw, attempts::text",
		    0, NULL, NULL, NULL, 1, PGRES_TUPLES_OK);
		char err[256] = "", id[24];
		const char *params[3];
		int ok;

		if (res == NULL)
			return -1;
		if (PQntuples(res) == 0) {
			PQclear(res);
			break;
		}
		snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, 0));
		ok = smtp_send(cfg, PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 2),
			       (size_t)PQgetlength(res, 0, 2), err, sizeof(err)) == 0;
		params[0] = id;
		params[1] = ok ? NULL : err;
		params[2] = ok ? "sent" : atoi(PQgetvalue(res, 0, 3)) >= OUTBOX_MAX_ATTEMPTS ? "failed"
											: "queued";
		log_info("outbox=%s rcpt=%s result=%s%s%s", id, PQgetvalue(res, 0, 1), params[2],
			 ok ? "" : " error=", ok ? "" : err);
		PQclear(res);
		if (db_exec(conn, "outbox_done",
			    "UPDATE outbox SET state = $3, last_error = $2,"
			    " sent_at = CASE WHEN $3 = 'sent' THEN now() END WHERE id = $1::bigint",
			    3, params) == -1)
			return -1;
		sent += ok;
	}
	return sent;
}
