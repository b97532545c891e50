/*
 * triage.c - the triage result of a request, as decided, printed and stored.
 */
#include "triage.h"

#include "buf.h"
#include "json.h"
#include "eapp_form.h"
#include "mail_decode.h"
#include "mail_text.h"
#include "subject_norm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *triage_mail_kind(const struct decoded_mail *m)
{
	if (m->kind == MAIL_AUTOREPLY || m->kind == MAIL_LIST)
		return "autoreply";
	if (m->kind == MAIL_BOUNCE)
		return "bounce";
	/* An application that names a number of copies is a guidebook request, whatever its words. */
	if (m->eapp && m->applicant.field[EAPP_COPIES] != NULL)
		return "material_request";
	if (m->case_tag[0] != '\0' || m->in_reply_to != NULL)
		return "followup";
	return NULL;
}

/*
 * SUBJECT, a line break and TEXT (either NULL: none), copied: printf's
 * measuring pass over a long text was 7% of a worker's CPU.
 */
static void subject_and(struct buf *out, const char *subject, const char *text)
{
	if (subject != NULL)
		buf_adds(out, subject);
	buf_addc(out, '\n');
	if (text != NULL)
		buf_adds(out, text);
}

void triage_mail_texts(const struct decoded_mail *m, struct buf *text, struct buf *facts)
{
	char *request = mail_request_words(m->text != NULL ? m->text : "", subject_prefix_kind(m->subject) == SUBJECT_FORWARD);

	/* An application's entries first: the extraction takes the first fact it finds. */
	if (m->eapp) {
		buf_adds(text, m->applicant.text);
		buf_adds(facts, m->applicant.text);
	}
	if (m->eapp) {
		/* The service's subject is the same for every application: the entries decide.
		 * The whole notice: the service's rule lines (━━━, ===) are no signature,
		 * and the entries below them are the applicant's. */
		char *words = eapp_form_words(m->text != NULL ? m->text : "");

		buf_adds(text, words);
		free(words);
		subject_and(facts, m->subject, m->text);
	} else {
		subject_and(text, m->subject, m->own_words);
		subject_and(facts, m->subject, request);
	}
	free(request);
}

void triage_text(const struct classifier *cl, const struct shipping_policy *policy,
		 const char *text, const char *kind_hint, struct triage *out)
{
	triage_request(cl, policy, text, NULL, kind_hint, out);
}

void triage_request(const struct classifier *cl, const struct shipping_policy *policy,
		    const char *text, const char *facts, const char *kind_hint, struct triage *out)
{
	memset(out, 0, sizeof(*out));
	classify_text(cl, text, &out->cls);
	if (kind_hint != NULL)
		snprintf(out->kind, sizeof(out->kind), "%s", kind_hint);
	else if (strcmp(out->cls.intent, "material_request") == 0)
		snprintf(out->kind, sizeof(out->kind), "%s", out->cls.intent);
	else
		/* Whatever is not a guidebook request is a consultation the desk
		 * answers, a question off its subject (category other) too. */
		snprintf(out->kind, sizeof(out->kind), "consultation");
	/* The shipping plan belongs to guidebook requests, new or followed up. */
	if (policy != NULL && ((kind_hint != NULL && strcmp(kind_hint, "material_request") == 0) ||
			       (strcmp(out->cls.intent, "material_request") == 0 &&
				(kind_hint == NULL || strcmp(kind_hint, "followup") == 0)))) {
		out->has_material = true;
		material_extract(facts != NULL ? facts : text, policy, &out->material);
		material_plan(&out->material, NULL, policy);
	}
}

/* How much of V fits in MAX bytes, cut before a code point (V[cut] starts one or ends V). */
static int fit(const char *v, size_t max)
{
	size_t cut = strlen(v);

	if (cut > max) {
		cut = max;
		while (cut > 0 && ((unsigned char)v[cut] & 0xC0) == 0x80)
			cut--;
	}
	return (int)cut;
}

/* Entry K of form F as field MF, unless the text already gave it. */
static void take_entry(struct material_field *mf, const struct eapp_form *f, enum eapp_field k,
		       const char *label)
{
	const char *v = f->field[k];

	if (v == NULL || mf->value[0] != '\0')
		return;
	snprintf(mf->value, sizeof(mf->value), "%.*s", fit(v, sizeof(mf->value) - 1), v);
	snprintf(mf->from, sizeof(mf->from), "「%s: %.*s」", label,
		 fit(v, sizeof(mf->from) - 1 - strlen(label) - 2 - 2 * strlen("「")), v);
}

void triage_take_form(struct triage *t, const struct eapp_form *f)
{
	struct material_request *mr = &t->material;

	if (!t->has_material || f == NULL)
		return;
	/* The extraction finds a 屋号 or a name only by its words; the form's label says what it is. */
	take_entry(&mr->organization, f, EAPP_ORGANIZATION, "団体名");
	take_entry(&mr->contact, f, EAPP_NAME, "氏名");
	take_entry(&mr->address, f, EAPP_ADDRESS, "住所");
}

/* The ;-separated LIST as a JSON array of strings. */
static void json_list(struct buf *out, const char *list)
{
	const char *p = list;
	bool first = true;

	buf_addc(out, '[');
	while (*p != '\0') {
		size_t n = strcspn(p, ";");

		if (n > 0) {
			char item[64];

			snprintf(item, sizeof(item), "%.*s", (int)n, p);
			buf_adds(out, first ? "" : ",");
			json_buf_string(out, item);
			first = false;
		}
		p += n;
		if (*p == ';')
			p++;
	}
	buf_addc(out, ']');
}

void triage_json(const struct triage *t, bool explain, struct buf *out)
{
	const struct classify_result *r = &t->cls;

	buf_adds(out, "{\"kind\":");
	json_buf_string(out, t->kind);
	buf_adds(out, ",\"category\":");
	json_buf_string(out, r->scores[0].code);
	buf_printf(out, ",\"confidence\":%.3f,\"alternatives\":[", r->scores[0].score);
	for (size_t i = 1; i < r->nscores; i++) {
		buf_adds(out, i > 1 ? ",{\"category\":" : "{\"category\":");
		json_buf_string(out, r->scores[i].code);
		buf_printf(out, ",\"score\":%.3f}", r->scores[i].score);
	}
	buf_printf(out, "],\"urgent\":%s,\"referrals\":", r->urgent ? "true" : "false");
	json_list(out, r->referrals);
	buf_adds(out, ",\"answers\":");
	json_list(out, r->answers);
	buf_adds(out, ",\"material_request\":");
	if (t->has_material)
		material_json(&t->material, out);
	else
		buf_adds(out, "null");
	if (explain) {
		buf_adds(out, ",\"explain\":[");
		for (size_t i = 0; i < r->nexplain; i++) {
			buf_adds(out, i ? "," : "");
			json_buf_string(out, r->explain[i]);
		}
		buf_addc(out, ']');
	}
	buf_addc(out, '}');
}
