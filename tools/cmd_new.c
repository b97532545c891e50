/*
 * cmd_new.c - madoctl new: a consultation by telephone or at the desk filed
 * as a case, so that the monthly numbers count it. Staff give what the
 * answering manual asks at the start of every call (who, the organisation,
 * how they learned of the desk, where they consulted before, their role,
 * whether an IT vendor maintains their systems) and type a summary; the
 * summary is triaged like a mail and the result shown at once, for the
 * call still in progress.
 */
#include "madoctl.h"

#include "buf.h"
#include "classify.h"
#include "config.h"
#include "ctl_events.h"
#include "ctl_text.h"
#include "db_call.h"
#include "intake_fields.h"
#include "intake_prompt.h"
#include "json.h"
#include "shipping_policy.h"
#include "triage.h"
#include "triage_print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_SUMMARY 65536

static int misuse(const char *why)
{
	fprintf(stderr, "madoctl new: %s\n", why);
	return ctl_usage(&cmd_new_entry);
}

/* The call's fields from the options, and on a terminal from the staff member (OWNED keeps those). */
static int new_call(struct ctl *ctl, const struct ctl_args *args, struct intake_owned *owned)
{
	const char *channel = ctl_args_value(args, "--channel"),
		   *vendor = ctl_args_value(args, "--vendor"),
		   *role = ctl_args_value(args, "--role"), *m = ctl_args_value(args, "-m"), *actor;
	struct call_intake in = {
	    .channel = channel,
	    .requester = ctl_args_value(args, "--requester"),
	    .organisation = ctl_args_value(args, "--organisation"),
	    .source = ctl_args_value(args, "--source"),
	    .elsewhere = ctl_args_value(args, "--elsewhere"),
	    .vendor = -1,
	};
	bool json = ctl_args_has(args, "--json");
	struct classifier *cl = NULL;
	struct triage *t = NULL;
	struct buf tj = BUF_INIT;
	char number[CASE_NUMBER_LEN + 1], *summary;
	PGconn *db;
	int rc = 1;

	const char *prompted = NULL;

	if (channel == NULL || (strcmp(channel, "phone") != 0 && strcmp(channel, "visit") != 0))
		return misuse("--channel is phone or visit");
	/* On a terminal, during the call: what the options did not say is asked. */
	if ((in.requester == NULL || m == NULL) && isatty(STDIN_FILENO) && !json) {
		struct intake_fields f = {in.requester, in.organisation, in.source, in.elsewhere,
					  role,	 vendor,	  m != NULL ? m : NULL};

		if (intake_prompt(&f, owned) == -1)
			return misuse("--requester names the caller");
		in.requester = f.requester;
		in.organisation = f.organisation;
		in.source = f.source;
		in.elsewhere = f.elsewhere;
		role = f.role;
		vendor = f.vendor;
		if (m == NULL)
			prompted = f.summary;
	}
	if (in.requester == NULL || !ctl_text_has_words(in.requester))
		return misuse("--requester names the caller");
	if (role != NULL && (in.role = intake_role(role)) == NULL)
		return misuse(INTAKE_ROLE_HELP);
	if (vendor != NULL && (in.vendor = intake_yes_no(vendor)) == -1)
		return misuse("--vendor is yes or no");
	if ((actor = ctl_acting(&cmd_new_entry, args)) == NULL)
		return EXIT_MISUSE;
	if (m == NULL && prompted == NULL)
		return misuse("-m gives the summary (- reads it from standard input)");
	summary = m != NULL ? ctl_text(m, MAX_SUMMARY) : strdup(prompted);
	if (summary == NULL || !ctl_text_has_words(summary)) {
		free(summary);
		return misuse("the summary is some text, at most 65536 bytes");
	}
	in.summary = summary;
	if ((db = ctl_db(ctl)) == NULL)
		goto out;
	/* Without a knowledge base the case is still filed, untriaged. */
	cl = classifier_load(db);
	if (cl != NULL && (t = malloc(sizeof(*t))) != NULL) {
		struct shipping_policy policy;

		shipping_policy_from_config(ctl->cfg, &policy);
		triage_request(cl, &policy, summary, summary, NULL, t);
		triage_json(t, false, &tj);
		in.category = t->cls.scores[0].code;
		in.urgent = t->cls.urgent;
		in.triage_json = tj.data;
	}
	if (case_open_call(db, &in, actor, number) == -1) {
		fprintf(stderr, "madoctl new: could not file the case\n");
		goto out;
	}
	ctl_publish(ctl, number, "new");
	if (json) {
		printf("{\"number\":");
		json_string(stdout, number);
		printf(",\"triage\":%s}\n", tj.data != NULL ? tj.data : "null");
	} else {
		printf("case %s filed (%s)\n", number, channel);
		if (t != NULL)
			triage_print(t, false);
		else
			printf("not triaged: no knowledge base (madoctl kb import)\n");
	}
	rc = 0;
out:
	buf_free(&tj);
	free(t);
	classifier_free(cl);
	free(summary);
	return rc;
}

static int cmd_new(struct ctl *ctl, const struct ctl_args *args)
{
	struct intake_owned owned;
	int rc;

	memset(&owned, 0, sizeof(owned));
	rc = new_call(ctl, args, &owned);
	intake_owned_free(&owned);
	return rc;
}

static const struct ctl_grammar new_grammar[] = {
    {NULL,
     "--channel: --requester: --organisation: --source: --elsewhere: --role: --vendor: -m: --as:"
     " --json",
     0, 0},
    CTL_GRAMMAR_END};

const struct ctl_command cmd_new_entry = {
    "new",
    "--channel phone|visit --requester NAME [--organisation ORG] [--source HOW]"
    " [--elsewhere WHERE|no] [--role owner|admin|staff] [--vendor yes|no] -m TEXT|-m -"
    " [--as NAME] [--json]",
    "file a consultation by telephone or at the desk as a case, triaged at once", new_grammar,
    cmd_new};
