/*
 * case_table.c - madoctl list's table; see case_table.h.
 */
#include "case_table.h"

#include "case_print.h"
#include "textwidth.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

/* The columns every row has, and what they take with their gaps. */
#define FIXED_WIDTH (11 + 2 + 7 + 2 + 5 + 2 + 16 + 2)

static const char *label_of(const struct db_kb_category_rows *cats, const char *code)
{
	if (code == NULL)
		return "-";
	for (size_t i = 0; i < cats->n; i++)
		if (strcmp(cats->v[i].code, code) == 0)
			return cats->v[i].label;
	return code;
}

/* "YYYY-MM-DDTHH:MM:SSZ" (UTC) as "YYYY-MM-DD HH:MM" in Tokyo. */
static void tokyo_time(const char *utc, char *out, size_t outsz)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (utc == NULL || sscanf(utc, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
				  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
		snprintf(out, outsz, "%s", utc != NULL ? utc : "-");
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm) + 9 * 3600;
	gmtime_r(&t, &tm);
	strftime(out, outsz, "%Y-%m-%d %H:%M", &tm);
}

/* Widest text of a column over the rows, at least the header's. */
static int widest(const struct case_rows *cases, const struct db_kb_category_rows *cats, int col,
		  const char *header)
{
	int w = text_width(header);

	for (size_t r = 0; r < cases->n; r++) {
		const struct case_row *c = &cases->v[r];
		char *req = NULL;
		int cw;

		switch (col) {
		case 0:
			cw = text_width(c->owner != NULL ? c->owner : "-");
			break;
		case 1:
			cw = text_width(label_of(cats, c->category));
			break;
		default:
			req = case_requester_text(c->requester_name, c->requester_address);
			cw = text_width(req);
			free(req);
			break;
		}
		if (cw > w)
			w = cw;
	}
	return w;
}

/* A cell and its gap; a column of width 0 is left out. */
static void cell(FILE *out, const char *s, int width)
{
	if (width == 0)
		return;
	text_print_cell(out, s, width);
	fputs("  ", out);
}

static int min_int(int a, int b)
{
	return a < b ? a : b;
}

void case_table_print(FILE *out, const struct case_rows *cases,
		      const struct db_kb_category_rows *cats, int width)
{
	int owner = min_int(widest(cases, cats, 0, "OWNER"), 12);
	int cat = min_int(widest(cases, cats, 1, "CATEGORY"), 24);
	int req = min_int(widest(cases, cats, 2, "REQUESTER"), 36);
	int subject = 0; /* 0: as long as it is */

	if (width > 0) {
		/*
		 * A narrow terminal takes columns from the requester first, then
		 * the category, then both further, then the owner, to keep the
		 * subject 24 columns: what staff read a case by.
		 */
		static const struct {
			int which, floor;
		} steps[] = {{2, 16}, {1, 12}, {2, 10}, {1, 8}, {0, 6}};
		int *cols[3] = {&owner, &cat, &req};
		int room = width - FIXED_WIDTH - (owner + 2) - (cat + 2) - (req + 2);

		for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
			while (room < 24 && *cols[steps[i].which] > steps[i].floor) {
				(*cols[steps[i].which])--;
				room++;
			}
		/* Narrower still: whole columns go, the category first. */
		for (int which = 1; room < 12 && which >= 0; which = which == 1 ? 2 : which == 2 ? 0 : -1) {
			room += *cols[which] + 2;
			*cols[which] = 0;
		}
		subject = room > 8 ? room : 8;
	}
	fprintf(out, "%-11s  %-7s  %-5s  %-16s  ", "NUMBER", "STATUS", "CHAN", "RECEIVED (JST)");
	cell(out, "OWNER", owner);
	cell(out, "CATEGORY", cat);
	cell(out, "REQUESTER", req);
	fputs("SUBJECT\n", out);
	for (size_t r = 0; r < cases->n; r++) {
		const struct case_row *c = &cases->v[r];
		char *who = case_requester_text(c->requester_name, c->requester_address);
		char when[32], subj[1200];

		tokyo_time(c->received_at, when, sizeof(when));
		fprintf(out, "%-11s  %-7s  %-5s  %-16s  ", c->number, c->status, c->channel, when);
		cell(out, c->owner != NULL ? c->owner : "-", owner);
		cell(out, label_of(cats, c->category), cat);
		cell(out, who, req);
		snprintf(subj, sizeof(subj), "%s%s", c->urgent ? "[緊急] " : "", c->subject);
		if (subject > 0) {
			/* The last column is cut, never padded: no trailing blanks. */
			if (text_width(subj) > subject)
				text_print_cell(out, subj, subject);
			else
				fputs(subj, out);
		} else {
			fputs(subj, out);
		}
		fputc('\n', out);
		free(who);
	}
	fprintf(out, "(%zu case%s)\n", cases->n, cases->n == 1 ? "" : "s");
}

FILE *case_table_begin(size_t nrows, int *width)
{
	struct winsize ws;
	const char *pager;
	FILE *p;

	*width = 0;
	if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == -1 || ws.ws_col == 0)
		return stdout;
	*width = ws.ws_col;
	if (nrows + 2 < ws.ws_row)
		return stdout;
	pager = getenv("PAGER");
	if (pager == NULL || *pager == '\0')
		pager = "less";
	if (strcmp(pager, "cat") == 0)
		return stdout;
	/* As git does: less quits on one screen, keeps colours, leaves the screen. */
	setenv("LESS", getenv("LESS") != NULL ? getenv("LESS") : "FRX", 0);
	fflush(stdout);
	p = popen(pager, "w");
	if (p == NULL)
		return stdout;
	/* Quitting the pager early is not an error of ours. */
	signal(SIGPIPE, SIG_IGN);
	return p;
}

void case_table_end(FILE *out)
{
	if (out != stdout)
		pclose(out);
	else
		fflush(stdout);
}
