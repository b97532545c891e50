/*
 * cmd_reply.c - madoctl reply: answer a case's requester. The text is the
 * standard answer filled in for the case, a file, or written in $EDITOR,
 * ended with the staff member's signature; it is shown, and on a terminal
 * confirmed, before anything is sent. Mail is queued in the outbox in the
 * same transaction that files the reply with the case (its Message-ID
 * fixed then, so a retry can only send the same mail), then tried at once;
 * what the server did not take is retried by the workers. A fax case gets
 * an A4 PDF letter for the desk's fax machine instead. The case then waits
 * for the requester, or is closed with --close.
 */
#include "madoctl.h"

#include "ack_compose.h"
#include "buf.h"
#include "close_rules.h"
#include "config.h"
#include "ctl_events.h"
#include "db_close.h"
#include "db_reply.h"
#include "fax_letter.h"
#include "outbox.h"
#include "pdf_draw.h"
#include "reply_text.h"
#include "smtp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_WAIT_DAYS 7

struct reply_opts {
	const char *number, *answer, *file, *close, *until, *pdf, *actor;
	bool edit, yes, dry;
};

static int misuse(const char *why)
{
	fprintf(stderr, "madoctl reply: %s\n", why);
	return ctl_usage(&cmd_reply_entry);
}

/* Today plus DAYS in Tokyo, YYYY-MM-DD. */
static void tokyo_date(int days, char *out, size_t outsz)
{
	time_t t = time(NULL) + 9 * 3600 + (time_t)days * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, outsz, "%Y-%m-%d", &tm);
}

/* y on a terminal; anything else, or no terminal, is no. */
static bool confirmed(const char *to)
{
	char line[16];

	printf("\nSend this reply to %s? [y/N] ", to);
	fflush(stdout);
	return fgets(line, sizeof(line), stdin) != NULL && (line[0] == 'y' || line[0] == 'Y');
}

/* The close --close asks for, checked (dry) before anything is sent; 0 or 1 after saying why. */
static int close_check(PGconn *db, const struct config *cfg, const struct reply_opts *o,
		       bool dry)
{
	struct close_req req = {o->close, NULL, NULL, false};
	struct case_closing from;
	struct case_close_plan plan;
	char why[1024];
	enum case_state_result r;

	req.without_review = config_resolution_without_review(cfg, o->close);
	r = case_close_move(db, o->number, o->actor, NULL, dry, close_decide, &req, &from, &plan,
			    why, sizeof(why));
	if (r == CASE_STATE_CHANGED) {
		if (!dry)
			printf("%s: closed (resolution: %s)\n", o->number, o->close);
		return 0;
	}
	fprintf(stderr, "madoctl reply: %s: %s%s\n", o->number,
		dry ? "--close would be refused, nothing sent: " : "not closed: ",
		r == CASE_STATE_REFUSED ? why : "the database failed");
	return 1;
}

static int send_mail(PGconn *db, const struct config *cfg, const struct reply_opts *o,
		     const struct reply_target *t, const char *text, const char *wait_until)
{
	struct reply_mail m = {t->number,   t->requester_name, t->requester_address, t->subject,
			       t->in_reply_to, t->references,     text};
	struct buf raw = BUF_INIT;
	char msgid[400], from[400], subject[700], err[300];
	struct reply_record rec;
	const char *state;
	int64_t outbox_id;
	int rc, sent;

	reply_compose(&m, cfg->smtp_from, time(NULL), &raw, msgid, sizeof(msgid));
	smtp_envelope(cfg->smtp_from, from, sizeof(from));
	snprintf(subject, sizeof(subject), "[相談#%s] Re: %s", t->number,
		 t->subject[0] != '\0' ? t->subject : "ご相談の件");
	if (from[0] == '<' && strlen(from) >= 2) {
		memmove(from, from + 1, strlen(from) - 2);
		from[strlen(from) - 2] = '\0';
	}
	rec = (struct reply_record){o->number, o->actor, "mail", t->requester_address, from,
				    subject,   text,     msgid,	 raw.data, raw.len, wait_until};
	rc = db_reply_record(db, &rec, &outbox_id);
	buf_free(&raw);
	if (rc != 1) {
		fprintf(stderr, "madoctl reply: %s: could not file the reply; nothing sent\n",
			o->number);
		return 1;
	}
	sent = outbox_send_now(db, cfg, outbox_id, &state, err, sizeof(err));
	if (sent == 1)
		printf("%s: reply sent to %s (Message-ID <%s>)\n", o->number, t->requester_address,
		       msgid);
	else if (strcmp(state, "failed") == 0)
		fprintf(stderr,
			"madoctl reply: %s: the mail server refused the reply for good: %s"
			" (madoctl outbox shows it)\n",
			o->number, err);
	else
		printf("%s: reply queued for %s; it is sent as soon as the mail server takes it%s%s\n",
		       o->number, t->requester_address, err[0] ? " (now: " : "",
		       err[0] ? err : "");
	if (err[0] != '\0' && strcmp(state, "failed") != 0)
		printf(")\n");
	return sent == -1 || strcmp(state, "failed") == 0;
}

static int send_fax(PGconn *db, const struct config *cfg, const struct reply_opts *o,
		    const struct reply_target *t, const char *text, const char *wait_until)
{
	char path[1024], date[32], why[512], today[16];
	struct fax_letter l;
	struct reply_record rec;
	int64_t none;
	int rc;

	tokyo_date(0, today, sizeof(today));
	snprintf(date, sizeof(date), "%.4s年%d月%d日", today, atoi(today + 5), atoi(today + 8));
	if (o->pdf != NULL)
		snprintf(path, sizeof(path), "%s", o->pdf);
	else
		snprintf(path, sizeof(path), "%s-reply.pdf", t->number);
	l = (struct fax_letter){t->requester_name,
				t->fax_number,
				t->number,
				date,
				cfg->ship_desk_name != NULL ? cfg->ship_desk_name : "",
				cfg->ship_desk_phone != NULL ? cfg->ship_desk_phone : "",
				cfg->ship_desk_fax != NULL ? cfg->ship_desk_fax : "",
				text};
	rc = fax_letter_write(&l, path, why, sizeof(why));
	/* Fonts are loaded once per process; letting go of them keeps leak checks exact. */
	pdf_release_fonts();
	if (rc == -1) {
		fprintf(stderr, "madoctl reply: %s\n", why);
		return 1;
	}
	rec = (struct reply_record){o->number, o->actor, "fax", t->fax_number,
				    cfg->ship_desk_fax != NULL ? cfg->ship_desk_fax : "",
				    "FAX送信票　ご相談への回答", text, NULL, NULL, 0, wait_until};
	if (db_reply_record(db, &rec, &none) != 1) {
		fprintf(stderr, "madoctl reply: %s: could not file the reply\n", o->number);
		return 1;
	}
	printf("%s: letter for the fax machine written to %s (to fax %s); filed as sent by fax\n",
	       o->number, path, t->fax_number[0] != '\0' ? t->fax_number : "unknown: fill it in");
	return 0;
}

/* Where the reply goes: 0 mail, 1 fax, -1 nowhere (said why). */
static int route(const struct reply_target *t)
{
	if (strcmp(t->channel, "fax") == 0)
		return 1;
	if (strchr(t->requester_address, '@') != NULL)
		return 0;
	fprintf(stderr,
		"madoctl reply: %s: the requester gave no mail address (a %s case); answer them"
		" by telephone and record it with madoctl note\n",
		t->number, t->channel);
	return -1;
}

static int reply_case(PGconn *db, const struct config *cfg, const struct reply_opts *o,
		      const struct reply_target *t)
{
	struct reply_text_req tr = {t->number, t->requester_name, o->actor, o->answer, o->file};
	struct buf text = BUF_INIT;
	char wait[16];
	int via, rc = 1;

	if ((via = route(t)) == -1)
		return 1;
	if (via == 0 && (cfg->smtp_url == NULL || cfg->smtp_from == NULL)) {
		fprintf(stderr, "madoctl reply: [smtp] url and from are not configured in %s\n",
			cfg->path);
		return 1;
	}
	if (reply_text_build(db, cfg, &tr, &text) == -1 || (o->edit && reply_text_edit(&text) == -1))
		goto out;
	buf_addc(&text, '\0');
	text.len--;
	if (strspn(text.data, " \t\r\n") == text.len) {
		fprintf(stderr, "madoctl reply: the reply is empty; nothing sent\n");
		goto out;
	}
	if (o->until != NULL)
		snprintf(wait, sizeof(wait), "%s", o->until);
	else
		tokyo_date(DEFAULT_WAIT_DAYS, wait, sizeof(wait));
	printf("To:      %s %s\nVia:     %s\n", t->requester_name,
	       via == 0 ? t->requester_address : t->fax_number, via == 0 ? "mail" : "fax letter (PDF)");
	printf("Then:    %s %s\n\n%s", o->close ? "closed as" : "waiting until",
	       o->close ? o->close : wait, text.data);
	if (o->close != NULL && close_check(db, cfg, o, true) != 0)
		goto out;
	if (o->dry) {
		printf("\n(--dry-run: nothing sent)\n");
		rc = 0;
		goto out;
	}
	if (!o->yes && !confirmed(via == 0 ? t->requester_address : "the fax machine")) {
		fprintf(stderr, "madoctl reply: not sent\n");
		goto out;
	}
	rc = via == 0 ? send_mail(db, cfg, o, t, text.data, o->close ? NULL : wait)
		      : send_fax(db, cfg, o, t, text.data, o->close ? NULL : wait);
	/* A reply the server refused for good leaves the case open for another try. */
	if (o->close != NULL && rc == 0)
		rc = close_check(db, cfg, o, false);
out:
	buf_free(&text);
	return rc;
}

static int cmd_reply(struct ctl *ctl, const struct ctl_args *args)
{
	struct reply_opts o = {ctl_args_pos(args, 0),	     ctl_args_value(args, "--answer"),
			       ctl_args_value(args, "--file"),	     ctl_args_value(args, "--close"),
			       ctl_args_value(args, "--until"),	     ctl_args_value(args, "--pdf"),
			       NULL,				     ctl_args_has(args, "--edit"),
			       ctl_args_has(args, "--yes"),	     ctl_args_has(args, "--dry-run")};
	struct reply_target t;
	PGconn *db;
	int found, rc = 1;

	if (o.until != NULL && (!ctl_calendar_date(o.until) || o.close != NULL))
		return misuse("--until takes a date, YYYY-MM-DD, and is not for --close");
	if (o.file != NULL && strcmp(o.file, "-") == 0 && o.edit)
		return misuse("--file - reads standard input, which --edit's editor needs");
	if (!o.dry && !o.yes && !isatty(STDIN_FILENO))
		return misuse("not on a terminal: --yes sends without asking (or --dry-run shows it)");
	if (!o.dry && !o.yes && o.file != NULL && strcmp(o.file, "-") == 0)
		return misuse("--file - takes standard input, so the question cannot be asked: add --yes");
	if ((o.actor = ctl_acting(&cmd_reply_entry, args)) == NULL)
		return EXIT_MISUSE;
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	if (o.close != NULL && !config_is_resolution(ctl->cfg, o.close)) {
		fprintf(stderr, "madoctl reply: %s is no resolution; [close] resolutions are: %s\n",
			o.close, ctl->cfg->close_resolutions);
		return ctl_usage(&cmd_reply_entry);
	}
	found = db_reply_target(db, o.number, &t);
	if (found == 0)
		fprintf(stderr, "madoctl reply: no case %s\n", o.number);
	else if (found == 1 && t.merged_into[0] != '\0')
		fprintf(stderr, "madoctl reply: %s was merged into %s; reply on that case\n", o.number,
			t.merged_into);
	else if (found == 1 && strcmp(t.status, "closed") == 0)
		fprintf(stderr, "madoctl reply: %s is closed; madoctl reopen it first\n", o.number);
	else if (found == 1) {
		rc = reply_case(db, ctl->cfg, &o, &t);
		/* A hint only: watchers read the case again, whatever became of the reply. */
		if (!o.dry)
			ctl_publish(ctl, o.number, "reply");
	}
	reply_target_free(&t);
	return rc;
}

static const struct ctl_grammar reply_grammar[] = {
    {NULL, "--answer: --file: --edit --close: --until: --pdf: --yes --as: --dry-run", 1, 1},
    CTL_GRAMMAR_END};

const struct ctl_command cmd_reply_entry = {
    "reply",
    "CASE [--answer TEMPLATE] [--file FILE|-] [--edit] [--close RESOLUTION | --until YYYY-MM-DD]"
    " [--pdf FILE] [--yes] [--as NAME] [--dry-run]",
    "answer the requester: the standard answer filled in, signed, shown and confirmed; sent by"
    " mail through the outbox, or as a PDF letter for a fax case; the case then waits"
    " (default 7 days) or is closed",
    reply_grammar, cmd_reply};
