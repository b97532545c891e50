/*
 * outbox.c - acknowledgements and notices through the outbox.
 *
 * Mail to a requester is rate-limited per address (ack_daily_cap a day,
 * acknowledgements and notices together) so that two autoresponders cannot
 * mail each other forever, and never goes to our own address.
 */
#include "outbox.h"

#include "ack_compose.h"
#include "buf.h"
#include "config.h"
#include "db_outbox.h"
#include "log.h"
#include "smtp.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define OUTBOX_MAX_ATTEMPTS 8

/* Whether R may be written to at all (the cap aside). */
static bool may_write(const struct config *cfg, const struct ack_request *r)
{
	char own[400];

	if (cfg->smtp_url == NULL || cfg->smtp_from == NULL ||
	    r->to_address == NULL || strchr(r->to_address, '@') == NULL)
		return false;
	/* Never answer ourselves: that is how mail loops start. */
	smtp_envelope(cfg->smtp_from, own, sizeof(own));
	if (strlen(own) == strlen(r->to_address) + 2 &&
	    strncasecmp(own + 1, r->to_address, strlen(r->to_address)) == 0)
		return false;
	/* The e-application service's no-reply address reads nothing: the applicant never sees it. */
	if (config_is_eapp_sender(cfg, r->to_address)) {
		log_info("case=%s ack=skipped reason=\"e-application service address %s\"",
			 r->case_number, r->to_address);
		return false;
	}
	return true;
}

static int queue(PGconn *conn, const struct config *cfg, const struct ack_request *r, time_t now,
		 bool notice)
{
	char msgid[400];
	struct buf raw = BUF_INIT;
	int sent_today, rc;

	if (!may_write(cfg, r))
		return 0;
	if (db_outbox_recent(conn, r->to_address, &sent_today) == -1)
		return -1;
	if (sent_today >= cfg->ack_daily_cap) {
		log_info("case=%s ack=skipped reason=\"daily cap of %d reached for %s\"", r->case_number,
			 cfg->ack_daily_cap, r->to_address);
		return 0;
	}
	if (notice)
		ack_compose_notice(r, cfg->smtp_from, now, &raw, msgid, sizeof(msgid));
	else
		ack_compose(r, cfg->smtp_from, now, &raw, msgid, sizeof(msgid));
	rc = db_outbox_add(conn, r->case_number, notice ? "notice" : "ack", r->to_address, msgid,
			   raw.data, raw.len);
	buf_free(&raw);
	return rc == -1 ? -1 : 1;
}

int outbox_queue_ack(PGconn *conn, const struct config *cfg, const struct ack_request *r,
		     time_t now)
{
	return cfg->ack_enabled ? queue(conn, cfg, r, now, false) : 0;
}

int outbox_queue_acks(PGconn *conn, const struct config *cfg, const struct ack_request *r,
		      size_t n, time_t now)
{
	const char **numbers = calloc(n ? n : 1, sizeof(*numbers));
	const char **rcpts = calloc(n ? n : 1, sizeof(*rcpts));
	char **ids = calloc(n ? n : 1, sizeof(*ids));
	struct buf *raws = calloc(n ? n : 1, sizeof(*raws));
	bool *queued = calloc(n ? n : 1, sizeof(*queued));
	size_t k = 0;
	int rc = -1;

	if (numbers == NULL || rcpts == NULL || ids == NULL || raws == NULL || queued == NULL)
		goto out;
	for (size_t i = 0; i < n && cfg->ack_enabled; i++) {
		if (!may_write(cfg, &r[i]))
			continue;
		if ((ids[k] = malloc(400)) == NULL)
			goto out;
		numbers[k] = r[i].case_number;
		rcpts[k] = r[i].to_address;
		ack_compose(&r[i], cfg->smtp_from, now, &raws[k], ids[k], 400);
		k++;
	}
	if (k > 0 && db_outbox_add_acks(conn, (const char *const *)numbers, (const char *const *)rcpts,
					(const char *const *)ids, raws, k, cfg->ack_daily_cap,
					queued) == -1)
		goto out;
	for (size_t i = 0; i < k; i++)
		if (!queued[i])
			log_info("case=%s ack=skipped reason=\"daily cap of %d reached for %s\"",
				 numbers[i], cfg->ack_daily_cap, rcpts[i]);
	rc = 0;
out:
	for (size_t i = 0; i < k && ids != NULL && raws != NULL; i++) {
		free(ids[i]);
		buf_free(&raws[i]);
	}
	free(numbers);
	free(rcpts);
	free(ids);
	free(raws);
	free(queued);
	return rc;
}

int outbox_queue_notice(PGconn *conn, const struct config *cfg, const struct ack_request *r,
			time_t now)
{
	return queue(conn, cfg, r, now, true);
}

/*
 * Sends claimed mail M and records how it went: sent, queued again (a
 * 4xx or no connection, until the last attempt) or failed (a 5xx, or the
 * last attempt). *STATE receives it and ERR the server's answer. 1 sent,
 * 0 not, -1 when the record could not be written.
 */
static int send_claimed(PGconn *conn, const struct config *cfg, struct db_outbox_mail *m,
			const char **state, char *err, size_t errsz)
{
	int rc = smtp_send(cfg, m->rcpt, (const char *)m->raw, m->len, err, errsz);

	*state = rc == 0					? "sent"
		 : rc == -2 || m->attempts >= OUTBOX_MAX_ATTEMPTS ? "failed"
								  : "queued";
	log_info("outbox=%lld rcpt=%s result=%s%s%s", (long long)m->id, m->rcpt, *state,
		 rc == 0 ? "" : " error=", rc == 0 ? "" : err);
	if (db_outbox_done(conn, m->id, *state, rc == 0 ? NULL : err) == -1)
		return -1;
	return rc == 0;
}

int outbox_flush(PGconn *conn, const struct config *cfg, int max)
{
	int sent = 0;

	if (cfg->smtp_url == NULL || cfg->smtp_from == NULL)
		return 0;
	for (int i = 0; i < max; i++) {
		struct db_outbox_mail m;
		char err[256] = "";
		const char *state;
		int claimed, rc;

		if ((claimed = db_outbox_claim(conn, cfg->smtp_retry_interval, &m)) == -1)
			return -1;
		if (claimed == 0)
			break;
		rc = send_claimed(conn, cfg, &m, &state, err, sizeof(err));
		db_outbox_mail_free(&m);
		if (rc == -1)
			return -1;
		sent += rc;
	}
	return sent;
}

int outbox_send_now(PGconn *conn, const struct config *cfg, int64_t id, const char **state,
		    char *err, size_t errsz)
{
	struct db_outbox_mail m;
	int claimed, rc;

	err[0] = '\0';
	*state = "queued";
	if (cfg->smtp_url == NULL || cfg->smtp_from == NULL)
		return 0;
	if ((claimed = db_outbox_claim_id(conn, id, cfg->smtp_retry_interval, &m)) != 1)
		return claimed;
	rc = send_claimed(conn, cfg, &m, state, err, errsz);
	db_outbox_mail_free(&m);
	return rc;
}
