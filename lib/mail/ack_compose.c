/*
 * ack_compose.c - the acknowledgement and the closed-case notice as mail.
 *
 * Every machine-made mail says so (Auto-Submitted, RFC 3834) so that other
 * machines do not answer it, and carries the case number where threading
 * will find it again (subject tag, X-Madoguchi-Case header, body marker).
 */
#include "ack_compose.h"

#include "buf.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

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

void ack_compose(const struct ack_request *r, const char *from, time_t now, struct buf *out,
		 char *msgid, size_t msgidsz)
{
	compose(r, from, now, false, out, msgid, msgidsz);
}

void ack_compose_notice(const struct ack_request *r, const char *from, time_t now,
			struct buf *out, char *msgid, size_t msgidsz)
{
	compose(r, from, now, true, out, msgid, msgidsz);
}

/* Header-safe list of "<id>" tokens: only what a Message-ID may hold. */
static void clean_references(const char *s, char *out, size_t outsz)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0' && n + 1 < outsz; s++)
		if ((unsigned char)*s > 0x20 && *s != 0x7F)
			out[n++] = *s;
		else if (*s == ' ' && n > 0 && out[n - 1] != ' ')
			out[n++] = ' ';
	out[n] = '\0';
}

void reply_compose(const struct reply_mail *r, const char *from, time_t now, struct buf *out,
		   char *msgid, size_t msgidsz)
{
	char subject[600], date[64], domain[256], refs[2000];
	unsigned char rnd[6] = {0};
	struct buf body = BUF_INIT, s = BUF_INIT;
	struct tm tm;

	clean(domain_of(from), domain, sizeof(domain));
	domain[strcspn(domain, "> ")] = '\0';
	/* Random bytes too: two replies in one second from one process stay apart. */
	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		memset(rnd, 0, sizeof(rnd));
	snprintf(msgid, msgidsz, "reply-%s.%ld.%d.%02x%02x%02x%02x%02x%02x@%s", r->case_number,
		 (long)now, (int)getpid(), rnd[0], rnd[1], rnd[2], rnd[3], rnd[4], rnd[5], domain);
	clean(r->subject, subject, sizeof(subject));
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);

	buf_printf(out, "From: %s\r\nTo: %s\r\nSubject: ", from, r->to_address);
	buf_printf(&s, "[相談#%s] Re: %.200s", r->case_number,
		   subject[0] != '\0' ? subject : "ご相談の件");
	encode_words(s.data, out);
	buf_free(&s);
	buf_printf(out, "\r\nDate: %s\r\nMessage-ID: <%s>\r\n", date, msgid);
	if (r->in_reply_to != NULL) {
		clean_references(r->references, refs, sizeof(refs));
		buf_printf(out, "In-Reply-To: <%s>\r\nReferences: %s%s<%s>\r\n", r->in_reply_to,
			   refs, refs[0] != '\0' ? " " : "", r->in_reply_to);
	}
	buf_printf(out,
		   "X-Madoguchi-Case: %s\r\nMIME-Version: 1.0\r\n"
		   "Content-Type: text/plain; charset=UTF-8\r\n"
		   "Content-Transfer-Encoding: base64\r\n\r\n",
		   r->case_number);
	for (const char *p = r->body; *p != '\0'; p++) {
		if (*p == '\n' && (p == r->body || p[-1] != '\r'))
			buf_addc(&body, '\r');
		buf_addc(&body, *p);
	}
	if (body.len > 0 && body.data[body.len - 1] != '\n')
		buf_adds(&body, "\r\n");
	buf_printf(&body, "\r\n[madoguchi:%s]\r\n", r->case_number);
	base64_encode((const unsigned char *)body.data, body.len, out, 76);
	buf_adds(out, "\r\n");
	buf_free(&body);
}
