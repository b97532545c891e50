/*
 * shipping_policy.h - the desk's guidebook shipping rules as numbers: how
 * many copies go free by post, up to what count they are picked up or sent
 * cash on delivery, box sizes, and who is eligible. From the [shipping]
 * section of the configuration, or the manual's defaults.
 */
#ifndef MADOGUCHI_SHIPPING_POLICY_H
#define MADOGUCHI_SHIPPING_POLICY_H

#include <stdbool.h>

struct config;

struct shipping_policy {
	int free_max;          /* up to this many copies: free mail in an envelope */
	int pickup_max;        /* up to this many: pick-up at the desk or cash on delivery */
	int envelope_size;     /* parcel size of the free envelope */
	int box_large_copies;  /* copies per large box ... */
	int box_large_size;    /* ... and its parcel size */
	int box_small_copies;  /* copies per small box (also what "1箱" means) ... */
	int box_small_size;    /* ... and its parcel size */
	bool tokyo_only;       /* only requesters located in Tokyo are eligible */
	const char *pdf_url;   /* where the guidebook can be downloaded */
	const char *desk_phone; /* the desk's own numbers, printed on its forms: never a */
	const char *desk_fax;   /* requester's (NULL: none) */
};

/* The manual's numbers, for callers without a config. */
void shipping_policy_default(struct shipping_policy *p);

/* The [shipping] rules of CFG as a policy (strings borrowed from CFG). */
void shipping_policy_from_config(const struct config *cfg, struct shipping_policy *out);

#endif
