/*
 * case_print.c - a case's fields as list and show print them; see case_print.h.
 */
#include "case_print.h"

#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "Name <address>", or the address alone; malloc'd. */
char *case_requester_text(const char *name, const char *addr)
{
	size_t n = strlen(name) + strlen(addr) + 4;
	char *s = malloc(n);

	if (s == NULL)
		abort();
	if (*name != '\0' && *addr != '\0')
		snprintf(s, n, "%s <%s>", name, addr);
	else
		snprintf(s, n, "%s", *name != '\0' ? name : addr);
	return s;
}

void case_json_fields(FILE *out, const struct case_row *c)
{
	char *req = case_requester_text(c->requester_name, c->requester_address);

	fputs("\"number\":", out);
	json_string(out, c->number);
	json_member(out, "status", c->status);
	json_member(out, "channel", c->channel);
	json_member(out, "category", c->category);
	fprintf(out, ",\"urgent\":%s", c->urgent ? "true" : "false");
	json_member(out, "subject", c->subject);
	json_member(out, "requester", req);
	json_member(out, "requester_name", c->requester_name);
	json_member(out, "requester_address", c->requester_address);
	json_member(out, "received_at", c->received_at);
	json_member(out, "owner", c->owner);
	json_member(out, "wait_until", c->wait_until);
	free(req);
}
