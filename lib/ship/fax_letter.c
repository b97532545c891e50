/*
 * fax_letter.c - the reply letter as A4 PDF, drawn with cairo and set with
 * pango like the shipping forms; see fax_letter.h.
 */
#include "fax_letter.h"

#include "pdf_draw.h"

#include <stdbool.h>
#include <stdio.h>

#define A4_W PDF_A4_W
#define A4_H PDF_A4_H
#define MARGIN 56.0
#define BODY_SIZE 11.0

static PangoLayout *layout_for(cairo_t *cr, double size, bool bold, const char *text)
{
	return pdf_layout(cr, A4_W - 2 * MARGIN, size, bold, PDF_WRAP, text);
}

/* Draws TEXT at Y; returns the y below it. */
static double block(cairo_t *cr, double y, double size, bool bold, const char *text)
{
	PangoLayout *layout = layout_for(cr, size, bold, text);
	int w, h;

	cairo_move_to(cr, MARGIN, y);
	pango_cairo_show_layout(cr, layout);
	pango_layout_get_size(layout, &w, &h);
	g_object_unref(layout);
	return y + (double)h / PANGO_SCALE;
}

static double cover(cairo_t *cr, const struct fax_letter *l)
{
	char text[2048];
	double y = MARGIN;

	y = block(cr, y, 20, true, "FAX送信票　ご相談への回答") + 14;
	snprintf(text, sizeof(text), "宛先: %s 様\nFAX番号: %s\n\n発信元: %s\n電話: %s　FAX: %s\n\n"
		 "受付番号: %s　　送信日: %s",
		 l->to_name[0] != '\0' ? l->to_name : "　　　　　　　　",
		 l->to_fax[0] != '\0' ? l->to_fax : "＿＿＿＿＿＿＿＿", l->desk_name, l->desk_phone,
		 l->desk_fax, l->case_number, l->date);
	y = block(cr, y, 11, false, text) + 10;
	cairo_set_line_width(cr, 1.0);
	cairo_move_to(cr, MARGIN, y);
	cairo_line_to(cr, A4_W - MARGIN, y);
	cairo_stroke(cr);
	return y + 16;
}

/* The body line by line, a new page (with the case number on top) when one is full. */
static void body(cairo_t *cr, const struct fax_letter *l, double y)
{
	PangoLayout *layout = layout_for(cr, BODY_SIZE, false, l->body);
	PangoLayoutIter *it = pango_layout_get_iter(layout);
	int page = 1;

	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle logical;
		double h;

		pango_layout_iter_get_line_extents(it, NULL, &logical);
		h = (double)logical.height / PANGO_SCALE;
		if (y + h > A4_H - MARGIN) {
			char head[128];

			cairo_show_page(cr);
			snprintf(head, sizeof(head), "受付番号 %s　(%d枚目)", l->case_number, ++page);
			y = block(cr, MARGIN, 9, false, head) + 12;
		}
		cairo_move_to(cr, MARGIN, y + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE -
					      (double)logical.y / PANGO_SCALE);
		pango_cairo_show_layout_line(cr, line);
		y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(layout);
}

int fax_letter_write(const struct fax_letter *l, const char *path, char *why, size_t whysz)
{
	cairo_t *cr = pdf_open(path, why, whysz);

	if (cr == NULL)
		return -1;
	body(cr, l, cover(cr, l));
	cairo_show_page(cr);
	return pdf_finish(cr, path, why, whysz);
}
