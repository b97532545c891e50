/*
 * intake_prompt.c - asking for a call's intake on a terminal; see
 * intake_prompt.h.
 */
#include "intake_prompt.h"

#include "buf.h"
#include "intake_fields.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One line typed after PROMPT, without its line end; NULL at end of input. */
static char *ask(const char *prompt)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	fputs(prompt, stdout);
	fflush(stdout);
	if ((n = getline(&line, &cap, stdin)) == -1) {
		free(line);
		return NULL;
	}
	line[strcspn(line, "\r\n")] = '\0';
	return line;
}

/* Asks for *FIELD when it is NULL, keeping a non-blank answer in OWNED. 0, or -1 at end of input. */
static int ask_once(const char *prompt, const char **field, char **owned,
		    bool (*valid)(const char *), const char *help)
{
	while (*field == NULL) {
		char *a = ask(prompt);

		if (a == NULL)
			return -1;
		if (a[strspn(a, " \t")] == '\0') {
			free(a);
			return 0;
		}
		if (valid != NULL && !valid(a)) {
			printf("  %s\n", help);
			free(a);
			continue;
		}
		*owned = a;
		*field = a;
	}
	return 0;
}

static bool role_valid(const char *v)
{
	return intake_role(v) != NULL;
}

static bool yes_no_valid(const char *v)
{
	return intake_yes_no(v) != -1;
}

/* Lines until a single "." or end of input. */
static char *ask_summary(void)
{
	struct buf b = BUF_INIT;
	char *line;

	printf("Summary of the call (end with a line holding only \".\"):\n");
	while ((line = ask("")) != NULL && strcmp(line, ".") != 0) {
		buf_adds(&b, line);
		buf_addc(&b, '\n');
		free(line);
	}
	free(line);
	if (b.data == NULL)
		buf_adds(&b, "");
	return buf_steal(&b);
}

int intake_prompt(struct intake_fields *f, struct intake_owned *o)
{
	memset(o, 0, sizeof(*o));
	while (f->requester == NULL) {
		if (ask_once("Requester (相談者): ", &f->requester, &o->v[0], NULL, NULL) == -1)
			return -1;
		if (f->requester == NULL)
			printf("  the caller's name is needed\n");
	}
	if (ask_once("Organisation (会社・団体, blank: none): ", &f->organisation, &o->v[1], NULL,
		     NULL) == -1 ||
	    ask_once("How they learned of the desk (きっかけ): ", &f->source, &o->v[2], NULL, NULL) ==
		-1 ||
	    ask_once("Consulted elsewhere before (where, or no): ", &f->elsewhere, &o->v[3], NULL,
		     NULL) == -1 ||
	    ask_once("Role: owner, admin or staff (経営者, システム管理者, 一般の従業員): ", &f->role,
		     &o->v[4], role_valid, "owner, admin, staff, or blank") == -1 ||
	    ask_once("An IT vendor maintains their systems (yes/no): ", &f->vendor, &o->v[5],
		     yes_no_valid, "yes, no, or blank") == -1)
		return 0;
	if (f->summary == NULL)
		f->summary = o->v[6] = ask_summary();
	return 0;
}

void intake_owned_free(struct intake_owned *o)
{
	for (size_t i = 0; i < sizeof(o->v) / sizeof(o->v[0]); i++)
		free(o->v[i]);
	memset(o, 0, sizeof(*o));
}
