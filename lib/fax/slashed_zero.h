/*
 * slashed_zero.h - zeros written or typed with a stroke through them.
 *
 * Many Japanese fonts (the IPA fonts among them) and many hands draw the
 * zero with a slash, Ø, to tell it from O. Tesseract's models read that
 * glyph as 6, 9, 8 or a kanji (100冊 comes out as 1609冊, 50部 as 59), so
 * the slash is taken out before the page is read: what is left is a plain
 * ring, which every model reads as 0.
 */
#ifndef MADOGUCHI_SLASHED_ZERO_H
#define MADOGUCHI_SLASHED_ZERO_H

#include <leptonica/allheaders.h>

/*
 * PAGE (1 bpp, DPI) with the slash taken out of every glyph shaped as a
 * slashed zero: a new PIX, or NULL on failure. Its count in *N (may be NULL).
 */
PIX *slashed_zero_open(PIX *page, int dpi, int *n);

#endif
