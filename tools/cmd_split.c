/*
 * cmd_split.c - madoctl split: a message that joined the wrong case (most
 * often by sender and subject, without threading headers) becomes a case
 * of its own.
 */
#include "madoctl.h"

#include "buf.h"
#include "classify.h"
#include "db_split.h"
#include "triage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* MESSAGE as `madoctl show` numbers them: 1 to 100000, digits only. */
static int message_ordinal(const char *s)
{
	long v;
	char *end;

	if (*s < '1' || *s > '9' || strlen(s) > 6)
		return 0;
	v = strtol(s, &end, 10);
	return *end == '\0' && v <= 100000 ? (int)v : 0;
}

/* What the triage of the split-out message needs, and keeps until the split returns. */
struct split_triage {
	struct classifier *cl;
	struct shipping_policy policy;
	struct triage t;
	struct buf json;
};

/* The message triaged as a worker triages a new request: subject and own words. */
static void split_triage(const char *subject, const char *own_words, void *arg,
			 struct case_split_triage *out)
{
	struct split_triage *st = arg;
	struct buf text = BUF_INIT;

	buf_printf(&text, "%s\n%s", subject, own_words);
	triage_text(st->cl, &st->policy, text.data, NULL, &st->t);
	buf_free(&text);
	triage_json(&st->t, true, &st->json);
	out->category = st->t.cls.scores[0].code;
	out->urgent = st->t.cls.urgent;
	out->json = st->json.data;
}

static int cmd_split(struct ctl *ctl, const struct ctl_args *args)
{
	const char *number = ctl_args_pos(args, 0), *message = ctl_args_pos(args, 1);
	char new_number[CASE_NUMBER_LEN + 1] = "";
	int ordinal = message_ordinal(message);
	struct split_triage *st;
	enum case_split_result r;
	PGconn *db;

	if (ordinal == 0) {
		fprintf(stderr, "madoctl split: MESSAGE is a message number as madoctl show lists them\n");
		return ctl_usage(&cmd_split_entry);
	}
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	if ((st = calloc(1, sizeof(*st))) == NULL)
		return 1;
	/* Without a knowledge base the new case stays uncategorised, as a worker would leave it. */
	st->cl = classifier_load(db);
	shipping_policy_from_config(ctl->cfg, &st->policy);
	r = case_split(db, number, ordinal, ctl_actor(), st->cl != NULL ? split_triage : NULL, st,
		       new_number);
	buf_free(&st->json);
	classifier_free(st->cl);
	free(st);
	switch (r) {
	case CASE_SPLIT_DONE:
		printf("split message %d of %s into new case %s\n", ordinal, number, new_number);
		return 0;
	case CASE_SPLIT_NO_CASE:
		fprintf(stderr, "madoctl split: no case %s\n", number);
		return 1;
	case CASE_SPLIT_NO_MESSAGE:
		fprintf(stderr, "madoctl split: case %s has no message %d\n", number, ordinal);
		return 1;
	case CASE_SPLIT_FIRST:
		fprintf(stderr, "madoctl split: message 1 is the request %s was opened for\n",
			number);
		return 1;
	case CASE_SPLIT_OUTBOUND:
		fprintf(stderr, "madoctl split: message %d of %s is the desk's own mail\n", ordinal,
			number);
		return 1;
	case CASE_SPLIT_ERROR:
		break;
	}
	fprintf(stderr, "madoctl split: could not split %s\n", number);
	return 1;
}

static const struct ctl_grammar split_grammar[] = {{NULL, "", 2, 2}, CTL_GRAMMAR_END};

const struct ctl_command cmd_split_entry = {
    "split", "CASE MESSAGE",
    "move message MESSAGE (as show numbers them, not the first) into a new case (audited)",
    split_grammar, cmd_split};
