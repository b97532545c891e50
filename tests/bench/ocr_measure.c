/*
 * ocr_measure.c - what preprocessing gains on the sample faxes.
 *
 * Usage: ocr_measure DIR [CONFIG...]
 * Reads every sample listed in DIR/expected.tsv under each configuration
 * and compares the text with the typed ground truth DIR/NAME.txt. A CONFIG
 * is "LABEL=STEP+STEP/PSM" with the steps of enum ocr_step (despeckle,
 * fill, scale, deskew, binarize, or "none" / "default") and a Tesseract
 * page segmentation mode; without any, "plain" (no preprocessing) is
 * compared with "preprocessed" (what ocr_document() does).
 *
 * Character accuracy is 1 - Levenshtein(ocr, truth) / len(truth) over code
 * points with all whitespace removed, so layout does not count and every
 * misread, lost or invented character does. Full-width ASCII forms count
 * as their ASCII twins on both sides: OCR cannot see which width was typed
 * and the desk's searches fold them anyway. A phone counts as found when
 * its digits appear in the text once digits are folded and separators
 * dropped, as tests/unit/test_ocr.c checks it. Called by the project benchmark;
 * ctest runs test_ocr instead.
 */
#include "file.h"
#include "ocr.h"
#include "utf8.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_SAMPLES 64
#define MAX_CONFIGS 16

struct sample {
	char name[128];
	char phone[32];
	void *data;
	size_t len;
	uint32_t *truth; /* code points, whitespace removed */
	size_t ntruth;
	int pages;
};

struct config {
	const char *label;
	struct ocr_options opts;
	size_t dist, len; /* summed over samples */
	int phones, pages, failed;
	double seconds;
};

/* Code points of S without whitespace, full-width ASCII folded. */
static uint32_t *code_points(const char *s, size_t *n)
{
	uint32_t *cps = malloc((strlen(s) + 1) * sizeof(*cps)), cp;

	if (cps == NULL)
		abort();
	*n = 0;
	while (*s != '\0') {
		cp = utf8_next(&s);
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0x3000)
			continue;
		if (cp >= 0xff01 && cp <= 0xff5e)
			cp -= 0xff01 - 0x21;
		cps[(*n)++] = cp;
	}
	return cps;
}

static size_t levenshtein(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t *row = malloc((nb + 1) * sizeof(*row)), i, j, diag, up, d;

	if (row == NULL)
		abort();
	for (j = 0; j <= nb; j++)
		row[j] = j;
	for (i = 1; i <= na; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= nb; j++) {
			up = row[j];
			d = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < d)
				d = up + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			row[j] = d;
			diag = up;
		}
	}
	d = row[nb];
	free(row);
	return d;
}

/* The text's digits with full-width digits folded and everything else dropped. */
static char *digits_only(const char *s)
{
	char *out = malloc(strlen(s) + 1);
	size_t n = 0;
	uint32_t cp;

	if (out == NULL)
		abort();
	while (*s != '\0') {
		cp = utf8_next(&s);
		if (cp >= 0xff10 && cp <= 0xff19)
			cp -= 0xff10 - '0';
		if (cp >= '0' && cp <= '9')
			out[n++] = (char)cp;
		/* Letters and ideographs separate numbers; separators do not. */
		else if (cp != ' ' && cp != '-' && cp != 0x30fc && cp != 0xff0d && cp != 0x2010 &&
			 cp != 0x2212 && cp != 0x2015 && cp != 0x2014 && cp != 0x2013 && cp != '(' &&
			 cp != ')' && cp != 0xff08 && cp != 0xff09 && cp != 0x3000 &&
			 n > 0 && out[n - 1] != '|')
			out[n++] = '|';
	}
	out[n] = '\0';
	return out;
}

static int load_samples(const char *dir, struct sample *s, int max)
{
	char path[4096], line[1024], *data, *text;
	int n = 0, pages;
	size_t len;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/expected.tsv", dir);
	fp = fopen(path, "r");
	if (fp == NULL) {
		fprintf(stderr, "ocr_measure: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (n < max && fgets(line, sizeof(line), fp) != NULL) {
		char name[128], phone[32];

		if (line[0] == '#' || sscanf(line, "%127s %d %31s", name, &pages, phone) != 3)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		data = file_read(path, &len);
		snprintf(path, sizeof(path), "%s/%.*s.txt", dir, (int)strcspn(name, "."), name);
		text = file_read(path, &(size_t){0});
		if (data == NULL || text == NULL) {
			fprintf(stderr, "ocr_measure: %s or its image: %s\n", path, strerror(errno));
			free(data);
			free(text);
			continue;
		}
		memset(&s[n], 0, sizeof(s[n]));
		snprintf(s[n].name, sizeof(s[n].name), "%s", name);
		snprintf(s[n].phone, sizeof(s[n].phone), "%s", phone);
		s[n].data = data;
		s[n].len = len;
		s[n].pages = pages;
		s[n].truth = code_points(text, &s[n].ntruth);
		free(text);
		n++;
	}
	fclose(fp);
	return n;
}

static int parse_config(const char *arg, struct config *c)
{
	static const struct {
		const char *name;
		unsigned bits;
	} steps[] = {
		{"none", 0},
		{"default", OCR_STEPS_DEFAULT},
		{"despeckle", OCR_DESPECKLE},
		{"fill", OCR_FILL},
		{"scale", OCR_SCALE},
		{"deskew", OCR_DESKEW},
		{"binarize", OCR_BINARIZE},
		{"zeros", OCR_ZEROS},
	};
	const char *eq = strchr(arg, '='), *p, *slash;
	size_t i, n;

	memset(c, 0, sizeof(*c));
	c->label = arg;
	c->opts.psm = OCR_PSM_DEFAULT;
	p = eq != NULL ? eq + 1 : arg;
	slash = strchr(p, '/');
	if (slash != NULL)
		c->opts.psm = atoi(slash + 1);
	while (*p != '\0' && *p != '/') {
		n = strcspn(p, "+/");
		for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
			if (strlen(steps[i].name) == n && strncmp(p, steps[i].name, n) == 0)
				break;
		if (i == sizeof(steps) / sizeof(steps[0])) {
			fprintf(stderr, "ocr_measure: unknown step in %s\n", arg);
			return -1;
		}
		c->opts.steps |= steps[i].bits;
		p += n;
		if (*p == '+')
			p++;
	}
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Reads sample S under configuration C; prints and adds up how it went. */
static void measure(struct sample *s, struct config *c)
{
	struct ocr_result r;
	char why[256];
	uint32_t *got;
	size_t ngot, dist;
	char *digits;
	double t0 = now();
	bool phone = false;

	if (ocr_document_opts(s->data, s->len, &c->opts, &r, why, sizeof(why)) != 0) {
		printf("  %-10s %-22s failed: %s\n", s->name, c->label, why);
		c->dist += s->ntruth;
		c->len += s->ntruth;
		c->pages += s->pages;
		c->failed += s->pages;
		return;
	}
	c->seconds += now() - t0;
	got = code_points(r.text, &ngot);
	dist = levenshtein(got, ngot, s->truth, s->ntruth);
	digits = digits_only(r.text);
	phone = strstr(digits, s->phone) != NULL;
	c->dist += dist;
	c->len += s->ntruth;
	c->phones += phone;
	c->pages += r.pages;
	c->failed += r.failed_pages;
	printf("  %-10s %-22s %5.1f%% chars  phone %-3s  conf %3d  %.1f s\n", s->name, c->label,
	       100.0 * (1.0 - (double)dist / (double)s->ntruth), phone ? "yes" : "no",
	       r.mean_confidence, now() - t0);
	fflush(stdout);
	free(digits);
	free(got);
	ocr_result_free(&r);
}

int main(int argc, char **argv)
{
	static struct sample samples[MAX_SAMPLES];
	static struct config configs[MAX_CONFIGS];
	int nsamples, nconfigs = 0, i, j;

	if (argc < 2) {
		fprintf(stderr, "usage: ocr_measure DIR [LABEL=STEP+STEP/PSM ...]\n");
		return 2;
	}
	if (argc == 2) {
		parse_config("plain=none", &configs[nconfigs++]);
		parse_config("preprocessed=default", &configs[nconfigs++]);
	}
	for (i = 2; i < argc && nconfigs < MAX_CONFIGS; i++)
		if (parse_config(argv[i], &configs[nconfigs++]) != 0)
			return 2;
	nsamples = load_samples(argv[1], samples, MAX_SAMPLES);
	if (nsamples <= 0) {
		fprintf(stderr, "ocr_measure: no samples in %s\n", argv[1]);
		return 1;
	}
	for (i = 0; i < nsamples; i++)
		for (j = 0; j < nconfigs; j++)
			measure(&samples[i], &configs[j]);
	for (j = 0; j < nconfigs; j++) {
		struct config *c = &configs[j];

		printf("%s%s: %.1f%% chars, %d/%d phones, %.1f s/page%s", j ? "; " : "", c->label,
		       100.0 * (1.0 - (double)c->dist / (double)c->len), c->phones, nsamples,
		       c->pages > c->failed ? c->seconds / c->pages : 0.0,
		       j == nconfigs - 1 ? "\n" : "");
	}
	for (i = 0; i < nsamples; i++) {
		free(samples[i].data);
		free(samples[i].truth);
	}
	ocr_shutdown();
	return 0;
}
