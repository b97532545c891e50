/*
 * fax_letter.c - the reply letter as A4 PDF, drawn with cairo and set with
 * pango like the shipping forms; see fax_letter.h.
 */
#include "fax_letter.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stdio.h>

#define A4_W 595.0
#define A4_H 842.0
#define MARGIN 56.0
#define FONT "IPAGothic"
#define BODY_SIZE 11.0

static PangoLayout *layout_for(cairo_t *cr, double size, bool bold, const char *text)
{
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoFontDescription *font = pango_font_description_from_string(FONT);

	pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(layout, font);
	pango_layout_set_width(layout, (int)((A4_W - 2 * MARGIN) * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(layout, text, -1);
	pango_font_description_free(font);
	return layout;
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
	cairo_surface_t *surface = cairo_pdf_surface_create(path, A4_W, A4_H);
	cairo_status_t st = cairo_surface_status(surface);
	cairo_t *cr;

	if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(why, whysz, "%s: %s", path, cairo_status_to_string(st));
		cairo_surface_destroy(surface);
		return -1;
	}
	cr = cairo_create(surface);
	cairo_set_source_rgb(cr, 0, 0, 0);
	body(cr, l, cover(cr, l));
	cairo_show_page(cr);
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(why, whysz, "%s: %s", path, cairo_status_to_string(st));
		return -1;
	}
	return 0;
}
