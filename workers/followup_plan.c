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

		triage_text(cl, policy, p->texts[i], NULL, &t);
		if (t.has_material)
			return true;
	}
	return false;
}

static void plan_detail(struct buf *b, const char *method, const char *copies)
{
	buf_adds(b, "{\"method\":");
	if (*method != '\0')
		json_buf_string(b, method);
	else
		buf_adds(b, "null");
	buf_printf(b, ",\"copies\":%s}", *copies != '\0' ? copies : "null");
}

int followup_replan(PGconn *db, const struct config *cfg, const struct classifier *cl,
		    const char *number)
{
	struct thread_plan p;
	struct shipping_policy policy;
	struct material_request mr;
	struct buf json = BUF_INIT, detail = BUF_INIT;
	char copies[24];
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
	material_extract(p.texts[0], &policy, &mr);
	for (size_t i = 1; i < p.ntexts; i++) {
		struct material_request later;

		material_extract(p.texts[i], &policy, &later);
		overlay(&mr, &later);
	}
	material_plan(&mr, NULL, &policy);
	material_json(&mr, &json);
	snprintf(copies, sizeof(copies), "%d", mr.copies);
	buf_adds(&detail, "{\"old\":");
	plan_detail(&detail, p.method, p.copies);
	buf_adds(&detail, ",\"new\":");
	plan_detail(&detail, ship_method_name(mr.method), mr.copies >= 0 ? copies : "");
	buf_adds(&detail, "}");
	rc = thread_plan_store(db, &p, number, json.data, detail.data);
out:
	buf_free(&json);
	buf_free(&detail);
	thread_plan_free(&p);
	return rc;
}
