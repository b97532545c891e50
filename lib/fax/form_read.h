/*
 * form_read.h - the filled-in rows of a ruled request form on a fax page.
 *
 * Internal to lib/fax: ocr.c calls it on each preprocessed page. The rows
 * are written as one block of "label：value" lines between FORM_BLOCK_TITLE
 * and FORM_BLOCK_END, an option question as "label：□はい ☑いいえ" (☑ on
 * the option marked in ink, none when no mark is clear).
 */
#ifndef MADOGUCHI_FORM_READ_H
#define MADOGUCHI_FORM_READ_H

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include <stdbool.h>

struct buf;

#define FORM_BLOCK_TITLE "【記入欄】"
#define FORM_BLOCK_END "【記入欄ここまで】"

#define FORM_MAX_LINES 64

/* A ruled table found on a page, and the images its cells are read from. */
struct form_table {
	int dpi;
	int ys[FORM_MAX_LINES], ny; /* horizontal rules, top to bottom */
	int xs[FORM_MAX_LINES], nx; /* vertical rules within them, left to right */
	PIX *bin;                   /* the page, 1 bpp */
	PIX *vrule;                 /* the long vertical lines */
	PIX *lines;                 /* every line longer than a glyph: rules and boxes */
	PIX *clean;                 /* bin without them */
};

/*
 * Finds a ruled table on PAGE (grey or 1 bpp, deskewed, DPI dots per
 * inch): true and T filled (free with form_table_free), or false when the
 * page has none.
 */
bool form_find(PIX *page, int dpi, struct form_table *t);

/* PAGE with the table's area white, for reading the rest of the page. */
PIX *form_blank(PIX *page, const struct form_table *t);

/*
 * Reads the rows of T with API (Japanese) and the digits in number boxes
 * with DIGITS (English) and appends the block to OUT; returns the rows read.
 */
int form_read_rows(TessBaseAPI *api, TessBaseAPI *digits, const struct form_table *t,
		   struct buf *out);

void form_table_free(struct form_table *t);

/*
 * Questions with printed options outside a table (a cover sheet's
 * 「営利目的 □あり □なし」): each of the N text lines LINES (left, top,
 * right, bottom on PAGE) that holds two option boxes or more is appended
 * to OUT as a block row "question：□あり ☑なし". Returns the rows written.
 */
int form_read_option_lines(TessBaseAPI *api, PIX *page, int dpi, const int (*lines)[4], int n,
			   struct buf *out);

#endif
