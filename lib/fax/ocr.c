/*
 * ocr.c - fax documents to text with Leptonica and Tesseract; see ocr.h.
 *
 * Design: the document is decoded page by page (a multi-page TIFF is never
 * held whole as pixels), each page optionally preprocessed and handed to
 * one long-lived Tesseract engine. Every size is checked before decoding,
 * since a few bytes of G4 can claim a gigapixel page, and the page count is
 * capped, since each page costs seconds of CPU. A page that cannot be read
 * is counted, not fatal: the desk still wants the pages that could.
 *
 * Preprocessing works on the fax's own 1 bpp pixels first, where a speck
 * is still one or two pixels and easy to tell from a stroke, then scales
 * to grey at a square ~300 dpi (interpolation smooths the staircase that
 * a 1 bpp upscale would leave), then deskews the grey page. Every step is
 * optional so that tests/ocr_measure can weigh each one; a step whose
 * Leptonica call fails is skipped rather than losing the page.
 *
 * Tesseract's Japanese model puts a space between most CJK characters;
 * they are removed between two CJK characters so that words and numbers
 * such as "０３ー１２３４" can be searched, while spaces between Latin
 * words stay.
 */
#include "ocr.h"

#include "buf.h"
#include "form_read.h"
#include "log.h"
#include "slashed_zero.h"
#include "utf8.h"

#include <leptonica/allheaders.h>
#include <omp.h>
#include <cairo.h>
#include <poppler.h>
#include <tesseract/capi.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OCR_LANGUAGES "jpn+eng"
#define OCR_MAX_PAGES 100
/* Larger than A3 at 600 dpi, smaller than what would exhaust the worker. */
#define OCR_MAX_SIDE 20000
#define OCR_MAX_PIXELS (100L * 1000 * 1000)
#define OCR_TARGET_DPI 300
/* Fixed threshold for OCR_BINARIZE: above mid-grey, so strokes the fax
 * thinned come out a little bolder. */
#define OCR_BOLD_THRESHOLD 192

/* The engine: created by engine_get(), freed by ocr_shutdown(). */
static TessBaseAPI *engine;
/*
 * Japanese only, for the cells of a form (form_read.c): on a cell of
 * handwriting the English model wins too often and turns kanji into
 * Latin letters; the page's header and addresses still get both.
 */
static TessBaseAPI *form_engine;
/* English only, for the digits written in a form's number box. */
static TessBaseAPI *digit_engine;

/* A document being read: the encoded bytes and what they hold. */
struct doc {
	const l_uint8 *data;
	size_t len;
	int format; /* IFF_* */
	int npages;
	PopplerDocument *pdf; /* a PDF fax (fax-to-mail gateways send these), else NULL */
};

/*
 * PDF pages are rendered at fax fine resolution and thresholded to 1 bpp:
 * a PDF from a fax gateway wraps the very G3/G4 image a TIFF would hold, and
 * on its own pixel grid it goes through the same clean-up as a TIFF fax
 * (other grids resample it and cost 10-25 points of confidence, measured).
 */
#define PDF_RENDER_XDPI 204
#define PDF_RENDER_YDPI 196

static void set_why(char *why, size_t whysz, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void set_why(char *why, size_t whysz, const char *fmt, ...)
{
	va_list ap;

	if (why == NULL || whysz == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(why, whysz, fmt, ap);
	va_end(ap);
}

/* Leptonica reports to stderr by default; a worker's stderr is its log. */
static void lept_message(const char *msg)
{
	size_t n = strlen(msg);

	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		n--;
	log_debug("ocr: leptonica: %.*s", (int)n, msg);
}

static TessBaseAPI *engine_get(char *why, size_t whysz)
{
	TessBaseAPI *api;

	if (engine != NULL)
		return engine;
	leptSetStderrHandler(lept_message);
	api = TessBaseAPICreate();
	if (api == NULL) {
		set_why(why, whysz, "cannot create the Tesseract engine");
		return NULL;
	}
	/* A NULL data path lets Tesseract honour TESSDATA_PREFIX, else use
	 * the distribution's tessdata directory. */
	if (TessBaseAPIInit3(api, NULL, OCR_LANGUAGES) != 0) {
		TessBaseAPIDelete(api);
		set_why(why, whysz, "cannot load the Tesseract languages %s (check TESSDATA_PREFIX)",
			OCR_LANGUAGES);
		return NULL;
	}
	/* Tesseract chats about resolution and diacritics on stderr. */
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	engine = api;
	return engine;
}

/* An engine for LANG in *SLOT, or NULL (then no form is read) when it cannot start. */
static TessBaseAPI *extra_engine_get(TessBaseAPI **slot, const char *lang)
{
	TessBaseAPI *api;

	if (*slot != NULL)
		return *slot;
	api = TessBaseAPICreate();
	if (api == NULL)
		return NULL;
	if (TessBaseAPIInit3(api, NULL, lang) != 0) {
		TessBaseAPIDelete(api);
		log_info("ocr: cannot load the Tesseract language %s; forms read as pages", lang);
		return NULL;
	}
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	*slot = api;
	return api;
}

int ocr_ready(char *why, size_t whysz)
{
	return engine_get(why, whysz) != NULL ? 0 : -1;
}

void ocr_shutdown(void)
{
	TessBaseAPI **extra[] = {&form_engine, &digit_engine};

	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
		if (*extra[i] != NULL) {
			TessBaseAPIEnd(*extra[i]);
			TessBaseAPIDelete(*extra[i]);
			*extra[i] = NULL;
		}
	if (engine == NULL)
		return;
	TessBaseAPIEnd(engine);
	TessBaseAPIDelete(engine);
	engine = NULL;
}

void ocr_result_free(struct ocr_result *r)
{
	if (r == NULL)
		return;
	free(r->text);
	memset(r, 0, sizeof(*r));
}

/* ---- documents ---- */

static bool size_ok(int w, int h)
{
	return w > 0 && h > 0 && w <= OCR_MAX_SIDE && h <= OCR_MAX_SIDE &&
	       (long)w * h <= OCR_MAX_PIXELS;
}

static int tiff_count(const l_uint8 *data, size_t len, int *n)
{
	FILE *fp;
	l_int32 count = 0;
	int rc;

	/* Leptonica counts TIFF pages on a stream only; reading never writes
	 * through the cast. */
	fp = fmemopen((void *)(uintptr_t)data, len, "r");
	if (fp == NULL)
		return -1;
	rc = tiffGetCount(fp, &count);
	fclose(fp);
	*n = count;
	return rc == 0 && count > 0 ? 0 : -1;
}

static int doc_open(struct doc *d, const void *data, size_t len, char *why, size_t whysz)
{
	l_int32 format = IFF_UNKNOWN;

	d->data = data;
	d->len = len;
	d->npages = 0;
	if (data == NULL || len < 16) {
		set_why(why, whysz, "not an image (%zu bytes)", len);
		return -1;
	}
	d->pdf = NULL;
	if (memcmp(data, "%PDF-", 5) == 0) {
		GBytes *bytes = g_bytes_new_static(data, len);
		GError *err = NULL;

		d->pdf = poppler_document_new_from_bytes(bytes, NULL, &err);
		g_bytes_unref(bytes);
		if (d->pdf == NULL) {
			set_why(why, whysz, "unreadable PDF: %s", err ? err->message : "?");
			if (err != NULL)
				g_error_free(err);
			return -1;
		}
		d->npages = poppler_document_get_n_pages(d->pdf);
		if (d->npages < 1 || d->npages > OCR_MAX_PAGES) {
			set_why(why, whysz, "PDF of %d pages", d->npages);
			g_object_unref(d->pdf);
			d->pdf = NULL;
			return -1;
		}
		return 0;
	}
	if (findFileFormatBuffer(d->data, &format) != 0)
		format = IFF_UNKNOWN;
	d->format = format;
	if (L_FORMAT_IS_TIFF(format)) {
		if (tiff_count(d->data, len, &d->npages) != 0) {
			set_why(why, whysz, "corrupt TIFF");
			return -1;
		}
		if (d->npages > OCR_MAX_PAGES) {
			set_why(why, whysz, "%d pages, more than the %d read", d->npages,
				OCR_MAX_PAGES);
			return -1;
		}
		return 0;
	}
	switch (format) {
	case IFF_PNG:
	case IFF_JFIF_JPEG:
	case IFF_PNM:
	case IFF_BMP:
		d->npages = 1;
		return 0;
	default:
		set_why(why, whysz, "unsupported image format");
		return -1;
	}
}

static void doc_close(struct doc *d)
{
	if (d->pdf != NULL)
		g_object_unref(d->pdf);
	d->pdf = NULL;
}

/* Renders PDF page I in grey on white, as a fax page would be scanned. */
static PIX *pdf_page(const struct doc *d, int i)
{
	PopplerPage *page = poppler_document_get_page(d->pdf, i);
	double pw = 0, ph = 0, sx = PDF_RENDER_XDPI / 72.0, sy = PDF_RENDER_YDPI / 72.0;
	cairo_surface_t *surface;
	cairo_t *cr;
	PIX *pix = NULL;
	int w, h;

	if (page == NULL)
		return NULL;
	poppler_page_get_size(page, &pw, &ph);
	w = (int)(pw * sx + 0.5);
	h = (int)(ph * sy + 0.5);
	if (!size_ok(w, h)) {
		g_object_unref(page);
		return NULL;
	}
	surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cr = cairo_create(surface);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, sx, sy);
	poppler_page_render_for_printing(page, cr);
	cairo_surface_flush(surface);
	if (cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS &&
	    (pix = pixCreate(w, h, 8)) != NULL) {
		const unsigned char *rows = cairo_image_surface_get_data(surface);
		int stride = cairo_image_surface_get_stride(surface);

		for (int y = 0; y < h; y++) {
			const uint32_t *row = (const uint32_t *)(const void *)(rows + (size_t)y * stride);

			for (int x = 0; x < w; x++) {
				uint32_t px = row[x];
				unsigned grey = (((px >> 16) & 0xFF) * 30 + ((px >> 8) & 0xFF) * 59 +
						 (px & 0xFF) * 11) / 100;

				pixSetPixel(pix, x, y, grey);
			}
		}
		pixSetResolution(pix, PDF_RENDER_XDPI, PDF_RENDER_YDPI);
		{
			PIX *bw = pixThresholdToBinary(pix, 128);

			pixDestroy(&pix);
			pix = bw;
		}
	}
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
	g_object_unref(page);
	return pix;
}

/* Decodes page I, or returns NULL when it is corrupt or too large. */
static PIX *doc_page(const struct doc *d, int i)
{
	l_int32 w = 0, h = 0, format = 0;
	PIX *pix;

	if (d->pdf != NULL)
		return pdf_page(d, i);
	if (L_FORMAT_IS_TIFF(d->format)) {
		if (readHeaderMemTiff(d->data, d->len, i, &w, &h, NULL, NULL, NULL, NULL, NULL) != 0)
			return NULL;
	} else if (pixReadHeaderMem(d->data, d->len, &format, &w, &h, NULL, NULL, NULL) != 0) {
		return NULL;
	}
	if (!size_ok(w, h)) {
		log_info("ocr: page %d is %dx%d pixels, larger than read", i + 1, w, h);
		return NULL;
	}
	if (L_FORMAT_IS_TIFF(d->format))
		pix = pixReadMemTiff(d->data, d->len, i);
	else
		pix = pixReadMem(d->data, d->len);
	if (pix != NULL && !size_ok(pixGetWidth(pix), pixGetHeight(pix))) {
		pixDestroy(&pix);
		return NULL;
	}
	return pix;
}

/* ---- preprocessing ---- */

/*
 * The page's resolution; when the file does not say, a fax line width
 * (A4, B4, A3 at 204 dpi) gives it away, and the page's proportions tell
 * fine (196 dpi) from standard (98 dpi) vertical resolution.
 */
static void page_resolution(PIX *pix, int *xres, int *yres)
{
	int xr = pixGetXRes(pix), yr = pixGetYRes(pix);
	int w = pixGetWidth(pix), h = pixGetHeight(pix);

	if (xr < 50 || xr > 2400)
		xr = 0;
	if (yr < 50 || yr > 2400)
		yr = 0;
	if (xr == 0 && yr == 0) {
		if (w == 1728 || w == 2048 || w == 2432) {
			xr = 204;
			yr = h > w ? 196 : 98;
		} else {
			xr = yr = OCR_TARGET_DPI;
		}
	}
	*xres = xr ? xr : yr;
	*yres = yr ? yr : xr;
}

/* Makes NEXT the page, unless the step failed (NULL): then the step is skipped. */
static void take(PIX **page, PIX *next, const char *step)
{
	if (next == NULL) {
		log_info("ocr: preprocessing step %s failed; skipped", step);
		return;
	}
	pixDestroy(page);
	*page = next;
}

/*
 * Removes black specks of at most 2x2 fax pixels. Eight-connectivity keeps
 * a diagonal stroke of a thin glyph whole, so only isolated dots go.
 */
static PIX *despeckle(PIX *pix)
{
	return pixSelectBySize(pix, 3, 3, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, NULL);
}

/* Fills white holes of at most 2x2 pixels, which the line noise punches into strokes. */
static PIX *fill_pinholes(PIX *pix)
{
	PIX *inv, *holes, *filled = NULL;

	inv = pixInvert(NULL, pix);
	if (inv == NULL)
		return NULL;
	/* Four-connectivity: the dual of the eight used for black. */
	holes = pixSelectBySize(inv, 3, 3, 4, L_SELECT_IF_BOTH, L_SELECT_IF_LT, NULL);
	if (holes != NULL)
		filled = pixOr(NULL, pix, holes);
	pixDestroy(&holes);
	pixDestroy(&inv);
	return filled;
}

/*
 * Straightens the page by the skew of its body. The header line is left
 * out of the measure: the sending machine prints it straight on top of
 * the skewed scan, and its text and the streak of line noise under it
 * would otherwise outvote the letter and report no skew at all.
 */
static PIX *deskew(PIX *pix, int yres)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix), band = yres * 2 / 5;
	l_float32 angle = 0, conf = 0;
	PIX *body = NULL, *bin = NULL;
	BOX *box;
	int rc = 1;

	if (h <= 2 * band)
		return pixCopy(NULL, pix);
	box = boxCreate(0, band, w, h - band);
	if (box != NULL)
		body = pixClipRectangle(pix, box, NULL);
	if (body != NULL)
		bin = pixGetDepth(body) == 1 ? pixClone(body) : pixConvertTo1(body, 128);
	if (bin != NULL)
		rc = pixFindSkew(bin, &angle, &conf);
	pixDestroy(&bin);
	pixDestroy(&body);
	boxDestroy(&box);
	log_debug("ocr: skew %.2f degrees, confidence %.1f", (double)angle, (double)conf);
	/* Leptonica's own thresholds for a skew worth correcting. */
	if (rc != 0 || conf < 3.0f || (angle > -0.1f && angle < 0.1f))
		return pixCopy(NULL, pix);
	return pixRotate(pix, angle * 3.14159265f / 180.0f, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE,
			 0, 0);
}

/* Returns the preprocessed page (a new PIX) and its resolution in *DPI. */
static PIX *preprocess(PIX *src, unsigned steps, int *dpi)
{
	PIX *pix = pixCopy(NULL, src);
	int xres, yres;

	if (pix == NULL)
		return NULL;
	page_resolution(pix, &xres, &yres);
	*dpi = yres;
	if (pixGetDepth(pix) == 1) {
		if (steps & OCR_DESPECKLE)
			take(&pix, despeckle(pix), "despeckle");
		if (steps & OCR_FILL)
			take(&pix, fill_pinholes(pix), "fill");
		if (steps & OCR_ZEROS)
			take(&pix, slashed_zero_open(pix, yres, NULL), "zeros");
	}
	if (steps & OCR_SCALE) {
		float sx = (float)OCR_TARGET_DPI / xres, sy = (float)OCR_TARGET_DPI / yres;

		/* Grey first, so that upscaling interpolates instead of
		 * replicating pixels; no sharpening, the fax is sharp enough. */
		take(&pix, pixConvertTo8(pix, 0), "grey");
		if (sx < 0.95f || sx > 1.05f || sy < 0.95f || sy > 1.05f) {
			take(&pix, pixScaleGeneral(pix, sx, sy, 0.0f, 0), "scale");
			pixSetResolution(pix, OCR_TARGET_DPI, OCR_TARGET_DPI);
			*dpi = OCR_TARGET_DPI;
		}
	}
	if (steps & OCR_DESKEW)
		take(&pix, deskew(pix, *dpi), "deskew");
	if ((steps & OCR_BINARIZE) && pixGetDepth(pix) == 8)
		take(&pix, pixConvertTo1(pix, OCR_BOLD_THRESHOLD), "binarize");
	return pix;
}

/* ---- text ---- */

/* Scripts written without spaces between words, and their punctuation. */
static bool is_cjk(unsigned long cp)
{
	return (cp >= 0x3000 && cp <= 0x30ff) ||  /* CJK punctuation, kana, ー */
	       (cp >= 0x31f0 && cp <= 0x31ff) ||  /* small katakana */
	       (cp >= 0x3400 && cp <= 0x4dbf) ||  /* ideographs, extension A */
	       (cp >= 0x4e00 && cp <= 0x9fff) ||  /* ideographs */
	       (cp >= 0xf900 && cp <= 0xfaff) ||  /* compatibility ideographs */
	       (cp >= 0xff00 && cp <= 0xffef) ||  /* full-width forms, half-width kana */
	       (cp >= 0x20000 && cp <= 0x3ffff);  /* ideographs, planes 2-3 */
}

static bool is_ascii_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Appends TEXT to OUT without the spaces between two CJK characters. */
static void add_compacted(struct buf *out, const char *text)
{
	const char *p = text, *run, *q;
	unsigned long prev = 0, next;

	while (*p != '\0') {
		if (*p != ' ') {
			q = p;
			prev = utf8_next(&p);
			buf_add(out, q, (size_t)(p - q));
			continue;
		}
		run = p;
		while (*p == ' ')
			p++;
		q = p;
		next = *q != '\0' ? utf8_next(&q) : 0;
		if (!(is_cjk(prev) && is_cjk(next)))
			buf_add(out, run, (size_t)(p - run));
	}
}

/*
 * The English model reads a zero that starts a number as the letter O
 * ("O3-1234-5678"). In a run of digits, hyphens and O's that holds at
 * least two digits and touches no other letter, an O can only be a zero.
 */
static void repair_zeros(char *s)
{
	char *p = s, *start, *q;
	int digits, letters;

	while (*p != '\0') {
		if (!(*p >= '0' && *p <= '9') && *p != 'O' && *p != 'o') {
			p++;
			continue;
		}
		start = p;
		digits = letters = 0;
		for (; (*p >= '0' && *p <= '9') || *p == 'O' || *p == 'o' || *p == '-'; p++) {
			if (*p >= '0' && *p <= '9')
				digits++;
			else if (*p != '-')
				letters++;
		}
		if (digits < 2 || letters == 0)
			continue;
		if ((start > s && is_ascii_letter(start[-1])) || is_ascii_letter(*p))
			continue;
		for (q = start; q < p; q++)
			if (*q == 'O' || *q == 'o')
				*q = '0';
	}
}

/*
 * A handwritten 1 before other digits is often read as "!", "|", "l" or
 * "I" ("!2冊"). Before a digit, with no letter before it, and with the
 * number followed by a Japanese unit or word (冊, 部, 名), it can only be a one.
 */
static void repair_ones(char *s)
{
	for (char *p = s; *p != '\0'; p++) {
		char *q = p + 1;

		if (*p != '!' && *p != '|' && *p != '\\' && *p != 'l' && *p != 'I')
			continue;
		if (!(*q >= '0' && *q <= '9') || (p > s && (is_ascii_letter(p[-1]) ||
							     (p[-1] >= '0' && p[-1] <= '9'))))
			continue;
		while (*q >= '0' && *q <= '9')
			q++;
		while (*q == ' ')
			q++;
		if ((unsigned char)*q >= 0xE3)
			*p = '1';
	}
}

static bool has_text(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r' && *s != '\f')
			return true;
	return false;
}

#define OCR_MAX_LINES 120

/* The bounding boxes of the text lines API recognised, at most MAX. */
static int text_lines(TessBaseAPI *api, int (*out)[4], int max)
{
	TessResultIterator *ri = TessBaseAPIGetIterator(api);
	int n = 0;

	if (ri == NULL)
		return 0;
	do {
		const TessPageIterator *pi = TessResultIteratorGetPageIteratorConst(ri);

		if (n < max && TessPageIteratorBoundingBox(pi, RIL_TEXTLINE, &out[n][0], &out[n][1],
							   &out[n][2], &out[n][3]))
			n++;
	} while (TessResultIteratorNext(ri, RIL_TEXTLINE));
	TessResultIteratorDelete(ri);
	return n;
}

/*
 * Reads one page into OUT, with the block of a ruled form's rows after
 * its text when FORM; returns its mean confidence, or -1 when Tesseract
 * failed or found nothing.
 */
static int ocr_page(TessBaseAPI *api, PIX *pix, int dpi, int psm, bool form, struct buf *out)
{
	struct form_table table;
	bool has_table = false;
	int lines[OCR_MAX_LINES][4], nlines = 0;
	char *text;
	int conf = -1;
	PIX *body = NULL;

	/*
	 * A ruled form: the page is read without the table, whose cells are
	 * read one by one after it (form_read.c), so that what the page
	 * around the table says and what the cells say are read once each.
	 */
	if (form && extra_engine_get(&form_engine, "jpn") != NULL &&
	    extra_engine_get(&digit_engine, "eng") != NULL)
		has_table = form_find(pix, dpi, &table);
	if (has_table)
		body = form_blank(pix, &table);
	TessBaseAPISetPageSegMode(api, (TessPageSegMode)psm);
	TessBaseAPISetImage2(api, body != NULL ? body : pix);
	TessBaseAPISetSourceResolution(api, dpi);
	if (TessBaseAPIRecognize(api, NULL) != 0) {
		TessBaseAPIClear(api);
		pixDestroy(&body);
		if (has_table)
			form_table_free(&table);
		return -1;
	}
	text = TessBaseAPIGetUTF8Text(api);
	if (text != NULL) {
		repair_zeros(text);
		repair_ones(text);
		add_compacted(out, text);
		if (has_text(text))
			conf = TessBaseAPIMeanTextConf(api);
		TessDeleteText(text);
	}
	if (form)
		nlines = text_lines(api, lines, OCR_MAX_LINES);
	TessBaseAPIClear(api);
	pixDestroy(&body);
	if (has_table) {
		if (form_read_rows(form_engine, digit_engine, &table, out) > 0 && conf < 0)
			conf = 0;
		form_table_free(&table);
	}
	/* Options marked on lines outside a table, a cover sheet's questions. */
	if (nlines > 0 && form_engine != NULL)
		form_read_option_lines(form_engine, pix, dpi, (const int(*)[4])lines, nlines, out);
	return conf;
}

int ocr_document_opts(const void *data, size_t len, const struct ocr_options *opts,
		      struct ocr_result *out, char *why, size_t whysz)
{
	struct buf text = BUF_INIT;
	struct doc d;
	TessBaseAPI *api;
	int i, conf, confsum = 0, decoded = 0, dpi, xres;
	PIX *page, *pix;

	memset(out, 0, sizeof(*out));
	if (doc_open(&d, data, len, why, whysz) != 0)
		return -1;
	api = engine_get(why, whysz);
	if (api == NULL) {
		doc_close(&d);
		return -1;
	}
	/*
	 * Tesseract's LSTM asks OpenMP for a fixed team of threads per layer;
	 * on a machine with fewer cores they spin against each other and a
	 * page takes five times as long as with one thread (measured on two
	 * cores). Dynamic teams are capped at the cores not already busy. The
	 * setting belongs to the calling thread, so it is made on every call.
	 */
	omp_set_dynamic(1);
	for (i = 0; i < d.npages; i++) {
		if (i > 0)
			buf_adds(&text, "\f\n");
		page = doc_page(&d, i);
		if (page == NULL) {
			out->failed_pages++;
			continue;
		}
		decoded++;
		if (opts->steps != 0) {
			pix = preprocess(page, opts->steps, &dpi);
			pixDestroy(&page);
			if (pix == NULL) {
				out->failed_pages++;
				continue;
			}
		} else {
			pix = page;
			page_resolution(pix, &xres, &dpi);
		}
		conf = ocr_page(api, pix, dpi, opts->psm, opts->steps != 0, &text);
		pixDestroy(&pix);
		if (conf < 0) {
			out->failed_pages++;
			continue;
		}
		confsum += conf;
	}
	doc_close(&d);
	if (decoded == 0) {
		buf_free(&text);
		set_why(why, whysz, "no page could be decoded");
		return -1;
	}
	out->pages = d.npages;
	if (out->pages > out->failed_pages)
		out->mean_confidence = confsum / (out->pages - out->failed_pages);
	out->text = buf_steal(&text);
	return 0;
}

int ocr_document(const void *data, size_t len, bool preprocess, struct ocr_result *out, char *why,
		 size_t whysz)
{
	struct ocr_options opts = {preprocess ? OCR_STEPS_DEFAULT : 0, OCR_PSM_DEFAULT};

	return ocr_document_opts(data, len, &opts, out, why, whysz);
}
