/*
 * test_slashed_zero.c - the slash taken out of slashed zeros, and of
 * nothing else. The glyphs are drawn here pixel by pixel, as a fax at
 * 196 dpi gives them: a typed Ø (from a real fax page), a typed 8, a
 * ticked check box, 日, and a plain 0.
 */
#include "check.h"
#include "slashed_zero.h"

#include <stdbool.h>
#include <stdio.h>

/* A slashed zero of small type, 12 x 20; the slash runs up from the lower left. */
static const char *const zero_slashed[] = {
    "....###.....", "...######...", "..########..", ".###....###.", ".###....###.",
    ".##....####.", ".##....####.", "###....#####", "###...##.###", "###...#..###",
    "###..##..###", "###..#...###", "###.##...###", "#####....###", "#####....##.",
    ".###....###.", ".###....###.", ".###...###..", "..########..", "...######...", NULL};

static const char *const eight[] = {
    "...######...", "..###..###..", ".###....###.", ".###....###.", ".###....###.",
    "..###..###..", "...######...", "...######...", "..###..###..", ".###....###.",
    "###......###", "###......###", "###......###", "###......###", ".###....###.",
    "..###..###..", "...######...", "............", "............", "............", NULL};

static const char *const zero_plain[] = {
    "....###.....", "...######...", "..########..", ".###....###.", ".###....###.",
    ".##......##.", ".##......##.", "###......###", "###......###", "###......###",
    "###......###", "###......###", "###......###", "###......###", "###......##.",
    ".###....###.", ".###....###.", ".###....###.", "..########..", "...######...", NULL};

/* A check box with a tick reaching out of it, 17 x 20. */
static const char *const ticked_box[] = {
    "...............##", "..............##.", ".............##..", "############.##..",
    "#..........###...", "#..........##...#", "#.........##....#", "#.........##....#",
    "#..##....##.....#", "#...##..##......#", "#....####.......#", "#.....##........#",
    "#...............#", "#...............#", "#...............#", "#...............#",
    "#...............#", "#...............#", "#################", ".................", NULL};

/* 日 of small type, 14 x 20: two holes one above the other. */
static const char *const hi[] = {
    "##############", "##..........##", "##..........##", "##..........##", "##..........##",
    "##..........##", "##..........##", "##..........##", "##############", "##..........##",
    "##..........##", "##..........##", "##..........##", "##..........##", "##..........##",
    "##..........##", "##..........##", "##..........##", "##############", "##############",
    NULL};

/* PAGE with GLYPH drawn at X, Y. */
static void draw(PIX *page, const char *const *glyph, int x, int y)
{
	for (int r = 0; glyph[r] != NULL; r++)
		for (int c = 0; glyph[r][c] != '\0'; c++)
			if (glyph[r][c] == '#')
				pixSetPixel(page, (l_uint32)(x + c), (l_uint32)(y + r), 1);
}

/* Whether PIX at X, Y holds GLYPH exactly. */
static bool same(PIX *pix, const char *const *glyph, int x, int y)
{
	for (int r = 0; glyph[r] != NULL; r++)
		for (int c = 0; glyph[r][c] != '\0'; c++) {
			l_uint32 v = 0;

			pixGetPixel(pix, (l_uint32)(x + c), (l_uint32)(y + r), &v);
			if ((v != 0) != (glyph[r][c] == '#'))
				return false;
		}
	return true;
}

/* Holes (white areas enclosed by ink) in the W x H area of PIX at X, Y. */
static int holes_at(PIX *pix, int x, int y, int w, int h)
{
	BOX b = {x - 1, y - 1, w + 2, h + 2, 0};
	PIX *c = pixClipRectangle(pix, &b, NULL), *inv = c != NULL ? pixInvert(NULL, c) : NULL;
	BOXA *parts = inv != NULL ? pixConnComp(inv, NULL, 4) : NULL;
	int n = parts != NULL ? boxaGetCount(parts) - 1 : -1; /* less the outside */

	boxaDestroy(&parts);
	pixDestroy(&inv);
	pixDestroy(&c);
	return n;
}

int main(void)
{
	PIX *page = pixCreate(400, 100, 1), *out;
	int n = -1;

	CHECK(page != NULL, "page");
	if (page == NULL)
		return check_done();
	draw(page, zero_slashed, 20, 40);
	draw(page, eight, 60, 40);
	draw(page, ticked_box, 100, 40);
	draw(page, hi, 140, 40);
	draw(page, zero_plain, 180, 40);
	/* A slashed zero touching the next glyph is left alone, not torn. */
	draw(page, zero_slashed, 220, 40);
	draw(page, eight, 231, 40);
	out = slashed_zero_open(page, 196, &n);
	CHECK(out != NULL, "opened");
	if (out != NULL) {
		CHECK(n == 1, "one slashed zero (%d)", n);
		CHECK(holes_at(page, 20, 40, 12, 20) == 2, "the slash cuts the ring in two");
		CHECK(holes_at(out, 20, 40, 12, 20) == 1, "a ring with one hole after (%d)",
		      holes_at(out, 20, 40, 12, 20));
		CHECK(same(out, eight, 60, 40), "an 8 untouched");
		CHECK(same(out, ticked_box, 100, 40), "a ticked box untouched");
		CHECK(same(out, hi, 140, 40), "日 untouched");
		CHECK(same(out, zero_plain, 180, 40), "a plain 0 untouched");
		CHECK(same(out, zero_slashed, 220, 40), "a zero joined to its neighbour untouched");
	}
	pixDestroy(&out);
	pixDestroy(&page);
	return check_done();
}
