/*
 * mail_decode.c - one raw mail to struct decoded_mail.
 *
 * Order: line ends repaired (bare CR), MIME structure (which refuses what
 * is beyond its bounds: the caller quarantines), headers, robot detection,
 * text and own words, attachments, threading markers. Decoding problems that
 * leave the mail readable become notes, never failures.
 */
/* strcasestr() */
#define _GNU_SOURCE
#include "mail_decode.h"

#include "attachment.h"
#include "mail_text.h"
#include "mailhdr.h"
#include "mime.h"

#include <ctype.h>
#include <gnutls/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *mail_kind_name(enum mail_kind kind)
{
	switch (kind) {
	case MAIL_REQUEST:
		return "request";
	case MAIL_AUTOREPLY:
		return "autoreply";
	case MAIL_BOUNCE:
		return "bounce";
	case MAIL_LIST:
		return "list";
	}
	return "?";
}

/* A copy with bare CRs turned into LFs, when the message uses them (old Mac mailers). */
static char *repair_line_ends(const char *raw, size_t len, bool *changed)
{
	char *copy;

	*changed = false;
	for (size_t i = 0; i < len; i++)
		if (raw[i] == '\r' && (i + 1 == len || raw[i + 1] != '\n')) {
			*changed = true;
			break;
		}
	if (!*changed)
		return NULL;
	copy = malloc(len + 1);
	if (copy == NULL)
		return NULL;
	for (size_t i = 0; i < len; i++)
		copy[i] = raw[i] == '\r' && (i + 1 == len || raw[i + 1] != '\n') ? '\n' : raw[i];
	copy[len] = '\0';
	return copy;
}

static char *header(const struct mime_tree *t, const char *name)
{
	return t->nparts > 0 ? mime_part_header(t, 0, name) : NULL;
}

/* Every <msg-id> in VALUE, in order. */
static void msgid_list(const char *value, char ***out, size_t *n)
{
	const char *p = value;

	*out = NULL;
	*n = 0;
	while (p != NULL && (p = strchr(p, '<')) != NULL && *n < 100) {
		const char *gt = strchr(p, '>');
		char *id, **grown;
		size_t len;

		if (gt == NULL)
			break;
		len = (size_t)(gt - p + 1);
		id = malloc(len + 1);
		if (id == NULL)
			break;
		memcpy(id, p, len);
		id[len] = '\0';
		{
			char *clean = mailhdr_message_id(id);

			free(id);
			id = clean;
		}
		p = gt + 1;
		if (id == NULL)
			continue;
		grown = realloc(*out, (*n + 1) * sizeof(**out));
		if (grown == NULL) {
			free(id);
			break;
		}
		*out = grown;
		(*out)[(*n)++] = id;
	}
}

static bool has_token(const char *value, const char *token)
{
	size_t n = strlen(token);

	for (const char *p = value; p != NULL && *p != '\0'; p++)
		if (strncasecmp(p, token, n) == 0)
			return true;
	return false;
}

static void set_kind(struct decoded_mail *m, enum mail_kind kind, const char *why)
{
	if (m->kind != MAIL_REQUEST)
		return;
	m->kind = kind;
	m->kind_reason = strdup(why);
}

/* RFC 3834 and the headers real autoresponders and list servers add. */
static void detect_robots(const struct mime_tree *t, struct decoded_mail *m)
{
	char *v;
	const char *local_end = strchr(m->from_address, '@');
	size_t local = local_end ? (size_t)(local_end - m->from_address) : strlen(m->from_address);

	if (strncmp(t->parts[0].type, "multipart/report", 16) == 0) {
		char *ct = header(t, "Content-Type");
		char *rt = mime_param_decoded(ct, "report-type");

		if (rt != NULL && strcasecmp(rt, "delivery-status") == 0)
			set_kind(m, MAIL_BOUNCE, "multipart/report; report-type=delivery-status");
		else if (rt != NULL && strcasecmp(rt, "disposition-notification") == 0)
			set_kind(m, MAIL_AUTOREPLY, "read receipt (disposition-notification)");
		free(rt);
		free(ct);
	}
	if ((local == 13 && strncasecmp(m->from_address, "mailer-daemon", 13) == 0) ||
	    (local == 10 && strncasecmp(m->from_address, "postmaster", 10) == 0))
		set_kind(m, MAIL_BOUNCE, "sent by the mail system (mailer-daemon/postmaster)");
	if ((v = header(t, "Auto-Submitted")) != NULL) {
		const char *s = v + strspn(v, " \t");

		if (strncasecmp(s, "no", 2) != 0) {
			char why[96];

			snprintf(why, sizeof(why), "Auto-Submitted: %.60s", s);
			set_kind(m, MAIL_AUTOREPLY, why);
		}
		free(v);
	}
	if ((v = header(t, "List-Id")) != NULL || (v = header(t, "List-Post")) != NULL ||
	    (v = header(t, "List-Unsubscribe")) != NULL || (v = header(t, "Mailing-List")) != NULL) {
		set_kind(m, MAIL_LIST, "mailing-list headers (List-Id and the like)");
		free(v);
	}
	if ((v = header(t, "Precedence")) != NULL) {
		const char *s = v + strspn(v, " \t");

		if (strncasecmp(s, "list", 4) == 0)
			set_kind(m, MAIL_LIST, "Precedence: list");
		else if (strncasecmp(s, "bulk", 4) == 0 || strncasecmp(s, "junk", 4) == 0 ||
			 strncasecmp(s, "auto_reply", 10) == 0)
			set_kind(m, MAIL_AUTOREPLY, "Precedence: bulk/junk/auto_reply");
		free(v);
	}
	{
		static const char *const flags[] = {"X-Autoreply", "X-Autorespond", "X-Auto-Reply",
						    "X-Mail-Autoreply", "X-FC-MachineGenerated",
						    NULL};

		for (int i = 0; flags[i] != NULL; i++) {
			if ((v = header(t, flags[i])) != NULL) {
				char why[64];

				snprintf(why, sizeof(why), "%s header", flags[i]);
				set_kind(m, MAIL_AUTOREPLY, why);
				free(v);
			}
		}
	}
	if ((v = header(t, "X-Auto-Response-Suppress")) != NULL) {
		/* Exchange marks its own out-of-office replies so: OOF or All. */
		if (has_token(v, "OOF") || has_token(v, "All"))
			set_kind(m, MAIL_AUTOREPLY, "X-Auto-Response-Suppress (Exchange auto-reply)");
		free(v);
	}
}

/* For a bounce: the Message-ID of the mail that could not be delivered. */
static void bounced_id(const struct mime_tree *t, struct decoded_mail *m)
{
	for (size_t i = 1; i < t->nparts; i++) {
		const struct mime_part *p = &t->parts[i];
		struct buf bytes = BUF_INIT;
		char *v;

		if (strcmp(p->type, "message/rfc822") != 0 &&
		    strcmp(p->type, "text/rfc822-headers") != 0 &&
		    strcmp(p->type, "message/rfc822-headers") != 0 && strcmp(p->type, "text/plain") != 0)
			continue;
		mime_part_bytes(t, i, &bytes);
		/* The original's headers are at the start of the part, or somewhere in a plain report. */
		v = bytes.data ? mailhdr_get(bytes.data, bytes.len, "Message-ID") : NULL;
		if (v == NULL && bytes.data != NULL) {
			const char *hit = strcasestr(bytes.data, "\nMessage-ID:");

			if (hit != NULL)
				v = mailhdr_get(hit + 1, bytes.len - (size_t)(hit + 1 - bytes.data),
						"Message-ID");
		}
		buf_free(&bytes);
		if (v != NULL) {
			m->bounced_message_id = mailhdr_message_id(v);
			free(v);
			if (m->bounced_message_id != NULL)
				return;
		}
	}
}

/* "YYYY-NNNNNN" after PREFIX in S, copied to TAG. */
static bool find_tag(const char *s, const char *prefix, char tag[16])
{
	size_t pl = strlen(prefix);

	for (const char *p = s ? strstr(s, prefix) : NULL; p != NULL; p = strstr(p + 1, prefix)) {
		const char *d = p + pl;
		bool ok = true;

		for (int k = 0; k < 11 && ok; k++)
			ok = k == 4 ? d[k] == '-' : isdigit((unsigned char)d[k]) != 0;
		if (ok && !isdigit((unsigned char)d[11])) {
			snprintf(tag, 16, "%.11s", d);
			return true;
		}
		if (*p == '\0') /* an empty prefix matches at the terminator too */
			break;
	}
	return false;
}

struct att_stream {
	gnutls_hash_hd_t hash;
	size_t size;
	char head[4096]; /* the first bytes, for sniffing */
	size_t headlen;
};

static void att_piece(void *arg, const char *data, size_t len)
{
	struct att_stream *a = arg;

	gnutls_hash(a->hash, data, len);
	if (a->headlen < sizeof(a->head)) {
		size_t n = sizeof(a->head) - a->headlen < len ? sizeof(a->head) - a->headlen : len;

		memcpy(a->head + a->headlen, data, n);
		a->headlen += n;
	}
	a->size += len;
}

/* Attachments are hashed as they are decoded: a 30 MB file never sits in memory decoded. */
static void attachments(const struct mime_tree *t, struct decoded_mail *m)
{
	for (size_t i = 0; i < t->nparts; i++) {
		const struct mime_part *p = &t->parts[i];
		struct mail_attachment *a, *grown;
		struct att_stream st;
		bool inline_text = !p->attachment && p->filename == NULL &&
				   strncmp(p->type, "text/", 5) == 0;
		bool attached_mail = strcmp(p->type, "message/rfc822") == 0 &&
				     (p->attachment || p->filename != NULL);
		bool inside_attached = false;

		/* A forwarded mail attached as a file is one attachment, not its parts. */
		for (int q = p->parent; q > 0; q = t->parts[q].parent)
			inside_attached |= strcmp(t->parts[q].type, "message/rfc822") == 0 &&
					   (t->parts[q].attachment || t->parts[q].filename != NULL);
		if (inside_attached || i == 0 || inline_text || strncmp(p->type, "multipart/", 10) == 0 ||
		    (strcmp(p->type, "message/rfc822") == 0 && !attached_mail))
			continue;
		if (!attached_mail && !p->attachment && p->filename == NULL &&
		    strncmp(p->type, "image/", 6) != 0 &&
		    strncmp(p->type, "application/", 12) != 0 && strncmp(p->type, "audio/", 6) != 0 &&
		    strncmp(p->type, "video/", 6) != 0)
			continue;
		grown = realloc(m->attachments, (m->nattachments + 1) * sizeof(*grown));
		if (grown == NULL)
			return;
		m->attachments = grown;
		a = &m->attachments[m->nattachments++];
		memset(a, 0, sizeof(*a));
		memset(&st, 0, sizeof(st));
		if (gnutls_hash_init(&st.hash, GNUTLS_DIG_SHA256) < 0) {
			m->nattachments--;
			return;
		}
		mime_part_stream(t, i, att_piece, &st);
		gnutls_hash_deinit(st.hash, a->sha256);
		a->filename = attachment_safe_name(p->filename);
		snprintf(a->type, sizeof(a->type), "%s", attachment_sniff(st.head, st.headlen));
		snprintf(a->declared, sizeof(a->declared), "%s", p->type);
		a->size = st.size;
		a->part = i;
	}
}

int mail_decode(const char *raw_in, size_t len, struct decoded_mail *m, char *why, size_t whysz)
{
	struct mime_tree t;
	struct mailhdr_address from;
	bool repaired;
	char *fixed = repair_line_ends(raw_in, len, &repaired);
	const char *raw = fixed != NULL ? fixed : raw_in;
	char *v;
	size_t bad = 0, nul = 0;
	struct buf text = BUF_INIT;
	int rc = -1;

	memset(m, 0, sizeof(*m));
	if (repaired)
		buf_adds(&m->notes, "bare CR line ends read as line breaks; ");
	if (mime_parse(raw, len, &t, why, whysz) == -1)
		goto out;
	if (t.note[0] != '\0')
		buf_printf(&m->notes, "%s; ", t.note);

	v = header(&t, "Subject");
	m->subject = mailhdr_decode(v ? v : "", &bad);
	if (bad > 0)
		buf_printf(&m->notes, "subject: %zu undecodable positions (U+FFFD); ", bad);
	free(v);
	v = header(&t, "From");
	mailhdr_parse_address(v, &from);
	m->from_name = from.name;
	m->from_address = from.address;
	free(v);
	v = header(&t, "Message-ID");
	m->message_id = mailhdr_message_id(v);
	free(v);
	v = header(&t, "In-Reply-To");
	m->in_reply_to = mailhdr_message_id(v);
	free(v);
	v = header(&t, "References");
	msgid_list(v, &m->references, &m->nreferences);
	free(v);
	v = header(&t, "Date");
	if (v != NULL && !mailhdr_parse_date(v, &m->date))
		buf_adds(&m->notes, "unreadable Date header; ");
	free(v);

	detect_robots(&t, m);
	if (m->kind == MAIL_BOUNCE)
		bounced_id(&t, m);

	bad = mail_text(&t, &text, &nul, &m->notes);
	if (bad > 0)
		buf_printf(&m->notes, "text: %zu undecodable positions (U+FFFD); ", bad);
	if (nul > 0)
		buf_printf(&m->notes, "text: %zu NUL characters removed; ", nul);
	m->text = buf_steal(&text);
	m->own_words = mail_own_words(m->text);
	attachments(&t, m);

	if (!find_tag(m->subject, "[相談#", m->case_tag)) {
		v = header(&t, "X-Madoguchi-Case");
		if (v == NULL || !find_tag(v, "", m->case_tag))
			find_tag(m->text, "[madoguchi:", m->case_tag);
		free(v);
	}
	/* A stripped note list reads better without its trailing separator. */
	while (m->notes.len > 0 && (m->notes.data[m->notes.len - 1] == ' ' ||
				    m->notes.data[m->notes.len - 1] == ';'))
		m->notes.data[--m->notes.len] = '\0';
	rc = 0;
out:
	mime_free(&t);
	free(fixed);
	return rc;
}

void decoded_mail_free(struct decoded_mail *m)
{
	free(m->subject);
	free(m->from_name);
	free(m->from_address);
	free(m->message_id);
	free(m->in_reply_to);
	for (size_t i = 0; i < m->nreferences; i++)
		free(m->references[i]);
	free(m->references);
	free(m->text);
	free(m->own_words);
	for (size_t i = 0; i < m->nattachments; i++)
		free(m->attachments[i].filename);
	free(m->attachments);
	free(m->kind_reason);
	free(m->bounced_message_id);
	eapp_form_free(&m->applicant);
	buf_free(&m->notes);
	memset(m, 0, sizeof(*m));
}

void mail_take_eapp(struct decoded_mail *m)
{
	/* The service marks its notifications Auto-Submitted; an applicant wrote them. */
	m->kind = MAIL_REQUEST;
	free(m->kind_reason);
	m->kind_reason = NULL;
	free(m->bounced_message_id);
	m->bounced_message_id = NULL;
	m->eapp = true;
	eapp_form_free(&m->applicant);
	eapp_form_parse(m->text, &m->applicant);
}

bool mail_has_application(const struct decoded_mail *m)
{
	struct eapp_form f;
	bool yes;

	eapp_form_parse(m->text, &f);
	yes = f.field[EAPP_NAME] != NULL && f.nfound >= 3;
	eapp_form_free(&f);
	return yes;
}

int mail_attachment_bytes(const char *raw_in, size_t len, const struct mail_attachment *a,
			  struct buf *out)
{
	struct mime_tree t;
	bool repaired;
	char *fixed = repair_line_ends(raw_in, len, &repaired);
	char why[200];
	int rc = -1;

	if (mime_parse(fixed != NULL ? fixed : raw_in, len, &t, why, sizeof(why)) == 0 &&
	    a->part < t.nparts) {
		mime_part_bytes(&t, a->part, out);
		rc = 0;
	}
	mime_free(&t);
	free(fixed);
	return rc;
}
