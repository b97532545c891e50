/*
 * followup_plan.c - a guidebook request completed or changed by a
 * follow-up ("the address is …", "make it 10 copies"): see followup_plan.h.
 * The facts are read from each mail on its own and then laid over one
 * another, so a later mail overrides only what it states.
 */
#include "followup_plan.h"

#include "buf.h"
#include "db_thread.h"
#include "json.h"
#include "mail_text.h"
#include "subject_norm.h"
#include "material.h"
#include "shipping_policy.h"
#include "triage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void take_field(struct material_field *to, const struct material_field *from)
{
	if (from->value[0] != '\0')
		*to = *from;
}

static void take_tri(enum tri *to, struct material_field *why, enum tri from,
		     const struct material_field *from_why)
{
	if (from != TRI_UNKNOWN) {
		*to = from;
		*why = *from_why;
	}
}

/* Lays what LATER states over MR; the plan is left to be made again. */
static void overlay(struct material_request *mr, const struct material_request *later)
{
	if (later->copies >= 0) {
		mr->copies = later->copies;
		mr->copies_text = later->copies_text;
	}
	take_field(&mr->organization, &later->organization);
	take_field(&mr->contact, &later->contact);
	take_field(&mr->postal_code, &later->postal_code);
	take_field(&mr->address, &later->address);
	take_field(&mr->phone, &later->phone);
	take_field(&mr->fax, &later->fax);
	take_field(&mr->purpose, &later->purpose);
	take_tri(&mr->tokyo, &mr->tokyo_why, later->tokyo, &later->tokyo_why);
	take_tri(&mr->sme, &mr->sme_why, later->sme, &later->sme_why);
	take_tri(&mr->for_profit, &mr->profit_why, later->for_profit, &later->profit_why);
	if (later->pickup) {
		mr->pickup = true;
		mr->pickup_why = later->pickup_why;
	}
	if (later->pdf_only) {
		mr->pdf_only = true;
		mr->pdf_why = later->pdf_why;
	}
}

/* Whether a mail after the first asks for guidebooks, as the classifier reads it. */
static bool later_asks(const struct classifier *cl, const struct shipping_policy *policy,
		       const struct thread_plan *p)
{
	for (size_t i = 1; i < p->ntexts; i++) {
		struct triage t;
		char *own = mail_own_words(p->texts[i]);

		triage_text(cl, policy, own != NULL ? own : p->texts[i], NULL, &t);
		free(own);
		if (t.has_material)
			return true;
	}
	return false;
}

int followup_replan(PGconn *db, const struct config *cfg, const struct classifier *cl,
		    const char *number)
{
	struct thread_plan p;
	struct shipping_policy policy;
	struct material_request mr;
	struct buf json = BUF_INIT, detail = BUF_INIT;
	int rc = 0;

	if (cl == NULL)
		return 0;
	shipping_policy_from_config(cfg, &policy);
	if (thread_plan_load(db, number, &p) == -1) {
		thread_plan_free(&p);
		return -1;
	}
	/* A plan staff acted on wins over anything the requester writes later. */
	if (p.decided || p.ntexts < 2 || (!p.has_plan && !later_asks(cl, &policy, &p)))
		goto out;
	for (size_t i = 0; i < p.ntexts; i++) {
		struct material_request later;
		/* What each mail says, signature included, quoted history not. */
		char *words = mail_request_words(p.texts[i], subject_prefix_kind(p.texts[i]) == SUBJECT_FORWARD);

		material_extract(words != NULL ? words : p.texts[i], &policy, i == 0 ? &mr : &later);
		free(words);
		if (i > 0)
			overlay(&mr, &later);
	}
	material_plan(&mr, NULL, &policy);
	material_json(&mr, &json);
	/* The whole plans, old and new: what the requester's first mail was read as stays on record. */
	buf_printf(&detail, "{\"old\":%s,\"new\":%s}", p.plan != NULL ? p.plan : "null", json.data);
	rc = thread_plan_store(db, &p, number, json.data, detail.data);
out:
	buf_free(&json);
	buf_free(&detail);
	thread_plan_free(&p);
	return rc;
}
