/*
 * triage.h - what a request is and what the desk does with it: the kind
 * (consultation, material request, follow-up ...), the classification,
 * and for guidebook requests the extracted facts and shipping plan. One
 * result for the workers (stored with the case) and for madoctl classify.
 */
#ifndef MADOGUCHI_TRIAGE_H
#define MADOGUCHI_TRIAGE_H

#include "classify.h"
#include "material.h"

#include <libpq-fe.h>
#include <stdbool.h>

struct buf;
struct decoded_mail;

struct triage {
	char kind[24]; /* consultation material_request followup autoreply bounce */
	struct classify_result cls;
	bool has_material;
	struct material_request material;
};

/*
 * The kind a mail's headers already decide (autoreply, bounce, followup),
 * or that an application's form decides (material_request: it asks for
 * copies), or NULL when its words must decide.
 */
const char *triage_mail_kind(const struct decoded_mail *m);

/*
 * Triage of TEXT (UTF-8: the subject and the requester's own words, or fax
 * OCR text). KIND_HINT from triage_mail_kind, or NULL; "material_request"
 * reads the guidebook facts whatever the category.
 */
void triage_text(const struct classifier *cl, const struct shipping_policy *policy,
		 const char *text, const char *kind_hint, struct triage *out);

/*
 * What of mail M is read: TEXT gets what it is classified on (the subject
 * and the sender's own words), FACTS what its guidebook facts are read
 * from (the same with the signature); an application's entries lead both.
 */
struct buf;
void triage_mail_texts(const struct decoded_mail *m, struct buf *text, struct buf *facts);

/*
 * The same, with the guidebook facts read from FACTS (NULL: from TEXT): a
 * mail is classified on its own words, but who asks and from where is in
 * its signature, which the classifier is better without.
 */
void triage_request(const struct classifier *cl, const struct shipping_policy *policy,
		    const char *text, const char *facts, const char *kind_hint, struct triage *out);

/*
 * Completes T's guidebook facts with what an application form F said and
 * the text did not: the organisation, the contact, an address without a
 * postal code. Nothing the text gave is changed, and the plan is not.
 */
struct eapp_form;
void triage_take_form(struct triage *t, const struct eapp_form *f);

/* The result as the JSON object of madoctl classify --json; with the explanation if EXPLAIN. */
void triage_json(const struct triage *t, bool explain, struct buf *out);


#endif
