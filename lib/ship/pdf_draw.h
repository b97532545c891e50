/*
 * pdf_draw.h - what the desk's printed pages share: an A4 PDF opened and
 * finished with cairo, and Japanese text set with pango in IPA Gothic
 * (Debian's fonts-ipafont-gothic). The shipping forms, the fax reply
 * letter and the statistics report are drawn with these.
 */
#ifndef MADOGUCHI_PDF_DRAW_H
#define MADOGUCHI_PDF_DRAW_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stddef.h>

#define PDF_A4_W 595.0 /* points */
#define PDF_A4_H 842.0

/* What a text longer than its width does. */
enum pdf_fit {
	PDF_WRAP,     /* goes on to further lines */
	PDF_ELLIPSIZE /* stays on its line, cut with "…" */
};

/*
 * A layout of TEXT in SIZE points (BOLD or not), WIDTH points wide, fitted
 * by FIT; the caller unrefs it.
 */
PangoLayout *pdf_layout(cairo_t *cr, double width, double size, bool bold, enum pdf_fit fit,
			const char *text);

/* TEXT drawn at (X, Y) as pdf_layout sets it; returns its height in points. */
double pdf_text(cairo_t *cr, double x, double y, double width, double size, bool bold,
		enum pdf_fit fit, const char *text);

/*
 * A4 PDF at PATH to draw on, the source black: the context, or NULL with
 * the reason in WHY.
 */
cairo_t *pdf_open(const char *path, char *why, size_t whysz);

/*
 * Finishes and writes the PDF CR draws on (its pages shown) and frees CR:
 * 0, or -1 with the reason, which may be known only now (a full disk), in
 * WHY.
 */
int pdf_finish(cairo_t *cr, const char *path, char *why, size_t whysz);

/*
 * Whether the font the pages are set in is installed: true, or false with
 * the family fontconfig would use instead in FOUND.
 */
bool pdf_font_ready(char *found, size_t foundsz);

/*
 * Gives back the font caches pango, cairo and fontconfig keep for the life
 * of the process, so that a leak checker sees only what is really lost.
 * No text may be drawn after it.
 */
void pdf_release_fonts(void);

#endif
