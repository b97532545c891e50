/*
 * report_pdf.h - the statistics report as the one A4 page the office
 * prints for the monthly meeting.
 */
#ifndef MADOGUCHI_REPORT_PDF_H
#define MADOGUCHI_REPORT_PDF_H

#include "db_stats.h"
#include "report_xlsx.h"

#include <stddef.h>

/* Writes R to PATH as one A4 PDF page. 0, or -1 with the reason in WHY. */
int report_pdf_write(const struct stats_report *r, const struct report_period *p,
		     const char *path, char *why, size_t whysz);

#endif
