/*
 * form_read.c - the filled-in rows of a ruled fax form; see form_read.h.
 *
 * A request form is a table: a printed label in the left cell of each
 * row, what the sender wrote or marked in the cell to its right. Read as
 * one page, Tesseract runs a row's label, the handwriting and the ruling
 * together and loses most of the handwriting; read cell by cell with the
 * ruling taken out, a cell is one short line it reads far better.
 *
 * The ruling is found with morphology on the binarised page: only a line
 * longer than any glyph survives an opening with a long structuring
 * element. Table rows lie between long horizontal rules, cells between
 * long vertical ones. Every line at least as long as a box drawn for a
 * number is removed before the cells are read, so the box around a
 * handwritten quantity does not turn into 1, I or |.
 *
 * A question with printed options (□はい □いいえ) is answered by ink, not by
 * characters: a tick, a cross, a filled box, ○ or a circle drawn around an
 * option all put ink on and around its box, which the OCR reads as noise
 * or not at all. The option words are found in the cell's symbols and the
 * ink next to each (its box and a little around it, up to the option
 * before) is counted; the option with clearly the most ink is the marked
 * one, and without a clear winner none is.
 */
#include "form_read.h"

#include "buf.h"
#include "log.h"
#include "utf8.h"

#include <leptonica/allheaders.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FORM_MAX_SYMBOLS 160

/* Words a printed option is labelled with. */
static const char *const option_words[] = {"いいえ", "はい", "郵送", "来所", "窓口受取",
					   "着払い", "あり", "なし", NULL};

struct symbol {
	char text[16];
	int x0, y0, x1, y1;
};

/* Centres of the runs of PROJ[0..N) at or above MIN: the lines. */
static int line_positions(const l_int32 *proj, int n, int min, int *out, int max)
{
	int count = 0;

	for (int i = 0; i < n;) {
		int s = i;

		if (proj[i] < min) {
			i++;
			continue;
		}
		while (i < n && proj[i] >= min)
			i++;
		if (count < max)
			out[count++] = (s + i - 1) / 2;
	}
	return count;
}

/* Black pixels of BIN per row (VERTICAL false) or per column. */
static l_int32 *projection(PIX *bin, bool vertical, int *n)
{
	int w = pixGetWidth(bin), h = pixGetHeight(bin);
	l_int32 *p;

	*n = vertical ? w : h;
	p = calloc((size_t)*n, sizeof(*p));
	if (p == NULL)
		return NULL;
	for (int y = 0; y < h; y++) {
		l_uint32 *line = pixGetData(bin) + (size_t)y * pixGetWpl(bin);

		for (int x = 0; x < w; x++)
			if (GET_DATA_BIT(line, x))
				p[vertical ? x : y]++;
	}
	return p;
}

static int ink(PIX *bin, int x0, int y0, int x1, int y1)
{
	BOX *b;
	l_int32 count = 0;

	if (x0 < 0)
		x0 = 0;
	if (y0 < 0)
		y0 = 0;
	if (x1 > pixGetWidth(bin))
		x1 = pixGetWidth(bin);
	if (y1 > pixGetHeight(bin))
		y1 = pixGetHeight(bin);
	if (x1 <= x0 || y1 <= y0)
		return 0;
	b = boxCreate(x0, y0, x1 - x0, y1 - y0);
	if (b == NULL)
		return 0;
	{
		PIX *c = pixClipRectangle(bin, b, NULL);

		if (c != NULL)
			pixCountPixels(c, &count, NULL);
		pixDestroy(&c);
	}
	boxDestroy(&b);
	return count;
}

/* The symbols Tesseract read in the current rectangle, in reading order. */
static int read_symbols(TessBaseAPI *api, struct symbol *sym, int max)
{
	TessResultIterator *it;
	int n = 0;

	if (TessBaseAPIRecognize(api, NULL) != 0)
		return 0;
	it = TessBaseAPIGetIterator(api);
	if (it == NULL)
		return 0;
	do {
		const TessPageIterator *pi = TessResultIteratorGetPageIteratorConst(it);
		char *t = TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);

		if (t != NULL && n < max && strlen(t) < sizeof(sym[n].text) &&
		    TessPageIteratorBoundingBox(pi, RIL_SYMBOL, &sym[n].x0, &sym[n].y0, &sym[n].x1,
						&sym[n].y1)) {
			strcpy(sym[n].text, t);
			n++;
		}
		TessDeleteText(t);
	} while (TessResultIteratorNext(it, RIL_SYMBOL));
	TessResultIteratorDelete(it);
	return n;
}

struct option {
	BOX box;          /* the printed box */
	const char *word; /* its label, NULL when unread */
	int ink;          /* in the box and around it */
	int inner;        /* inside the box, its outline left out */
};

/* The partner of an option that comes in a pair. */
static const char *const option_pairs[][2] = {
    {"はい", "いいえ"}, {"郵送", "来所"}, {"あり", "なし"}, {NULL, NULL}};

static const char *partner(const char *w)
{
	for (size_t i = 0; option_pairs[i][0] != NULL; i++) {
		if (strcmp(w, option_pairs[i][0]) == 0)
			return option_pairs[i][1];
		if (strcmp(w, option_pairs[i][1]) == 0)
			return option_pairs[i][0];
	}
	return NULL;
}

/*
 * The option word printed right of box B (up to LIMIT), or NULL: read on
 * its own, since a mark across the box spoils the line it stands in.
 */
static const char *label_after(TessBaseAPI *api, const BOX *b, int limit)
{
	const char *word = NULL;
	int x0 = b->x + b->w + b->w / 8, y0 = b->y - b->h / 3, h = b->h * 5 / 3;
	char *text;

	if (limit - x0 < b->w)
		return NULL;
	TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE);
	TessBaseAPISetRectangle(api, x0, y0, limit - x0, h);
	text = TessBaseAPIGetUTF8Text(api);
	for (size_t k = 0; text != NULL && option_words[k] != NULL && word == NULL; k++) {
		/* The word, spaces between its characters or not. */
		char *compact = text, *w = text;

		for (char *r = text; *r != '\0'; r++)
			if (*r != ' ' && *r != '\n')
				*w++ = *r;
		*w = '\0';
		if (strstr(compact, option_words[k]) != NULL)
			word = option_words[k];
	}
	TessDeleteText(text);
	TessBaseAPISetPageSegMode(api, PSM_SINGLE_BLOCK);
	return word;
}

/*
 * Whether box B of cell C stands apart from what is left of it: a printed
 * option box does, the 口 inside a word (窓口) touches the character
 * before it. Only a narrow band is looked at, so that a ○ drawn over the
 * box or a circle around the option does not count.
 */
static bool box_alone(PIX *c, const BOX *b)
{
	int x0 = b->x - b->h / 3, x1 = b->x - b->h / 6, y0 = b->y + b->h / 4,
	    y1 = b->y + b->h * 3 / 4;

	return ink(c, x0, y0, x1, y1) * 100 <= (x1 - x0) * (y1 - y0) * 15;
}

static void add_box(struct option *opt, int *nopt, const BOX *box)
{
	for (int k = 0; k < *nopt; k++)
		if (box->x < opt[k].box.x + opt[k].box.w && opt[k].box.x < box->x + box->w)
			return;
	opt[(*nopt)++] = (struct option){*box, NULL, 0, 0};
}

/*
 * The printed option boxes in the cell CELL of BIN, left to right: two
 * vertical edges of about the same height, as far apart as they are tall,
 * joined by a horizontal edge at top and bottom. A tick, a cross, ○ or a
 * filled box leave those edges standing, so marked boxes are found too.
 */
static int find_boxes(PIX *bin, BOX *cell, int dpi, struct option *opt, int max)
{
	int len = dpi / 12, nopt = 0;
	PIX *c = pixClipRectangle(bin, cell, NULL), *vm = NULL, *hm = NULL;
	BOXA *edges = NULL;

	if (c != NULL) {
		vm = pixOpenBrick(NULL, c, 1, len);
		hm = pixOpenBrick(NULL, c, len, 1);
	}
	if (vm != NULL && hm != NULL)
		edges = pixConnComp(vm, NULL, 8);
	for (int i = 0; edges != NULL && i < boxaGetCount(edges) && nopt + 1 < max; i++) {
		BOX *a = boxaGetBox(edges, i, L_CLONE);

		if (a->h <= dpi / 4 && a->h >= len && a->w * 10 >= a->h * 7 &&
		    a->w * 10 <= a->h * 14 && box_alone(c, a)) {
			/* A filled box: solid, as wide as it is tall. */
			BOX box = {cell->x + a->x, cell->y + a->y, a->w, a->h, 0};

			if (ink(c, a->x, a->y, a->x + a->w, a->y + a->h) * 10 >= a->w * a->h * 8)
				add_box(opt, &nopt, &box);
		}
		if (a->w > dpi / 20 || a->h > dpi / 4 || a->h < len) {
			boxDestroy(&a);
			continue;
		}
		for (int j = 0; j < boxaGetCount(edges) && nopt + 1 < max; j++) {
			BOX *b = boxaGetBox(edges, j, L_CLONE);
			/* The edges' common span: a mark touching one edge lengthens it. */
			int d = b->x - a->x, top = a->y > b->y ? a->y : b->y;
			int bot = a->y + a->h < b->y + b->h ? a->y + a->h : b->y + b->h;
			int h = bot - top, tol = h / 5 + 2, shorter = a->h < b->h ? a->h : b->h;

			if (j != i && b->w <= dpi / 20 && h >= len && h >= shorter - tol &&
			    d * 10 >= h * 7 && d * 10 <= h * 14 &&
			    ink(hm, a->x, top - 3, b->x + b->w, top + 4) >= d / 2 &&
			    ink(hm, a->x, bot - 4, b->x + b->w, bot + 3) >= d / 2) {
				BOX box = {cell->x + a->x, cell->y + top, b->x + b->w - a->x, h, 0};
				BOX local = {a->x, top, box.w, box.h, 0};

				/* Something touching an edge is a mark; a box of two clean
				 * edges must stand apart from the character before it. */
				if (abs(a->h - b->h) > tol || box_alone(c, &local))
					add_box(opt, &nopt, &box);
			}
			boxDestroy(&b);
		}
		boxDestroy(&a);
	}
	boxaDestroy(&edges);
	pixDestroy(&vm);
	pixDestroy(&hm);
	pixDestroy(&c);
	/* Left to right. */
	for (int i = 1; i < nopt; i++)
		for (int k = i; k > 0 && opt[k].box.x < opt[k - 1].box.x; k--) {
			struct option t = opt[k];

			opt[k] = opt[k - 1];
			opt[k - 1] = t;
		}
	return nopt;
}

/*
 * The cell's options with the marked one as ☑ and the others as □, into
 * OUT; false when the cell holds fewer than two option boxes or no option
 * word could be read.
 */
static bool read_options(TessBaseAPI *api, PIX *bin, BOX *cell, int dpi, struct buf *out,
			 int *first_x)
{
	struct option opt[6];
	int nopt = find_boxes(bin, cell, dpi, opt, 6), best = -1, second = -1, named = 0;

	log_debug("ocr: form cell at %d,%d: %d option boxes", cell->x, cell->y, nopt);
	if (nopt < 2)
		return false;
	*first_x = opt[0].box.x;
	for (int k = 0; k < nopt; k++) {
		const BOX *b = &opt[k].box;
		int in = b->h / 8 + 2, m = b->h / 2,
		    right = k + 1 < nopt ? opt[k + 1].box.x : cell->x + cell->w;

		opt[k].word = label_after(api, b, right);
		named += opt[k].word != NULL;
		/* The box and a margin around it, on its left, above and below (where a
		 * circle drawn around the option passes), not into its label. */
		opt[k].ink = ink(bin, b->x - m, b->y - m, b->x + b->w + b->w / 8, b->y + b->h + m);
		opt[k].inner = ink(bin, b->x + in, b->y + in, b->x + b->w - in, b->y + b->h - in);
		if (best < 0 || opt[k].ink > opt[best].ink) {
			second = best;
			best = k;
		} else if (second < 0 || opt[k].ink > opt[second].ink) {
			second = k;
		}
	}
	/* Two boxes, one label read: a pair's other option is the other box. */
	if (nopt == 2 && named == 1) {
		int k = opt[0].word != NULL ? 0 : 1;

		opt[1 - k].word = partner(opt[k].word);
		named += opt[1 - k].word != NULL;
	}
	if (named == 0)
		return false;
	/*
	 * An empty box is a thin outline; a mark adds at least a stroke's
	 * worth, inside the box (a tick, a cross, ■, ☒) or around it (a
	 * circle drawn around the option). Inside counts first: even a thin
	 * printed ☒ leaves an empty box's inside blank.
	 */
	{
		int in_best = 0, in_second = -1, h2 = opt[0].box.h * opt[0].box.h;

		for (int k = 1; k < nopt; k++)
			if (opt[k].inner > opt[in_best].inner)
				in_best = k;
		for (int k = 0; k < nopt; k++)
			if (k != in_best && (in_second < 0 || opt[k].inner > opt[in_second].inner))
				in_second = k;
		if (opt[in_best].inner - opt[in_second].inner >= h2 / 20 &&
		    opt[in_best].inner >= 2 * opt[in_second].inner)
			best = in_best;
		else if (opt[best].ink * 10 < opt[second].ink * 13 ||
			 opt[best].ink - opt[second].ink < h2 / 8)
			best = -1;
	}
	for (int k = 0; k < nopt; k++) {
		if (opt[k].word == NULL)
			continue;
		buf_adds(out, out->len > 0 ? " " : "");
		buf_adds(out, k == best ? "☑" : "□");
		buf_adds(out, opt[k].word);
	}
	log_debug("ocr: form options %d, ink %d/%d, marked %s", nopt, opt[0].ink, opt[1].ink,
		  best >= 0 && opt[best].word ? opt[best].word : "none");
	return true;
}

/* The symbols as one line, without the spaces Tesseract puts between CJK characters. */
static void add_symbols(const struct symbol *sym, int n, struct buf *out)
{
	for (int i = 0; i < n; i++) {
		if (i > 0 && sym[i].x0 - sym[i - 1].x1 > 2 * (sym[i].y1 - sym[i].y0) &&
		    (unsigned char)sym[i].text[0] < 0x80)
			buf_adds(out, " ");
		buf_adds(out, sym[i].text);
	}
}

/*
 * Where a number is to be written inside CELL (found among LINES, the
 * ruling taken out of the page): a box drawn for it, or a line to write it
 * on (「____ 冊」), taken as a box whose bottom edge it is, reaching up to
 * the cell's top. Its bounds in *BOX, or false.
 */
/*
 * A clip of BOX from PIX without what runs down all of it: a streak the fax
 * line drew down the page, which joins every line it crosses into one shape
 * and reads as a 1 beside a number. Nothing written in a cell is as tall as
 * the cell. A new PIX, or NULL.
 */
static PIX *clip_without_streak(PIX *pix, const BOX *box)
{
	PIX *all = pixClipRectangle(pix, (BOX *)box, NULL);
	PIX *down = all != NULL ? pixOpenBrick(NULL, all, 1, box->h * 9 / 10) : NULL;
	PIX *c = down != NULL ? pixSubtract(NULL, all, down) : NULL;

	pixDestroy(&down);
	pixDestroy(&all);
	return c;
}

static bool number_box(PIX *lines, const BOX *cell, int dpi, BOX *box)
{
	PIX *c = clip_without_streak(lines, cell);
	BOXA *parts = c != NULL ? pixConnComp(c, NULL, 8) : NULL;
	bool found = false;

	for (int i = 0; parts != NULL && i < boxaGetCount(parts) && !found; i++) {
		BOX *b = boxaGetBox(parts, i, L_CLONE);

		/* Closed on all four sides, inside the cell, not the cell itself. */
		if (b->w >= dpi / 3 && b->h >= dpi / 5 && b->w < cell->w * 2 / 3 && b->x > 2 &&
		    b->y > 2 && b->y + b->h < cell->h - 2 &&
		    ink(c, b->x, b->y + b->h / 3, b->x + 6, b->y + b->h * 2 / 3) > 0 &&
		    ink(c, b->x + b->w - 6, b->y + b->h / 3, b->x + b->w, b->y + b->h * 2 / 3) >
			0) {
			*box = (BOX){cell->x + b->x, cell->y + b->y, b->w, b->h, 0};
			found = true;
		} else if (b->w >= dpi / 2 && b->h <= dpi / 16 && b->w < cell->w * 2 / 3 &&
			   b->x > dpi / 20 && b->y > cell->h / 2 && b->y + b->h < cell->h - 2) {
			/* A line to write on, in the cell's lower half, not its rule. */
			*box = (BOX){cell->x + b->x, cell->y + 2, b->w, b->y + b->h - 2, 0};
			found = true;
		}
		boxDestroy(&b);
	}
	boxaDestroy(&parts);
	pixDestroy(&c);
	return found;
}

/* The digits API reads in PIX at DPI with MODE into OUT; their count. *CONF (may be NULL): Tesseract's 0-100. */
static int read_digits(TessBaseAPI *api, PIX *pix, int dpi, int mode, char *out, size_t max,
		       int *conf)
{
	char *text;
	size_t n = 0;

	TessBaseAPISetVariable(api, "tessedit_char_whitelist", "0123456789");
	TessBaseAPISetPageSegMode(api, (TessPageSegMode)mode);
	TessBaseAPISetImage2(api, pix);
	TessBaseAPISetSourceResolution(api, dpi);
	text = TessBaseAPIGetUTF8Text(api);
	if (conf != NULL)
		*conf = TessBaseAPIMeanTextConf(api);
	for (const char *p = text; p != NULL && *p != '\0'; p++)
		if (*p >= '0' && *p <= '9' && n + 1 < max)
			out[n++] = *p;
	out[n] = '\0';
	TessDeleteText(text);
	TessBaseAPIClear(api);
	return (int)n;
}

/*
 * Handwritten digits one by one: each stands apart from the next (a figure
 * is written glyph by glyph), and Tesseract reads a lone glyph it would
 * lose in a line of irregular ones. Pieces of one glyph that overlap
 * across are joined, specks dropped. False when a glyph reads as no digit.
 */
static bool read_glyphs(TessBaseAPI *api, PIX *d, int dpi, int h, char *out, size_t max,
			int *conf)
{
	BOXA *parts = pixConnComp(d, NULL, 8), *sorted = NULL;
	int x0[12], x1[12], y0[12], y1[12], n = 0;
	size_t len = 0;
	bool ok = true;

	if (parts != NULL)
		sorted = boxaSort(parts, L_SORT_BY_X, L_SORT_INCREASING, NULL);
	for (int i = 0; sorted != NULL && i < boxaGetCount(sorted) && ok; i++) {
		l_int32 bx, by, bw, bh;

		boxaGetBoxGeometry(sorted, i, &bx, &by, &bw, &bh);
		if (bw * bh < h * h / 40)
			continue;
		if (n > 0 &&
		    bx <
			x1[n - 1] - (bw < x1[n - 1] - x0[n - 1] ? bw : x1[n - 1] - x0[n - 1]) / 3) {
			x1[n - 1] = bx + bw > x1[n - 1] ? bx + bw : x1[n - 1];
			y0[n - 1] = by < y0[n - 1] ? by : y0[n - 1];
			y1[n - 1] = by + bh > y1[n - 1] ? by + bh : y1[n - 1];
			continue;
		}
		if (n == 12)
			ok = false;
		else {
			x0[n] = bx;
			x1[n] = bx + bw;
			y0[n] = by;
			y1[n] = by + bh;
			n++;
		}
	}
	for (int i = 0; i < n && ok; i++) {
		BOX g = {x0[i], y0[i], x1[i] - x0[i], y1[i] - y0[i], 0};
		PIX *c, *framed = NULL;
		char one[8];
		int c1 = 0;

		/* A dash or a dot is no digit, and not read as one. */
		if (g.h < h / 3)
			continue;
		c = pixClipRectangle(d, &g, NULL);
		if (c != NULL)
			framed = pixAddBorder(c, h / 3, 0);
		if (framed == NULL ||
		    read_digits(api, framed, dpi, PSM_SINGLE_CHAR, one, sizeof(one), &c1) < 1 ||
		    len + 1 >= max)
			ok = false;
		else {
			out[len++] = one[0];
			/* A figure is as sure as its least sure glyph. */
			if (*conf < 0 || c1 < *conf)
				*conf = c1;
		}
		pixDestroy(&framed);
		pixDestroy(&c);
	}
	out[len] = '\0';
	boxaDestroy(&sorted);
	boxaDestroy(&parts);
	return ok && len > 0;
}

/*
 * The digits in REGION (1 bpp, a number box and its margin), into OUT:
 * only the strokes (specks of the line noise and slivers of the box's
 * edges make Tesseract look for text among them), glyph by glyph and as a
 * line. A lone glyph reads best alone; several read best together, as a
 * line, unless the line lost some of them.
 */
static void read_strokes(TessBaseAPI *api, PIX *region, int dpi, int h, char *out, size_t max,
			 int *conf)
{
	PIX *d = pixSelectBySize(region, 0, h / 4, 8, L_SELECT_HEIGHT, L_SELECT_IF_GTE, NULL);
	PIX *fg = NULL, *framed = NULL;
	char glyphs[16] = "", line[16] = "";
	size_t ng, nl;
	int gconf = -1, lconf = 0;

	out[0] = '\0';
	*conf = 0;
	if (d == NULL)
		return;
	if (pixClipToForeground(d, &fg, NULL) != 0 || fg == NULL) {
		pixDestroy(&d);
		return;
	}
	if (!read_glyphs(api, fg, dpi, h, glyphs, sizeof(glyphs), &gconf))
		glyphs[0] = '\0';
	framed = pixAddBorder(fg, h / 2, 0);
	if (framed != NULL)
		read_digits(api, framed, dpi, PSM_SINGLE_LINE, line, sizeof(line), &lconf);
	ng = strlen(glyphs);
	nl = strlen(line);
	if (ng > 0 && (nl < ng || (nl == 1 && ng == 1))) {
		snprintf(out, max, "%s", glyphs);
		*conf = gconf;
	} else {
		snprintf(out, max, "%s", line);
		*conf = lconf;
	}
	pixDestroy(&framed);
	pixDestroy(&fg);
	pixDestroy(&d);
}

/* Ink of C at (X, Y), none outside it or on the ruling SKIP. */
static bool dark(PIX *c, PIX *skip, int x, int y)
{
	l_uint32 v = 0, r = 0;

	if (x < 0 || y < 0 || x >= (int)pixGetWidth(c) || y >= (int)pixGetHeight(c))
		return false;
	pixGetPixel(c, x, y, &v);
	pixGetPixel(skip, x, y, &r);
	return v != 0 && r == 0;
}

/*
 * Takes the ruling RULE (lines of one direction, a clip of the same area
 * as C) out of C where no stroke crosses or touches it. Across each run of
 * the line (its thickness, along DX,DY = 0,1 for a horizontal line, 1,0
 * for a vertical one), the two pixels just beyond either side are looked
 * at: background on both sides means the line alone, erased; ink on
 * either means a glyph's stroke crosses or sits on the line there, and the
 * run is kept, so a digit across the line keeps its foot and a 0 on it
 * stays closed. OTHER (the lines of the other direction) is no stroke.
 */
static void erase_lines(PIX *c, PIX *rule, PIX *other, int dx, int dy)
{
	int w = (int)pixGetWidth(c), h = (int)pixGetHeight(c);
	int outer = dy ? w : h, inner = dy ? h : w;

	for (int a = 0; a < outer; a++)
		for (int b = 0; b < inner;) {
			int s = b, x, y;
			l_uint32 v = 0;
			bool beyond;

			pixGetPixel(rule, dy ? a : b, dy ? b : a, &v);
			if (v == 0) {
				b++;
				continue;
			}
			while (b < inner && (pixGetPixel(rule, dy ? a : b, dy ? b : a, &v), v != 0))
				b++;
			x = dy ? a : s;
			y = dy ? s : a;
			beyond = (dark(c, other, x - dx, y - dy) && dark(c, other, x - 2 * dx, y - 2 * dy)) ||
				 (dark(c, other, dy ? a : b, dy ? b : a) &&
				  dark(c, other, (dy ? a : b) + dx, (dy ? b : a) + dy));
			for (int k = s; !beyond && k < b; k++)
				pixSetPixel(c, dy ? a : k, dy ? k : a, 0);
		}
}

/*
 * C (a clip of the page, 1 bpp) with the ruling LINES (the same clip) taken
 * out where no stroke crosses it; NULL on failure.
 */
static PIX *strokes_off_lines(PIX *c, PIX *lines, int dpi)
{
	int len = dpi / 8 > 3 ? dpi / 8 : 3;
	PIX *hl = pixOpenBrick(NULL, lines, len, 1), *vl = pixOpenBrick(NULL, lines, 1, len);
	PIX *out = hl != NULL && vl != NULL ? pixCopy(NULL, c) : NULL;

	if (out != NULL) {
		erase_lines(out, hl, vl, 0, 1);
		erase_lines(out, vl, hl, 1, 0);
	}
	pixDestroy(&vl);
	pixDestroy(&hl);
	return out;
}

/*
 * C (a clip of the page, 1 bpp) without the ruling LINES (the same clip):
 * each line is widened across by a few pixels (its ragged edges and the
 * fax's blur stay outside the mask the page-wide search found), and a run
 * across that zone is erased unless ink touches it on either side, which is
 * a stroke crossing the line or standing on it. NULL on failure.
 */
static PIX *strokes_off_zones(PIX *c, PIX *lines, int dpi)
{
	int len = dpi / 8 > 3 ? dpi / 8 : 3, grow = dpi / 40 > 2 ? dpi / 40 : 2;
	PIX *hl = pixOpenBrick(NULL, lines, len, 1), *vl = pixOpenBrick(NULL, lines, 1, len);
	PIX *hz = hl != NULL ? pixDilateBrick(NULL, hl, 1, grow) : NULL;
	PIX *vz = vl != NULL ? pixDilateBrick(NULL, vl, grow, 1) : NULL;
	PIX *out = hz != NULL && vz != NULL ? pixCopy(NULL, c) : NULL;
	PIX *none = out != NULL ? pixCreateTemplate(c) : NULL;

	if (none != NULL) {
		erase_lines(out, hz, none, 0, 1);
		erase_lines(out, vz, none, 1, 0);
	} else
		pixDestroy(&out);
	pixDestroy(&none);
	pixDestroy(&vz);
	pixDestroy(&hz);
	pixDestroy(&vl);
	pixDestroy(&hl);
	return out;
}

/*
 * The ink of D (taken) scaled to 64 pixels high and framed with blank
 * margin: Tesseract reads a line best at about that height, and
 * handwriting comes at any size. Its scale in *S; NULL when D holds none.
 */
static PIX *at_reading_height(PIX *d, float *s)
{
	PIX *fg = NULL, *scaled = NULL, *framed = NULL;

	if (d != NULL && pixClipToForeground(d, &fg, NULL) == 0 && fg != NULL) {
		*s = 64.0f / (float)pixGetHeight(fg);
		scaled = pixScale(fg, *s, *s);
		if (scaled != NULL)
			framed = pixAddBorder(scaled, 32, 0);
	}
	pixDestroy(&scaled);
	pixDestroy(&fg);
	pixDestroy(&d);
	return framed;
}

/*
 * The digits of REGION (1 bpp, no ruling) read as one line at a fixed
 * height, from its glyph-sized parts only (H is the box's height). Its
 * confidence in *CONF.
 */
static void read_scaled_line(TessBaseAPI *api, PIX *region, int dpi, int h, char *out,
			     size_t max, int *conf)
{
	float s = 1.0f;
	PIX *framed = at_reading_height(
	    pixSelectBySize(region, 0, h / 4, 8, L_SELECT_HEIGHT, L_SELECT_IF_GTE, NULL), &s);

	out[0] = '\0';
	*conf = 0;
	if (framed != NULL)
		read_digits(api, framed, (int)((float)dpi * s), PSM_SINGLE_LINE, out, max, conf);
	pixDestroy(&framed);
}

/* Whether the digits of PART appear in WHOLE in their order (a reading that lost some). */
static bool digits_within(const char *part, const char *whole)
{
	for (; *whole != '\0' && *part != '\0'; whole++)
		if (*whole == *part)
			part++;
	return *part == '\0';
}

/*
 * The number in REGION (1 bpp, no ruling) as the page engine API reads it,
 * scaled as read_scaled_line() does: its digits into OUT and, when a
 * count of boxes follows them (「1箱」: the digits engine cannot see a
 * kanji), that unit into UNIT. Its confidence in *CONF. API was reading
 * the form's cells from CLEAN at DPI and is left doing so again.
 */
static void read_text_number(TessBaseAPI *api, PIX *region, PIX *clean, int dpi, int h, char *out,
			     size_t max, char *unit, size_t unit_max, int *conf)
{
	static const char *const box_units[] = {"箱", "ケース", NULL};
	float s = 1.0f;
	/* Specks out, but not the small strokes a kanji is made of (箱 without its 竹 is 相). */
	PIX *framed = at_reading_height(
	    pixSelectBySize(region, h / 12, h / 12, 8, L_SELECT_IF_BOTH, L_SELECT_IF_GTE, NULL), &s);
	char *text = NULL;
	size_t n = 0;

	out[0] = unit[0] = '\0';
	*conf = 0;
	if (framed != NULL) {
		TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE);
		TessBaseAPISetImage2(api, framed);
		TessBaseAPISetSourceResolution(api, (int)((float)dpi * s));
		text = TessBaseAPIGetUTF8Text(api);
		*conf = TessBaseAPIMeanTextConf(api);
	}
	for (const char *p = text; p != NULL && *p != '\0' && *p != '\n';) {
		if (*p == ' ') {
			p++;
			continue;
		}
		if (*p >= '0' && *p <= '9' && n + 2 < max) {
			out[n++] = *p++;
			continue;
		}
		/* The page engine reads a handwritten 0 as a letter O more often than not. */
		if ((*p == 'O' || *p == 'o') && n > 0 && n + 2 < max) {
			out[n++] = '0';
			p++;
			continue;
		}
		for (size_t i = 0; n > 0 && box_units[i] != NULL; i++)
			if (strncmp(p, box_units[i], strlen(box_units[i])) == 0)
				snprintf(unit, unit_max, "%s", box_units[i]);
		/* A glyph after the digits that is none (「3の」): this reading
		 * saw one more glyph than its digits, and bears out no number
		 * that has a digit there. */
		if (n > 0 && unit[0] == '\0')
			out[n++] = '?';
		break;
	}
	out[n] = '\0';
	TessDeleteText(text);
	/* Back to the cells. */
	TessBaseAPISetPageSegMode(api, PSM_SINGLE_BLOCK);
	TessBaseAPISetImage2(api, clean);
	TessBaseAPISetSourceResolution(api, dpi);
	pixDestroy(&framed);
}

/*
 * Two ways of taking a line out can lose the same glyph (the stem of a 1
 * that the line crosses), so readings agreeing on AGREED are outdone by one
 * that has their digits and more, read with more confidence than any of
 * them. The index to keep.
 */
static int fuller_reading(char (*r)[16], const int *conf, int n, int agreed)
{
	int sure = conf[agreed], pick = agreed;

	for (int k = 0; k < n; k++)
		if (strcmp(r[k], r[agreed]) == 0 && conf[k] > sure)
			sure = conf[k];
	for (int k = 0; k < n; k++)
		if (strlen(r[k]) > strlen(r[agreed]) && strchr(r[k], '?') == NULL &&
		    digits_within(r[agreed], r[k]) && conf[k] > sure &&
		    (pick == agreed || conf[k] > conf[pick]))
			pick = k;
	return pick;
}

/*
 * Which of N readings R (with Tesseract's confidences CONF) of one number
 * to keep: one that another agrees with (the first such, unless
 * fuller_reading() finds more); else, of those another reading partly
 * bears out (its digits lost some of them), the one Tesseract is surest
 * of, the longer on a tie; else -1. A reading with a '?' (a glyph that is
 * no digit) is never kept; it bears out only what has a '?' there too. Each way of taking
 * the box out fails on other handwriting, so no reading is trusted alone:
 * a number nothing else bears out is left unread, and staff are asked for
 * it rather than shipping a wrong quantity.
 */
static int pick_reading(char (*r)[16], const int *conf, int n)
{
	int best = -1;

	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n && r[i][0] != '\0'; j++)
			if (strcmp(r[i], r[j]) == 0)
				return fuller_reading(r, conf, n, i);
	for (int i = 0; i < n; i++) {
		bool borne = false;

		for (int j = 0; j < n && r[i][0] != '\0' && strchr(r[i], '?') == NULL && !borne; j++)
			borne = j != i && r[j][0] != '\0' && digits_within(r[j], r[i]);
		if (borne && (best < 0 || conf[i] > conf[best] ||
			      (conf[i] == conf[best] && strlen(r[i]) > strlen(r[best]))))
			best = i;
	}
	return best;
}

/*
 * The digits written in box B, into OUT. Handwriting strays over the box's
 * edges and sits on them, so a margin around it is read. Taking the edges
 * out wholesale cuts the strokes that cross them (a 0 on the bottom line
 * becomes a U, 100 reads as 180). Five readings by the digits engine API:
 * from BIN without the edges (LINES) and the strokes joined again across
 * them; from CLEAN (edges taken out with a margin, nothing joined); from
 * BIN with the edges taken out only where no stroke crosses or touches
 * them; and the same with each edge widened to its ragged outline, read
 * as one line at a fixed height; then that last image by the PAGE engine,
 * which reads a unit written after the digits (「1箱」) and shapes the
 * digits engine takes for others. pick_reading() chooses.
 */
static void read_number(TessBaseAPI *page, TessBaseAPI *api, PIX *clean, PIX *bin, PIX *lines,
			int dpi, const BOX *b, struct buf *out)
{
	int m = b->h / 8;
	BOX r = {b->x + m, b->y - 2 * m, b->w - 2 * m, b->h + 5 * m, 0};
	PIX *c = clip_without_streak(bin, &r), *l = clip_without_streak(lines, &r);
	PIX *cut = NULL, *joined = NULL, *plain = clip_without_streak(clean, &r);
	PIX *kept = NULL, *kjoined = NULL, *zoned = NULL;
	char reading[5][16] = {"", "", "", "", ""}, unit[16] = "";
	int conf[5] = {0, 0, 0, 0, 0}, pick;

	if (c != NULL && l != NULL) {
		cut = pixSubtract(NULL, c, l);
		kept = strokes_off_lines(c, l, dpi);
		zoned = strokes_off_zones(c, l, dpi);
	}
	if (cut != NULL)
		joined = pixCloseBrick(NULL, cut, 1, 7);
	if (kept != NULL)
		kjoined = pixCloseBrick(NULL, kept, 1, 3);
	if (joined != NULL)
		read_strokes(api, joined, dpi, b->h, reading[0], sizeof(reading[0]), &conf[0]);
	if (plain != NULL)
		read_strokes(api, plain, dpi, b->h, reading[1], sizeof(reading[1]), &conf[1]);
	if (kjoined != NULL)
		read_strokes(api, kjoined, dpi, b->h, reading[2], sizeof(reading[2]), &conf[2]);
	if (zoned != NULL)
		read_scaled_line(api, zoned, dpi, b->h, reading[3], sizeof(reading[3]), &conf[3]);
	if (zoned != NULL)
		read_text_number(page, zoned, clean, dpi, b->h, reading[4], sizeof(reading[4]), unit,
				 sizeof(unit), &conf[4]);
	log_debug("ocr: form number box: %s (%d) / %s (%d) / %s (%d) / %s (%d) / %s%s (%d)",
		  reading[0], conf[0], reading[1], conf[1], reading[2], conf[2], reading[3], conf[3],
		  reading[4], unit, conf[4]);
	pick = pick_reading(reading, conf, 5);
	if (pick >= 0)
		buf_adds(out, reading[pick]);
	/* 「1箱」: the count of boxes the page engine saw after the same digits. */
	if (pick >= 0 && unit[0] != '\0' && strcmp(reading[pick], reading[4]) == 0)
		buf_adds(out, unit);
	pixDestroy(&zoned);
	pixDestroy(&kjoined);
	pixDestroy(&kept);
	pixDestroy(&plain);
	pixDestroy(&joined);
	pixDestroy(&cut);
	pixDestroy(&l);
	pixDestroy(&c);
}

/*
 * A quantity written in front of its printed unit, no box or line drawn
 * for it (「 20  冊   10冊まで:無料郵送 …」): the leftmost 冊 or 部 in SYM with
 * room for figures between X0 and it, and before it no more than the few
 * glyphs the OCR makes of handwritten figures (a word written there is
 * text, not a number). Its index, or -1.
 */
static int printed_unit(const struct symbol *sym, int n, int x0, int dpi)
{
	int u = -1, words = 0;

	for (int i = 0; i < n; i++)
		if ((strcmp(sym[i].text, "冊") == 0 || strcmp(sym[i].text, "部") == 0) &&
		    sym[i].x0 - x0 >= dpi / 3 && (u < 0 || sym[i].x0 < sym[u].x0))
			u = i;
	if (u < 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (sym[i].x1 <= sym[u].x0 && (unsigned char)sym[i].text[0] >= 0xE3)
			words++;
	return words <= 2 ? u : -1;
}

/*
 * The figures left of the printed unit SYM[U] in the cell from X0 over
 * [Y0,Y1), read as in a number box, then the unit, then what is printed
 * right of it.
 */
static void read_before_unit(TessBaseAPI *api, TessBaseAPI *digits, PIX *bin, PIX *lines,
			     PIX *clean, int dpi, int x0, int y0, int y1, const struct symbol *sym,
			     int n, int u, struct buf *out)
{
	struct symbol rest[FORM_MAX_SYMBOLS];
	/* read_number() reads its box with a margin of 1/8 of its height above
	 * and 3/8 below: the box is sized so that stays in the row. */
	int h = (y1 - y0) * 8 / 13, k = 0;
	BOX nb = {x0, y0 + h / 4, sym[u].x0 - 4 - x0, h, 0};

	/* The unit right after the figures, where it is printed; the rules
	 * printed beside it come after. */
	read_number(api, digits, clean, bin, lines, dpi, &nb, out);
	buf_adds(out, sym[u].text);
	buf_adds(out, " ");
	for (int i = 0; i < n; i++)
		if (i != u && sym[i].x0 >= sym[u].x0)
			rest[k++] = sym[i];
	add_symbols(rest, k, out);
}

/* Reads the cell [X0,X1)x[Y0,Y1) of CLEAN into OUT; options judged on BIN. */
static void read_cell(TessBaseAPI *api, TessBaseAPI *digits, PIX *bin, PIX *lines, PIX *clean,
		      int dpi, int x0, int y0, int x1, int y1, bool options, struct buf *out)
{
	struct symbol sym[FORM_MAX_SYMBOLS];
	BOX cell = {x0, y0, x1 - x0, y1 - y0, 0}, nb;
	int n, u;
	bool boxed = false;

	if (options && read_options(api, bin, &cell, dpi, out, &n))
		return;
	/* A number box: its digits, then what is printed after it (冊, 部 …). An
	 * empty box gives no digits, and the unit alone says no number. */
	if (options && number_box(lines, &cell, dpi, &nb)) {
		read_number(api, digits, clean, bin, lines, dpi, &nb, out);
		x0 = nb.x + nb.w + 2;
		buf_adds(out, " ");
		boxed = true;
	}
	TessBaseAPISetRectangle(api, x0, y0, x1 - x0, y1 - y0);
	n = read_symbols(api, sym, FORM_MAX_SYMBOLS);
	if (options && !boxed && (u = printed_unit(sym, n, x0, dpi)) >= 0) {
		read_before_unit(api, digits, bin, lines, clean, dpi, x0, y0, y1, sym, n, u, out);
		return;
	}
	add_symbols(sym, n, out);
}

/* The first and last black pixel of BIN on rows Y-2..Y+2, in *LEFT, *RIGHT. */
static void row_extent(PIX *bin, int y, int *left, int *right)
{
	*left = pixGetWidth(bin);
	*right = -1;
	for (int yy = y - 2; yy <= y + 2; yy++) {
		l_uint32 *line;

		if (yy < 0 || yy >= pixGetHeight(bin))
			continue;
		line = pixGetData(bin) + (size_t)yy * pixGetWpl(bin);
		for (int x = 0; x < pixGetWidth(bin); x++)
			if (GET_DATA_BIT(line, x)) {
				if (x < *left)
					*left = x;
				if (x > *right)
					*right = x;
			}
	}
}

/* The column of T's vertical rule that splits the row [Y0,Y1) into label and answer, or -1. */
static int row_split(const struct form_table *t, int y0, int y1)
{
	l_uint32 *mid;

	if (y1 - y0 < t->dpi / 6 || y1 - y0 > t->dpi * 3 / 2)
		return -1;
	mid = pixGetData(t->vrule) + (size_t)((y0 + y1) / 2) * pixGetWpl(t->vrule);
	for (int k = 1; k + 1 < t->nx; k++)
		if (GET_DATA_BIT(mid, t->xs[k]) || GET_DATA_BIT(mid, t->xs[k] + 1) ||
		    GET_DATA_BIT(mid, t->xs[k] - 1))
			return k;
	return -1;
}

void form_table_free(struct form_table *t)
{
	pixDestroy(&t->bin);
	pixDestroy(&t->vrule);
	pixDestroy(&t->lines);
	pixDestroy(&t->clean);
	memset(t, 0, sizeof(*t));
}

bool form_find(PIX *page, int dpi, struct form_table *t)
{
	PIX *hrule = NULL;
	l_int32 *hp = NULL, *vp = NULL;
	int xs[FORM_MAX_LINES], nx = 0, n, left, right;

	memset(t, 0, sizeof(*t));
	t->dpi = dpi;
	t->bin = pixGetDepth(page) == 1 ? pixClone(page) : pixConvertTo1(page, 160);
	if (t->bin == NULL)
		return false;
	/* Table rules: longer than 1.5 in across, 1 in down. */
	hrule = pixOpenBrick(NULL, t->bin, dpi * 3 / 2, 1);
	t->vrule = pixOpenBrick(NULL, t->bin, 1, dpi);
	if (hrule == NULL || t->vrule == NULL)
		goto fail;
	hp = projection(hrule, false, &n);
	if (hp != NULL)
		t->ny = line_positions(hp, n, dpi * 3 / 2, t->ys, FORM_MAX_LINES);
	vp = projection(t->vrule, true, &n);
	if (vp != NULL)
		nx = line_positions(vp, n, dpi, xs, FORM_MAX_LINES);
	if (t->ny < 3 || nx < 2)
		goto fail;
	/* Verticals within the widest rule's width that end at the first and
	 * last rule: a streak the fax line drew down the page is none of its
	 * columns. (The first rule may be a box printed above the table, for
	 * the desk's receipt number.) */
	left = right = 0;
	for (int i = 0; i < t->ny; i++) {
		int l, r;

		row_extent(hrule, t->ys[i], &l, &r);
		if (r - l > right - left) {
			left = l;
			right = r;
		}
	}
	for (int i = 0; i < nx; i++)
		if (xs[i] >= left - dpi / 50 && xs[i] <= right + dpi / 50 &&
		    ink(t->vrule, xs[i] - 2, 0, xs[i] + 3, t->ys[0] - dpi / 10) < dpi / 3 &&
		    ink(t->vrule, xs[i] - 2, t->ys[t->ny - 1] + dpi / 10, xs[i] + 3,
			pixGetHeight(t->vrule)) < dpi / 3)
			t->xs[t->nx++] = xs[i];
	if (t->nx < 3)
		goto fail;
	/* A table of label and answer rows, three at least: a cover sheet's
	 * frame and the lines under its entries are none. The rows between
	 * the first and the last such row are the table. */
	{
		int first = -1, last = -1, rows = 0;

		for (int r = 0; r + 1 < t->ny; r++)
			if (row_split(t, t->ys[r] + 4, t->ys[r + 1] - 4) >= 0) {
				if (first < 0)
					first = r;
				last = r + 1;
				rows++;
			}
		log_debug("ocr: form: %d horizontal rules, %d vertical, %d rows", t->ny, t->nx,
			  rows);
		if (rows < 3)
			goto fail;
		memmove(t->ys, t->ys + first, (size_t)(last - first + 1) * sizeof(t->ys[0]));
		t->ny = last - first + 1;
	}
	/* Every line longer than a glyph goes before the cells are read: boxes
	 * drawn around a number and the table's own rules. */
	{
		PIX *h2 = pixOpenBrick(NULL, t->bin, dpi * 2 / 3, 1);
		PIX *v2 = pixOpenBrick(NULL, t->bin, 1, dpi * 3 / 8), *mask = NULL;

		if (h2 != NULL && v2 != NULL)
			t->lines = pixOr(NULL, h2, v2);
		if (t->lines != NULL)
			mask = pixDilateBrick(NULL, t->lines, 5, 5);
		if (mask != NULL)
			t->clean = pixSubtract(NULL, t->bin, mask);
		pixDestroy(&mask);
		pixDestroy(&h2);
		pixDestroy(&v2);
	}
	if (t->clean == NULL)
		goto fail;
	free(hp);
	free(vp);
	pixDestroy(&hrule);
	return true;
fail:
	free(hp);
	free(vp);
	pixDestroy(&hrule);
	form_table_free(t);
	return false;
}

PIX *form_blank(PIX *page, const struct form_table *t)
{
	PIX *out = pixCopy(NULL, page);
	BOX *b = boxCreate(t->xs[0] - 2, t->ys[0] - 2, t->xs[t->nx - 1] - t->xs[0] + 5,
			   t->ys[t->ny - 1] - t->ys[0] + 5);

	/* White: 0 on a 1 bpp page, the maximum on a grey one. */
	if (out != NULL && b != NULL)
		pixSetInRectArbitrary(out, b,
				      pixGetDepth(out) == 1 ? 0 : (1u << pixGetDepth(out)) - 1);
	boxDestroy(&b);
	return out;
}

/*
 * LABEL without the specks the OCR reads after a printed label
 * (「ご利用目的。」): a label ends in a word, and the reader of the text
 * looks for 「ご利用目的：」.
 */
static void trim_label(struct buf *label)
{
	static const char *const specks[] = {"。", "、", "・", ".", ",", "'", "-", "_", " ", NULL};

	for (bool more = true; more && label->len > 0;) {
		more = false;
		for (int i = 0; specks[i] != NULL; i++) {
			size_t n = strlen(specks[i]);

			if (label->len >= n && memcmp(label->data + label->len - n, specks[i], n) == 0) {
				label->len -= n;
				label->data[label->len] = '\0';
				more = true;
				break;
			}
		}
	}
}

int form_read_rows(TessBaseAPI *api, TessBaseAPI *digits, const struct form_table *t,
		   struct buf *out)
{
	int dpi = t->dpi, rows = 0;
	const int *ys = t->ys, *xs = t->xs, ny = t->ny, nx = t->nx;

	TessBaseAPISetPageSegMode(api, PSM_SINGLE_BLOCK);
	TessBaseAPISetImage2(api, t->clean);
	TessBaseAPISetSourceResolution(api, dpi);
	for (int r = 0; r + 1 < ny; r++) {
		int y0 = ys[r] + 4, y1 = ys[r + 1] - 4, split = row_split(t, y0, y1);
		struct buf label = BUF_INIT, value = BUF_INIT;

		/* The label left of the first vertical that crosses the row, the
		 * answer right of it. */
		if (split < 0)
			continue;
		read_cell(api, digits, t->bin, t->lines, t->clean, dpi, xs[0] + 4, y0,
			  xs[split] - 4, y1, false, &label);
		read_cell(api, digits, t->bin, t->lines, t->clean, dpi, xs[split] + 4, y0,
			  xs[nx - 1] - 4, y1, true, &value);
		trim_label(&label);
		if (label.len > 0) {
			if (rows++ == 0)
				buf_adds(out, FORM_BLOCK_TITLE "\n");
			buf_add(out, label.data, label.len);
			buf_adds(out, "：");
			if (value.len > 0)
				buf_add(out, value.data, value.len);
			buf_adds(out, "\n");
		}
		buf_free(&label);
		buf_free(&value);
	}
	if (rows > 0)
		buf_adds(out, FORM_BLOCK_END "\n");
	TessBaseAPIClear(api);
	return rows;
}

int form_read_option_lines(TessBaseAPI *api, PIX *page, int dpi, const int (*lines)[4], int n,
			   struct buf *out)
{
	PIX *bin = pixGetDepth(page) == 1 ? pixClone(page) : pixConvertTo1(page, 160);
	int found = 0;

	if (bin == NULL)
		return 0;
	TessBaseAPISetPageSegMode(api, PSM_SINGLE_BLOCK);
	TessBaseAPISetImage2(api, bin);
	TessBaseAPISetSourceResolution(api, dpi);
	for (int i = 0; i < n; i++) {
		int h = lines[i][3] - lines[i][1], x0 = lines[i][0] - h, y0 = lines[i][1] - h / 2;
		int x1 = lines[i][2] + h, y1 = lines[i][3] + h / 2, first = 0;
		struct buf opts = BUF_INIT;
		BOX cell;

		if (x0 < 0)
			x0 = 0;
		if (y0 < 0)
			y0 = 0;
		if (x1 > pixGetWidth(bin))
			x1 = pixGetWidth(bin);
		if (y1 > pixGetHeight(bin))
			y1 = pixGetHeight(bin);
		cell = (BOX){x0, y0, x1 - x0, y1 - y0, 0};
		if (h < dpi / 20 || h > dpi / 2 ||
		    !read_options(api, bin, &cell, dpi, &opts, &first)) {
			buf_free(&opts);
			continue;
		}
		/* The question: what the line says before its first option. */
		if (found++ == 0)
			buf_adds(out, FORM_BLOCK_TITLE "\n");
		if (first - x0 > h) {
			struct symbol sym[FORM_MAX_SYMBOLS];
			int ns;

			TessBaseAPISetRectangle(api, x0, y0, first - x0 - h / 4, y1 - y0);
			ns = read_symbols(api, sym, FORM_MAX_SYMBOLS);
			add_symbols(sym, ns, out);
		}
		buf_adds(out, "：");
		buf_add(out, opts.data, opts.len);
		buf_adds(out, "\n");
		buf_free(&opts);
	}
	if (found > 0)
		buf_adds(out, FORM_BLOCK_END "\n");
	TessBaseAPIClear(api);
	pixDestroy(&bin);
	return found;
}
