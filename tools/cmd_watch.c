/*
 * cmd_watch.c - madoctl watch: a live list of arriving and changing cases.
 *
 * Two sources, one truth. Events relayed by madoguchid (lib/mq/events.h)
 * say at once that a case changed, and the case is read again from
 * PostgreSQL. And every --interval seconds, always, the database is asked
 * what changed since the last look, so a lost event, a change nobody
 * announced or no relay at all only makes a line later, never missing.
 *
 * The watch is live while the relay's heartbeat keeps coming (every
 * second, and at once when the watch connects), and says it is polling
 * after WATCH_SILENCE_MS without one. A heartbeat rather than ZeroMQ's
 * socket monitor: a monitor reports a connection, which can be up to a
 * relay whose loop no longer runs, or over TCP to a host that is gone;
 * the heartbeat comes the very way events come.
 *
 * A change is told from one already shown by its case's updated_at (and
 * an event by its word too: a note changes no updated_at); see
 * db_watch.h for why every poll looks back WATCH_SLACK_S seconds.
 */
#include "madoctl.h"

#include "config.h"
#include "db.h"
#include "db_watch.h"
#include "events.h"
#include "sig.h"
#include "watch_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WATCH_SLACK_S 60
#define WATCH_SILENCE_MS (3 * EVENTS_BEAT_MS + EVENTS_BEAT_MS / 2)
#define WATCH_POLL_LIMIT 1000 /* XXX: more changes than this within the slack are not all shown */
#define WATCH_SEEN_MAX (WATCH_POLL_LIMIT + 1000)
#define WATCH_TICK_MS 250 /* the longest wait: for the terminal's size and the mode */
#define WATCH_INTERVAL_MAX 3600

enum watch_mode { MODE_CONNECTING, MODE_LIVE, MODE_POLLING };

/* A change shown: its case, the case's updated_at then, and the word it was shown with. */
struct seen {
	char number[16];
	char updated_at[WATCH_TIME_LEN + 1];
	char what[16];
};

struct watch {
	struct ctl *ctl;
	struct watch_filter filter;
	int interval_s;
	const char *endpoint;
	struct events *sub; /* NULL: polling only */
	struct watch_view *view;
	enum watch_mode mode;
	bool db_down;
	long heard_ms;                  /* the last heartbeat or event, or the start */
	char since[WATCH_TIME_LEN + 1]; /* the database's clock at the last poll */
	/* The changes of the last poll's window and the events since, and room for the next poll's. */
	struct seen *seen, *next;
	size_t nseen;
};

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void show_status(struct watch *w)
{
	const char *db = w->db_down ? "; the database does not answer, trying again" : "";
	char text[512];

	switch (w->mode) {
	case MODE_CONNECTING:
		snprintf(text, sizeof(text), "connecting to events at %s%s", w->endpoint, db);
		break;
	case MODE_LIVE:
		snprintf(text, sizeof(text), "live: events from %s, a look every %d s%s",
			 w->endpoint, w->interval_s, db);
		break;
	case MODE_POLLING:
		snprintf(text, sizeof(text), "polling every %d s (events unreachable at %s)%s",
			 w->interval_s, w->endpoint, db);
		break;
	}
	watch_view_status(w->view, text);
}

static void set_mode(struct watch *w, enum watch_mode mode)
{
	if (w->mode == mode)
		return;
	w->mode = mode;
	show_status(w);
}

static void set_db_down(struct watch *w, bool down)
{
	if (down && w->ctl->db != NULL && db_is_broken(w->ctl->db)) {
		/* Connected again at the next look. */
		db_close(w->ctl->db);
		w->ctl->db = NULL;
	}
	if (w->db_down == down)
		return;
	w->db_down = down;
	show_status(w);
}

static PGconn *watch_db(struct watch *w)
{
	PGconn *db = ctl_db(w->ctl);

	if (db == NULL)
		set_db_down(w, true);
	return db;
}

static struct seen *seen_find(struct watch *w, const char *number)
{
	for (size_t i = 0; i < w->nseen; i++)
		if (strcmp(w->seen[i].number, number) == 0)
			return &w->seen[i];
	return NULL;
}

static void seen_set(struct seen *s, const char *number, const char *updated_at, const char *what)
{
	snprintf(s->number, sizeof(s->number), "%s", number);
	snprintf(s->updated_at, sizeof(s->updated_at), "%s", updated_at);
	snprintf(s->what, sizeof(s->what), "%s", what);
}

/* An event: the case is read again, and shown unless this very change was. */
static void on_event(struct watch *w, const struct case_event *ev)
{
	struct watch_row row;
	struct seen *s;
	PGconn *db = watch_db(w);
	int found;

	if (db == NULL)
		return;
	found = watch_case(db, &w->filter, ev->number, &row);
	set_db_down(w, found == -1);
	if (found == 1 && !row.matches) {
		watch_view_drop(w->view, row.number);
	} else if (found == 1) {
		s = seen_find(w, row.number);
		/* Shown already when a poll came first: the same change, the same word. */
		if (s == NULL || strcmp(s->updated_at, row.updated_at) != 0 ||
		    strcmp(s->what, ev->what) != 0) {
			if (s == NULL && w->nseen < WATCH_SEEN_MAX)
				s = &w->seen[w->nseen++];
			if (s != NULL)
				seen_set(s, row.number, row.updated_at, ev->what);
			watch_view_change(w->view, &row, ev->what);
		}
	}
	watch_row_free(&row);
}

/*
 * Asks what changed since the last look (less the slack) and shows each
 * change not shown yet, oldest first; SHOW false only learns them (at start).
 */
static void poll_changes(struct watch *w, bool show)
{
	struct watch_rows rows = {NULL, 0};
	char now[WATCH_TIME_LEN + 1];
	PGconn *db = watch_db(w);
	struct seen *swap;
	size_t n = 0;

	if (db == NULL)
		return;
	if (watch_clock(db, now) == -1 || watch_changed(db, &w->filter, w->since, WATCH_SLACK_S,
							false, WATCH_POLL_LIMIT, &rows) == -1) {
		watch_rows_free(&rows);
		set_db_down(w, true);
		return;
	}
	set_db_down(w, false);
	for (size_t i = rows.n; i-- > 0;) {
		struct watch_row *r = &rows.v[i];
		struct seen *was, *k;

		if (!r->matches) {
			watch_view_drop(w->view, r->number);
			continue;
		}
		was = seen_find(w, r->number);
		k = &w->next[n++];
		if (was != NULL && strcmp(was->updated_at, r->updated_at) == 0) {
			*k = *was;
			continue;
		}
		seen_set(k, r->number, r->updated_at, r->is_new ? "new" : "changed");
		if (show)
			watch_view_change(w->view, r, k->what);
	}
	/* What fell out of the window can never come back from a poll: forgotten. */
	swap = w->seen;
	w->seen = w->next;
	w->next = swap;
	w->nseen = n;
	snprintf(w->since, sizeof(w->since), "%s", now);
	watch_rows_free(&rows);
}

/* UPDATED_AT ("YYYY-MM-DDTHH:MM:SS.ffffffZ", UTC) as a time; now when unreadable. */
static time_t time_of(const char *updated_at)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(updated_at, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return time(NULL);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

/* The terminal list starts with the latest changes it has room for. */
static int fill_list(struct watch *w)
{
	struct watch_rows rows = {NULL, 0};
	PGconn *db = watch_db(w);

	if (db == NULL || watch_changed(db, &w->filter, "-infinity", 0, true,
					watch_view_room(w->view), &rows) == -1) {
		watch_rows_free(&rows);
		return -1;
	}
	for (size_t i = 0; i < rows.n; i++)
		watch_view_fill(w->view, &rows.v[i], time_of(rows.v[i].updated_at));
	watch_rows_free(&rows);
	return 0;
}

static int watch_loop(struct watch *w)
{
	long next_poll = now_ms() + w->interval_s * 1000L;

	while (!sig_stop_requested()) {
		struct case_event ev;
		long wait = next_poll - now_ms();
		int r = 0;

		wait = wait > WATCH_TICK_MS ? WATCH_TICK_MS : wait < 0 ? 0 : wait;
		if (w->sub != NULL && (r = events_receive(w->sub, (int)wait, &ev)) == -1) {
			events_close(w->sub, 0);
			w->sub = NULL;
			r = 0;
		} else if (w->sub == NULL) {
			sig_sleep_ms(wait);
		}
		if (r > 0) {
			w->heard_ms = now_ms();
			set_mode(w, MODE_LIVE);
		}
		if (r == EVENTS_CASE)
			on_event(w, &ev);
		if (w->mode != MODE_POLLING &&
		    (w->sub == NULL || now_ms() - w->heard_ms > WATCH_SILENCE_MS))
			set_mode(w, MODE_POLLING);
		if (now_ms() >= next_poll) {
			poll_changes(w, true);
			next_poll = now_ms() + w->interval_s * 1000L;
		}
		if (watch_view_refresh(w->view) == -1) {
			fprintf(stderr, "madoctl watch: cannot write the output\n");
			return 1;
		}
	}
	return 0;
}

static int misuse(const char *why)
{
	fprintf(stderr, "madoctl watch: %s\n", why);
	return ctl_usage(&cmd_watch_entry);
}

/* "madoctl watch" and the filter, for the list's first line. */
static void title_of(const struct watch *w, char *out, size_t outsz)
{
	const struct watch_filter *f = &w->filter;

	snprintf(out, outsz, "madoctl watch%s%s%s%s%s%s%s", f->status ? " --status " : "",
		 f->status ? f->status : "", f->owner ? " --owner " : "", f->owner ? f->owner : "",
		 f->urgent ? " --urgent" : "", f->category ? " --category " : "",
		 f->category ? f->category : "");
}

static int watch_start(struct watch *w)
{
	char title[256];

	w->seen = calloc(WATCH_SEEN_MAX, sizeof(*w->seen));
	w->next = calloc(WATCH_SEEN_MAX, sizeof(*w->next));
	if (w->seen == NULL || w->next == NULL)
		return -1;
	if (watch_clock(w->ctl->db, w->since) == -1)
		return -1;
	title_of(w, title, sizeof(title));
	if ((w->view = watch_view_open(title)) == NULL)
		return -1;
	w->endpoint = w->ctl->cfg->events_endpoint;
	w->sub = events_subscriber_open(w->endpoint);
	w->mode = w->sub != NULL ? MODE_CONNECTING : MODE_POLLING;
	w->heard_ms = now_ms();
	show_status(w);
	poll_changes(w, false);
	if (w->db_down || (watch_view_is_list(w->view) && fill_list(w) == -1))
		return -1;
	return watch_view_refresh(w->view);
}

static int cmd_watch(struct ctl *ctl, const struct ctl_args *args)
{
	static const char *const statuses[] = {"new", "open", "waiting", "closed", NULL};
	const char *interval = ctl_args_value(args, "--interval"), *actor;
	struct watch w = {
	    .ctl = ctl,
	    .filter = {.status = ctl_args_value(args, "--status"),
		       .owner = ctl_args_value(args, "--owner"),
		       .urgent = ctl_args_has(args, "--urgent"),
		       .category = ctl_args_value(args, "--category")},
	    .interval_s = 2,
	};
	int rc = 1;
	bool known = w.filter.status == NULL;

	for (int i = 0; !known && statuses[i] != NULL; i++)
		known = strcmp(w.filter.status, statuses[i]) == 0;
	if (!known)
		return misuse("--status must be new, open, waiting or closed");
	if (ctl_args_has(args, "--mine") && w.filter.owner != NULL)
		return misuse("--mine and --owner name two owners");
	if ((w.filter.owner != NULL && w.filter.owner[0] == '\0') ||
	    (w.filter.category != NULL && w.filter.category[0] == '\0'))
		return misuse("--owner and --category take a name");
	if (interval != NULL) {
		char *end;
		long s = strtol(interval, &end, 10);

		if (end == interval || *end != '\0' || s < 1 || s > WATCH_INTERVAL_MAX)
			return misuse("--interval takes whole seconds, 1 to 3600");
		w.interval_s = (int)s;
	}
	if ((actor = ctl_acting(&cmd_watch_entry, args)) == NULL)
		return EXIT_MISUSE;
	if (ctl_args_has(args, "--mine"))
		w.filter.owner = actor;
	/* From here a stop signal ends the watch cleanly, with status 0. */
	sig_install();
	if (ctl_db(ctl) == NULL)
		return 1;
	if (watch_start(&w) == 0)
		rc = watch_loop(&w);
	else
		fprintf(stderr, "madoctl watch: cannot start: the database or the output failed\n");
	watch_view_close(w.view);
	events_close(w.sub, 0);
	free(w.seen);
	free(w.next);
	return rc;
}

static const struct ctl_grammar watch_grammar[] = {
    {NULL, "--status: --mine --owner: --urgent --category: --interval: --as:", 0, 0},
    CTL_GRAMMAR_END};

const struct ctl_command cmd_watch_entry = {
    "watch",
    "[--status S] [--mine|--owner NAME] [--urgent] [--category CODE|PREFIX]"
    " [--interval SECONDS] [--as NAME]",
    "a live list of arriving and changing cases (on a terminal redrawn in place; else one line"
    " per change: TIME NUMBER WHAT STATUS CHANNEL SUBJECT)",
    watch_grammar, cmd_watch};
