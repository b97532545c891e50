/*
 * report_xlsx.h - the statistics report as an Excel workbook (libxlsxwriter):
 * a summary sheet first with the headline numbers, a bar chart of cases by
 * category and a line chart of the thirteen months; then one sheet per
 * breakdown with Japanese headers and number formats.
 */
#ifndef MADOGUCHI_REPORT_XLSX_H
#define MADOGUCHI_REPORT_XLSX_H

#include "db_stats.h"

#include <stddef.h>

/* The period as the report names it. */
struct report_period {
	const char *from;    /* YYYY-MM-DD */
	const char *to;      /* YYYY-MM-DD, included */
	const char *timezone;
};

/* Writes R to PATH. 0, or -1 with the reason in WHY. */
int report_xlsx_write(const struct stats_report *r, const struct report_period *p,
		      const char *path, char *why, size_t whysz);

#endif
