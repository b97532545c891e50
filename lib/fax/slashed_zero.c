/*
 * slashed_zero.c - zeros written or typed with a stroke through them; see
 * slashed_zero.h.
 *
 * A slashed zero is one connected glyph, taller than wide, whose ring the
 * slash cuts into exactly two holes side by side, one reaching higher, the
 * other lower (see slash_halves()). An 8 has its two holes one above the
 * other, meeting at its waist, a B too, 日 and 目 likewise.
 * The slash is the ink that lies deeper inside the glyph than the ring's
 * stroke is wide.
 */
#include "slashed_zero.h"

#include <stdbool.h>
#include <stdlib.h>

struct hole {
	int x, y, w, h;
};

/* The holes of GLYPH (1 bpp, tight): white areas that touch no edge, at most MAX (MAX + 1: more). */
static int holes_of(PIX *glyph, struct hole *out, int max)
{
	PIX *inv = pixInvert(NULL, glyph);
	BOXA *parts = inv != NULL ? pixConnComp(inv, NULL, 4) : NULL;
	int w = (int)pixGetWidth(glyph), h = (int)pixGetHeight(glyph), n = 0;

	for (int i = 0; parts != NULL && i < boxaGetCount(parts); i++) {
		l_int32 x, y, bw, bh;

		boxaGetBoxGeometry(parts, i, &x, &y, &bw, &bh);
		/* Pin holes the fax punched into a stroke are no holes of the glyph. */
		if (x == 0 || y == 0 || x + bw == w || y + bh == h || bw * bh * 40 < w * h)
			continue;
		if (n == max) {
			n = max + 1;
			break;
		}
		out[n++] = (struct hole){x, y, bw, bh};
	}
	boxaDestroy(&parts);
	pixDestroy(&inv);
	return n;
}

/*
 * Whether two holes of an H pixels high glyph are the halves a slash
 * leaves: side by side in part (their rows overlap by a quarter of the
 * shorter, where an 8's holes meet only at its waist), each reaching
 * further up or down than the other, and spanning half the glyph at least.
 */
static bool slash_halves(const struct hole *a, const struct hole *b, int h)
{
	const struct hole *top = a->y <= b->y ? a : b, *low = a->y <= b->y ? b : a;
	int overlap = (top->y + top->h < low->y + low->h ? top->y + top->h : low->y + low->h) - low->y;
	int shorter = a->h < b->h ? a->h : b->h;
	int mid_top = 2 * top->x + top->w, mid_low = 2 * low->x + low->w;

	return overlap * 4 >= shorter && overlap >= 3 && low->y > top->y &&
	       low->y + low->h > top->y + top->h && mid_top != mid_low &&
	       (low->y + low->h) - top->y >= h / 2;
}

/*
 * Whether GLYPH with its holes filled covers its box as an oval does (π/4
 * of it) or a rounded zero (up to 9/10): a stroke reaching out of the
 * ring, a tick out of a check box, leaves much of the box empty.
 */
static bool oval(PIX *glyph)
{
	PIX *solid = pixFillClosedBorders(glyph, 4);
	l_int32 n = 0;
	int area = (int)(pixGetWidth(glyph) * pixGetHeight(glyph));

	if (solid == NULL || pixCountPixels(solid, &n, NULL) != 0)
		n = 0;
	pixDestroy(&solid);
	return n * 100 >= area * 74;
}

/* Takes the slash out of GLYPH in place: ink deeper inside than the ring's stroke is wide. */
static void drop_slash(PIX *glyph)
{
	int w = (int)pixGetWidth(glyph), h = (int)pixGetHeight(glyph);
	int stroke = (w < h ? w : h) / 4;
	PIX *solid = pixFillClosedBorders(glyph, 4);
	PIX *framed = NULL, *outside = NULL, *near = NULL, *rim = NULL;

	/* Stroke width: the thinnest run across the ring at mid height. */
	for (int x = 0, run = 0; x < w; x++) {
		l_uint32 v = 0;

		pixGetPixel(glyph, x, h / 2, &v);
		if (v != 0)
			run++;
		if ((v == 0 || x == w - 1) && run > 0) {
			stroke = run < stroke ? run : stroke;
			break;
		}
	}
	if (solid != NULL)
		framed = pixAddBorder(solid, stroke + 2, 0);
	if (framed != NULL)
		outside = pixInvert(NULL, framed);
	if (outside != NULL)
		near = pixDilateBrick(NULL, outside, 2 * stroke + 1, 2 * stroke + 1);
	if (near != NULL)
		rim = pixRemoveBorder(near, stroke + 2);
	/* Keep only the ink near the outline: the ring. */
	if (rim != NULL)
		pixAnd(glyph, glyph, rim);
	pixDestroy(&rim);
	pixDestroy(&near);
	pixDestroy(&outside);
	pixDestroy(&framed);
	pixDestroy(&solid);
}

PIX *slashed_zero_open(PIX *page, int dpi, int *n)
{
	PIX *out = pixCopy(NULL, page);
	BOXA *boxes = NULL;
	PIXA *glyphs = NULL;
	int count = 0;

	if (out == NULL)
		return NULL;
	boxes = pixConnComp(page, &glyphs, 8);
	for (int i = 0; boxes != NULL && glyphs != NULL && i < boxaGetCount(boxes); i++) {
		l_int32 x, y, w, h;
		struct hole holes[2];
		PIX *orig, *g;

		boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
		/* Digit-sized, from small type (about 2.5 mm) to large handwriting,
		 * and narrow: a ticked check box (□ with ✓) is as wide as high. */
		if (h < dpi / 14 || h > dpi / 2 || w * 100 < h * 35 || w * 100 > h * 78)
			continue;
		orig = pixaGetPix(glyphs, i, L_CLONE);
		g = orig != NULL ? pixCopy(NULL, orig) : NULL;
		if (g != NULL && holes_of(g, holes, 2) == 2 && slash_halves(&holes[0], &holes[1], h) &&
		    oval(g)) {
			drop_slash(g);
			/* This glyph's pixels only (another may reach into its box): out, then the ring in. */
			pixRasterop(out, x, y, w, h, PIX_SRC ^ PIX_DST, orig, 0, 0);
			pixRasterop(out, x, y, w, h, PIX_SRC | PIX_DST, g, 0, 0);
			count++;
		}
		pixDestroy(&g);
		pixDestroy(&orig);
	}
	pixaDestroy(&glyphs);
	boxaDestroy(&boxes);
	if (n != NULL)
		*n = count;
	return out;
}
