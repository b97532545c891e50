/*
 * material.h - requests for printed guidebooks: what the requester told us
 * (extraction) and what the desk does about it (the plan).
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

/* Decides the method and packages for MR under POLICY. */
void material_plan(struct material_request *mr, const struct shipping_policy *policy);

const char *ship_method_name(enum ship_method m);

/* The packages for COPIES under the deferred method: fewest boxes, then the smallest. */
size_t material_box_plan(int copies, const struct shipping_policy *p,
			 struct material_package *out, size_t max);

/* The packages of METHOD for COPIES (none for a pick-up, a decline or missing facts). */
size_t material_packages(enum ship_method method, int copies, bool pickup,
			 const struct shipping_policy *p, struct material_package *out, size_t max);

/* The method named NAME (as in JSON), or -1. */
int ship_method_parse(const char *name);

/* MR as the "material_request" object of madoctl classify --json. */
void material_json(const struct material_request *mr, struct buf *out);

/* Decimal value of a Japanese or Arabic numeral at S (full-width allowed); -1 if none. *LEN: bytes read. */
long material_parse_number(const char *s, size_t *len);

#endif
