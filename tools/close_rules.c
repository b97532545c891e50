/*
 * close_rules.c - when a case may be closed; see close_rules.h.
 */
#include "close_rules.h"

#include <stdio.h>
#include <string.h>

static int refuse(char *why, size_t whysz, const char *text)
{
	snprintf(why, whysz, "%s", text);
	return 2;
}

/* Appends "; TEXT" (or TEXT first) to WHY. */
static void missing(char *why, size_t whysz, const char *text)
{
	size_t n = strlen(why);

	snprintf(why + n, whysz - n, "%s%s", n > 0 ? "; " : "", text);
}

int close_decide(const struct case_closing *c, struct case_close_plan *plan, char *why,
		 size_t whysz, void *arg)
{
	const struct close_req *r = arg;
	char text[700];

	memset(plan, 0, sizeof(*plan));
	plan->resolution = r->resolution;
	plan->category = r->category;
	plan->note = r->note;
	why[0] = '\0';
	if (c->merged_into[0] != '\0') {
		snprintf(text, sizeof(text), "it was merged into %s; close that case",
			 c->merged_into);
		return refuse(why, whysz, text);
	}
	if (strcmp(c->status, "closed") == 0)
		return refuse(why, whysz, "it is closed already; madoctl reopen brings it back");
	if (r->category != NULL && !c->asked_category_known) {
		snprintf(text, sizeof(text),
			 "%s is no category of the knowledge base (madoctl kb categories lists them)",
			 r->category);
		return refuse(why, whysz, text);
	}
	if (r->without_review) {
		plan->dismiss_pending = true;
		return 0;
	}
	if (r->category == NULL && !c->category_confirmed) {
		if (c->category[0] != '\0')
			snprintf(text, sizeof(text),
				 "the category %s is not confirmed (--category %s confirms it,"
				 " or name another)",
				 c->category, c->category);
		else
			snprintf(text, sizeof(text),
				 "it has no category (--category CODE gives one)");
		missing(why, whysz, text);
	}
	if (c->pending[0] != '\0') {
		snprintf(text, sizeof(text),
			 "referrals neither made nor dismissed: %s (madoctl refer CASE CODE"
			 " --state made|dismissed)",
			 c->pending);
		missing(why, whysz, text);
	}
	return why[0] != '\0' ? 2 : 0;
}
