/*
 * cmd_status.c - madoctl status: whether the desk runs, for its admin and
 * for monitoring. The daemon and the workers alive (their heartbeats),
 * each configured mailbox's last sync or error, jobs by state, mail
 * quarantined and mail not sent. Each line says "ok" or what needs a
 * person, and the exit status is 1 when anything does.
 */
#include "madoctl.h"

#include "config.h"
#include "db_status.h"
#include "json.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* A program silent for three beats is gone: a crash or a hang. */
#define GONE_AFTER (3 * STATUS_BEAT_SECONDS)

struct report {
	bool json;
	int problems;
	bool first;
};

/* One check: WHAT, whether it is OK, what it found (DETAIL) and, when not, where to look (HINT). */
static void line(struct report *r, const char *what, bool ok, const char *hint, const char *detail)
{
	if (!ok)
		r->problems++;
	if (r->json) {
		printf("%s{", r->first ? "" : ",\n ");
		r->first = false;
		fputs("\"check\":", stdout);
		json_string(stdout, what);
		json_member(stdout, "state", ok ? "ok" : "needs a person");
		json_member(stdout, "detail", detail);
		json_member(stdout, "hint", ok ? NULL : hint);
		fputc('}', stdout);
		return;
	}
	printf("%-16s %-15s %s", what, ok ? "ok" : "NEEDS A PERSON", detail);
	if (hint != NULL && !ok)
		printf(" (%s)", hint);
	fputc('\n', stdout);
}

static bool alive(const struct status_program *p)
{
	return !p->stopped && p->seen_ago <= GONE_AFTER;
}

static void programs(struct report *r, const struct db_status *s, const char *program,
		     const char *label, const char *hint)
{
	char detail[512];
	size_t n = 0, len = 0;

	detail[0] = '\0';
	for (size_t i = 0; i < s->nprograms; i++) {
		const struct status_program *p = &s->programs[i];

		if (strcmp(p->program, program) != 0)
			continue;
		if (alive(p))
			n++;
		if (len < sizeof(detail) - 1)
			len += (size_t)snprintf(detail + len, sizeof(detail) - len, "%s%s %s %llds ago",
						len ? ", " : "", p->name,
						alive(p) ? "seen" : p->stopped ? "stopped" : "gone, last seen",
						(long long)p->seen_ago);
	}
	if (len == 0)
		snprintf(detail, sizeof(detail), "none has ever run");
	{
		char text[600];

		snprintf(text, sizeof(text), "%zu alive: %s", n, detail);
		line(r, label, n > 0, hint, text);
	}
}

/*
 * In step when the last sync is recent enough for the way the mailbox
 * waits: IDLE ends at idle_interval, polling at poll_interval, plus a
 * timeout and a beat of slack.
 */
static void mailbox(struct report *r, const struct db_status *s, const struct imap_config *mb)
{
	long limit = (mb->idle ? mb->idle_interval : mb->poll_interval) + mb->timeout + GONE_AFTER;
	const struct status_mailbox *h = NULL;
	char label[64], text[512];

	for (size_t i = 0; i < s->nmailboxes; i++)
		if (strcmp(s->mailboxes[i].name, mb->name) == 0)
			h = &s->mailboxes[i];
	snprintf(label, sizeof(label), "mailbox %s", mb->name);
	if (h == NULL || (h->synced_ago < 0 && h->error == NULL)) {
		snprintf(text, sizeof(text), "%s@%s/%s: never synced", mb->user ? mb->user : "",
			 mb->host ? mb->host : "", mb->mailbox);
		line(r, label, false, "is madoguchid running?", text);
	} else if (h->error != NULL) {
		snprintf(text, sizeof(text), "%llds ago: %s", (long long)h->error_ago, h->error);
		line(r, label, false, "madoguchid -n, then its log", text);
	} else {
		snprintf(text, sizeof(text), "synced %llds ago", (long long)h->synced_ago);
		line(r, label, h->synced_ago <= limit, "madoguchid's log says why", text);
	}
}

static int cmd_status(struct ctl *ctl, const struct ctl_args *args)
{
	struct report r = {ctl_args_has(args, "--json"), 0, true};
	struct db_status s;
	char text[256];
	PGconn *db;

	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	if (db_status_read(db, &s) == -1) {
		db_status_free(&s);
		fprintf(stderr, "madoctl status: the database failed\n");
		return 1;
	}
	if (r.json)
		fputc('[', stdout);
	programs(&r, &s, "madoguchid", "madoguchid", "systemctl status madoguchid");
	for (size_t i = 0; i < ctl->cfg->nimap; i++)
		mailbox(&r, &s, ctl->cfg->imap[i]);
	programs(&r, &s, "madoguchi-worker", "workers", "systemctl status 'madoguchi-worker@*'");
	snprintf(text, sizeof(text), "%lld queued, %lld running, %lld done, %lld dead",
		 (long long)s.jobs_queued, (long long)s.jobs_running, (long long)s.jobs_done,
		 (long long)s.jobs_dead);
	line(&r, "jobs", s.jobs_dead == 0, "madoctl jobs --failed", text);
	snprintf(text, sizeof(text), "%lld held", (long long)s.quarantine_held);
	line(&r, "quarantine", s.quarantine_held == 0, "madoctl quarantine", text);
	snprintf(text, sizeof(text), "%lld waiting, %lld failed", (long long)s.outbox_waiting,
		 (long long)s.outbox_failed);
	line(&r, "outbox", s.outbox_failed == 0, "madoctl outbox", text);
	if (r.json)
		fputs("]\n", stdout);
	else
		printf("%s\n", r.problems == 0 ? "all well"
					       : r.problems == 1 ? "1 thing needs a person"
								 : "several things need a person");
	db_status_free(&s);
	return r.problems > 0;
}

static const struct ctl_grammar status_grammar[] = {{NULL, "--json", 0, 0}, CTL_GRAMMAR_END};

const struct ctl_command cmd_status_entry = {
    "status", "[--json]",
    "whether the desk runs: madoguchid and the workers alive, each mailbox's last sync, jobs,"
    " quarantine and outbox; exit 1 when something needs a person",
    status_grammar, cmd_status};
