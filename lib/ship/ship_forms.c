/*
 * ship_forms.c - the shipment's paper forms as A4 PDF, drawn with cairo and
 * set in Japanese with pango (IPA Gothic from Debian's fonts-ipafont-gothic).
 *
 * What is not known yet (a destination the requester will send by fax) is
 * printed as an empty field to fill in by hand, never guessed.
 */
#include "ship_forms.h"

#include "material.h"
#include "pdf_draw.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define A4_W PDF_A4_W
#define A4_H PDF_A4_H
#define MARGIN 50.0
#define GUIDEBOOK "ガイドブック「中小企業向けサイバーセキュリティ対策の極意」"

struct parcel {
	char type[12];
	int size, count;
};

/* "box:100:1;box:80:1" into PARCELS; returns how many. */
static size_t parse_packages(const char *text, struct parcel *out, size_t max)
{
	size_t n = 0;

	while (text != NULL && *text != '\0' && n < max) {
		if (sscanf(text, "%11[^:]:%d:%d", out[n].type, &out[n].size, &out[n].count) == 3)
			n++;
		text = strchr(text, ';');
		if (text != NULL)
			text++;
	}
	return n;
}

static const char *or_blank(const char *s)
{
	return s != NULL && *s != '\0' ? s : "";
}

static double text(cairo_t *cr, double x, double y, double width, double size, bool bold,
		   const char *s)
{
	return pdf_text(cr, x, y, width, size, bold, PDF_WRAP, s);
}

static void centred_title(cairo_t *cr, double y, const char *title)
{
	PangoLayout *layout = pdf_layout(cr, A4_W - 2 * MARGIN, 20, true, PDF_WRAP, title);

	pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
	cairo_move_to(cr, MARGIN, y);
	pango_cairo_show_layout(cr, layout);
	g_object_unref(layout);
}

/* A table row: a label cell and a value cell; returns the row's bottom. */
static double row(cairo_t *cr, double y, const char *label, const char *value)
{
	double label_w = 120, pad = 6, h;

	h = text(cr, MARGIN + label_w + pad, y + pad, A4_W - 2 * MARGIN - label_w - 2 * pad, 11,
		 false, value);
	if (h < 16)
		h = 16;
	h += 2 * pad;
	text(cr, MARGIN + pad, y + pad, label_w - 2 * pad, 11, true, label);
	cairo_set_line_width(cr, 0.8);
	cairo_rectangle(cr, MARGIN, y, label_w, h);
	cairo_rectangle(cr, MARGIN + label_w, y, A4_W - 2 * MARGIN - label_w, h);
	cairo_stroke(cr);
	return y + h;
}

static void stamp_boxes(cairo_t *cr, double y, const char *const *labels, size_t n)
{
	double w = 80, x = A4_W - MARGIN - w * (double)n;

	for (size_t i = 0; i < n; i++, x += w) {
		cairo_rectangle(cr, x, y, w, 20);
		cairo_rectangle(cr, x, y + 20, w, 60);
		text(cr, x + 6, y + 4, w - 12, 10, false, labels[i]);
	}
	cairo_stroke(cr);
}

static void destination(char *out, size_t outsz, const struct ship_form_data *d)
{
	snprintf(out, outsz, "〒%s\n%s\n%s\n%s%s\nTEL %s", or_blank(d->postal_code),
		 or_blank(d->address),
		 d->organization != NULL && *d->organization ? d->organization : or_blank(d->requester),
		 or_blank(d->contact), d->contact != NULL && *d->contact ? " 様" : "",
		 or_blank(d->phone));
}

static void sender(char *out, size_t outsz, const struct ship_form_data *d)
{
	snprintf(out, outsz, "%s\n%s\nTEL %s  FAX %s", or_blank(d->desk_name),
		 or_blank(d->desk_address), or_blank(d->desk_phone), or_blank(d->desk_fax));
}

/* "100サイズ 1個、80サイズ 1個" and the number of parcels. */
static int sizes(const struct parcel *p, size_t n, char *out, size_t outsz)
{
	size_t len = 0;
	int parcels = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		len += (size_t)snprintf(out + len, outsz > len ? outsz - len : 0, "%s%s%dサイズ %d個",
					i ? "、" : "", strcmp(p[i].type, "envelope") == 0 ? "封筒 " : "",
					p[i].size, p[i].count);
		parcels += p[i].count;
	}
	return parcels;
}

static const char *method_ja(int method)
{
	switch (method) {
	case SHIP_MAIL_FREE:
		return "ゆうパック(無料送付)";
	case SHIP_PICKUP_OR_COD:
		return "ゆうパック(着払い)または窓口での受け取り";
	case SHIP_DEFERRED:
		return "ゆうパック(料金後納)";
	default:
		return "";
	}
}

typedef void (*draw_fn)(cairo_t *cr, const struct ship_form_data *d, const struct parcel *p,
			size_t np, int page);

/* One PDF of PAGES pages drawn by DRAW. */
static int write_pdf(const char *path, int pages, draw_fn draw, const struct ship_form_data *d,
		     const struct parcel *p, size_t np, char *why, size_t whysz)
{
	cairo_t *cr = pdf_open(path, why, whysz);

	if (cr == NULL)
		return -1;
	for (int page = 0; page < pages; page++) {
		cairo_set_source_rgb(cr, 0, 0, 0);
		draw(cr, d, p, np, page);
		cairo_show_page(cr);
	}
	if (pdf_finish(cr, path, why, whysz) == -1)
		return -1;
	printf("%s\n", path);
	return 0;
}

/* 郵送依頼票: what admin needs to send it; the size goes in the remarks, no price. */
static void draw_request_form(cairo_t *cr, const struct ship_form_data *d, const struct parcel *p,
			      size_t np, int page)
{
	char buf[1024], remarks[512], size_text[256];
	double y;

	(void)page;
	centred_title(cr, MARGIN, "郵送依頼票");
	snprintf(buf, sizeof(buf), "依頼日 %s    受付番号 %s", d->date, d->case_number);
	text(cr, MARGIN, MARGIN + 40, A4_W - 2 * MARGIN, 10, false, buf);
	y = MARGIN + 70;
	sender(buf, sizeof(buf), d);
	y = row(cr, y, "依頼元", buf);
	destination(buf, sizeof(buf), d);
	y = row(cr, y, "送付先", buf);
	y = row(cr, y, "品名", GUIDEBOOK);
	snprintf(buf, sizeof(buf), "%d冊", d->copies);
	y = row(cr, y, "数量", buf);
	y = row(cr, y, "発送方法", method_ja(d->method));
	sizes(p, np, size_text, sizeof(size_text));
	snprintf(remarks, sizeof(remarks), "サイズ: %s", size_text);
	y = row(cr, y, "備考", remarks);
	{
		static const char *const stamps[] = {"依頼者", "管理"};

		stamp_boxes(cr, y + 30, stamps, 2);
	}
}

/* 料金後納郵便物差出票: two copies, one comes back from the post office. */
static void draw_deferred_slip(cairo_t *cr, const struct ship_form_data *d, const struct parcel *p,
			       size_t np, int page)
{
	char buf[1024], size_text[256];
	double y;
	int parcels = sizes(p, np, size_text, sizeof(size_text));

	centred_title(cr, MARGIN, "料金後納郵便物差出票");
	snprintf(buf, sizeof(buf), "%s (%d/2)    差出日 %s    受付番号 %s",
		 page == 0 ? "郵便局提出用" : "控", page + 1, d->date, d->case_number);
	text(cr, MARGIN, MARGIN + 40, A4_W - 2 * MARGIN, 10, false, buf);
	y = MARGIN + 70;
	sender(buf, sizeof(buf), d);
	y = row(cr, y, "差出人", buf);
	y = row(cr, y, "郵便物の種類", "ゆうパック");
	snprintf(buf, sizeof(buf), "%d個", parcels);
	y = row(cr, y, "個数", buf);
	y = row(cr, y, "サイズ別内訳", size_text);
	y = row(cr, y, "料金", "料金後納");
	snprintf(buf, sizeof(buf), "%s %d冊", GUIDEBOOK, d->copies);
	y = row(cr, y, "内容品", buf);
	{
		static const char *const stamps[] = {"差出人印", "郵便局"};

		stamp_boxes(cr, y + 30, stamps, 2);
	}
}

/* One label per parcel. */
static void draw_label(cairo_t *cr, const struct ship_form_data *d, const struct parcel *p,
		       size_t np, int page)
{
	char buf[1024];
	int k = 0, total = 0;
	const struct parcel *mine = NULL;
	double y;

	for (size_t i = 0; i < np; i++)
		total += p[i].count;
	for (size_t i = 0; i < np && mine == NULL; i++)
		for (int c = 0; c < p[i].count; c++)
			if (k++ == page)
				mine = &p[i];
	centred_title(cr, MARGIN, "送り状(ゆうパック)");
	snprintf(buf, sizeof(buf), "%s    %d個口のうち %d    受付番号 %s", method_ja(d->method),
		 total, page + 1, d->case_number);
	text(cr, MARGIN, MARGIN + 40, A4_W - 2 * MARGIN, 10, false, buf);
	y = MARGIN + 70;
	destination(buf, sizeof(buf), d);
	y = row(cr, y, "お届け先", buf);
	sender(buf, sizeof(buf), d);
	y = row(cr, y, "ご依頼主", buf);
	snprintf(buf, sizeof(buf), "%s(全%d冊)", GUIDEBOOK, d->copies);
	y = row(cr, y, "品名", buf);
	if (mine != NULL) {
		snprintf(buf, sizeof(buf), "%s%dサイズ", strcmp(mine->type, "envelope") == 0 ? "封筒 " : "",
			 mine->size);
		row(cr, y, "サイズ", buf);
	}
}

int ship_forms_write(const struct ship_form_data *d, const char *dir, char *why, size_t whysz)
{
	struct parcel p[8];
	size_t np = parse_packages(d->packages, p, 8);
	char path[1024];
	int parcels = 0;

	for (size_t i = 0; i < np; i++)
		parcels += p[i].count;
	if (mkdir(dir, 0755) == -1 && errno != EEXIST) {
		snprintf(why, whysz, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (d->method == SHIP_MAIL_FREE || d->method == SHIP_DEFERRED) {
		snprintf(path, sizeof(path), "%s/%s-request-form.pdf", dir, d->case_number);
		if (write_pdf(path, 1, draw_request_form, d, p, np, why, whysz) == -1)
			return -1;
	}
	if (d->method == SHIP_DEFERRED) {
		snprintf(path, sizeof(path), "%s/%s-deferred-slip.pdf", dir, d->case_number);
		if (write_pdf(path, 2, draw_deferred_slip, d, p, np, why, whysz) == -1)
			return -1;
	}
	if (parcels > 0) {
		snprintf(path, sizeof(path), "%s/%s-label.pdf", dir, d->case_number);
		if (write_pdf(path, parcels, draw_label, d, p, np, why, whysz) == -1)
			return -1;
	}
	if (d->method == SHIP_PICKUP_OR_COD && parcels == 0)
		printf("nothing to print: the requester collects the guidebooks at the desk\n");
	return 0;
}
