/*
 * test_close_rules.c - when madoctl close closes a case, and what it says
 * is missing when it does not.
 */
#include "check.h"
#include "close_rules.h"

#include <stdio.h>
#include <string.h>

static struct case_closing closing(const char *status, const char *category, bool confirmed,
				   const char *pending)
{
	struct case_closing c;

	memset(&c, 0, sizeof(c));
	snprintf(c.status, sizeof(c.status), "%s", status);
	snprintf(c.category, sizeof(c.category), "%s", category);
	c.category_confirmed = confirmed;
	c.asked_category_known = true;
	snprintf(c.pending, sizeof(c.pending), "%s", pending);
	return c;
}

static int decide(const struct case_closing *c, struct close_req *r, struct case_close_plan *p,
		  char *why)
{
	return close_decide(c, p, why, 1024, r);
}

int main(void)
{
	struct close_req answered = {"answered", NULL, NULL, false};
	struct close_req with_cat = {"answered", "bec", "n", false};
	struct close_req spam = {"spam", NULL, NULL, true};
	struct case_closing c;
	struct case_close_plan p;
	char why[1024];

	/* Everything in place: closed, nothing dismissed. */
	c = closing("open", "bec", true, "");
	CHECK(decide(&c, &answered, &p, why) == 0, "ready case closes: %s", why);
	CHECK(!p.dismiss_pending && p.category == NULL, "nothing else changes");

	/* Both missing: one refusal naming both. */
	c = closing("open", "bec", false, "local_police, ipa_anshin");
	CHECK(decide(&c, &answered, &p, why) == 2, "unconfirmed, referrals pending: refused");
	CHECK(strstr(why, "the category bec is not confirmed") != NULL, "names the category: %s", why);
	CHECK(strstr(why, "local_police, ipa_anshin") != NULL, "names the referrals: %s", why);

	/* Only the category missing. */
	c = closing("waiting", "bec", false, "");
	CHECK(decide(&c, &answered, &p, why) == 2 && strstr(why, "referrals") == NULL,
	      "only the category named: %s", why);
	/* --category confirms it. */
	CHECK(decide(&c, &with_cat, &p, why) == 0 && strcmp(p.category, "bec") == 0 &&
		  strcmp(p.note, "n") == 0,
	      "--category confirms: %s", why);
	/* No category at all. */
	c = closing("new", "", false, "");
	CHECK(decide(&c, &answered, &p, why) == 2 && strstr(why, "has no category") != NULL,
	      "unclassified: %s", why);

	/* Only a referral missing; --category does not settle referrals. */
	c = closing("open", "bec", true, "houterasu");
	CHECK(decide(&c, &with_cat, &p, why) == 2 && strstr(why, "houterasu") != NULL &&
		  strstr(why, "category") == NULL,
	      "only the referral named: %s", why);

	/* Without review: closes and dismisses what is pending. */
	c = closing("new", "spam", false, "ipa_anshin, dekyo");
	CHECK(decide(&c, &spam, &p, why) == 0 && p.dismiss_pending, "spam closes without review");

	/* Refused whatever the resolution. */
	c = closing("closed", "spam", true, "");
	CHECK(decide(&c, &spam, &p, why) == 2 && strstr(why, "reopen") != NULL, "closed: %s", why);
	c = closing("open", "spam", true, "");
	snprintf(c.merged_into, sizeof(c.merged_into), "2026-000007");
	CHECK(decide(&c, &spam, &p, why) == 2 && strstr(why, "merged into 2026-000007") != NULL,
	      "merged: %s", why);
	c = closing("open", "bec", false, "");
	c.asked_category_known = false;
	CHECK(decide(&c, &with_cat, &p, why) == 2 && strstr(why, "no category of the") != NULL,
	      "unknown --category: %s", why);
	return check_done();
}
