/*
 * eapp_form.c - the applicant's entries in an e-application notification.
 *
 * A line is a label line when it has a structure (a bracketed label, a
 * bullet, or a label before a colon), or when it is, or starts with, a
 * label we know. Its value is the rest of the line, or the lines below it
 * up to a blank line or the next label line. Labels are matched by the words
 * they contain, most specific first, so 「会社電話番号」 is a phone and
 * 「氏名（フリガナ）」 is no name. A field keeps its first entry: the form
 * comes before anything the service quotes below it.
 */
#include "eapp_form.h"

#include "buf.h"
#include "utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LABEL_CP 20     /* a longer "label" is a sentence with a colon */
#define MAX_BARE_LABEL_CP 12 /* a label recognised by its words alone */
#define MAX_VALUE_LINES 4

static const char *const field_names[EAPP_NFIELDS] = {
    "name", "organization", "postal_code", "address", "phone", "email", "copies", "purpose"};

const char *eapp_field_name(enum eapp_field k)
{
	return k < EAPP_NFIELDS ? field_names[k] : "";
}

enum { LABEL_IGNORED = -2, LABEL_UNKNOWN = -1 };

/* Label words, most specific first; a label takes the first group one of whose words it contains. */
static const struct {
	int field;
	const char *words[12];
} label_words[] = {
    /* Readings and confirmation copies repeat a field; a fax number is no phone. */
    {LABEL_IGNORED, {"フリガナ", "ふりがな", "カナ", "かな", "確認", "FAX", "Fax", "fax", "ファクス",
		     "ファックス", NULL}},
    /* What the service adds about the application itself, the same wording for everyone. */
    {LABEL_IGNORED, {"手続", "受付番号", "到達番号", "申請番号", "申請日時", "到達日時", "受付日時",
		     NULL}},
    {EAPP_EMAIL, {"メール", "mail", "Mail", "MAIL", NULL}},
    {EAPP_POSTAL_CODE, {"郵便番号", "〒", NULL}},
    {EAPP_PHONE, {"電話", "TEL", "Tel", "tel", NULL}},
    {EAPP_ORGANIZATION, {"団体", "会社", "屋号", "事業者名", "事業所", "法人名", "企業名", "勤務先",
			 "所属", "店名", NULL}},
    {EAPP_NAME, {"氏名", "お名前", "名前", NULL}},
    {EAPP_ADDRESS, {"住所", "所在地", "送付先", "送り先", "届け先", NULL}},
    {EAPP_COPIES, {"部数", "冊数", "数量", "希望数", "必要数", NULL}},
    /* Whether the use is for profit (営利目的の有無) is an answer for the
     * text, no purpose. */
    {LABEL_UNKNOWN, {"営利", NULL}},
    {EAPP_PURPOSE, {"目的", "用途", "使い道", "利用方法", NULL}},
    {EAPP_NAME, {"申請者", "担当者", "ご担当", NULL}},
};

static const char *const required_marks[] = {"※必須", "(必須)", "必須", "*", NULL};

/* What an entry says when the applicant left it empty. */
static const char *const empty_values[] = {"未入力", "(未入力)", "なし", "無し", "-", "ー", "―", NULL};

static bool starts(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static size_t cp_count(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

/* TEXT with full-width ASCII, dashes and the ideographic space folded, CRs dropped. */
static char *fold(const char *text)
{
	struct buf b = BUF_INIT;

	for (const char *s = text; *s != '\0';) {
		uint32_t cp = utf8_next(&s);

		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		else if (cp == 0x3000)
			cp = ' ';
		else if (cp == 0x2212 || (cp >= 0x2010 && cp <= 0x2013))
			cp = '-'; /* minus signs and hyphens typed for a dash */
		if (cp != '\r')
			buf_add_utf8(&b, cp);
	}
	if (b.data == NULL)
		buf_adds(&b, "");
	return buf_steal(&b);
}

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static void trim_end(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

/* Past an item number: 「1.」「(2)」「③」「問4」「Q5.」; S itself when there is none. */
static const char *skip_numbering(const char *s)
{
	const char *p = s, *q;
	uint32_t cp;

	if (*p == '\0')
		return s;
	if (*p == '(') {
		q = p + 1;
		while (*q >= '0' && *q <= '9')
			q++;
		if (q > p + 1 && *q == ')')
			return skip_space(q + 1);
		return s;
	}
	q = p;
	cp = utf8_next(&q);
	if (cp >= 0x2460 && cp <= 0x2473) /* ① to ⑳ */
		return skip_space(q);
	if (starts(p, "問"))
		p += strlen("問");
	else if (*p == 'Q')
		p++;
	q = p;
	while (*q >= '0' && *q <= '9')
		q++;
	if (q == p)
		return s;
	if (*q == '.' || *q == ')' || starts(q, "、") || starts(q, "．"))
		q += *q == '.' || *q == ')' ? 1 : strlen("、");
	else if (*q != ' ' && *q != '\t' && p == s)
		return s; /* 「30冊」 is a value */
	q = skip_space(q);
	return *q != '\0' ? q : s;
}

static const char *const bullets[] = {"■", "□", "◆", "◇", "●", "○", "▼", "▽", "◎", "★", "☆",
				      "・", "*", "-", ">", "▶", NULL};
static const char *const brackets[][2] = {{"【", "】"}, {"[", "]"}, {"〔", "〕"}, {"<", ">"},
					  {"《", "》"}, {"「", "」"}, {"『", "』"}, {"〈", "〉"},
					  {"≪", "≫"}};

/*
 * The first colon (ASCII after folding) of S, or NULL; a bar parts label and
 * value as a colon does in a table layout (「お名前 | 金子 雅人」).
 */
static const char *colon(const char *s)
{
	const char *c = strchr(s, ':'), *bar = strchr(s, '|');

	return c == NULL || (bar != NULL && bar < c) ? bar : c;
}

/*
 * The field label LABEL[0..N) names: a field, LABEL_IGNORED for one we know
 * and skip, LABEL_UNKNOWN. Notes in brackets and "required" marks are
 * part of the words searched, which is why readings are ignored first.
 */
static int field_of(const char *label, size_t n)
{
	char l[160];

	if (n == 0 || n >= sizeof(l))
		return LABEL_UNKNOWN;
	memcpy(l, label, n);
	l[n] = '\0';
	if (strstr(l, "//") != NULL || strchr(l, '@') != NULL)
		return LABEL_UNKNOWN;
	for (size_t g = 0; g < sizeof(label_words) / sizeof(label_words[0]); g++)
		for (size_t w = 0; label_words[g].words[w] != NULL; w++)
			if (strstr(l, label_words[g].words[w]) != NULL)
				return label_words[g].field;
	return LABEL_UNKNOWN;
}

/*
 * Whether LABEL[0..N), with no bullet, bracket or colon to show it, is a
 * label: it ends with a label word (notes and "required" marks aside). A
 * value such as 「株式会社みどり」 contains a label word but ends with none.
 */
static bool bare_label(const char *label, size_t n)
{
	static const char *const endings[] = {
	    "氏名", "名前", "申請者名", "担当者名", "団体名", "会社名", "屋号", "事業者名", "法人名",
	    "企業名", "事業所名", "勤務先", "所属", "住所", "所在地", "送付先", "郵便番号", "電話番号",
	    "電話", "TEL", "メールアドレス", "E-mail", "部数", "冊数", "数量", "目的", "用途",
	    "手続名", "手続き名", "番号", "日時", NULL};
	char l[160];
	size_t len;

	if (n == 0 || n >= sizeof(l))
		return false;
	memcpy(l, label, n);
	l[n] = '\0';
	for (;;) {
		char *open = strrchr(l, '(');

		trim_end(l);
		len = strlen(l);
		if (len > 0 && l[len - 1] == ')' && open != NULL)
			*open = '\0';
		else if (len > 0 && l[len - 1] == '*')
			l[len - 1] = '\0';
		else if (len >= strlen("※必須") && strcmp(l + len - strlen("※必須"), "※必須") == 0)
			l[len - strlen("※必須")] = '\0';
		else
			break;
	}
	for (size_t i = 0; endings[i] != NULL; i++)
		if (len >= strlen(endings[i]) && strcmp(l + len - strlen(endings[i]), endings[i]) == 0)
			return true;
	return false;
}

struct label_line {
	const char *label;
	size_t label_len;
	const char *value; /* the rest of the line, may be "" */
	int field;
};

/* Whether LINE (folded, trimmed) is a label line; fills L when it is. */
static bool label_line(const char *line, struct label_line *l)
{
	const char *s = skip_numbering(line), *c, *sep;
	bool bullet = false;

	memset(l, 0, sizeof(*l));
	if (*s == '\0')
		return false;
	for (size_t i = 0; i < sizeof(brackets) / sizeof(brackets[0]); i++) {
		const char *end;

		if (!starts(s, brackets[i][0]))
			continue;
		end = strstr(s + strlen(brackets[i][0]), brackets[i][1]);
		if (end == NULL)
			break;
		l->label = s + strlen(brackets[i][0]);
		l->label_len = (size_t)(end - l->label);
		if (cp_count(l->label, l->label_len) > MAX_LABEL_CP)
			return false;
		l->value = skip_space(end + strlen(brackets[i][1]));
		if (*l->value == ':')
			l->value = skip_space(l->value + 1);
		l->field = field_of(l->label, l->label_len);
		return true;
	}
	for (size_t i = 0; bullets[i] != NULL; i++)
		if (starts(s, bullets[i])) {
			s = skip_space(s + strlen(bullets[i]));
			bullet = true;
			break;
		}
	c = colon(s);
	if (c != NULL && c > s && cp_count(s, (size_t)(c - s)) <= MAX_LABEL_CP) {
		l->label = s;
		l->label_len = (size_t)(c - s);
		l->value = skip_space(c + 1);
		l->field = field_of(l->label, l->label_len);
		if (!bullet && l->field == LABEL_UNKNOWN && strncmp(s, "http", 4) == 0)
			return false;
		return true;
	}
	/* 「氏名<TAB>山田」「氏名  山田」 or 「氏名」 alone. */
	sep = strchr(s, '\t');
	if (sep == NULL)
		sep = strstr(s, "  ");
	l->label = s;
	l->label_len = sep != NULL ? (size_t)(sep - s) : strlen(s);
	/* After a bullet or an item number (「10. 営利目的の有無」「7. ご用件  ご相談」)
	 * any short label is one; without them only a label we know. */
	if ((bullet || s != line) && *s != '\0' && cp_count(s, l->label_len) <= MAX_LABEL_CP &&
	    (bullet || sep != NULL || cp_count(s, l->label_len) <= MAX_BARE_LABEL_CP)) {
		l->field = field_of(s, l->label_len);
		l->value = sep != NULL ? skip_space(sep) : "";
		return true;
	}
	if (cp_count(s, l->label_len) > MAX_BARE_LABEL_CP || !bare_label(s, l->label_len))
		return false;
	l->field = field_of(s, l->label_len);
	l->value = sep != NULL ? skip_space(sep) : "";
	return true;
}

static bool is_empty_value(const char *v)
{
	for (size_t i = 0; empty_values[i] != NULL; i++)
		if (strcmp(v, empty_values[i]) == 0)
			return true;
	return *v == '\0';
}

/* "NNN-NNNN" from 3 digits, an optional dash and 4 digits at P (after 〒); *END after them. */
static bool postal_at(const char *p, char out[9], const char **end)
{
	if (starts(p, "〒"))
		p = skip_space(p + strlen("〒"));
	for (int i = 0; i < 3; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	out[0] = p[0], out[1] = p[1], out[2] = p[2], out[3] = '-';
	p += 3;
	if (*p == '-')
		p++;
	else if (starts(p, "ー") || starts(p, "−"))
		p += strlen("ー");
	for (int i = 0; i < 4; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		out[4 + i] = p[i];
	}
	if (p[4] >= '0' && p[4] <= '9')
		return false;
	out[8] = '\0';
	if (end != NULL)
		*end = skip_space(p + 4);
	return true;
}

static bool local_char(char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
	       (c != '\0' && strchr("._%+-", c) != NULL);
}

static bool domain_char(char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '.' ||
	       c == '-';
}

/* The mail address in V (the first word with an @ and a dotted domain), or NULL. */
static char *email_in(const char *v)
{
	const char *at = strchr(v, '@'), *a, *b;

	if (at == NULL)
		return NULL;
	for (a = at; a > v && local_char(a[-1]); a--)
		;
	for (b = at + 1; domain_char(*b); b++)
		;
	while (b > at + 1 && b[-1] == '.')
		b--;
	if (a == at || b == at + 1 || memchr(at, '.', (size_t)(b - at)) == NULL)
		return NULL;
	return strndup(a, (size_t)(b - a));
}

static int digit_count(const char *v)
{
	int n = 0;

	for (; *v != '\0'; v++)
		n += *v >= '0' && *v <= '9';
	return n;
}

/* Stores VALUE as field K of F, cleaned as the field needs; an unusable value is dropped. */
static void store(struct eapp_form *f, int k, const char *value)
{
	char postal[9];
	const char *rest;

	/* A "required" mark typed after a bracketed label is no part of the value. */
	for (size_t i = 0; required_marks[i] != NULL; i++)
		if (starts(value, required_marks[i]))
			value = skip_space(value + strlen(required_marks[i]));
	if (f->field[k] != NULL || is_empty_value(value))
		return;
	switch (k) {
	case EAPP_EMAIL:
		f->field[k] = email_in(value);
		break;
	case EAPP_POSTAL_CODE:
		if (postal_at(value, postal, NULL))
			f->field[k] = strdup(postal);
		break;
	case EAPP_ADDRESS:
		if (postal_at(value, postal, &rest)) {
			if (f->field[EAPP_POSTAL_CODE] == NULL) {
				f->field[EAPP_POSTAL_CODE] = strdup(postal);
				f->nfound++;
			}
			value = rest;
		}
		if (*value != '\0')
			f->field[k] = strdup(value);
		break;
	case EAPP_PHONE:
		if (digit_count(value) >= 9)
			f->field[k] = strdup(value);
		break;
	default:
		f->field[k] = strdup(value);
		break;
	}
	if (f->field[k] != NULL)
		f->nfound++;
}

/* The lines of the folded text, each trimmed; *N of them. */
static char **split_lines(char *t, size_t *n)
{
	size_t cap = 1;
	char **v;

	for (const char *p = t; *p != '\0'; p++)
		cap += *p == '\n';
	v = calloc(cap, sizeof(*v));
	*n = 0;
	if (v == NULL)
		return NULL;
	for (char *p = t, *e; p != NULL; p = e != NULL ? e + 1 : NULL) {
		e = strchr(p, '\n');
		if (e != NULL)
			*e = '\0';
		trim_end(p);
		v[(*n)++] = (char *)(uintptr_t)skip_space(p);
	}
	return v;
}

static bool only_postal(const char *v)
{
	const char *end;
	char postal[9];

	return postal_at(v, postal, &end) && *end == '\0';
}

/* The canonical entries for the triage: the words its extraction knows, one per line. */
static void compose(struct eapp_form *f)
{
	struct buf b = BUF_INIT;
	const char *const *v = (const char *const *)f->field;

	if (v[EAPP_NAME])
		buf_printf(&b, "申請者氏名: %s\n", v[EAPP_NAME]);
	if (v[EAPP_ORGANIZATION])
		buf_printf(&b, "団体名: %s\n", v[EAPP_ORGANIZATION]);
	/* The address on the postal code's line, where the extraction reads it. */
	if (v[EAPP_POSTAL_CODE] || v[EAPP_ADDRESS])
		buf_printf(&b, "住所: %s%s%s%s\n", v[EAPP_POSTAL_CODE] ? "〒" : "",
			   v[EAPP_POSTAL_CODE] ? v[EAPP_POSTAL_CODE] : "",
			   v[EAPP_POSTAL_CODE] && v[EAPP_ADDRESS] ? " " : "",
			   v[EAPP_ADDRESS] ? v[EAPP_ADDRESS] : "");
	if (v[EAPP_PHONE])
		buf_printf(&b, "電話番号: %s\n", v[EAPP_PHONE]);
	if (v[EAPP_EMAIL])
		buf_printf(&b, "メールアドレス: %s\n", v[EAPP_EMAIL]);
	if (v[EAPP_COPIES]) {
		const char *c = v[EAPP_COPIES];
		size_t n = strlen(c);
		bool bare = n > 0 && strspn(c, "0123456789,") == n;

		/* 「30」 alone is a count of copies here: the label said so. */
		buf_printf(&b, "希望部数: %s%s\n", c, bare ? "冊" : "");
	}
	if (v[EAPP_PURPOSE])
		buf_printf(&b, "利用目的: %s\n", v[EAPP_PURPOSE]);
	if (b.data == NULL)
		buf_adds(&b, "");
	f->text = buf_steal(&b);
}

void eapp_form_parse(const char *text, struct eapp_form *f)
{
	char *t = fold(text != NULL ? text : "");
	size_t n = 0;
	char **lines = split_lines(t, &n);
	struct label_line l, next;

	memset(f, 0, sizeof(*f));
	for (size_t i = 0; lines != NULL && i < n; i++) {
		struct buf v = BUF_INIT;

		if (!label_line(lines[i], &l) || l.field < 0 || f->field[l.field] != NULL)
			continue;
		buf_adds(&v, l.value);
		if (*l.value != '\0') {
			/* 「住所：〒160-0023」 with the address on the line below. */
			if ((l.field == EAPP_ADDRESS || l.field == EAPP_POSTAL_CODE) &&
			    only_postal(l.value) && i + 1 < n && *lines[i + 1] != '\0' &&
			    !label_line(lines[i + 1], &next)) {
				if (l.field == EAPP_POSTAL_CODE)
					store(f, EAPP_POSTAL_CODE, l.value);
				buf_printf(&v, " %s", lines[i + 1]);
				l.field = EAPP_ADDRESS;
			}
		} else {
			size_t j = i + 1, taken = 0;

			if (j < n && *lines[j] == '\0')
				j++;
			for (; j < n && *lines[j] != '\0' && taken < MAX_VALUE_LINES &&
			       !label_line(lines[j], &next);
			     j++, taken++)
				buf_printf(&v, "%s%s", taken ? " " : "", lines[j]);
		}
		if (v.data != NULL)
			store(f, l.field, v.data);
		buf_free(&v);
	}
	compose(f);
	free(lines);
	free(t);
}

char *eapp_form_words(const char *text)
{
	char *t = fold(text != NULL ? text : "");
	size_t n = 0;
	char **lines = split_lines(t, &n);
	struct buf b = BUF_INIT;
	struct label_line l;
	bool contact = false;

	for (size_t i = 0; lines != NULL && i < n; i++) {
		if (*lines[i] == '\0') {
			contact = false;
			continue;
		}
		if (label_line(lines[i], &l)) {
			/* Who and where the applicant is says nothing about what is asked. */
			contact = l.field == LABEL_IGNORED || (l.field >= 0 && l.field <= EAPP_EMAIL);
			if (!contact && *l.value != '\0')
				buf_printf(&b, "%s\n", l.value);
			continue;
		}
		if (!contact)
			buf_printf(&b, "%s\n", lines[i]);
	}
	if (b.data == NULL)
		buf_adds(&b, "");
	free(lines);
	free(t);
	return buf_steal(&b);
}

void eapp_form_free(struct eapp_form *f)
{
	for (int k = 0; k < EAPP_NFIELDS; k++)
		free(f->field[k]);
	free(f->text);
	memset(f, 0, sizeof(*f));
}
