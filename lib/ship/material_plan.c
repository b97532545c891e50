/*
 * material_plan.c - what the desk does about a guidebook request: the one
 * place the shipping rules choose a method and the packages.
 *
 * Two callers decide: the worker, from the facts it read in a new request,
 * and staff in madoctl ship plan, from the plan the triage stored with the
 * case and what they say over it. Both come through material_plan(), so
 * the thresholds of the policy are applied in one place (by_copies()).
 */
#include "material.h"

#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t material_box_plan(int copies, const struct shipping_policy *p, struct material_package *out,
			 size_t max)
{
	int large = copies / p->box_large_copies, rest = copies % p->box_large_copies;
	size_t n = 0;

	/* The remainder rides in one more box: the small one when it holds it. */
	if (rest > 0 && rest > p->box_small_copies)
		large++;
	if (large > 0 && n < max)
		out[n++] = (struct material_package){"box", p->box_large_size, large};
	if (rest > 0 && rest <= p->box_small_copies && n < max)
		out[n++] = (struct material_package){"box", p->box_small_size, 1};
	return n;
}

size_t material_packages(enum ship_method method, int copies, bool pickup,
			 const struct shipping_policy *p, struct material_package *out, size_t max)
{
	switch (method) {
	case SHIP_MAIL_FREE:
		if (max == 0)
			return 0;
		out[0] = (struct material_package){"envelope", p->envelope_size, 1};
		return 1;
	case SHIP_PICKUP_OR_COD:
		/* Collected at the desk: nothing to pack; else a parcel on delivery. */
		return pickup ? 0 : material_box_plan(copies, p, out, max);
	case SHIP_DEFERRED:
		return material_box_plan(copies, p, out, max);
	case SHIP_UNKNOWN:
	case SHIP_NEEDS_INFO:
	case SHIP_DECLINE:
		break;
	}
	return 0;
}

static void need(struct material_request *mr, const char *field)
{
	if (mr->nneeds < sizeof(mr->needs_info) / sizeof(mr->needs_info[0]))
		snprintf(mr->needs_info[mr->nneeds++], sizeof(mr->needs_info[0]), "%s", field);
}

static void decline(struct material_request *mr, const struct shipping_policy *p, const char *why)
{
	mr->method = SHIP_DECLINE;
	snprintf(mr->reason, sizeof(mr->reason), "%s; the guidebook can be downloaded as PDF%s%s", why,
		 p->pdf_url != NULL ? ": " : "", p->pdf_url != NULL ? p->pdf_url : "");
}

/* The policy's thresholds: MR->copies (at least 1) chooses the method. */
static void by_copies(struct material_request *mr, const struct shipping_policy *p)
{
	if (mr->copies <= p->free_max) {
		mr->method = SHIP_MAIL_FREE;
		snprintf(mr->reason, sizeof(mr->reason),
			 "%d copies: free parcel in one envelope (size %d); destination by FAX",
			 mr->copies, p->envelope_size);
	} else if (mr->copies <= p->pickup_max) {
		mr->method = SHIP_PICKUP_OR_COD;
		snprintf(mr->reason, sizeof(mr->reason),
			 "%d copies: pick-up at the desk%s, else cash on delivery", mr->copies,
			 mr->pickup ? " (the requester offers to collect)" : "");
	} else {
		mr->method = SHIP_DEFERRED;
		snprintf(mr->reason, sizeof(mr->reason),
			 "%d copies: parcel with deferred postage (料金後納)", mr->copies);
	}
}

/* The plan from the facts alone: eligibility first, then what is missing, then the count. */
static void judge(struct material_request *mr, const struct shipping_policy *p)
{
	char why[200];

	mr->nneeds = 0;
	mr->reason[0] = '\0';
	if (mr->pdf_only) {
		snprintf(why, sizeof(why), "the requester wants the PDF only %.96s", mr->pdf_why.from);
		decline(mr, p, why);
		return;
	}
	if (p->tokyo_only && mr->tokyo == TRI_NO) {
		snprintf(why, sizeof(why), "not located in Tokyo (%.60s %.90s)", mr->tokyo_why.value,
			 mr->tokyo_why.from);
		decline(mr, p, why);
		return;
	}
	if (mr->sme == TRI_NO) {
		snprintf(why, sizeof(why), "not a small or medium business %.96s", mr->sme_why.from);
		decline(mr, p, why);
		return;
	}
	if (mr->for_profit == TRI_YES) {
		snprintf(why, sizeof(why), "for-profit use %.96s", mr->profit_why.from);
		decline(mr, p, why);
		return;
	}
	if (mr->copies <= 0)
		need(mr, "copies");
	if (p->tokyo_only && mr->tokyo == TRI_UNKNOWN)
		need(mr, "address");
	if (mr->for_profit == TRI_UNKNOWN)
		need(mr, "purpose");
	/* Eligibility that cannot be told is asked, never guessed either way. */
	if (mr->sme == TRI_UNKNOWN)
		need(mr, "business_size");
	if (mr->nneeds > 0) {
		struct buf b = BUF_INIT;

		mr->method = SHIP_NEEDS_INFO;
		buf_adds(&b, "ask the requester for:");
		for (size_t i = 0; i < mr->nneeds; i++)
			buf_printf(&b, "%s %s", i ? "," : "", mr->needs_info[i]);
		if (mr->copies == 0)
			buf_adds(&b, " (0 copies stated)");
		snprintf(mr->reason, sizeof(mr->reason), "%s", b.data);
		buf_free(&b);
		return;
	}
	by_copies(mr, p);
}

void material_planned(struct material_request *mr, const char *copies, const char *method,
		      bool pickup)
{
	int m = method != NULL ? ship_method_parse(method) : -1;

	memset(mr, 0, sizeof(*mr));
	mr->tokyo = mr->sme = mr->for_profit = TRI_UNKNOWN;
	mr->copies = copies != NULL ? atoi(copies) : -1;
	mr->method = m >= 0 ? (enum ship_method)m : SHIP_UNKNOWN;
	mr->pickup = pickup;
	mr->planned = true;
}

void material_plan(struct material_request *mr, const struct material_staff *staff,
		   const struct shipping_policy *p)
{
	if (!mr->planned) {
		judge(mr, p);
		mr->planned = true;
	}
	if (staff != NULL && staff->copies != NULL)
		mr->copies = atoi(staff->copies);
	if (staff != NULL && staff->method != NULL) {
		int m = ship_method_parse(staff->method);

		mr->method = m >= 0 ? (enum ship_method)m : SHIP_UNKNOWN;
	} else if (staff != NULL && staff->copies != NULL && mr->method != SHIP_DECLINE &&
		   mr->copies > 0) {
		/* Copies confirmed by staff: the method follows the thresholds, unless declined. */
		by_copies(mr, p);
	}
	mr->npackages = material_packages(mr->method, mr->copies, mr->pickup, p, mr->packages,
					  MATERIAL_MAX_PACKAGES);
}

enum material_verdict material_shippable(const struct material_request *mr)
{
	if (mr->method == SHIP_DECLINE || mr->method == SHIP_NEEDS_INFO)
		return MATERIAL_NOT_SHIPPED;
	if (mr->method == SHIP_UNKNOWN)
		return MATERIAL_NO_METHOD;
	if (mr->copies <= 0 || mr->copies > MATERIAL_MAX_COPIES)
		return MATERIAL_BAD_COPIES;
	return MATERIAL_SHIPPABLE;
}

void material_packages_json(const struct material_package *pk, size_t n, struct buf *out)
{
	buf_addc(out, '[');
	for (size_t i = 0; i < n; i++)
		buf_printf(out, "%s{\"type\":\"%s\",\"size\":%d,\"count\":%d}", i ? "," : "",
			   pk[i].type, pk[i].size, pk[i].count);
	buf_addc(out, ']');
}
