/*
 * triage_print.c - a triage as staff read it in a terminal; see
 * triage_print.h.
 */
#include "triage_print.h"

#include "material.h"

#include <stdio.h>

void triage_print(const struct triage *t, bool explain)
{
	const struct classify_result *r = &t->cls;

	printf("kind: %s\ncategory: %s (%.0f%%)\n", t->kind, r->scores[0].code,
	       r->scores[0].score * 100);
	for (size_t i = 1; i < r->nscores; i++)
		printf("  then: %s (%.0f%%)\n", r->scores[i].code, r->scores[i].score * 100);
	printf("urgent: %s\nreferrals: %s\nanswers: %s\n", r->urgent ? "yes" : "no", r->referrals,
	       r->answers);
	if (t->has_material) {
		const struct material_request *mr = &t->material;

		printf("material request: %s", ship_method_name(mr->method));
		if (mr->copies >= 0)
			printf(", %d copies %s", mr->copies, mr->copies_text.from);
		printf("\n  %s\n", mr->reason);
		for (size_t i = 0; i < mr->npackages; i++)
			printf("  package: %s size %d x %d\n", mr->packages[i].type,
			       mr->packages[i].size, mr->packages[i].count);
	}
	for (size_t i = 0; explain && i < r->nexplain; i++)
		printf("  because: %s\n", r->explain[i]);
}

