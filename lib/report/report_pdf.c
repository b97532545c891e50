/*
 * report_pdf.c - the statistics report as one A4 page for the monthly
 * meeting, drawn with cairo and set in Japanese with pango (IPA Gothic, as
 * the shipping forms): the headline numbers, a bar chart of cases by
 * category, the thirteen-month trend, referrals and guidebooks.
 */
#include "report_pdf.h"

#include "pdf_draw.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define A4_W PDF_A4_W
#define A4_H PDF_A4_H
#define MARGIN 40.0
#define BARS 12 /* categories drawn; the rest are in the other files */

static const struct stats_table *table_named(const struct stats_report *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->tables[i].name, name) == 0)
			return &r->tables[i];
	return NULL;
}

static int64_t count_of(const struct stats_table *t, const char *key)
{
	for (size_t i = 0; t != NULL && i < t->n; i++)
		if (strcmp(t->rows[i].key, key) == 0)
			return t->rows[i].count;
	return 0;
}

/* TEXT at (X, Y) in SIZE points on one line, at most WIDTH wide; returns its height. */
static double text(cairo_t *cr, double x, double y, double width, double size, bool bold,
		   const char *s)
{
	return pdf_text(cr, x, y, width, size, bold, PDF_ELLIPSIZE, s);
}

/* A boxed headline number: a label over the figure. */
static void figure(cairo_t *cr, double x, double y, double w, const char *label, int64_t n)
{
	char v[32];

	cairo_set_line_width(cr, 0.8);
	cairo_rectangle(cr, x, y, w - 6, 46);
	cairo_stroke(cr);
	text(cr, x + 6, y + 4, w - 14, 7.5, false, label);
	snprintf(v, sizeof(v), "%lld", (long long)n);
	text(cr, x + 6, y + 18, w - 18, 18, true, v);
}

static void headline(cairo_t *cr, const struct stats_report *r, double y)
{
	const struct stats_table *g = table_named(r, "group"), *f = table_named(r, "flow");
	const char *labels[] = {"受付件数", "緊急の相談", "平時の備え", "セキュリティ以外", "資料請求",
				"期末の残件"};
	int64_t values[6];
	double w = (A4_W - 2 * MARGIN) / 6;

	values[0] = r->n > 0 && r->tables[0].n > 0 ? r->tables[0].rows[0].count : 0;
	values[1] = count_of(g, "incident");
	values[2] = count_of(g, "preparation");
	values[3] = count_of(g, "non_security");
	values[4] = count_of(g, "material");
	values[5] = count_of(f, "open_at_end");
	for (int i = 0; i < 6; i++)
		figure(cr, MARGIN + w * i, y, w, labels[i], values[i]);
}

/* Horizontal bars of the categories with cases, the largest first. */
static double category_bars(cairo_t *cr, const struct stats_table *t, double y)
{
	size_t order[BARS], n = 0;
	int64_t max = 1;
	double label_w = 170, bar_w = A4_W - 2 * MARGIN - label_w - 40;

	text(cr, MARGIN, y, 300, 11, true, "相談内容別 件数");
	y += 18;
	/* The BARS largest, by count then as listed. */
	for (size_t k = 0; t != NULL && k < BARS; k++) {
		size_t best = t->n;

		for (size_t i = 0; i < t->n; i++) {
			bool taken = false;

			for (size_t j = 0; j < n; j++)
				taken |= order[j] == i;
			if (!taken && t->rows[i].count > 0 &&
			    (best == t->n || t->rows[i].count > t->rows[best].count))
				best = i;
		}
		if (best == t->n)
			break;
		order[n++] = best;
	}
	for (size_t j = 0; j < n; j++)
		if (t->rows[order[j]].count > max)
			max = t->rows[order[j]].count;
	for (size_t j = 0; j < n; j++) {
		const struct stats_row *row = &t->rows[order[j]];
		char v[32];
		double w = bar_w * (double)row->count / (double)max;

		text(cr, MARGIN, y, label_w - 6, 8.5, false, row->label);
		cairo_set_source_rgb(cr, 0.25, 0.45, 0.7);
		cairo_rectangle(cr, MARGIN + label_w, y + 1, w, 9);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		snprintf(v, sizeof(v), "%lld", (long long)row->count);
		text(cr, MARGIN + label_w + w + 4, y, 40, 8.5, false, v);
		y += 13;
	}
	if (n == 0)
		y += text(cr, MARGIN, y, 300, 9, false, "この期間の受付はありません");
	return y + 10;
}

/* The thirteen months as a line, each month labelled with its count. */
static double trend_line(cairo_t *cr, const struct stats_table *t, double y)
{
	double h = 110, x0 = MARGIN + 10, w = A4_W - 2 * MARGIN - 20, step;
	int64_t max = 1;

	text(cr, MARGIN, y, 300, 11, true, "月別推移 受付件数(13か月)");
	y += 20;
	if (t == NULL || t->n < 2)
		return y + 10;
	for (size_t i = 0; i < t->n; i++)
		if (t->rows[i].count > max)
			max = t->rows[i].count;
	step = w / (double)(t->n - 1);
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, x0, y + h);
	cairo_line_to(cr, x0 + w, y + h);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0.8, 0.3, 0.2);
	cairo_set_line_width(cr, 1.5);
	for (size_t i = 0; i < t->n; i++) {
		double px = x0 + step * (double)i,
		       py = y + h - h * (double)t->rows[i].count / (double)max;

		if (i == 0)
			cairo_move_to(cr, px, py);
		else
			cairo_line_to(cr, px, py);
	}
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (size_t i = 0; i < t->n; i++) {
		double px = x0 + step * (double)i,
		       py = y + h - h * (double)t->rows[i].count / (double)max;
		char v[32];

		/* A path of its own: the arc must not join the label drawn before. */
		cairo_new_path(cr);
		cairo_arc(cr, px, py, 2, 0, 6.2832);
		cairo_fill(cr);
		snprintf(v, sizeof(v), "%lld", (long long)t->rows[i].count);
		text(cr, px - 12, py - 12, 30, 7, false, v);
		/* The month, "YYYY-MM" shown as "MM" under its point. */
		text(cr, px - 8, y + h + 3, 30, 7, false, t->rows[i].key + 5);
	}
	return y + h + 20;
}

/* Up to MAX rows of a table as "label  count" lines in a column at X. */
static double list_rows(cairo_t *cr, const struct stats_table *t, double x, double y, double w,
			const char *title, size_t max, bool skip_zero)
{
	text(cr, x, y, w, 11, true, title);
	y += 17;
	for (size_t i = 0, shown = 0; t != NULL && i < t->n && shown < max; i++) {
		char v[32];

		if (skip_zero && t->rows[i].count == 0)
			continue;
		text(cr, x, y, w - 50, 8.5, false, t->rows[i].label);
		snprintf(v, sizeof(v), "%lld", (long long)t->rows[i].count);
		text(cr, x + w - 45, y, 45, 8.5, false, v);
		y += 12;
		shown++;
	}
	return y;
}

int report_pdf_write(const struct stats_report *r, const struct report_period *p,
		     const char *path, char *why, size_t whysz)
{
	cairo_t *cr = pdf_open(path, why, whysz);
	double y, col = (A4_W - 2 * MARGIN) / 2;
	char line[160];

	if (cr == NULL)
		return -1;
	y = MARGIN;
	y += text(cr, MARGIN, y, A4_W - 2 * MARGIN, 16, true,
		  "中小企業サイバーセキュリティ相談窓口 統計報告") + 4;
	snprintf(line, sizeof(line), "対象期間: %s 〜 %s (%s)", p->from, p->to, p->timezone);
	y += text(cr, MARGIN, y, A4_W - 2 * MARGIN, 10, false, line) + 10;
	headline(cr, r, y);
	y += 58;
	y = category_bars(cr, table_named(r, "category"), y);
	y = trend_line(cr, table_named(r, "trend_total"), y);
	{
		double left = list_rows(cr, table_named(r, "referral_body"), MARGIN, y, col - 10,
					"紹介先別(紹介済み)", 8, true);
		double right = list_rows(cr, table_named(r, "guidebook_copies"), MARGIN + col, y,
					 col - 10, "ガイドブック発送部数", 3, false);

		right = list_rows(cr, table_named(r, "channel"), MARGIN + col, right + 8, col - 10,
				  "受付経路別", 5, false);
		(void)left;
	}
	cairo_show_page(cr);
	return pdf_finish(cr, path, why, whysz);
}
