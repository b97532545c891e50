/*
 * watch_view.c - madoctl watch's output; see watch_view.h.
 *
 * The list uses the terminal's alternate screen, so the shell's screen
 * comes back when the watch stops, and is drawn from the top each time
 * with every line cut to the width (Japanese counting two columns), so
 * nothing wraps and nothing is left of a longer line before.
 *
 * Subjects and names come from strangers' mail: control characters are
 * shown as spaces, so no escape sequence of theirs reaches the terminal
 * and no line of theirs breaks a line of ours.
 */
#include "watch_view.h"

#include "textwidth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define VIEW_MAX 256 /* cases the list keeps: more than any terminal shows */

struct entry {
	struct watch_row row;
	char what[16];
	time_t when;
};

struct watch_view {
	bool list;
	bool dirty;
	bool failed;
	int rows, cols;
	char *title;
	char status[256];
	struct entry v[VIEW_MAX];
	size_t n;
};

/* Control characters (C0, DEL, and C1 as UTF-8) become spaces, in place. */
static void flatten(char *s)
{
	for (unsigned char *p = (unsigned char *)s; p != NULL && *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			*p = ' ';
		else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			p[0] = p[1] = ' ';
	}
}

static void flatten_row(struct watch_row *r)
{
	flatten(r->number);
	flatten(r->status);
	flatten(r->channel);
	flatten(r->owner);
	flatten(r->requester_name);
	flatten(r->requester_address);
	flatten(r->subject);
}

static bool terminal_size(int *rows, int *cols)
{
	struct winsize ws;
	int r = 24, c = 80;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
		r = ws.ws_row;
		c = ws.ws_col;
	}
	if (r == *rows && c == *cols)
		return false;
	*rows = r;
	*cols = c;
	return true;
}

struct watch_view *watch_view_open(const char *title)
{
	struct watch_view *v = calloc(1, sizeof(*v));

	if (v == NULL || (v->title = strdup(title)) == NULL) {
		free(v);
		return NULL;
	}
	v->list = isatty(STDOUT_FILENO);
	if (v->list) {
		terminal_size(&v->rows, &v->cols);
		/* The alternate screen, the cursor hidden. */
		fputs("\033[?1049h\033[?25l", stdout);
		v->dirty = true;
	}
	return v;
}

bool watch_view_is_list(const struct watch_view *v)
{
	return v->list;
}

int watch_view_room(const struct watch_view *v)
{
	/* The status line and the column heads take two. */
	return v->list && v->rows > 2 ? v->rows - 2 : 0;
}

static void entry_free(struct entry *e)
{
	watch_row_free(&e->row);
}

static void remove_at(struct watch_view *v, size_t i)
{
	entry_free(&v->v[i]);
	memmove(&v->v[i], &v->v[i + 1], (v->n - i - 1) * sizeof(v->v[0]));
	v->n--;
}

static void put(struct watch_view *v, size_t at, struct watch_row *row, const char *what,
		time_t when)
{
	if (v->n == VIEW_MAX)
		remove_at(v, v->n - 1);
	if (at > v->n)
		at = v->n;
	memmove(&v->v[at + 1], &v->v[at], (v->n - at) * sizeof(v->v[0]));
	v->v[at].row = *row;
	memset(row, 0, sizeof(*row));
	flatten_row(&v->v[at].row);
	snprintf(v->v[at].what, sizeof(v->v[at].what), "%s", what);
	v->v[at].when = when;
	v->n++;
	v->dirty = true;
}

void watch_view_fill(struct watch_view *v, struct watch_row *row, time_t when)
{
	if (v->list)
		put(v, v->n, row, "", when);
}

void watch_view_drop(struct watch_view *v, const char *number)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i].row.number, number) == 0) {
			remove_at(v, i);
			v->dirty = true;
			return;
		}
}

/* One change as a line: HH:MM:SS NUMBER WHAT STATUS CHANNEL SUBJECT. */
static void print_line(struct watch_view *v, const struct watch_row *r, const char *what)
{
	time_t now = time(NULL);
	struct tm tm;
	char hms[16];

	localtime_r(&now, &tm);
	strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
	printf("%s %s %s %s %s %s%s\n", hms, r->number, what, r->status, r->channel,
	       r->urgent ? "[緊急] " : "", r->subject);
	if (fflush(stdout) == EOF)
		v->failed = true;
}

void watch_view_change(struct watch_view *v, struct watch_row *row, const char *what)
{
	if (v->list) {
		watch_view_drop(v, row->number);
		put(v, 0, row, what, time(NULL));
		return;
	}
	flatten_row(row);
	print_line(v, row, what);
}

void watch_view_status(struct watch_view *v, const char *text)
{
	if (strcmp(v->status, text) == 0)
		return;
	snprintf(v->status, sizeof(v->status), "%s", text);
	if (v->list)
		v->dirty = true;
	else
		fprintf(stderr, "madoctl watch: %s\n", text);
}

/* Column widths for the terminal's width; 0 leaves the column out. */
struct layout {
	int when, status, number, channel, urgent, what, owner, requester;
};

static struct layout layout_for(int cols)
{
	if (cols >= 110)
		return (struct layout){8, 7, 11, 5, 4, 7, 10, 20};
	return (struct layout){5, 7, 11, 5, 2, 0, 8, 14};
}

/* Columns the cells before the subject take, with a space after each. */
static int layout_used(const struct layout *l)
{
	return l->when + l->status + l->number + l->channel + l->urgent + l->what + l->owner +
	       l->requester + 7 + (l->what > 0);
}

static void cell(const char *s, int width)
{
	if (width <= 0)
		return;
	text_print_cell(stdout, s, width);
	fputc(' ', stdout);
}

/* WHEN as the list shows it: the time today, the date before. */
static void when_text(time_t when, int width, char *out, size_t outsz)
{
	time_t now = time(NULL);
	struct tm tm, today;

	localtime_r(&when, &tm);
	localtime_r(&now, &today);
	if (tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday)
		strftime(out, outsz, width >= 8 ? "%H:%M:%S" : "%H:%M", &tm);
	else
		strftime(out, outsz, "%m/%d", &tm);
}

static void draw_entry(const struct entry *e, const struct layout *l, int cols)
{
	const struct watch_row *r = &e->row;
	char when[16];
	int used = layout_used(l);

	when_text(e->when, l->when, when, sizeof(when));
	cell(when, l->when);
	cell(r->status, l->status);
	cell(r->number, l->number);
	cell(r->channel, l->channel);
	cell(r->urgent ? (l->urgent >= 4 ? "緊急" : "急") : "", l->urgent);
	cell(e->what, l->what);
	cell(r->owner != NULL ? r->owner : "-", l->owner);
	cell(r->requester_name[0] != '\0' ? r->requester_name : r->requester_address, l->requester);
	/* One column spare: a line that fills the last one makes some terminals wrap. */
	if (cols - 1 - used > 0)
		text_print_cell(stdout, r->subject, cols - 1 - used);
}

static void draw(struct watch_view *v)
{
	struct layout l = layout_for(v->cols);
	char head[512];
	int room = watch_view_room(v), used = layout_used(&l);

	fputs("\033[H", stdout);
	snprintf(head, sizeof(head), "%s    %s", v->title, v->status);
	text_print_cell(stdout, head, v->cols - 1);
	fputs("\033[K\r\n", stdout);
	if (room > 0) {
		cell("TIME", l.when);
		cell("STATUS", l.status);
		cell("NUMBER", l.number);
		cell("CHAN", l.channel);
		cell("!", l.urgent);
		cell("WHAT", l.what);
		cell("OWNER", l.owner);
		cell("REQUESTER", l.requester);
		if (v->cols - 1 - used > 0)
			text_print_cell(stdout, "SUBJECT", v->cols - 1 - used);
		fputs("\033[K", stdout);
	}
	for (int i = 0; i < room && (size_t)i < v->n; i++) {
		fputs("\r\n", stdout);
		draw_entry(&v->v[i], &l, v->cols);
		fputs("\033[K", stdout);
	}
	/* Whatever an earlier, longer list left below. */
	fputs("\033[J", stdout);
}

int watch_view_refresh(struct watch_view *v)
{
	if (v->list && (terminal_size(&v->rows, &v->cols) || v->dirty)) {
		draw(v);
		v->dirty = false;
		if (fflush(stdout) == EOF)
			v->failed = true;
	}
	return v->failed ? -1 : 0;
}

void watch_view_close(struct watch_view *v)
{
	if (v == NULL)
		return;
	if (v->list) {
		fputs("\033[?25h\033[?1049l", stdout);
		fflush(stdout);
	}
	for (size_t i = 0; i < v->n; i++)
		entry_free(&v->v[i]);
	free(v->title);
	free(v);
}
