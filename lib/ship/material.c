/*
 * material.c - reading a guidebook request (planning it: material_plan.c).
 *
 * Requests come as mail or as fax OCR text, in every way of writing a number
 * (「五十冊」「５０部」「50冊程度」「1箱」). The text is first normalised
 * (full-width digits, dashes and colons to ASCII) so that one scanner reads
 * them all; quotes of where a fact came from are taken from that text.
 */
#include "material.h"
#include "form_fields.h"

#include "buf.h"
#include "json.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ship_method_name(enum ship_method m)
{
	switch (m) {
	case SHIP_MAIL_FREE:
		return "mail_free";
	case SHIP_PICKUP_OR_COD:
		return "pickup_or_cod";
	case SHIP_DEFERRED:
		return "deferred";
	case SHIP_DECLINE:
		return "decline";
	case SHIP_UNKNOWN:
		return "unknown";
	case SHIP_NEEDS_INFO:
		break;
	}
	return "needs_info";
}

int ship_method_parse(const char *name)
{
	for (int m = SHIP_NEEDS_INFO; m <= SHIP_DECLINE; m++)
		if (strcmp(name, ship_method_name((enum ship_method)m)) == 0)
			return m;
	return -1;
}

/* --- UTF-8 helpers ------------------------------------------------------ */

/* The code point at S (U+FFFD for a broken sequence) and, in *LEN, the bytes it takes. */
static unsigned long next_cp(const char *s, size_t *len)
{
	const char *p = s;
	unsigned long cp = utf8_next(&p);

	*len = (size_t)(p - s);
	return cp;
}

/* Start of the code point before P (not before START). */
static const char *prev_cp(const char *start, const char *p)
{
	if (p <= start)
		return start;
	p--;
	while (p > start && ((unsigned char)*p & 0xC0) == 0x80)
		p--;
	return p;
}

static bool is_digit_cp(unsigned long cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/*
 * OCR of a fax puts blanks between characters (「有限会社な に わ 商 会」,
 * 「5 0 冊」). A blank goes when both neighbours are Japanese, between a
 * digit and a Japanese character, and in a run of single digits; blanks
 * between ASCII words and in 「03 1234 5678」 stay.
 */
static bool drop_space(bool spaced, unsigned long prev, bool single_digits, unsigned long next)
{
	bool pj = prev > 0x3000, nj = next > 0x3000;
	bool pd = prev >= '0' && prev <= '9', nd = (next >= '0' && next <= '9') ||
						   (next >= 0xFF10 && next <= 0xFF19);

	/* 「5 0 冊」「2 8 0名」: OCR splits numbers even on lines it does not
	 * space out, one full-width digit at a time. */
	if (pd && nd && single_digits)
		return true;
	/* A unit after a number: 冊 部 箱 名 人 億 万 円 (「資本金は 1 億円」). */
	if (pd && (next == 0x518A || next == 0x90E8 || next == 0x7BB1 || next == 0x540D ||
		   next == 0x4EBA || next == 0x5104 || next == 0x4E07 || next == 0x5186))
		return true;
	return spaced && ((pj && nj) || (pj && nd));
}

/*
 * True when the line at S is spaced out the way OCR does it: most of its
 * Japanese characters are followed by a blank and another one. Typed mail
 * uses a blank between words (「株式会社みどり製作所 総務」) and keeps them.
 */
static bool line_spaced(const char *s)
{
	int japanese = 0, spaced = 0;
	unsigned long prev = 0;

	while (*s != '\0' && *s != '\n') {
		size_t len, nlen;
		unsigned long cp = next_cp(s, &len);

		if (cp > 0x3000) {
			japanese++;
		} else if (cp == ' ' && prev > 0x3000 && s[1] != '\0' &&
			   next_cp(s + 1, &nlen) > 0x3000) {
			spaced++;
		}
		prev = cp;
		s += len;
	}
	return japanese >= 4 && spaced * 5 >= japanese * 2;
}

/*
 * TEXT with full-width digits, letters, colons and the many dashes folded to
 * ASCII, and the long-vowel mark read as a dash only between digits (it is
 * a dash in 「03ー1234ー5678」 but part of the word in 「データ」).
 */
static char *normalise(const char *text)
{
	struct buf b = BUF_INIT;
	unsigned long prev = 0;
	/* Whether the digits just written came one at a time, each alone
	 * between blanks (「2 8」), so that a blank after them splits a number. */
	bool single_digits = false, dropped = false;
	bool spaced = false;

	for (const char *s = text; *s != '\0';) {
		size_t len, nlen;
		unsigned long cp = next_cp(s, &len), next = s[len] != '\0' ? next_cp(s + len, &nlen) : 0;

		/* Mail keeps its CRLF: a line ends at LF alone, or a sentence
		 * that ends a line would run on into a sentence of one CR. */
		if (cp == '\r' && next == '\n') {
			s += len;
			continue;
		}
		if (cp == '\r')
			cp = '\n';
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		else if (cp == 0x2010 || cp == 0x2011 || cp == 0x2012 || cp == 0x2013 ||
			 cp == 0x2014 || cp == 0x2212 || cp == 0xFE63)
			cp = '-';
		else if ((cp == 0x30FC || cp == 0x2015) && is_digit_cp(prev) && is_digit_cp(next))
			cp = '-';
		else if (cp == 0x3000)
			cp = ' ';
		if (s == text || s[-1] == '\n')
			spaced = line_spaced(s);
		if (cp == ' ' && drop_space(spaced, prev, single_digits, next)) {
			dropped = true;
			s += len;
			continue;
		}
		if (cp >= '0' && cp <= '9')
			single_digits = !(prev >= '0' && prev <= '9') || (dropped && single_digits);
		dropped = false;
		buf_add_utf8(&b, cp);
		prev = cp;
		s += len;
	}
	if (b.data == NULL)
		buf_adds(&b, "");
	return buf_steal(&b);
}

static void sentence_of(const char *t, const char *p, const char **start, const char **end);
static bool within(const char *from, const char *to, const char *const *list);

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The first of LIST that S starts with, or NULL. */
static const char *starts_any(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (starts(s, list[i]))
			return list[i];
	return NULL;
}

static const char *find_any(const char *s, const char *const *list, const char **which)
{
	const char *best = NULL;

	for (size_t i = 0; list[i] != NULL; i++) {
		const char *p = strstr(s, list[i]);

		if (p != NULL && (best == NULL || p < best)) {
			best = p;
			if (which != NULL)
				*which = list[i];
		}
	}
	return best;
}

/* Quotes N bytes at P (cut on a code point) as 「…」 into F->from. */
static void quote(struct material_field *f, const char *p, size_t n)
{
	size_t cut = n < sizeof(f->from) - 8 ? n : sizeof(f->from) - 8;

	while (cut > 0 && ((unsigned char)p[cut] & 0xC0) == 0x80)
		cut--;
	snprintf(f->from, sizeof(f->from), "「%.*s」", (int)cut, p);
}

static void set_value(struct material_field *f, const char *p, size_t n)
{
	size_t cut = n < sizeof(f->value) - 1 ? n : sizeof(f->value) - 1;

	while (cut > 0 && ((unsigned char)p[cut] & 0xC0) == 0x80)
		cut--;
	snprintf(f->value, sizeof(f->value), "%.*s", (int)cut, p);
}

/*
 * Where the value of a label ending just before Q starts: after its closing
 * bracket (】, ], )), and on the next line when the label stands alone on
 * its own (「[従業員数]」 with 「45名」 below, as block layouts write them).
 */
static const char *below_label(const char *q)
{
	const char *r;

	if (starts(q, "】"))
		q += strlen("】");
	else if (*q == ']' || *q == ')')
		q++;
	r = q + strspn(q, " \t\r:");
	return *r == '\n' ? r + 1 : q;
}

/* --- numbers ------------------------------------------------------------ */

static int kanji_digit(unsigned long cp)
{
	static const unsigned long d[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
					  0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};

	if (cp == 0x96F6) /* 零 */
		return 0;
	for (int i = 0; i < 10; i++)
		if (cp == d[i])
			return i;
	return -1;
}

static int kanji_unit(unsigned long cp)
{
	return cp == 0x5341 ? 10 : cp == 0x767E ? 100 : cp == 0x5343 ? 1000 : 0; /* 十 百 千 */
}

/* Whether S starts with exactly three digits (ASCII or full-width), no more. */
static bool three_digits(const char *s)
{
	size_t n;

	for (int i = 0; i < 3; i++, s += n)
		if (!is_digit_cp(next_cp(s, &n)))
			return false;
	return !is_digit_cp(next_cp(s, &n));
}

long material_parse_number(const char *s, size_t *len)
{
	const char *p = s;
	long total = 0, cur = -1;
	bool any = false, arabic = false;
	size_t n;

	for (;;) {
		unsigned long cp = next_cp(p, &n);
		int d, u;

		if (*p == '\0')
			break;
		if (is_digit_cp(cp) && (!any || arabic)) {
			d = cp <= '9' ? (int)(cp - '0') : (int)(cp - 0xFF10);
			arabic = true;
		} else if (arabic && (cp == ',' || cp == 0xFF0C) && three_digits(p + n)) {
			/* A thousands separator, 「3,200名」「3，200名」. */
			p += n;
			continue;
		} else if (arabic && cp == ',' && p[1] >= '0' && p[1] <= '9') {
			p += n;
			continue;
		} else if (arabic && cp == '.' && three_digits(p + 1)) {
			/* A comma a fax's OCR read as a point: 3.200名 counts no
			 * fractions, and a decimal has not just three places. */
			p += n;
			continue;
		} else if (!arabic && (d = kanji_digit(cp)) >= 0) {
			/* positional kanji digits, as in 「三〇」 */
		} else if (!arabic && (u = kanji_unit(cp)) > 0) {
			total += (cur < 0 ? 1 : cur) * u;
			cur = -1;
			any = true;
			p += n;
			continue;
		} else {
			break;
		}
		if (cur > 100000000L)
			break;
		cur = (cur < 0 ? 0 : cur * 10) + d;
		any = true;
		p += n;
	}
	if (len != NULL)
		*len = (size_t)(p - s);
	if (!any)
		return -1;
	return total + (cur < 0 ? 0 : cur);
}

/* --- copies ------------------------------------------------------------- */

/* Words in which 部 is not a count of copies: 部署, 部長, 部分 ... */
static const char *const not_copies_after_bu[] = {
    "署", "長", "門", "屋", "品", "分", "員", "会", "位", "活", "下", "局", "課", "内", "外", "材", NULL};
/* 「一部の」 means "some of", not "one copy". */
static const char *const not_copies_after_ichibu[] = {"の", "は", "が", "に", "で", "を除", "と",
						     "も", NULL};

/*
 * A form's or a list's 「部数：5」「希望部数 15」: the label says what the
 * bare number is. Returns true when it did.
 */
/*
 * Whether U holds one kanji and then nothing but the field's end: the unit
 * of a labelled quantity that a fax's OCR misread (「部数:10穫ーーー」).
 */
static bool misread_unit(const char *u)
{
	static const char *const noise[] = {" ", "-", "_", ".", "ー", "」", "。", NULL};
	size_t n;
	unsigned long cp = next_cp(u, &n);
	const char *w;

	if (cp < 0x4E00 || cp > 0x9FFF)
		return false;
	for (u += n; *u != '\0' && *u != '\n' && *u != '\r'; u += strlen(w))
		if ((w = starts_any(u, noise)) == NULL)
			return false;
	return true;
}

static bool labelled_copies(const char *t, const struct shipping_policy *policy,
			    struct material_request *mr)
{
	for (const char *p = strstr(t, "部数"); p != NULL; p = strstr(p + strlen("部数"), "部数")) {
		const char *q = p + strlen("部数"), *u;
		size_t n;
		long v;

		q = below_label(q);
		while (*q == ':' || *q == ' ' || *q == '\t' || starts(q, "は"))
			q += *q == ':' || *q == ' ' || *q == '\t' ? 1 : strlen("は");
		v = material_parse_number(q, &n);
		if (v <= 0 || n == 0)
			continue;
		u = q + n;
		while (*u == ' ')
			u++;
		/* Only a bare number or one with a unit of copies: 「部数は未定」 says none. */
		if (!(*u == '\0' || *u == '\n' || *u == '\r' || starts(u, "冊") || starts(u, "部") ||
		      starts(u, "箱") || starts(u, "(") || starts(u, "（") || starts(u, "。") ||
		      misread_unit(u)))
			continue;
		if (v > 1000000)
			v = 1000000;
		mr->copies = (int)v * (starts(u, "箱") ? policy->box_small_copies : 1);
		quote(&mr->copies_text, p, (size_t)(u - p) + (starts(u, "箱") ? strlen("箱") : 0));
		snprintf(mr->copies_text.value, sizeof(mr->copies_text.value), "%d", mr->copies);
		return true;
	}
	return false;
}

/*
 * Whether AFTER (just past 冊 or 部) makes the number a bound of a rule, as
 * printed forms and price lists state them (「50冊以上は後納」「10冊まで :
 * 無料郵送」「11冊以上の場合」), not a number asked for.
 */
static bool threshold(const char *after)
{
	static const char *const bounds[] = {"以上", "以下", "まで", "未満", NULL};
	static const char *const rule_after[] = {"は", ":", "：", "の場合", "なら", NULL};
	const char *w = starts_any(after, bounds);

	if (w == NULL)
		return false;
	after += strlen(w);
	while (*after == ' ')
		after++;
	return starts_any(after, rule_after) != NULL;
}

/*
 * Glyphs a fax's OCR puts for a printed 冊 at fax resolution (「250拓」):
 * after a number none of them is a word of its own.
 */
static const char *const misread_satsu[] = {"拓", "册", "卌", "丗", NULL};

/* Between a box and its size: 「1箱50冊」「1箱=50冊」「1箱あたり50冊」. */
static const char *const per_box[] = {"=", "あたり", "当たり", "につき", ":", " ", NULL};

static const char *skip_per(const char *s)
{
	const char *w;

	while ((w = starts_any(s, per_box)) != NULL)
		s += strlen(w);
	return s;
}

/*
 * Whether the number at P states how many a box holds (「(1箱50冊)」): the
 * text before it ends in 1箱 or 1ケース, past the words that join a box to
 * its size. A form prints the size of its boxes; it is no count asked for.
 * (「2箱100冊」 is two ways of saying one count.)
 */
static bool box_size(const char *t, const char *p)
{
	const char *q = p;

	for (bool more = true; more && q > t;) {
		more = false;
		for (int i = 0; per_box[i] != NULL; i++) {
			size_t n = strlen(per_box[i]);

			if ((size_t)(q - t) >= n && strncmp(q - n, per_box[i], n) == 0) {
				q -= n;
				more = true;
				break;
			}
		}
	}
	return ((size_t)(q - t) >= strlen("1箱") && strncmp(q - strlen("1箱"), "1箱", strlen("1箱")) == 0) ||
	       ((size_t)(q - t) >= strlen("1ケース") &&
		strncmp(q - strlen("1ケース"), "1ケース", strlen("1ケース")) == 0);
}

/*
 * A count of copies at P (a number with its unit: 冊, 部, セット, 箱, 名分):
 * its number of copies, with *LEN the bytes up to its unit, *BOXES the
 * number of boxes when counted in boxes (else 0), and *EACH set when it is
 * what each gets (「1冊ずつ」); -1 when P holds none.
 */
static long count_at(const char *t, const char *p, const struct shipping_policy *policy,
		     size_t *len, long *boxes, bool *each)
{
	size_t n, cn;
	unsigned long cp = next_cp(p, &cn);
	const char *u, *before = prev_cp(t, p);
	long v;
	int mult = 1;

	*each = false;
	*boxes = 0;
	if (!is_digit_cp(cp) && kanji_digit(cp) < 0 && kanji_unit(cp) == 0)
		return -1;
	/* Inside a longer number (「第120冊」 is not 20冊). */
	if (p > t) {
		unsigned long pc = next_cp(before, &n);

		if (is_digit_cp(pc) || kanji_digit(pc) >= 0 || kanji_unit(pc) > 0)
			return -1;
	}
	v = material_parse_number(p, &n);
	if (v < 0 || n == 0)
		return -1;
	*len = n;
	u = p + n;
	while (*u == ' ')
		u++;
	{
		/* The specks and dashes a fax's OCR leaves on the line written on (「30 - _ 冊」). */
		const char *r = u;

		for (int k = 0; k < 8 && (*r == ' ' || *r == '-' || *r == '_' || *r == '|' ||
					  starts(r, "ー"));
		     k++)
			r += starts(r, "ー") ? strlen("ー") : 1;
		if (r != u && (starts(r, "冊") || starts(r, "部")))
			u = r;
	}
	/* Part of a phone number, a postal code, a date or an ordinal: not a quantity. */
	if (p > t && (*before == '-' || *before == '.' || starts(before, "第")))
		return -1;
	if (box_size(t, p))
		return -1;
	if ((starts(u, "冊") || starts(u, "部")) && threshold(u + 3))
		return -1;
	if ((starts(u, "冊") || starts(u, "部")) && starts(u + 3, "ずつ")) {
		*each = true;
	} else if (starts(u, "冊") || starts(u, "セット") || starts_any(u, misread_satsu) != NULL) {
		/* a count of copies */
	} else if (starts(u, "部") && !starts_any(u + 3, not_copies_after_bu)) {
		if (v == 1 && !is_digit_cp(cp) && starts_any(u + 3, not_copies_after_ichibu))
			return -1;
	} else if (starts(u, "箱") || starts(u, "ケース")) {
		size_t k;
		const char *after = skip_per(u + strlen(starts(u, "箱") ? "箱" : "ケース"));

		/* 「1箱50冊」 says what a box holds. */
		if (v == 1 && material_parse_number(after, &k) > 0 &&
		    (starts(after + k, "冊") || starts(after + k, "部")))
			return -1;
		mult = policy->box_small_copies;
		*boxes = v;
	} else if (starts(u, "名分") || starts(u, "人分")) {
		/* 「従業員30名分」: one copy each */
	} else {
		return -1;
	}
	*len = (size_t)(u - p);
	if (v > 1000000)
		v = 1000000;
	return v * mult;
}

/*
 * How many get EACH copies, said in the sentence [S, E) of a count of
 * what each gets (「各店に5冊ずつ、3店舗分」「従業員25名に1冊ずつ」): the
 * number of places or people, or 0.
 */
static long recipients(const char *s, const char *e, const char *each)
{
	static const char *const counters[] = {"店舗", "拠点", "支店", "部署", "事業所", "教室",
					       "か所", "ヶ所", "カ所", "箇所", "店", "校", "名",
					       "人", "チーム", "課", NULL};

	for (const char *p = s; p < e; p++) {
		size_t n;
		long m;

		if (p == each || !is_digit_cp(next_cp(p, &n)) ||
		    (p > s && is_digit_cp(next_cp(prev_cp(s, p), &n))))
			continue;
		m = material_parse_number(p, &n);
		if (m > 0 && starts_any(p + n, counters) != NULL)
			return m;
	}
	return 0;
}

/* Words that take back a number said before: 「20冊と思っておりましたが、今回は8冊で」. */
static const char *const revisions[] = {"今回は", "やはり", "結局", "変更して", "変更し",
					"訂正", "に変更", "ではなく", "改めて", NULL};
/* Words between two counts that make the first a plan given up: 「当初60冊ほどと
 * 思っておりましたが、社内で検討した結果…100冊で」. */
static const char *const given_up[] = {"思っておりましたが", "思っていましたが", "考えておりましたが",
				       "考えていましたが", "予定でしたが", "つもりでしたが",
				       "検討した結果", "見直した結果", "相談した結果", NULL};

static void extract_copies(const char *t, const struct shipping_policy *policy,
			   struct material_request *mr)
{
	const char *first = NULL, *each_at = NULL, *p;
	size_t first_len = 0, each_len = 0, len = 0;
	long v = 0, each = 0, boxes = 0, first_boxes = 0;
	bool is_each;

	if (labelled_copies(t, policy, mr))
		return;
	for (p = t; *p != '\0';) {
		size_t cn;
		long c = count_at(t, p, policy, &len, &boxes, &is_each);

		if (c < 0) {
			next_cp(p, &cn);
			p += cn;
			continue;
		}
		if (is_each) {
			if (each_at == NULL) {
				each_at = p;
				each_len = len;
				each = c;
			}
		} else if (first == NULL) {
			first = p;
			first_len = len;
			v = c;
			first_boxes = boxes;
		} else {
			/* A later count that takes the first back wins. */
			const char *s, *e;

			sentence_of(t, p, &s, &e);
			if (within(s, p, revisions) || within(first, p, given_up)) {
				first = p;
				first_len = len;
				v = c;
				first_boxes = boxes;
			}
		}
		p += len;
	}
	if (first == NULL && each_at != NULL) {
		/* What each gets, times how many get it. */
		const char *s, *e;
		long m;

		sentence_of(t, each_at, &s, &e);
		m = recipients(s, e, each_at);
		if (m > 0 && m * each <= 1000000) {
			first = each_at;
			first_len = each_len;
			v = m * each;
		}
	}
	if (first == NULL)
		return;
	mr->copies = (int)v;
	{
		const char *end = first + first_len;
		size_t k;

		/* Quote the unit and what qualifies it (程度, ほど, くらい). */
		for (int i = 0; i < 4 && *end != '\0'; i++) {
			next_cp(end, &k);
			end += k;
		}
		quote(&mr->copies_text, first, (size_t)(end - first));
	}
	if (first_boxes > 0)
		snprintf(mr->copies_text.value, sizeof(mr->copies_text.value),
			 "%d (%ld x %d per box)", mr->copies, first_boxes, policy->box_small_copies);
	else
		snprintf(mr->copies_text.value, sizeof(mr->copies_text.value), "%d", mr->copies);
}

/* --- organisation and contact ------------------------------------------- */

static const char *const org_markers[] = {
    "特定非営利活動法人", "一般社団法人", "公益社団法人", "一般財団法人", "公益財団法人",
    "社会福祉法人", "税理士法人", "医療法人", "学校法人", "株式会社", "有限会社", "合同会社",
    "合資会社", "NPO法人", "(株)", "(有)", "㈱", "㈲", NULL};

/* Characters that end a name in running Japanese text. */
static bool name_stop(unsigned long cp)
{
	static const unsigned long stops[] = {' ',    '\n',   '\r',   '\t',   ',',    '.',
					      ':',    '/',    0x3001, 0x3002, 0x300C, 0x300D,
					      0x300E, 0x300F, 0x306E, 0x3067, 0x306F, 0x304C,
					      0x3092, 0x306B, 0x3068, 0x3082, 0x3078, 0xFF08,
					      0xFF09, '(',    ')',    0x3010, 0x3011, 0};
	/* 、 。 「 」 『 』 の で は が を に と も へ （ ） 【 】 */

	for (size_t i = 0; stops[i] != 0; i++)
		if (cp == stops[i])
			return true;
	return false;
}

static bool is_hiragana(unsigned long cp)
{
	return cp >= 0x3041 && cp <= 0x309F;
}

/* の で は が を に と も へ */
static bool is_particle(unsigned long cp)
{
	return cp == 0x306E || cp == 0x3067 || cp == 0x306F || cp == 0x304C || cp == 0x3092 ||
	       cp == 0x306B || cp == 0x3068 || cp == 0x3082 || cp == 0x3078;
}

/* Bytes of the name starting at P (at most MAXCP code points). */
static size_t name_forward(const char *p, int maxcp)
{
	const char *q = p;
	size_t n;

	unsigned long prev = 0;

	for (int i = 0; i < maxcp && *q != '\0'; i++) {
		unsigned long cp = next_cp(q, &n);

		/* A particle ends a name after a noun, not inside a kana name (なにわ). */
		if ((name_stop(cp) && !(is_particle(cp) && is_hiragana(prev))) ||
		    starts(q, "です") || starts(q, "と申"))
			break;
		prev = cp;
		q += n;
	}
	return (size_t)(q - p);
}

/* Start of the name that ends at END (at most MAXCP code points back). */
static const char *name_backward(const char *start, const char *end, int maxcp)
{
	const char *q = end;
	size_t n;

	for (int i = 0; i < maxcp && q > start; i++) {
		const char *b = prev_cp(start, q);

		if (name_stop(next_cp(b, &n)))
			break;
		q = b;
	}
	return q;
}

static void extract_organization(const char *t, struct material_request *mr)
{
	const char *which = NULL;
	const char *p = find_any(t, org_markers, &which);
	const char *after, *from, *to;
	size_t n;

	if (p == NULL)
		return;
	after = p + strlen(which);
	if (*after != '\0' && !name_stop(next_cp(after, &n)) && !starts(after, "です")) {
		from = p; /* 株式会社山田製作所 */
		to = after + name_forward(after, 24);
	} else {
		from = name_backward(t, p, 24); /* 山田製作所株式会社 */
		to = after;
	}
	set_value(&mr->organization, from, (size_t)(to - from));
	quote(&mr->organization, from, (size_t)(to - from));
}

static void extract_contact(const char *t, struct material_request *mr)
{
	static const char *const labels[] = {"担当者名", "担当者", "ご担当", "担当", "氏名", "お名前", NULL};
	static const char *const honorifics[] = {"様", "殿", "各位", "宛", "の方", NULL};
	const char *which = NULL, *p, *q;
	size_t n;

	for (p = find_any(t, labels, &which); p != NULL;
	     p = find_any(p + strlen(which), labels, &which)) {
		q = p + strlen(which);
		while (*q == ':' || *q == ' ' || starts(q, "は"))
			q += *q == ':' || *q == ' ' ? 1 : 3;
		/* 「ご担当者様」 addresses the desk; it names nobody. */
		if (starts(q, "者"))
			q += strlen("者");
		if (starts_any(q, honorifics))
			continue;
		n = name_forward(q, 10);
		if (n > 0) {
			set_value(&mr->contact, q, n);
			quote(&mr->contact, p, (size_t)(q - p) + n);
			return;
		}
	}
	if ((p = strstr(t, "と申します")) != NULL) {
		q = name_backward(t, p, 10);
		if (q < p) {
			set_value(&mr->contact, q, (size_t)(p - q));
			quote(&mr->contact, q, (size_t)(p - q) + strlen("と申します"));
		}
	}
}

/* --- address, Tokyo ----------------------------------------------------- */

static bool digits(const char *p, int n)
{
	for (int i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

/*
 * Places outside Tokyo. With their suffix (県, 府), because many prefecture
 * names are also surnames (千葉, 福島, 宮崎); 京都 alone would match 東京都.
 */
static const char *const prefectures_not_tokyo[] = {
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県",
    "群馬県", "埼玉", "千葉県", "神奈川", "神奈", /* 「神奈罰県」: OCR keeps the first two */ "新潟県", "富山県", "石川県", "福井県", "山梨県",
    "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "京都市", "大阪",
    "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
    "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県",
    "鹿児島県", "沖縄", "横浜", "川崎市", "相模原市", "千葉市", "名古屋", "札幌", "仙台市",
    "神戸市", "福岡市", "さいたま市", NULL};

/* The 23 wards and the cities, towns and villages of Tokyo. */
static const char *const tokyo_places[] = {
    "東京都", "都内", "千代田区", "中央区", "港区", "新宿区", "文京区", "台東区", "墨田区",
    "江東区", "品川区", "目黒区", "大田区", "世田谷区", "渋谷区", "中野区", "杉並区",
    "豊島区", "北区", "荒川区", "板橋区", "練馬区", "足立区", "葛飾区", "江戸川区", "八王子",
    "立川市", "武蔵野市", "三鷹市", "青梅市", "府中市", "昭島市", "調布市", "町田市",
    "小金井市", "小平市", "日野市", "東村山市", "国分寺市", "国立市", "福生市", "狛江市",
    "東大和市", "清瀬市", "東久留米市", "武蔵村山市", "多摩市", "稲城市", "羽村市",
    "あきる野市", "西東京市", "瑞穂町", "日の出町", "檜原村", "奥多摩町", "大島町",
    "八丈町", "小笠原村", "多摩地区", NULL};

/* The desk's own name mentions Tokyo: it says nothing about the requester. */
static const char *const desk_names[] = {"東京都中小企業", "東京都の相談", "東京都の窓口",
					 "東京都さま", "東京都様", "都内の中小企業向け", NULL};

/*
 * No postal code was read (a fax's OCR loses handwritten digits first): the
 * answer of a field labelled as the address, 「ご住所：…」「所在地:…」, to the
 * end of its line, if it has a kanji in it.
 */
static void labelled_address(const char *t, struct material_request *mr)
{
	static const char *const labels[] = {"住所", "所在地", NULL};
	const char *w = NULL;

	for (const char *p = find_any(t, labels, &w); p != NULL;
	     p = find_any(p + strlen(w), labels, &w)) {
		const char *v = p + strlen(w), *end;
		bool kanji = false;

		/* The label's own noise (「ご住所 '：」) before its colon. */
		for (int k = 0; k < 3 && (*v == ' ' || *v == '\''); k++)
			v++;
		if (starts(v, "："))
			v += strlen("：");
		else if (*v == ':')
			v++;
		else
			continue;
		while (*v == ' ')
			v++;
		for (end = v; *end != '\0' && *end != '\n' && *end != '\r' && end - v < 150;) {
			size_t n;
			unsigned long cp = next_cp(end, &n);

			kanji = kanji || (cp >= 0x4E00 && cp <= 0x9FFF);
			end += n;
		}
		while (end > v && end[-1] == ' ')
			end--;
		if (kanji) {
			set_value(&mr->address, v, (size_t)(end - v));
			quote(&mr->address, v, (size_t)(end - v));
			return;
		}
	}
}

static void extract_address(const char *t, struct material_request *mr)
{
	const char *p;

	for (p = t; (p = strchr(p, '-')) != NULL; p++) {
		const char *s = p - 3, *line, *end;

		if (p - t < 3 || !digits(s, 3) || !digits(p + 1, 4) || (p[5] >= '0' && p[5] <= '9') ||
		    p[5] == '-' || (s > t && ((s[-1] >= '0' && s[-1] <= '9') || s[-1] == '-')))
			continue;
		set_value(&mr->postal_code, s, 8);
		line = p + 5;
		while (*line == ' ')
			line++;
		end = line;
		while (*end != '\0' && *end != '\n' && *end != '\r' && !starts(end, "TEL") &&
		       !starts(end, "電話") && !starts(end, "Tel") && end - line < 150)
			end++;
		while (end > line && end[-1] == ' ')
			end--;
		{
			/* Cut back to a code-point boundary. */
			const char *b = end;

			while (b > line && ((unsigned char)*b & 0xC0) == 0x80)
				b--;
			end = b;
		}
		quote(&mr->postal_code, s >= t + 3 && starts(s - 3, "〒") ? s - 3 : s,
		      (size_t)(p + 5 - (s >= t + 3 && starts(s - 3, "〒") ? s - 3 : s)));
		if (end > line) {
			set_value(&mr->address, line, (size_t)(end - line));
			quote(&mr->address, line, (size_t)(end - line));
		}
		return;
	}
	labelled_address(t, mr);
}

/* A Tokyo place at P that names the requester's location, not the desk's. */
static bool tokyo_place_at(const char *p, const char **which)
{
	*which = starts_any(p, tokyo_places);
	return *which != NULL && !starts_any(p, desk_names);
}

/*
 * Where the text puts the head office (本社, 本店) in Tokyo: the place named
 * nearest to 本社 in its sentence is a Tokyo one (「東京都品川区に本社を置く」,
 * 「(本社)〒141-0032」, but not 「本社は大阪市ですが、都内にも営業所が」).
 * A business based in Tokyo is served even when the books go to its branch.
 */
static const char *tokyo_head_office(const char *t, const char **which)
{
	static const char *const head[] = {"本社", "本店", NULL};
	const char *w = NULL;

	for (const char *p = find_any(t, head, &w); p != NULL; p = find_any(p + strlen(w), head, &w)) {
		const char *s, *e, *best = NULL, *best_which = NULL;
		size_t best_dist = (size_t)-1;
		bool best_tokyo = false;

		sentence_of(t, p, &s, &e);
		for (const char *q = s; q < e; q++) {
			const char *tw = NULL;
			size_t dist = q < p ? (size_t)(p - q) : (size_t)(q - p);
			bool tokyo = false, other = false;

			if (tokyo_place_at(q, &tw))
				tokyo = true;
			else if (starts(q, "〒") && digits(q + strlen("〒"), 3) &&
				 q[strlen("〒") + 3] == '-') {
				int code = atoi(q + strlen("〒"));

				tw = "〒";
				tokyo = code >= 100 && code <= 208;
				other = !tokyo;
			} else if (starts_any(q, prefectures_not_tokyo)) {
				other = true;
			}
			if ((tokyo || other) && dist < best_dist) {
				best = q;
				best_dist = dist;
				best_tokyo = tokyo;
				best_which = tw;
			}
		}
		if (best != NULL && best_tokyo) {
			*which = best_which;
			return best;
		}
	}
	return NULL;
}

/*
 * A Tokyo municipality at the start of ADDRESS whose last character was
 * misread (OCR of a handwritten 「町田市」 gives 「町田刻」): its name
 * without the suffix, two characters or more, then a kanji that is no
 * suffix at all. Another suffix names another place (大田市 is not
 * 大田区, 日野町 not 日野市), and a one-character stem (港, 北) says too
 * little. The municipality, or NULL.
 */
static const char *tokyo_misread_suffix(const char *address)
{
	static const char *const suffixes[] = {"市", "区", "町", "村", "郡", "県", "都", "府", NULL};

	while (*address == ' ')
		address++;
	for (size_t i = 0; tokyo_places[i] != NULL; i++) {
		const char *w = tokyo_places[i];
		size_t wl = strlen(w), n;
		unsigned long cp;

		if (wl < 9 || starts_any(w + wl - 3, suffixes) == NULL ||
		    strncmp(address, w, wl - 3) != 0)
			continue;
		cp = next_cp(address + wl - 3, &n);
		if (cp >= 0x4E00 && cp <= 0x9FFF && starts_any(address + wl - 3, suffixes) == NULL)
			return w;
	}
	return NULL;
}

static void judge_tokyo(const char *t, struct material_request *mr)
{
	const char *which = NULL, *p;

	if ((p = tokyo_head_office(t, &which)) != NULL) {
		mr->tokyo = TRI_YES;
		snprintf(mr->tokyo_why.value, sizeof(mr->tokyo_why.value), "head office in Tokyo");
		quote(&mr->tokyo_why, p, strcmp(which, "〒") == 0 ? strlen("〒") + 8 : strlen(which));
		return;
	}
	/*
	 * The place named in the address beats its postal code: digits are what
	 * a fax's OCR and a hurried typist get wrong (〒750-… for 〒150-…), and
	 * an eligible business must not be declined for it.
	 */
	if (mr->address.value[0] != '\0' && mr->postal_code.value[0] != '\0') {
		const char *a = mr->address.value;

		if ((p = find_any(a, prefectures_not_tokyo, &which)) != NULL)
			mr->tokyo = TRI_NO;
		else if ((p = find_any(a, tokyo_places, &which)) != NULL && !starts_any(p, desk_names))
			mr->tokyo = TRI_YES;
		if (mr->tokyo != TRI_UNKNOWN) {
			snprintf(mr->tokyo_why.value, sizeof(mr->tokyo_why.value), "place %s", which);
			quote(&mr->tokyo_why, p, strlen(which));
			return;
		}
	}
	if (mr->postal_code.value[0] != '\0') {
		int head = atoi(mr->postal_code.value);

		/* Tokyo's postal codes are 100-0000 to 208-xxxx. */
		mr->tokyo = head >= 100 && head <= 208 ? TRI_YES : TRI_NO;
		snprintf(mr->tokyo_why.value, sizeof(mr->tokyo_why.value), "postal code %.16s",
			 mr->postal_code.value);
		snprintf(mr->tokyo_why.from, sizeof(mr->tokyo_why.from), "%s", mr->postal_code.from);
		return;
	}
	/* Search the address if one was given, else the whole text. */
	if (mr->address.value[0] != '\0')
		t = mr->address.value;
	if ((p = find_any(t, prefectures_not_tokyo, &which)) != NULL) {
		mr->tokyo = TRI_NO;
		snprintf(mr->tokyo_why.value, sizeof(mr->tokyo_why.value), "place %s", which);
		quote(&mr->tokyo_why, p, strlen(which));
		return;
	}
	for (p = t; (p = find_any(p, tokyo_places, &which)) != NULL; p += strlen(which)) {
		if (starts_any(p, desk_names))
			continue;
		mr->tokyo = TRI_YES;
		snprintf(mr->tokyo_why.value, sizeof(mr->tokyo_why.value), "place %s", which);
		quote(&mr->tokyo_why, p, strlen(which));
		return;
	}
	if (mr->address.value[0] != '\0' && (which = tokyo_misread_suffix(t)) != NULL) {
		mr->tokyo = TRI_YES;
		snprintf(mr->tokyo_why.value, sizeof(mr->tokyo_why.value), "place %s, misread", which);
		quote(&mr->tokyo_why, t, strlen(which));
	}
}

/* --- phones ------------------------------------------------------------- */

/* Length of a phone number at P (0 when none): 0 then digits and dashes, 10-11 digits. */
static size_t phone_at(const char *p)
{
	size_t i = 0;
	int nd = 0;

	if (*p != '0')
		return 0;
	while ((p[i] >= '0' && p[i] <= '9') || (p[i] == '-' && p[i + 1] >= '0' && p[i + 1] <= '9') ||
	       p[i] == '(' || p[i] == ')') {
		if (p[i] >= '0' && p[i] <= '9')
			nd++;
		i++;
	}
	return nd >= 10 && nd <= 11 ? i : 0;
}

enum phone_label { LABEL_NONE, LABEL_PHONE, LABEL_FAX };

/* What the words before a number on its line call it. */
static enum phone_label phone_label(const char *line, const char *p)
{
	static const char *const fax[] = {"FAX", "Fax", "fax", "ファクス", "ファックス", "FROM", NULL};
	static const char *const phone[] = {"TEL", "Tel", "tel", "電話", "℡", "携帯", "連絡先", NULL};
	enum phone_label label = LABEL_NONE;

	/* The nearest label wins: 「電話 03-… FAX 03-…」 on one line. */
	for (const char *l = p - 1 >= line ? p - 1 : line; l >= line && p - l < 24; l--) {
		if (starts_any(l, fax))
			return LABEL_FAX;
		if (starts_any(l, phone))
			return LABEL_PHONE;
	}
	return label;
}

static void extract_phones(const char *t, struct material_request *mr)
{
	const char *unlabelled = NULL;
	size_t unlabelled_len = 0;

	for (const char *p = t, *line = t; *p != '\0'; p++) {
		size_t n;
		enum phone_label label;
		struct material_field *f = NULL;

		if (*p == '\n') {
			line = p + 1;
			continue;
		}
		if (p > t && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '-'))
			continue;
		if ((n = phone_at(p)) == 0)
			continue;
		label = phone_label(line, p);
		if (label == LABEL_FAX && mr->fax.value[0] == '\0')
			f = &mr->fax;
		else if (label == LABEL_PHONE && mr->phone.value[0] == '\0')
			f = &mr->phone;
		else if (label == LABEL_NONE && unlabelled == NULL) {
			unlabelled = p;
			unlabelled_len = n;
		}
		if (f != NULL) {
			set_value(f, p, n);
			quote(f, line, (size_t)(p - line) + n);
		}
		p += n - 1;
	}
	/* A bare number is the phone only when no number is called one. */
	if (mr->phone.value[0] == '\0' && unlabelled != NULL) {
		set_value(&mr->phone, unlabelled, unlabelled_len);
		quote(&mr->phone, unlabelled, unlabelled_len);
	}
}

/* --- purpose, pick-up, PDF ---------------------------------------------- */

/*
 * 営利目的 in the manual is about what the guidebooks are used for
 * (resold, bundled with paid products, handed out at paid seminars), not
 * about the requester's trade: every business earns money, and a company
 * that sells office machines asking for copies for its staff is not
 * for-profit use. So a sentence counts as for-profit only when it names
 * such a use, and a selling verb only when the same sentence is about the
 * guidebooks and the verb is not part of a trade's name (販売店, 販売会社).
 * A denial in the rest of the sentence, in any politeness form
 * (〜ません, 〜ございません, 〜いたしません, 〜予定はありません, 〜しない),
 * turns the cue into evidence of the opposite.
 */
static const char *const profit_uses[] = {"転売", "営利", "有料", "有償", "参加費", "受講料",
					  "お買い上げ", "お買い求め", "ご購入いただ", "購入者", "購入特典",
					  "受講特典", "同梱", "付録として", "特典として", "商品として",
					  "収益", "利益を", "利益目的", "儲け", "カタログと一緒",
					  "製品と一緒", "商品と一緒", NULL};
static const char *const selling[] = {"販売", "売る", "売り", "売っ", "売ら", "有料で", NULL};
static const char *const trade_suffixes[] = {"店", "会社", "業", "部", "員", "代理", "網", "先",
					     "元", "課", "促進", "担当", "事業", "しております",
					     "をしております", "をしています", "しています", "ています",
					     "ております", NULL};
static const char *const guidebook_words[] = {"ガイドブック", "冊子", "資料", "本書", "テキスト",
					      "教材", "パンフレット", "部数", NULL};
/* Options printed with their boxes: the question is the form's, only a mark answers it. */
static const char *const form_yes[] = {"□はい", "☐はい", "口はい", "□有", "□あり", "□いいえ",
				       "☐いいえ", "口いいえ", "□無", "□なし", NULL};
static const char *const yes_words[] = {"はい", NULL};
static const char *const no_words[] = {"いいえ", NULL};
static const char *const marked_yes[] = {"☑はい", "■はい", "✓はい", "✔はい", "●はい", "○はい",
					 "◯はい", "◉はい", "レはい", "はい☑", "はい✓", "はい○",
					 "はいに○", "はいに◯", "はいに丸", "はいにチェック", NULL};
static const char *const marked_no[] = {"☑いいえ", "■いいえ", "✓いいえ", "✔いいえ", "●いいえ",
					"○いいえ", "◯いいえ", "◉いいえ", "レいいえ", "いいえ☑",
					"いいえ✓", "いいえ○", "いいえに○", "いいえに◯", "いいえに丸",
					"いいえにチェック", NULL};
static const char *const negations[] = {"ません", "ない", "なく", "せず", "しない", "無い", NULL};
static const char *const nonprofit_words[] = {
    "社内", "社員", "従業員", "職員", "スタッフ", "研修", "勉強会", "教育", "啓発", "会員",
    "組合員", "無料で配", "無償で配", "無料でお配", "無料配布", "(無料)", "参加無料", "自社",
    "参考に", "読みたい", "読むため", "読むだけ", "読みます", "読ませ", "回覧", "店用", "店内", "院内", "事務所用",
    "自分用", "勉強用", "勉強のため", "学習用", "学習のため", "自分で読", "勉強したい",
    "勉強します", "員用に", "員用として", "者用に", "者用として", "長用に", "員向けに", "者向けに",
    "代金はいただきません", "代金はいただかず", "代金はいただかない", "代金は頂きません",
    "お代はいただきません", "無償でお配り", "無料でお渡し", "お渡しは無料", "配布は無料",
    "お配りするのは無料", NULL};

static bool sentence_end(const char *p)
{
	return *p == '\0' || *p == '\n' || starts(p, "。") || starts(p, "！") || starts(p, "？") ||
	       *p == '!' || *p == '?';
}

/* The sentence around P: [*START, *END). */
static void sentence_of(const char *t, const char *p, const char **start, const char **end)
{
	const char *s = p, *e = p;
	size_t n;

	while (s > t) {
		const char *q = prev_cp(t, s);

		if (sentence_end(q))
			break;
		s = q;
	}
	while (!sentence_end(e)) {
		next_cp(e, &n);
		e += n;
	}
	*start = s;
	*end = e;
}

/* True when one of LIST occurs in [FROM, TO). */
static bool within(const char *from, const char *to, const char *const *list)
{
	for (const char *q = from; q < to; q++)
		if (starts_any(q, list))
			return true;
	return false;
}

/*
 * True when [FROM, TO) denies: a negation that is not a question
 * (「問題ありませんか」), a hedge (「使うかもしれません」) or a double
 * negative (「構いません」「差し支えない」 assert nothing about the use).
 */
static bool denied(const char *from, const char *to)
{
	static const char *const not_denials_before[] = {"かもしれ", "かも知れ", "問題", "差し支え",
							 "差支え", "構い", "かまい", "構わ", "かまわ",
							 "しかた", "仕方", NULL};

	for (const char *q = from; q < to; q++) {
		const char *w = NULL, *after, *b;
		bool hedged = false;

		if ((w = starts_any(q, negations)) == NULL)
			continue;
		after = q + strlen(w);
		/* The words just before the negation: within 5 characters. */
		b = q;
		for (int i = 0; i < 5 && b > from; i++)
			b = prev_cp(from, b);
		for (const char *c = b; c < q; c++)
			if (starts_any(c, not_denials_before))
				hedged = true;
		if (!hedged && !starts(after, "か") && !starts(after, "でしょうか") &&
		    !starts(after, "でしょう"))
			return true;
		q = after - 1;
	}
	return false;
}

/*
 * A form's line 「営利目的の有無　無」「【営利目的での利用】いいえ」: what
 * follows the question on its line answers it. AFTER is just past 営利.
 * Returns 1 yes, 0 no, -1 asked and left empty, -2 not a question line.
 */
static int line_answer(const char *after)
{
	static const char *const label_words[] = {"目的", "での利用", "の利用", "の有無", "利用",
						  "について", "か否か", "】", "]", ":", "|", " ",
						  "\t", NULL};
	static const char *const yes[] = {"はい", "有り", "有", "あり", "該当する", NULL};
	static const char *const no[] = {"いいえ", "無し", "無", "なし", "該当しない", NULL};
	const char *q = after, *w;
	bool labelled = false;

	for (bool more = true; more;) {
		more = false;
		for (size_t i = 0; (w = label_words[i]) != NULL; i++)
			if (starts(q, w)) {
				labelled = labelled || strcmp(w, "目的") != 0;
				q += strlen(w);
				more = true;
				break;
			}
	}
	if (!labelled)
		return -2;
	if (*q == '\r')
		q++;
	if (*q == '\n') {
		/* A block layout (「■営利目的での利用」 over 「はい」): the next line
		 * answers when it holds nothing but the answer. */
		const char *next = q + 1 + strspn(q + 1, " "), *w2;
		const char *const *sets[] = {no, yes};

		for (int i = 0; i < 2; i++)
			if ((w2 = starts_any(next, sets[i])) != NULL) {
				const char *rest = next + strlen(w2);

				rest += strspn(rest, " ");
				if (*rest == '\0' || *rest == '\n' || *rest == '\r')
					return i;
			}
		return -1;
	}
	if (*q == '\0')
		return -1;
	{
		/*
		 * Both options printed on the line (「口はぃ思いいえ」: the mark read
		 * as noise): a mark the reading did not turn into ☑ answers nothing.
		 */
		static const char *const yes_opts[] = {"はい", "はぃ", "有", "あり", NULL};
		static const char *const no_opts[] = {"いいえ", "いいぇ", "無", "なし", NULL};
		const char *eol = q + strcspn(q, "\n");

		if (within(q, eol, yes_opts) && within(q, eol, no_opts))
			return -1;
	}
	if (starts_any(q, no))
		return 0;
	if (starts_any(q, yes))
		return 1;
	return -2;
}

/*
 * Whether the sentence [S, E) of T is about the guidebooks: it names them
 * or a number of copies, or the sentence before it does and this one
 * goes on about them without naming them (「店員用に6冊ください。売り物に
 * するわけではありません。」).
 */
static bool about_books(const char *t, const char *s, const char *e)
{
	static const char *const copies[] = {"冊", NULL};
	const char *ps, *pe;

	if (within(s, e, guidebook_words) || within(s, e, copies))
		return true;
	if (s <= t)
		return false;
	sentence_of(t, prev_cp(t, prev_cp(t, s)), &ps, &pe);
	return within(ps, pe, guidebook_words) || within(ps, pe, copies);
}

/* The cue W at P as evidence: 1 for-profit use, 0 its denial, -1 not about the use. */
static int profit_cue(const char *t, const char *p, const char *w, bool is_selling)
{
	const char *s, *e, *after = p + strlen(w);

	sentence_of(t, p, &s, &e);
	if (is_selling && (starts_any(after, trade_suffixes) || !about_books(t, s, e)))
		return -1;
	/*
	 * A form's question (営利目的 □はい □いいえ) prints every option: only a
	 * mark next to one answers it, and an unreadable mark answers nothing.
	 */
	{
		/* The sentence and the rest of its line: OCR noise (「Olt 。口いいえ」)
		 * can end a form's question early. */
		const char *fs = s, *fe = p + strcspn(p, "\n");

		while (fs > t && fs[-1] != '\n')
			fs--;
		fe = fe > e ? fe : e;
		if (within(fs, fe, form_yes) ||
		    (within(fs, fe, yes_words) && within(fs, fe, no_words))) {
			if (within(fs, fe, marked_no))
				return 0;
			if (within(fs, fe, marked_yes))
				return 1;
			return -1;
		}
	}
	/* 「ガイドブックは有料でしょうか」 asks the price of the books; it names no use. */
	if ((strcmp(w, "有料") == 0 || strcmp(w, "有償") == 0) &&
	    (starts(after, "でしょうか") || starts(after, "ですか") || starts(after, "なの") ||
	     starts(after, "か") || starts(after, "でしたら") || starts(after, "の場合")))
		return -1;
	if (strcmp(w, "営利") == 0) {
		int v = line_answer(after);

		if (v != -2)
			return v;
	}
	if (starts(prev_cp(t, p), "非") || denied(after, e))
		return 0;
	return 1;
}

/*
 * The first of nonprofit_words that names a use. 「社員」「従業員」 also say
 * how big the business is (「社員は40名ほど」「従業員数：30名」): followed
 * by a number or 数 they are its size, not who reads the books.
 */
static const char *nonprofit_use(const char *t, const char **which)
{
	static const char *const staff_words[] = {"社員", "従業員", "職員", "スタッフ", NULL};

	for (const char *p = t; (p = find_any(p, nonprofit_words, which)) != NULL;
	     p += strlen(*which)) {
		const char *q = p + strlen(*which);
		bool size = false;
		size_t n;

		if (!starts_any(p, staff_words))
			return p;
		/* 「職員用管理画面」 names a thing for staff, 「社員用に」 the books' readers. */
		if (starts(q, "用") && !is_hiragana(next_cp(q + strlen("用"), &n)) &&
		    !sentence_end(q + strlen("用")) && !starts(q + strlen("用"), "、"))
			continue;
		for (int i = 0; i < 6 && *q != '\0' && *q != '\n'; i++) {
			unsigned long cp = next_cp(q, &n);

			if (is_digit_cp(cp) || kanji_digit(cp) >= 0 || starts(q, "数")) {
				size = true;
				break;
			}
			if (!(starts(q, "は") || starts(q, "が") || starts(q, "約") || starts(q, "全") ||
			      starts(q, "社") || starts(q, "で") || *q == ' ' || *q == ':'))
				break;
			q += n;
		}
		if (!size)
			return p;
	}
	return NULL;
}

/* T without its short asides in brackets (「(和菓子屋)」, up to 12 characters); malloc'd. */
static char *without_asides(const char *t)
{
	struct buf b = BUF_INIT;

	for (const char *p = t; *p != '\0';) {
		const char *close = *p == '(' ? strchr(p, ')') : NULL;

		if (close != NULL && close - p <= 12 * 3 && memchr(p, '\n', (size_t)(close - p)) == NULL) {
			p = close + 1;
			continue;
		}
		buf_addc(&b, *p++);
	}
	if (b.data == NULL)
		buf_adds(&b, "");
	return buf_steal(&b);
}

/* Whether P lies in the fields a fax form's reading wrote (【記入欄】 … 【記入欄ここまで】). */
static bool in_form_fields(const char *t, const char *p)
{
	const char *open = NULL, *close = NULL;

	for (const char *q = t; (q = strstr(q, "【記入欄】")) != NULL && q < p; q++)
		open = q;
	if (open == NULL)
		return false;
	close = strstr(open, "【記入欄ここまで】");
	return close == NULL || close > p;
}

static void extract_purpose(const char *t, struct material_request *mr)
{
	const char *w = NULL, *p = NULL, *denial = NULL, *denial_w = NULL;
	/*
	 * A fax form's answers are in its fields; around them the page holds
	 * what the form prints, which the OCR turns to noise that can read as
	 * a use (「電子申請を有料届ください」). There a cue asserts nothing.
	 */
	bool fields = strstr(t, "【記入欄】") != NULL;

	/* The first cue that asserts for-profit use decides: staff must see resale. */
	for (const char *q = t; *q != '\0'; q++) {
		const char *cue = NULL;
		bool is_selling = false;
		int v;

		for (size_t i = 0; profit_uses[i] != NULL && cue == NULL; i++)
			if (starts(q, profit_uses[i]))
				cue = profit_uses[i];
		for (size_t i = 0; selling[i] != NULL && cue == NULL; i++)
			if (starts(q, selling[i])) {
				cue = selling[i];
				is_selling = true;
			}
		if (cue == NULL)
			continue;
		v = profit_cue(t, q, cue, is_selling);
		if (v == 1 && fields && !in_form_fields(t, q))
			v = -1;
		if (v == 1) {
			p = q;
			w = cue;
			break;
		}
		if (v == 0 && denial == NULL) {
			denial = q;
			denial_w = cue;
		}
		q += strlen(cue) - 1;
	}
	if (p != NULL) {
		mr->for_profit = TRI_YES;
	} else if (denial != NULL) {
		mr->for_profit = TRI_NO;
		p = denial;
		w = denial_w;
	} else if ((p = nonprofit_use(t, &w)) != NULL) {
		mr->for_profit = TRI_NO;
	} else {
		/* 「お店(和菓子屋)用に」: an aside inside the words hides them. */
		char *bare = without_asides(t);
		const char *q = bare != NULL ? nonprofit_use(bare, &w) : NULL;

		if (q != NULL) {
			mr->for_profit = TRI_NO;
			set_value(&mr->purpose, q, strlen(w));
			quote(&mr->profit_why, q, strlen(w));
			snprintf(mr->profit_why.value, sizeof(mr->profit_why.value), "%s", w);
			snprintf(mr->purpose.from, sizeof(mr->purpose.from), "%s", mr->profit_why.from);
		}
		free(bare);
	}
	if (p != NULL) {
		const char *s = name_backward(t, p, 8);
		size_t n = strlen(w) + name_forward(p + strlen(w), 8);

		set_value(&mr->purpose, s, (size_t)(p - s) + n);
		quote(&mr->profit_why, s, (size_t)(p - s) + n);
		snprintf(mr->profit_why.value, sizeof(mr->profit_why.value), "%s", w);
		mr->purpose.from[0] = '\0';
		snprintf(mr->purpose.from, sizeof(mr->purpose.from), "%s", mr->profit_why.from);
	}
}

static void extract_wishes(const char *t, struct material_request *mr)
{
	static const char *const pickup[] = {"取りに伺", "取りに行", "受け取りに伺", "受け取りに行",
					     "引き取りに", "取りに参", "窓口で受け取", "直接受け取",
					     "直接伺", NULL};
	static const char *const pdf_only[] = {"PDFのみ", "PDFだけ", "PDFで結構", "PDFで十分",
					       "PDF版のみ", "PDF版だけ", "PDF版で結構", "PDF版で十分",
					       "データのみ", "データだけ", "電子版のみ", "電子版で",
					       "冊子は不要", "冊子は要りません", "郵送は不要", NULL};
	const char *w = NULL, *p;

	if ((p = find_any(t, pickup, &w)) != NULL) {
		mr->pickup = true;
		quote(&mr->pickup_why, p, strlen(w) + name_forward(p + strlen(w), 4));
	}
	if ((p = find_any(t, pdf_only, &w)) != NULL) {
		mr->pdf_only = true;
		quote(&mr->pdf_why, p, strlen(w));
	}
}

/* --- who is asking: a small or medium business? -------------------------- */

/*
 * The desk serves 中小企業事業者: sole proprietors count (個人事業主, a shop
 * under a 屋号); private persons, public bodies, public schools and firms
 * above the 中小企業基本法 limits of their industry do not. A size is read
 * from stated employees and capital: either within its industry's limit
 * makes a small business, both above make a large one.
 */
struct sme_limit {
	const char *const *trade; /* words naming the industry; NULL: any other */
	long long capital;        /* yen */
	long employees;
};

static const char *const trade_wholesale[] = {"卸", NULL};
static const char *const trade_retail[] = {"小売", "販売店", "商店", "ショップ", "店舗", NULL};
static const char *const trade_service[] = {
    "サービス業", "コンサル", "飲食", "ホテル", "旅館", "医院", "クリニック", "介護", "保育",
    "美容", "士事務所", "人材派遣", "派遣事業", "人材紹介", "ソフトウェア", "システム開発",
    "情報サービス", "広告", "学習塾", "警備", "清掃", "整骨院", "歯科", NULL};
static const struct sme_limit sme_limits[] = {
    {trade_wholesale, 100000000LL, 100},
    {trade_retail, 50000000LL, 50},
    {trade_service, 50000000LL, 100},
    {NULL, 300000000LL, 300}, /* manufacturing, construction, transport and the rest */
};

static const char *const persons[] = {"個人として", "個人的に", "個人で", "一個人", "主婦",
				      "学生", NULL};
static const char *const large[] = {"大企業", "上場企業", "東証", NULL};
static const char *const self_employed[] = {"個人事業", "屋号で", "自営", "ひとりでやって",
					    "一人でやって", "ひとりで営", "一人で営", "一人で経営",
					    "ひとりで経営", "フリーランス",
					    "個人商店", "家族経営", "小規模", "零細", "小さな会社",
					    "小さい会社", "中小企業です", "中小企業で", "個人で営",
					    "個人で経営", "個人でやって", NULL};
/* A public body is named with one of its departments: 「北区役所 産業振興課」. */
static const char *const public_bodies[] = {"区役所", "市役所", "役場", "都庁", "県庁", "府庁",
					    "道庁", "教育委員会", "官公庁", "自治体", NULL};
static const char *const departments[] = {"課", "係", "室", "局", "部", NULL};
static const char *const public_founders[] = {"都立", "区立", "市立", "町立", "村立", "県立",
					      "府立", "道立", "公立", "国立", NULL};
static const char *const schools[] = {"小学校", "中学校", "高校", "高等学校", "大学",
				      "高専", "支援学校", NULL};

/*
 * The sum of money written at P in yen, or -1: 「5000万円」「9,800万円」
 * 「1億2千万円」「1億5,000万円」「3億」「800万」. Each number takes the
 * unit after it (億, 千万, 百万, 万, 千, 円) and the parts add up.
 */
static long long yen_at(const char *p)
{
	static const struct {
		const char *word;
		long long yen;
	} units[] = {{"億", 100000000LL}, {"千万", 10000000LL}, {"百万", 1000000LL},
		     {"万", 10000LL},	   {"千", 1000LL},	  {"円", 1LL}};
	long long total = 0;
	bool any = false;

	for (;;) {
		size_t len, k;
		long long v = material_parse_number(p, &len);
		bool unit = false;

		if (v < 0)
			break;
		for (k = 0; k < sizeof(units) / sizeof(units[0]); k++)
			if (starts(p + len, units[k].word)) {
				unit = true;
				break;
			}
		if (!unit)
			break;
		total += v * units[k].yen;
		any = true;
		p += len + strlen(units[k].word);
		if (units[k].yen == 1)
			break;
	}
	return any ? total : -1;
}

/*
 * The number after one of WORDS, within 12 characters on its line, with its
 * unit (名, 億円 ...): the first occurrence that states one, since the word
 * also comes without a number (「従業員規模について」).
 */
static long long stated_amount(const char *t, const char *const *words, bool money)
{
	const char *w = NULL;

	for (const char *p = find_any(t, words, &w); p != NULL;
	     p = find_any(p + strlen(w), words, &w)) {
		const char *q = p + strlen(w);
		size_t n;
		/* 「従業員数」 is a label: its answer may be the bare number (「[従業員数] 300」). */
		bool label = starts(q, "数") || (strlen(w) >= strlen("数") &&
						 strcmp(w + strlen(w) - strlen("数"), "数") == 0);

		if (starts(q, "数"))
			q += strlen("数");
		q = below_label(q);
		for (int i = 0; i < 12 && *q != '\0' && *q != '\n'; i++) {
			unsigned long cp = next_cp(q, &n);

			if (is_digit_cp(cp) || kanji_digit(cp) >= 0) {
				size_t len;
				long long v = material_parse_number(q, &len);
				const char *u = q + len;

				while (*u == ' ')
					u++;
				if (v < 0)
					break;
				if (!money && (starts(u, "名") || starts(u, "人") ||
					       (label && (*u == '\0' || *u == '\n' || *u == '\r'))))
					return v;
				if (money)
					return yen_at(q);
				break;
			}
			q += n;
		}
	}
	return -1;
}

/* Where one of WORDS is followed, within 12 characters on its line, by one of THEN. */
static const char *public_named(const char *t, const char *const *words,
				const char *const *then, const char **which)
{
	for (const char *p = t; (p = find_any(p, words, which)) != NULL; p += strlen(*which)) {
		const char *q = p + strlen(*which);
		size_t n;

		for (int i = 0; i < 12 && *q != '\0' && *q != '\n'; i++) {
			if (starts_any(q, then))
				return p;
			next_cp(q, &n);
			q += n;
		}
	}
	return NULL;
}

/*
 * A 屋号 names a shop or a practice, not a company: 「川島屋」「上野商店」
 * 「こぐれクリニック」「浅野税理士事務所」. Such a name without a corporate
 * form is a sole proprietor's (or a practice's) trade. The name must end
 * there (「事務所用に」 is the office, not a name) and be at least two
 * characters long (「部屋」 is a room).
 */
static const char *const trade_name_suffixes[] = {
    "商店", "店", "屋", "クリニック", "医院", "歯科", "整骨院", "接骨院", "鍼灸院", "治療院",
    "事務所", "工房", "サロン", "薬局", NULL};

static const char *trade_name(const char *t, const char **which)
{
	if (find_any(t, org_markers, NULL) != NULL)
		return NULL;
	for (const char *p = t; *p != '\0'; p++) {
		const char *from, *after;
		size_t n;

		if ((*which = starts_any(p, trade_name_suffixes)) == NULL)
			continue;
		after = p + strlen(*which);
		from = name_backward(t, p, 12);
		/* A branch or an agency names part of a firm, not a shop: 東京支店, 販売代理店. */
		if (strcmp(*which, "店") == 0 &&
		    (starts(prev_cp(t, p), "支") || starts(prev_cp(t, p), "本") ||
		     starts(prev_cp(t, p), "理") || starts(prev_cp(t, p), "販") ||
		     starts(prev_cp(t, p), "売") || starts(prev_cp(t, p), "貨"))) {
			p = after - 1;
			continue;
		}
		if (p - from >= 6 && (*after == '\0' || name_stop(next_cp(after, &n)) ||
				      starts(after, "です") || starts(after, "を営") ||
				      starts(after, "をやって") || starts(after, "を経営")))
			return from;
		p = after - 1;
	}
	return NULL;
}

/*
 * True when T names one of TRADE as the requester's industry. A form
 * prints every industry as an option (「□製造業 □建設業 □卸売業 □小売業」):
 * on a line naming three or more, only the option marked ☑ (or ■ ✓) counts.
 */
static bool trade_named(const char *t, const char *const *trade)
{
	static const char *const industries[] = {"製造業", "建設業", "卸売業", "小売業",
						 "サービス業", "運輸業", "その他", NULL};
	static const char *const marks[] = {"☑", "■", "✓", "✔", "●", "◉", NULL};
	const char *w = NULL;

	for (const char *p = find_any(t, trade, &w); p != NULL; p = find_any(p + strlen(w), trade, &w)) {
		const char *s = p, *e = p + strcspn(p, "\n");
		int named = 0;

		while (s > t && s[-1] != '\n')
			s--;
		for (size_t i = 0; industries[i] != NULL; i++)
			if (within(s, e, (const char *const[]){industries[i], NULL}))
				named++;
		if (named < 3 || starts_any(prev_cp(t, p), marks))
			return true;
	}
	return false;
}

/* True when the sentence at P says its writer runs a business: 「個人でデザイン事務所をやって」. */
static bool runs_business(const char *t, const char *p)
{
	static const char *const business[] = {"事務所", "店", "経営", "営ん", "営業し", "開業",
					       "事業", "商売", "屋号", "教室", "サロン", NULL};
	const char *s, *e;

	sentence_of(t, p, &s, &e);
	return within(s, e, business);
}

/*
 * A municipality named with one of its departments, as a city or ward
 * office signs: 「目黒区 産業経済部」「北区産業振興課」. Only kanji and
 * blanks may come between (an address has numbers, a company 「の」).
 */
static const char *municipal_office(const char *t, const char **which)
{
	for (size_t i = 0; tokyo_places[i] != NULL; i++) {
		const char *w = tokyo_places[i];
		size_t wl = strlen(w);

		if (wl < 3 || !(starts(w + wl - 3, "区") || starts(w + wl - 3, "市") ||
				starts(w + wl - 3, "町") || starts(w + wl - 3, "村")))
			continue;
		for (const char *p = strstr(t, w); p != NULL; p = strstr(p + wl, w)) {
			const char *q = p + wl;
			size_t n;

			for (int k = 0; k < 12 && *q != '\0'; k++) {
				unsigned long cp = next_cp(q, &n);

				if (k > 0 && starts_any(q, departments) && !starts(q + n, "品") &&
				    !starts(q + n, "屋")) {
					*which = w;
					return p;
				}
				if (!(cp == ' ' || (cp >= 0x4E00 && cp <= 0x9FFF)))
					break;
				q += n;
			}
		}
	}
	return NULL;
}

static void judge_business(const char *t, struct material_request *mr)
{
	/* 業員数: 従業員数 whose first character a fax's OCR lost (生業員数). */
	static const char *const staff[] = {"従業員", "業員数", "社員数", "社員は", "社員",
					    "スタッフ", "職員", NULL};
	static const char *const capital[] = {"資本金", NULL};
	const struct sme_limit *lim = &sme_limits[sizeof(sme_limits) / sizeof(sme_limits[0]) - 1];
	const char *w = NULL, *p;
	long long emp = stated_amount(t, staff, false), cap = stated_amount(t, capital, true);

	for (size_t i = 0; sme_limits[i].trade != NULL; i++)
		if (trade_named(t, sme_limits[i].trade)) {
			lim = &sme_limits[i];
			break;
		}
	const char *person = find_any(t, persons, &w), *person_w = w;
	bool sole = find_any(t, self_employed, NULL) != NULL ||
		    (person != NULL && runs_business(t, person));

	/* 「個人で営んでいます」 is a sole proprietor, not a private person. */
	if (person != NULL && !sole) {
		mr->sme = TRI_NO;
		quote(&mr->sme_why, person, strlen(person_w));
	} else if ((p = find_any(t, large, &w)) != NULL ||
		   (p = public_named(t, public_bodies, departments, &w)) != NULL ||
		   (p = municipal_office(t, &w)) != NULL ||
		   (p = public_named(t, public_founders, schools, &w)) != NULL) {
		mr->sme = TRI_NO;
		quote(&mr->sme_why, p, strlen(w) + name_forward(p + strlen(w), 10));
	} else if ((emp >= 0 && emp <= lim->employees) || (cap >= 0 && cap <= lim->capital)) {
		mr->sme = TRI_YES;
		snprintf(mr->sme_why.value, sizeof(mr->sme_why.value), "employees %lld, capital %lld",
			 emp, cap);
	} else if (emp > lim->employees && cap > lim->capital) {
		mr->sme = TRI_NO;
		snprintf(mr->sme_why.value, sizeof(mr->sme_why.value),
			 "%lld employees and capital %lld yen, above the limits of its industry", emp,
			 cap);
		snprintf(mr->sme_why.from, sizeof(mr->sme_why.from), "%lld employees, capital %lld yen",
			 emp, cap);
	} else if (emp > lim->employees || cap > lim->capital) {
		/* Above one limit, the other not stated: either within it would make it small. */
		snprintf(mr->sme_why.value, sizeof(mr->sme_why.value),
			 "%s above the limit of its industry, %s not stated",
			 emp >= 0 ? "employees" : "capital", emp >= 0 ? "capital" : "employees");
	} else if (sole) {
		mr->sme = TRI_YES;
		if ((p = find_any(t, self_employed, &w)) != NULL || (p = person) != NULL)
			quote(&mr->sme_why, p, strlen(p == person ? person_w : w));
	} else if ((p = trade_name(t, &w)) != NULL) {
		mr->sme = TRI_YES;
		quote(&mr->sme_why, p, (size_t)(strstr(p, w) - p) + strlen(w));
	}
	/* Else a company of unknown size (a bare 「株式会社…」): the desk asks, it does not guess. */
}

/* Blanks [FROM, TO) of T, keeping its line breaks. */
static void blank(char *from, const char *to)
{
	for (char *q = from; q < to; q++)
		if (*q != '\n')
			*q = ' ';
}

/*
 * A request form's printed notes: from a heading (【ご注意】, 注意事項) to the
 * form's fields (【記入欄】, as the fax reading writes them) or the end, and
 * each bullet item (・ or ※ to the next bullet or blank line) that states
 * the desk's rules. They wrap over lines, so a line test alone misses half
 * of 「個人の方からのお申込みは\nお受けできません」.
 */
static void blank_form_notes(char *t)
{
	static const char *const headings[] = {"【ご注意】", "【注意事項】", "<ご注意>", "ご注意:",
					       "注意事項", NULL};
	static const char *const rules[] = {"対象外", "お受けでき", "お断り", "ダウンロード",
					    "対象としています", "対象となります", "となります",
					    "お送りします", "後納", "着払い", "お申込みください",
					    "お申し込みください", "無料で郵送", "冊は無料", NULL};
	const char *w = NULL;
	char *p = (char *)find_any(t, headings, &w);

	if (p != NULL) {
		char *end = strstr(p, "【記入欄】");

		blank(p, end != NULL ? end : p + strlen(p));
	}
	for (char *line = t; *line != '\0';) {
		char *first = line + strspn(line, " ");
		char *item_end = line;

		if (starts(first, "・") || starts(first, "※") || starts(first, "*")) {
			/* The item runs to the next bullet, a blank line or a heading. */
			for (char *q = strchr(line, '\n'); q != NULL; q = strchr(q + 1, '\n')) {
				char *next = q + 1 + strspn(q + 1, " ");

				item_end = q;
				if (*next == '\n' || *next == '\0' || starts(next, "・") ||
				    starts(next, "※") || starts(next, "*") || starts(next, "【"))
					break;
				item_end = next + strcspn(next, "\n");
			}
			if (item_end == line)
				item_end = line + strlen(line);
			{
				char save = *item_end;

				*item_end = '\0';
				if (find_any(first, rules, NULL) != NULL)
					blank(line, item_end);
				*item_end = save;
			}
		}
		line = strchr(line, '\n');
		if (line == NULL)
			break;
		line++;
	}
}

/*
 * The desk's own request form prints its rules (※ 送付の対象は…大企業、官公庁
 * 等は対象外, ※ 1〜10冊は無料で郵送 …) and the desk's own address: they are
 * not what the requester says, so they are blanked before anything is read.
 */
/* The last 8 digits of NUMBER into OUT (9 bytes), or false when it has fewer. */
static bool last_digits(const char *number, char out[9])
{
	char d[32];
	size_t n = 0;

	for (const char *p = number != NULL ? number : ""; *p != '\0' && n + 1 < sizeof(d); p++)
		if (*p >= '0' && *p <= '9')
			d[n++] = *p;
	if (n < 8)
		return false;
	memcpy(out, d + n - 8, 8);
	out[8] = '\0';
	return true;
}

/*
 * Whether the line [LINE, LINE+N) holds one of the desk's own numbers
 * (DESK: up to two 8-digit tails), whatever the OCR made of its dashes and
 * wherever it split it: the digits of the line run together are searched.
 */
static bool names_desk_number(const char *line, size_t n, char desk[2][9], int ndesk)
{
	char d[512];
	size_t k = 0;

	for (size_t i = 0; i < n && k + 1 < sizeof(d); i++)
		if (line[i] >= '0' && line[i] <= '9')
			d[k++] = line[i];
	d[k] = '\0';
	for (int i = 0; i < ndesk; i++)
		if (strstr(d, desk[i]) != NULL)
			return true;
	return false;
}

static void blank_form_rules(char *t, const struct shipping_policy *policy)
{
	/* Printed only by a form: on any line. */
	static const char *const form_only[] = {"対象外", "お受けできません", "ダウンロードできます",
						"窓口受取または着払い", "後納で発送", "ご記入のうえ",
						"来所または着払い", "無料郵送", NULL};
	/* A requester may write these too: only on a note line (※). */
	static const char *const noted[] = {"無料で郵送", "冊は無料", "着払い", "ホームページ",
					    "送付の対象", "対象は", "中小企業事業者", NULL};
	static const char *const forms[] = {"【記入欄】", "依頼書", "申込書", "申込用紙", "申込み用紙",
					    "申し込み用紙", NULL};
	static const char *const desk[] = {"相談窓口", NULL};
	static const char *const phone_words[] = {"TEL", "FAX", "電話", NULL};

	bool in_fields = false;
	char desk_numbers[2][9];
	int ndesk = 0;

	ndesk += last_digits(policy->desk_phone, desk_numbers[ndesk]);
	ndesk += last_digits(policy->desk_fax, desk_numbers[ndesk]);
	if (find_any(t, forms, NULL) != NULL)
		blank_form_notes(t);
	for (char *line = t; *line != '\0';) {
		char *end = strchr(line, '\n'), *rule, *colon;
		size_t n = end != NULL ? (size_t)(end - line) : strlen(line);
		char save = line[n];
		const char *first = line + strspn(line, " 　、.・");

		line[n] = '\0';
		if (starts(line + strspn(line, " "), "【記入欄】"))
			in_fields = true;
		else if (starts(line + strspn(line, " "), "【記入欄ここまで】"))
			in_fields = false;
		rule = (char *)find_any(line, form_only, NULL);
		colon = strchr(line, ':');
		if (in_fields && rule != NULL && colon != NULL && colon < rule) {
			/* A row of a fax form's fields, 「必要冊数:30冊 10冊まで:無料郵送
			 * …」: the rules printed beside the answer go, the answer stays. */
			char *cut = rule;

			while (cut > colon && *cut != ' ')
				cut--;
			rule = cut > colon ? cut : colon + 1;
			memset(rule, ' ', (size_t)(line + n - rule));
		} else if (rule != NULL ||
			   (starts(first, "※") && find_any(line, noted, NULL) != NULL) ||
			   /* 「東京都中小企業サイバーセキュリティ相談窓口 TEL 03-…」 is the desk's number. */
			   (find_any(line, desk, NULL) != NULL &&
			    find_any(line, phone_words, NULL) != NULL) ||
			   /* A line with the desk's own number is the form's print, or the
			    * sender's note of where to fax (「FAX送信先 : 03-5388-1461」). */
			   names_desk_number(line, n, desk_numbers, ndesk))
			memset(line, ' ', n);
		line[n] = save;
		line += n + (save != '\0');
	}
}

void material_extract(const char *text, const struct shipping_policy *policy,
		      struct material_request *mr)
{
	char *t = normalise(text != NULL ? text : "");

	memset(mr, 0, sizeof(*mr));
	mr->copies = -1;
	mr->tokyo = mr->sme = mr->for_profit = TRI_UNKNOWN;
	if (t == NULL)
		return;
	blank_form_rules(t, policy);
	material_form_labels(t);
	extract_copies(t, policy, mr);
	extract_organization(t, mr);
	extract_contact(t, mr);
	extract_address(t, mr);
	judge_tokyo(t, mr);
	extract_phones(t, mr);
	extract_purpose(t, mr);
	extract_wishes(t, mr);
	judge_business(t, mr);
	material_form_fields(t, policy, mr);
	free(t);
}

/* --- JSON --------------------------------------------------------------- */

static void json_field(struct buf *out, const char *key, const struct material_field *f, bool *first)
{
	if (f->value[0] == '\0' && f->from[0] == '\0')
		return;
	buf_adds(out, *first ? "" : ",");
	json_buf_string(out, key);
	buf_addc(out, ':');
	json_buf_string(out, f->from[0] != '\0' ? f->from : f->value);
	*first = false;
}

static void json_tri(struct buf *out, enum tri v)
{
	buf_adds(out, v == TRI_UNKNOWN ? "null" : v == TRI_YES ? "true" : "false");
}

static void json_opt(struct buf *out, const struct material_field *f)
{
	json_buf_string(out, f->value[0] != '\0' ? f->value : NULL);
}

void material_json(const struct material_request *mr, struct buf *out)
{
	enum tri tokyo_sme = mr->tokyo == TRI_NO || mr->sme == TRI_NO ? TRI_NO
			     : mr->tokyo == TRI_YES			 ? TRI_YES
									 : TRI_UNKNOWN;
	bool first = true;

	buf_adds(out, "{\"copies\":");
	if (mr->copies >= 0)
		buf_printf(out, "%d", mr->copies);
	else
		buf_adds(out, "null");
	buf_adds(out, ",\"organization\":");
	json_opt(out, &mr->organization);
	buf_adds(out, ",\"tokyo_sme\":");
	json_tri(out, tokyo_sme);
	buf_adds(out, ",\"for_profit\":");
	json_tri(out, mr->for_profit);
	buf_adds(out, ",\"method\":");
	json_buf_string(out, ship_method_name(mr->method));
	buf_adds(out, ",\"packages\":");
	material_packages_json(mr->packages, mr->npackages, out);
	buf_adds(out, ",\"needs_info\":[");
	for (size_t i = 0; i < mr->nneeds; i++) {
		buf_adds(out, i ? "," : "");
		json_buf_string(out, mr->needs_info[i]);
	}
	buf_adds(out, "],\"reason\":");
	json_buf_string(out, mr->reason);
	buf_adds(out, ",\"contact\":");
	json_opt(out, &mr->contact);
	buf_adds(out, ",\"postal_code\":");
	json_opt(out, &mr->postal_code);
	buf_adds(out, ",\"address\":");
	json_opt(out, &mr->address);
	buf_adds(out, ",\"tokyo\":");
	json_tri(out, mr->tokyo);
	buf_adds(out, ",\"sme\":");
	json_tri(out, mr->sme);
	buf_adds(out, ",\"phone\":");
	json_opt(out, &mr->phone);
	buf_adds(out, ",\"fax\":");
	json_opt(out, &mr->fax);
	buf_adds(out, ",\"purpose\":");
	json_opt(out, &mr->purpose);
	buf_printf(out, ",\"pickup\":%s,\"pdf_only\":%s,\"missing\":[", mr->pickup ? "true" : "false",
		   mr->pdf_only ? "true" : "false");
	{
		/* What the request does not say: staff ask or fill it in at 送り先確認. */
		const struct {
			const char *name;
			bool missing;
		} fields[] = {
		    {"copies", mr->copies < 0},
		    {"organization", mr->organization.value[0] == '\0'},
		    {"contact", mr->contact.value[0] == '\0'},
		    {"postal_code", mr->postal_code.value[0] == '\0'},
		    {"address", mr->address.value[0] == '\0'},
		    {"phone", mr->phone.value[0] == '\0'},
		    {"purpose", mr->for_profit == TRI_UNKNOWN},
		    {"business_size", mr->sme == TRI_UNKNOWN},
		};
		bool first_missing = true;

		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			if (fields[i].missing) {
				buf_printf(out, "%s\"%s\"", first_missing ? "" : ",", fields[i].name);
				first_missing = false;
			}
	}
	buf_adds(out, "],\"from\":{");
	json_field(out, "copies", &mr->copies_text, &first);
	json_field(out, "organization", &mr->organization, &first);
	json_field(out, "contact", &mr->contact, &first);
	json_field(out, "postal_code", &mr->postal_code, &first);
	json_field(out, "address", &mr->address, &first);
	json_field(out, "tokyo", &mr->tokyo_why, &first);
	json_field(out, "phone", &mr->phone, &first);
	json_field(out, "fax", &mr->fax, &first);
	json_field(out, "for_profit", &mr->profit_why, &first);
	json_field(out, "pickup", &mr->pickup_why, &first);
	json_field(out, "pdf_only", &mr->pdf_why, &first);
	json_field(out, "sme", &mr->sme_why, &first);
	buf_adds(out, "}}");
}
