/*
 * shipment.h - the manual's checklist for sending guidebooks, per method.
 *
 * Deferred postage (料金後納) has the full checklist; free mail and cash on
 * delivery are shorter subsets of it. Steps are done in order.
 */
#ifndef MADOGUCHI_SHIPMENT_H
#define MADOGUCHI_SHIPMENT_H

#include "material.h"

#include <stddef.h>

struct shipment_step {
	const char *code;  /* what madoctl ship advance takes */
	const char *label; /* the manual's name for it */
};

/* The steps of METHOD in order; *N gets how many (0 for decline, needs_info and unknown). */
const struct shipment_step *shipment_steps(enum ship_method method, size_t *n);

#endif
