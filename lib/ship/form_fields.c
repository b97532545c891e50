/*
 * form_fields.c - the answers of a filled-in request form; see form_fields.h.
 *
 * A form prints its own numbers and options next to the boxes the sender
 * fills in (「（50冊以上は後納での発送となります）」, □はい □いいえ), and the
 * fax adds a header line with a date and a phone number. Read as running
 * text, any of them can pass for the sender's answer. The OCR gives the
 * form's rows one per line, so each question is answered by its own row:
 * the quantity by the number at the start of its field and nothing else,
 * a question with options by the option marked ☑ and nothing else.
 */
#include "form_fields.h"

#include <stdio.h>
#include <string.h>

#define BLOCK_START "【記入欄】"
#define BLOCK_END "【記入欄ここまで】"

/* Labels of the quantity field. */
static const char *const quantity_labels[] = {"部数", "冊数", "数量", "希望数", NULL};
/* Units a quantity is written with; 箱 and ケース count boxes. */
static const char *const units[] = {"冊", "部", "セット", NULL};
static const char *const box_units[] = {"箱", "ケース", NULL};
/* 利目的: 営利目的 whose first character the OCR misread (堂利目的). */
static const char *const profit_labels[] = {"営利", "利目的", NULL};
static const char *const marked_profit[] = {"☑はい", "☑あり", NULL};
static const char *const marked_nonprofit[] = {"☑いいえ", "☑なし", NULL};
static const char *const marked_pickup[] = {"☑来所", "☑窓口受取", NULL};
static const char *const marked_post[] = {"☑郵送", "☑着払い", NULL};

static bool starts(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* The first of LIST in [FROM, TO), or NULL. */
static const char *find_in(const char *from, const char *to, const char *const *list)
{
	for (const char *q = from; q < to; q++)
		for (size_t i = 0; list[i] != NULL; i++)
			if ((size_t)(to - q) >= strlen(list[i]) && starts(q, list[i]))
				return q;
	return NULL;
}

static void quote(struct material_field *f, const char *p, size_t n)
{
	size_t cut = n < sizeof(f->from) - 8 ? n : sizeof(f->from) - 8;

	while (cut > 0 && ((unsigned char)p[cut] & 0xC0) == 0x80)
		cut--;
	snprintf(f->from, sizeof(f->from), "「%.*s」", (int)cut, p);
}

/* The quantity field's answer: a number at its start, with or without its unit. */
static void quantity(const char *line, const char *value, const char *end,
		     const struct shipping_policy *policy, struct material_request *mr)
{
	const char *p = value;
	size_t n = 0;
	long v;
	int mult = 1;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	v = p < end ? material_parse_number(p, &n) : -1;
	memset(&mr->copies_text, 0, sizeof(mr->copies_text));
	if (v < 1 || v > MATERIAL_MAX_COPIES) {
		/* Left empty: missing, never a number printed beside the box. */
		mr->copies = -1;
		return;
	}
	p += n;
	while (p < end && *p == ' ')
		p++;
	for (size_t i = 0; box_units[i] != NULL; i++)
		if (starts(p, box_units[i]))
			mult = policy->box_small_copies;
	for (size_t i = 0; units[i] != NULL && mult == 1; i++)
		if (starts(p, units[i]))
			p += strlen(units[i]);
	mr->copies = (int)(v * mult);
	quote(&mr->copies_text, line, (size_t)(p - line));
	if (mult > 1)
		snprintf(mr->copies_text.value, sizeof(mr->copies_text.value),
			 "%d (%ld x %d per box)", mr->copies, v, mult);
	else
		snprintf(mr->copies_text.value, sizeof(mr->copies_text.value), "%d", mr->copies);
}

void material_form_labels(char *t)
{
	char *block = strstr(t, BLOCK_START), *stop;

	if (block == NULL)
		return;
	stop = strstr(block, BLOCK_END);
	if (stop == NULL)
		stop = block + strlen(block);
	for (char *line = block; line < stop;) {
		char *end = memchr(line, '\n', (size_t)(stop - line));
		const char *colon;

		if (end == NULL)
			end = stop;
		colon = find_in(line, end, (const char *const[]){"：", ":", NULL});
		/* A bracketed note in a label tells what to write: 事業者名（屋号）. */
		for (char *p = line; colon != NULL && p < colon; p++) {
			char *close;

			if (*p != '(' || (close = memchr(p, ')', (size_t)(colon - p))) == NULL)
				continue;
			memset(p, ' ', (size_t)(close - p) + 1);
			p = close;
		}
		line = end + (end < stop);
	}
}

/* The rows of one block, [BLOCK, STOP). */
static void block_fields(const char *block, const char *stop, const struct shipping_policy *policy,
			 struct material_request *mr)
{
	for (const char *line = block; line < stop;) {
		const char *end = memchr(line, '\n', (size_t)(stop - line));
		const char *colon, *q;

		if (end == NULL)
			end = stop;
		colon = find_in(line, end, (const char *const[]){"：", ":", NULL});
		if (colon != NULL) {
			const char *value = colon + (starts(colon, ":") ? 1 : strlen("："));

			if (find_in(line, colon, quantity_labels) != NULL) {
				quantity(line, value, end, policy, mr);
			} else if (find_in(line, colon, profit_labels) != NULL) {
				if ((q = find_in(value, end, marked_profit)) != NULL)
					mr->for_profit = TRI_YES;
				else if ((q = find_in(value, end, marked_nonprofit)) != NULL)
					mr->for_profit = TRI_NO;
				if (q == NULL &&
				    find_in(value, end, (const char *const[]){"□", NULL})) {
					/* Options printed, none marked: the question is
					 * not answered, whatever the page says around it. */
					mr->for_profit = TRI_UNKNOWN;
					memset(&mr->profit_why, 0, sizeof(mr->profit_why));
				}
				if (q != NULL) {
					quote(&mr->profit_why, line, (size_t)(end - line));
					snprintf(mr->profit_why.value, sizeof(mr->profit_why.value),
						 "%s", "form");
					snprintf(mr->purpose.from, sizeof(mr->purpose.from), "%s",
						 mr->profit_why.from);
				}
			} else if ((q = find_in(value, end, marked_pickup)) != NULL) {
				mr->pickup = true;
				quote(&mr->pickup_why, line, (size_t)(end - line));
			} else if (find_in(value, end, marked_post) != NULL) {
				mr->pickup = false;
				memset(&mr->pickup_why, 0, sizeof(mr->pickup_why));
			}
		}
		line = end + (end < stop);
	}
}

void material_form_fields(const char *t, const struct shipping_policy *policy,
			  struct material_request *mr)
{
	/* A page's table and the questions outside it come as blocks of their own. */
	for (const char *block = strstr(t, BLOCK_START); block != NULL;
	     block = strstr(block, BLOCK_START)) {
		const char *stop;

		block += strlen(BLOCK_START);
		stop = strstr(block, BLOCK_END);
		if (stop == NULL)
			stop = block + strlen(block);
		block_fields(block, stop, policy, mr);
		block = stop;
	}
}
