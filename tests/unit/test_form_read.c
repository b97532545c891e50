/*
 * test_form_read.c - filled-in request forms read from fax images
 * (argument: tests/data/faxes, rendered by its make-form-faxes.py).
 *
 * For each form in expected.tsv, through ocr_document() with
 * preprocessing: the table's rows come as a 【記入欄】 block; the option
 * marked in ink (a filled box, a cross, a tick, a ring drawn around the
 * option) is the one with ☑ and the others have □, and a question left
 * unmarked has no ☑; an empty quantity box gives no number (not the
 * 「100部以上」 printed beside it), a filled one the digits written, also
 * when they sit on or cross the box's bottom line. The last column says
 * how far a form's quantity is held: exact, digits (some digits: heavy
 * glyphs across the line are not read reliably yet) or safe (the number
 * written or none, never another).
 */
#include "check.h"
#include "file.h"
#include "ocr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The block row whose label holds LABEL, as a malloc'd line (NULL when absent). */
static char *row(const char *text, const char *label)
{
	const char *block = strstr(text, "【記入欄】");

	for (const char *line = block; line != NULL && *line != '\0';) {
		const char *end = strchr(line, '\n'), *colon = strstr(line, "：");
		size_t n = end != NULL ? (size_t)(end - line) : strlen(line);

		if (strncmp(line, "【記入欄ここまで】", strlen("【記入欄ここまで】")) == 0)
			break;
		if (colon != NULL && colon < line + n) {
			const char *l = strstr(line, label);

			if (l != NULL && l < colon) {
				char *out = malloc(n + 1);

				if (out == NULL)
					abort();
				memcpy(out, line, n);
				out[n] = '\0';
				return out;
			}
		}
		line = end != NULL ? end + 1 : NULL;
	}
	return NULL;
}

/* Checks the options of ROW: ☑ on WANT, or on none when WANT is "-". */
static void check_mark(const char *name, const char *row_text, const char *want)
{
	char marked[64];

	CHECK(row_text != NULL, "%s: the question's row", name);
	if (row_text == NULL)
		return;
	if (strcmp(want, "-") == 0) {
		CHECK(strstr(row_text, "☑") == NULL, "%s: no mark read in 「%s」", name, row_text);
		return;
	}
	snprintf(marked, sizeof(marked), "☑%s", want);
	CHECK(strstr(row_text, marked) != NULL, "%s: %s marked in 「%s」", name, want, row_text);
}

int main(int argc, char **argv)
{
	char path[4096], line[512];
	FILE *tsv;
	int forms = 0, exact = 0, filled = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: test_form_read DIR\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/expected.tsv", argv[1]);
	tsv = fopen(path, "r");
	CHECK(tsv != NULL, "open %s", path);
	if (tsv == NULL)
		return check_done();
	while (fgets(line, sizeof(line), tsv) != NULL) {
		char name[128], copies[32], profit[64], recv[64], level[16], *data, *q, *p, *r;
		struct ocr_result res;
		char why[256];
		size_t len;

		if (line[0] == '#' ||
		    sscanf(line, "%127s %31s %63s %63s %15s", name, copies, profit, recv, level) != 5)
			continue;
		snprintf(path, sizeof(path), "%s/%s", argv[1], name);
		data = file_read(path, &len);
		CHECK(data != NULL, "read %s", path);
		if (data == NULL)
			continue;
		forms++;
		CHECK(ocr_document(data, len, true, &res, why, sizeof(why)) == 0, "%s: %s", name,
		      why);
		free(data);
		q = row(res.text, "申込");
		p = row(res.text, "営利");
		r = row(res.text, "受け取り");
		CHECK(q != NULL, "%s: the quantity's row in\n%s", name, res.text);
		if (q != NULL) {
			const char *v = strstr(q, "：") + strlen("：");
			char digits[16] = "";
			size_t n = 0;

			while (*v == ' ')
				v++;
			while (*v >= '0' && *v <= '9' && n + 1 < sizeof(digits))
				digits[n++] = *v++;
			if (strcmp(copies, "-") == 0) {
				CHECK(n == 0, "%s: empty box read as 「%s」", name, q);
			} else if (strcmp(level, "exact") == 0) {
				CHECK(strcmp(digits, copies) == 0, "%s: %s read as 「%s」", name, copies,
				      q);
			} else if (strcmp(level, "safe") == 0) {
				CHECK(n == 0 || strcmp(digits, copies) == 0,
				      "%s: %s read as another number in 「%s」", name, copies, q);
			} else {
				CHECK(n > 0, "%s: no digits read in 「%s」", name, q);
			}
			/* The printed unit follows the figures, before the rules printed beside it. */
			while (*v == ' ')
				v++;
			CHECK(strncmp(v, "部", strlen("部")) == 0, "%s: no unit after the figures in 「%s」",
			      name, q);
			if (strcmp(copies, "-") != 0) {
				filled++;
				exact += strcmp(digits, copies) == 0;
			}
			printf("%s: quantity 「%s」 (written: %s)\n", name, digits, copies);
		}
		check_mark(name, p, profit);
		check_mark(name, r, recv);
		free(q);
		free(p);
		free(r);
		ocr_result_free(&res);
	}
	fclose(tsv);
	CHECK(forms >= 5, "forms read: %d", forms);
	printf("handwritten quantities read exactly: %d of %d\n", exact, filled);
	ocr_shutdown();
	return check_done();
}
