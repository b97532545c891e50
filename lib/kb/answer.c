/*
 * answer.c - standard answers: placeholders checked and filled.
 *
 * A referral is written from the directory in force when the answer is
 * drafted, never copied into the template: when a body changes its number,
 * one directory edit fixes every answer. Where the desk's sources disagree
 * on a number the verified row wins, and a row still to be verified is
 * marked so that staff check it before sending.
 */
#include "answer.h"

#include "buf.h"
#include "db_kb.h"

#include <string.h>

/* Length of the placeholder name at P (just after "{{"), or -1 when unterminated. */
static long placeholder_len(const char *p)
{
	const char *end = strstr(p, "}}");
	const char *nl = strchr(p, '\n');

	if (end == NULL || (nl != NULL && nl < end) || end - p > 200)
		return -1;
	return end - p;
}

int answer_check(PGconn *db, const char *body, const char *file, int first_line, FILE *errs)
{
	int line = first_line, nerr = 0;

	for (const char *p = body; *p != '\0'; p++) {
		long n;
		char name[208];

		if (*p == '\n')
			line++;
		if (p[0] != '{' || p[1] != '{')
			continue;
		if ((n = placeholder_len(p + 2)) < 0) {
			fprintf(errs, "%s:%d: unterminated {{ (placeholders are {{requester}}, "
				      "{{case_no}}, {{referral:CODE}}, {{guidebook:PAGES}})\n",
				file, line);
			nerr++;
			continue;
		}
		snprintf(name, sizeof(name), "%.*s", (int)n, p + 2);
		if (strcmp(name, "requester") == 0 || strcmp(name, "case_no") == 0 ||
		    strncmp(name, "guidebook:", 10) == 0) {
			/* known */
		} else if (strncmp(name, "referral:", 9) == 0) {
			int ok = db_kb_referral_exists(db, name + 9);

			if (ok == -1)
				return -1;
			if (!ok) {
				fprintf(errs, "%s:%d: {{%s}}: no such referral in the directory\n",
					file, line, name);
				nerr++;
			}
		} else {
			fprintf(errs, "%s:%d: {{%s}}: unknown placeholder\n", file, line, name);
			nerr++;
		}
		p += n + 3;
	}
	return nerr;
}

/* "name (kind) TEL … / mail … / form …", the verified row first. */
static int render_referral(PGconn *db, const char *code, struct buf *out)
{
	struct db_kb_referral_row ref;
	int found = db_kb_referral(db, code, &ref);

	if (found == -1)
		return -1;
	if (found == 0) {
		buf_printf(out, "[%s: 窓口一覧にありません]", code);
		return 0;
	}
	buf_printf(out, "%s(%s)", ref.name_ja, ref.kind);
	if (ref.phone[0] != '\0')
		buf_printf(out, " 電話 %s", ref.phone);
	if (ref.email[0] != '\0')
		buf_printf(out, " %s", ref.email);
	if (ref.form_url[0] != '\0')
		buf_printf(out, " %s", ref.form_url);
	if (ref.needs_verification)
		buf_adds(out, " [要確認: 連絡先を確かめてから送信]");
	db_kb_referral_row_free(&ref);
	return 0;
}

int answer_render(PGconn *db, const char *body, const char *requester, const char *case_no,
		  struct buf *out)
{
	for (const char *p = body; *p != '\0';) {
		long n;
		char name[208];

		if (p[0] != '{' || p[1] != '{' || (n = placeholder_len(p + 2)) < 0) {
			buf_addc(out, *p++);
			continue;
		}
		snprintf(name, sizeof(name), "%.*s", (int)n, p + 2);
		if (strcmp(name, "requester") == 0) {
			buf_adds(out, requester);
		} else if (strcmp(name, "case_no") == 0) {
			buf_adds(out, case_no);
		} else if (strncmp(name, "referral:", 9) == 0) {
			if (render_referral(db, name + 9, out) == -1)
				return -1;
		} else if (strncmp(name, "guidebook:", 10) == 0) {
			const char *q = name + 10;

			buf_adds(out, "ガイドブック「中小企業向けサイバーセキュリティ対策の極意」");
			while (*q != '\0') {
				size_t k = strcspn(q, ";");

				buf_printf(out, "%s%.*s", q == name + 10 ? " p." : "、p.", (int)k, q);
				q += k + (q[k] == ';');
			}
		} else {
			buf_add(out, p, (size_t)n + 4); /* unknown: left for staff to see */
		}
		p += n + 4;
	}
	return 0;
}
