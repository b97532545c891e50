/*
 * shipping_policy.c - the shipping rules from the configuration or the
 * manual. Here rather than in config.c, so that reading a configuration
 * file does not depend on the shipping code.
 */
#include "shipping_policy.h"

#include "config.h"

void shipping_policy_default(struct shipping_policy *p)
{
	p->free_max = 10;
	p->pickup_max = 49;
	p->envelope_size = 60;
	p->box_large_copies = 100;
	p->box_large_size = 100;
	p->box_small_copies = 50;
	p->box_small_size = 80;
	p->tokyo_only = true;
	p->pdf_url = NULL;
	p->desk_phone = "03-5320-4773";
	p->desk_fax = "03-5388-1461";
}

void shipping_policy_from_config(const struct config *cfg, struct shipping_policy *out)
{
	out->free_max = cfg->ship_free_max;
	out->pickup_max = cfg->ship_pickup_max;
	out->envelope_size = cfg->ship_envelope_size;
	out->box_large_copies = cfg->ship_box_large_copies;
	out->box_large_size = cfg->ship_box_large_size;
	out->box_small_copies = cfg->ship_box_small_copies;
	out->box_small_size = cfg->ship_box_small_size;
	out->tokyo_only = cfg->ship_tokyo_only != 0;
	out->pdf_url = cfg->ship_pdf_url;
	out->desk_phone = cfg->ship_desk_phone;
	out->desk_fax = cfg->ship_desk_fax;
}
