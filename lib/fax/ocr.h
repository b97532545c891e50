/*
 * ocr.h - reading faxed requests with Tesseract (Japanese and English).
 *
 * One call turns a whole fax document held in memory (TIFF, multi-page and
 * G3/G4 included, PDF rendered with poppler, or PNG, JPEG, PNM, BMP) into
 * UTF-8 text. The Tesseract
 * engine is created on first use and kept for the life of the process,
 * because loading the Japanese model costs far more than reading a page;
 * ocr_shutdown() frees it. Not thread-safe: one OCR at a time per process.
 *
 * Preprocessing (Leptonica) makes the 204x196 dpi fax pixels square at
 * about 300 dpi and removes what the fax line added; which steps it runs
 * was chosen by measuring them on tests/data/fax (see tests/ocr_measure.c).
 */
#ifndef MADOGUCHI_OCR_H
#define MADOGUCHI_OCR_H

#include <stdbool.h>
#include <stddef.h>

struct ocr_result {
	char *text;          /* UTF-8, pages separated by "\f\n"; malloc'd, never NULL after success */
	int pages;
	int failed_pages;    /* pages Tesseract could not read, or in which it found no text */
	int mean_confidence; /* 0..100 over the pages read */
};

/*
 * Reads every page of the document DATA/LEN. PREPROCESS turns the Leptonica
 * pipeline (OCR_STEPS_DEFAULT) on. Returns 0, or -1 with a reason in WHY when
 * the document cannot be decoded at all (unknown format, corrupt, too many
 * pages) or Tesseract cannot start. Unreadable pages are no error: they
 * count in failed_pages. OUT needs ocr_result_free() after success only.
 */
int ocr_document(const void *data, size_t len, bool preprocess, struct ocr_result *out, char *why,
		 size_t whysz) __attribute__((warn_unused_result));
void ocr_result_free(struct ocr_result *r);

/* Whether the engine starts with its languages (jpn+eng): 0, or -1 with why. */
int ocr_ready(char *why, size_t whysz);

/* Frees the engine; the next OCR creates it again. */
void ocr_shutdown(void);

/*
 * The preprocessing steps one by one, for measuring what each gains
 * (tests/ocr_measure.c); ocr_document() uses OCR_STEPS_DEFAULT.
 */
enum ocr_step {
	OCR_DESPECKLE = 1 << 0, /* remove specks of 1-2 fax pixels (1 bpp input only) */
	OCR_FILL = 1 << 1,      /* fill pin holes the fax tore into strokes (1 bpp input only) */
	OCR_SCALE = 1 << 2,     /* grey, square pixels at ~300 dpi */
	OCR_DESKEW = 1 << 3,    /* straighten the 1-3 degrees a sheet skews in the scanner */
	OCR_BINARIZE = 1 << 4,  /* binarise again after scaling, slightly bold */
	OCR_ZEROS = 1 << 5,     /* take the slash out of slashed zeros (1 bpp input only) */
};

#define OCR_STEPS_DEFAULT (OCR_DESPECKLE | OCR_ZEROS | OCR_SCALE | OCR_DESKEW)

/* Tesseract page segmentation modes worth measuring on fax pages. */
enum ocr_psm { OCR_PSM_AUTO = 3, OCR_PSM_BLOCK = 6 };

#define OCR_PSM_DEFAULT OCR_PSM_AUTO

struct ocr_options {
	unsigned steps; /* enum ocr_step bits; 0: the page as sent */
	int psm;        /* enum ocr_psm */
};

/* ocr_document() with the steps and the page segmentation spelled out. */
int ocr_document_opts(const void *data, size_t len, const struct ocr_options *opts,
		      struct ocr_result *out, char *why, size_t whysz)
	__attribute__((warn_unused_result));

#endif
