/*
 * material.h - requests for printed guidebooks: what the requester told us
 * (extraction, material.c) and what the desk does about it (the plan,
 * material_plan.c).
 *
 * Extraction never guesses: a field not found in the text stays unknown and
 * is listed in needs_info; every field found keeps the words it came from.
 */
#ifndef MADOGUCHI_MATERIAL_H
#define MADOGUCHI_MATERIAL_H

#include "shipping_policy.h"

#include <stdbool.h>
#include <stddef.h>

struct buf;

/* The desk's shipping rules; defaults from its manual, set in [shipping]. */
enum tri { TRI_UNKNOWN = -1, TRI_NO = 0, TRI_YES = 1 };

enum ship_method {
	SHIP_UNKNOWN = -1, /* a name that is none of these, in a stored plan or from staff */
	SHIP_NEEDS_INFO,
	SHIP_MAIL_FREE,
	SHIP_PICKUP_OR_COD,
	SHIP_DEFERRED,
	SHIP_DECLINE,
};

/* One extracted fact: its value and the words of the request it was read from. */
struct material_field {
	char value[192];
	char from[96];
};

#define MATERIAL_MAX_PACKAGES 4
#define MATERIAL_MAX_COPIES 100000 /* more is a typing error, not a shipment */

struct material_package {
	char type[12]; /* envelope | box */
	int size;
	int count;
};

struct material_request {
	/* extraction */
	int copies; /* -1: not stated */
	struct material_field copies_text, organization, contact, postal_code, address, phone, fax,
		purpose;
	enum tri tokyo, sme, for_profit;
	struct material_field tokyo_why, sme_why, profit_why;
	bool pickup, pdf_only;
	struct material_field pickup_why, pdf_why;

	/* plan */
	bool planned; /* the plan below holds: decided, or read back from the case */
	enum ship_method method;
	struct material_package packages[MATERIAL_MAX_PACKAGES];
	size_t npackages;
	char needs_info[6][16]; /* field names to ask for */
	size_t nneeds;
	char reason[320];
};

/* Reads the request's facts from TEXT (UTF-8, the requester's own words or fax OCR text). */
void material_extract(const char *text, const struct shipping_policy *policy,
		      struct material_request *mr);

/* What staff say over a request in madoctl ship plan, as typed; NULL where they say nothing. */
struct material_staff {
	const char *copies; /* the count they confirmed */
	const char *method; /* the method they chose, by name (ship_method_name) */
};

/*
 * Plans MR under POLICY and with what STAFF say (NULL: nothing): sets its
 * method, packages, needs_info and reason, and its copies when staff
 * confirm them. The only place the policy chooses a method.
 *
 * A request not planned yet (as material_extract leaves it) is judged from
 * its facts: declined when the requester wants the PDF only, is outside
 * Tokyo (if the policy says so), is no small business or wants it for
 * profit; needs_info while the count, the place, the purpose or the size of the
 * business is unknown;
 * else the count against the policy's thresholds. A request planned before
 * (material_planned) keeps its method. Then staff: a method they choose
 * stands as chosen; copies they confirm without a method choose it by the
 * thresholds again, except for a declined request, which stays declined.
 */
void material_plan(struct material_request *mr, const struct material_staff *staff,
		   const struct shipping_policy *policy);

/*
 * MR as planned before, from what the triage stored with the case: COPIES
 * and METHOD as text (NULL when absent) and the requester's PICKUP wish;
 * the other facts unknown. For material_plan with what staff say.
 */
void material_planned(struct material_request *mr, const char *copies, const char *method,
		      bool pickup);

enum material_verdict {
	MATERIAL_SHIPPABLE,
	MATERIAL_NOT_SHIPPED, /* declined, or facts are missing: the reason says why */
	MATERIAL_NO_METHOD,   /* SHIP_UNKNOWN */
	MATERIAL_BAD_COPIES,  /* not from 1 to MATERIAL_MAX_COPIES */
};

/* Whether MR's plan can become a shipment, checked in that order. */
enum material_verdict material_shippable(const struct material_request *mr);

const char *ship_method_name(enum ship_method m);

/* The packages for COPIES under the deferred method: fewest boxes, then the smallest. */
size_t material_box_plan(int copies, const struct shipping_policy *p,
			 struct material_package *out, size_t max);

/* The packages of METHOD for COPIES (none for a pick-up, a decline or missing facts). */
size_t material_packages(enum ship_method method, int copies, bool pickup,
			 const struct shipping_policy *p, struct material_package *out, size_t max);

/* The method named NAME (as in JSON), or -1. */
int ship_method_parse(const char *name);

/* PK[0..N) as a JSON array of {"type","size","count"} objects, appended to OUT. */
void material_packages_json(const struct material_package *pk, size_t n, struct buf *out);

/* MR as the "material_request" object of madoctl classify --json. */
void material_json(const struct material_request *mr, struct buf *out);

/* Decimal value of a Japanese or Arabic numeral at S (full-width allowed); -1 if none. *LEN: bytes read. */
long material_parse_number(const char *s, size_t *len);

#endif
