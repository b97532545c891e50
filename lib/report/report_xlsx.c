/*
 * report_xlsx.c - the statistics report as XLSX; see report_xlsx.h.
 */
#include "report_xlsx.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#define SUMMARY "概要"
#define FIRST_ROW 3 /* title, period, blank, then the header */

struct formats {
	lxw_format *title, *header, *count, *pct;
};

static const struct stats_table *table_named(const struct stats_report *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->tables[i].name, name) == 0)
			return &r->tables[i];
	return NULL;
}

static int64_t total_of(const struct stats_report *r)
{
	return r->n > 0 && r->tables[0].n > 0 ? r->tables[0].rows[0].count : 0;
}

/* The ratio NUM / DEN for a cell formatted as per cent, or a blank cell. */
static void ratio(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, int64_t num, int64_t den,
		  lxw_format *pct)
{
	if (den > 0)
		worksheet_write_number(ws, row, col, (double)num / (double)den, pct);
	else
		worksheet_write_string(ws, row, col, "-", NULL);
}

static void table_sheet(lxw_workbook *wb, const struct stats_table *t, int64_t total,
			const struct report_period *p, const struct formats *f)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, t->title);
	char line[128];

	snprintf(line, sizeof(line), "%s 〜 %s (%s)", p->from, p->to, p->timezone);
	worksheet_write_string(ws, 0, 0, t->title, f->title);
	worksheet_write_string(ws, 1, 0, line, NULL);
	worksheet_write_string(ws, FIRST_ROW, 0, t->trend ? "月" : "項目", f->header);
	worksheet_write_string(ws, FIRST_ROW, 1, "キー", f->header);
	worksheet_write_string(ws, FIRST_ROW, 2, "件数", f->header);
	worksheet_write_string(ws, FIRST_ROW, 3, t->trend ? "前月比" : "構成比", f->header);
	if (t->trend)
		worksheet_write_string(ws, FIRST_ROW, 4, "前年同月比", f->header);
	for (size_t i = 0; i < t->n; i++) {
		lxw_row_t row = (lxw_row_t)(FIRST_ROW + 1 + i);

		worksheet_write_string(ws, row, 0, t->rows[i].label, NULL);
		worksheet_write_string(ws, row, 1, t->rows[i].key, NULL);
		worksheet_write_number(ws, row, 2, (double)t->rows[i].count, f->count);
		if (!t->trend) {
			ratio(ws, row, 3, t->rows[i].count, total, f->pct);
			continue;
		}
		ratio(ws, row, 3, t->rows[i].count, i > 0 ? t->rows[i - 1].count : 0, f->pct);
		if (i + 1 == t->n && t->n == 13)
			ratio(ws, row, 4, t->rows[i].count, t->rows[0].count, f->pct);
	}
	worksheet_set_column(ws, 0, 0, 36, NULL);
	worksheet_set_column(ws, 1, 1, 20, NULL);
	worksheet_set_column(ws, 2, 4, 12, NULL);
}

/* Rows of the summary: the total, then the groups and channels, each with its share. */
static lxw_row_t summary_rows(lxw_worksheet *ws, const struct stats_report *r, lxw_row_t row,
			      const char *name, const struct formats *f)
{
	const struct stats_table *t = table_named(r, name);

	if (t == NULL)
		return row;
	worksheet_write_string(ws, row++, 0, t->title, f->header);
	for (size_t i = 0; i < t->n; i++, row++) {
		worksheet_write_string(ws, row, 0, t->rows[i].label, NULL);
		worksheet_write_number(ws, row, 1, (double)t->rows[i].count, f->count);
		ratio(ws, row, 2, t->rows[i].count, total_of(r), f->pct);
	}
	return row + 1;
}

/* A chart of a table's counts, on the summary at ROW. */
static void chart(lxw_workbook *wb, lxw_worksheet *summary, const struct stats_table *t,
		  uint8_t type, const char *title, lxw_row_t row)
{
	lxw_chart *c;
	lxw_chart_series *s;
	lxw_row_t last;

	if (t == NULL || t->n == 0)
		return;
	last = (lxw_row_t)(FIRST_ROW + t->n);
	c = workbook_add_chart(wb, type);
	s = chart_add_series(c, NULL, NULL);
	chart_series_set_categories(s, t->title, FIRST_ROW + 1, 0, last, 0);
	chart_series_set_values(s, t->title, FIRST_ROW + 1, 2, last, 2);
	chart_series_set_name(s, "件数");
	chart_title_set_name(c, title);
	chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
	worksheet_insert_chart(summary, row, 4, c);
}

int report_xlsx_write(const struct stats_report *r, const struct report_period *p,
		      const char *path, char *why, size_t whysz)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *summary;
	struct formats f;
	char line[128];
	lxw_row_t row;
	lxw_error err;

	if (wb == NULL) {
		snprintf(why, whysz, "%s: cannot create the workbook", path);
		return -1;
	}
	f.title = workbook_add_format(wb);
	format_set_bold(f.title);
	format_set_font_size(f.title, 14);
	f.header = workbook_add_format(wb);
	format_set_bold(f.header);
	format_set_bottom(f.header, LXW_BORDER_THIN);
	f.count = workbook_add_format(wb);
	format_set_num_format(f.count, "#,##0");
	f.pct = workbook_add_format(wb);
	format_set_num_format(f.pct, "0.0%");

	summary = workbook_add_worksheet(wb, SUMMARY);
	worksheet_write_string(summary, 0, 0, "中小企業サイバーセキュリティ相談窓口 統計", f.title);
	snprintf(line, sizeof(line), "%s 〜 %s (%s)", p->from, p->to, p->timezone);
	worksheet_write_string(summary, 1, 0, line, NULL);
	worksheet_write_string(summary, 3, 0, "受付件数", f.header);
	worksheet_write_number(summary, 3, 1, (double)total_of(r), f.count);
	row = summary_rows(summary, r, 5, "group", &f);
	row = summary_rows(summary, r, row, "channel", &f);
	summary_rows(summary, r, row, "state_at_end", &f);
	worksheet_set_column(summary, 0, 0, 30, NULL);
	worksheet_set_column(summary, 1, 2, 12, NULL);
	for (size_t i = 0; i < r->n; i++)
		table_sheet(wb, &r->tables[i], total_of(r), p, &f);
	chart(wb, summary, table_named(r, "category"), LXW_CHART_BAR, "相談内容別 件数", 3);
	chart(wb, summary, table_named(r, "trend_total"), LXW_CHART_LINE, "月別推移 受付件数", 20);
	err = workbook_close(wb);
	if (err != LXW_NO_ERROR) {
		snprintf(why, whysz, "%s: %s", path, lxw_strerror(err));
		return -1;
	}
	return 0;
}
