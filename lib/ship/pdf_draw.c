/*
 * pdf_draw.c - the printed pages' common ground; see pdf_draw.h.
 */
#include "pdf_draw.h"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>

#define FONT "IPAGothic"

PangoLayout *pdf_layout(cairo_t *cr, double width, double size, bool bold, enum pdf_fit fit,
			const char *text)
{
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoFontDescription *font = pango_font_description_from_string(FONT);

	pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(layout, font);
	pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
	if (fit == PDF_ELLIPSIZE)
		pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
	else
		pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(layout, text, -1);
	pango_font_description_free(font);
	return layout;
}

double pdf_text(cairo_t *cr, double x, double y, double width, double size, bool bold,
		enum pdf_fit fit, const char *text)
{
	PangoLayout *layout = pdf_layout(cr, width, size, bold, fit, text);
	int w, h;

	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, layout);
	pango_layout_get_size(layout, &w, &h);
	g_object_unref(layout);
	return (double)h / PANGO_SCALE;
}

cairo_t *pdf_open(const char *path, char *why, size_t whysz)
{
	cairo_surface_t *surface = cairo_pdf_surface_create(path, PDF_A4_W, PDF_A4_H);
	cairo_status_t st = cairo_surface_status(surface);
	cairo_t *cr;

	if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(why, whysz, "%s: %s", path, cairo_status_to_string(st));
		cairo_surface_destroy(surface);
		return NULL;
	}
	cr = cairo_create(surface);
	/* The context holds the surface now. */
	cairo_surface_destroy(surface);
	cairo_set_source_rgb(cr, 0, 0, 0);
	return cr;
}

int pdf_finish(cairo_t *cr, const char *path, char *why, size_t whysz)
{
	cairo_surface_t *surface = cairo_surface_reference(cairo_get_target(cr));
	cairo_status_t st = cairo_status(cr);

	cairo_destroy(cr);
	/* Writing happens here: a full disk shows in the surface's status. */
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

bool pdf_font_ready(char *found, size_t foundsz)
{
	FcPattern *want = FcNameParse((const FcChar8 *)FONT), *match;
	FcResult result;
	FcChar8 *family = NULL;
	bool ok = false;

	snprintf(found, foundsz, "no font at all");
	if (want == NULL)
		return false;
	FcConfigSubstitute(NULL, want, FcMatchPattern);
	FcDefaultSubstitute(want);
	match = FcFontMatch(NULL, want, &result);
	if (match != NULL && FcPatternGetString(match, FC_FAMILY, 0, &family) == FcResultMatch) {
		snprintf(found, foundsz, "%s", (const char *)family);
		ok = strcmp((const char *)family, FONT) == 0;
	}
	if (match != NULL)
		FcPatternDestroy(match);
	FcPatternDestroy(want);
	return ok;
}

void pdf_release_fonts(void)
{
	/* In this order: each lets go of what the next one owns. */
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
