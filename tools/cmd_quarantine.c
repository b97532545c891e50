/*
 * cmd_quarantine.c - madoctl quarantine: messages set aside with a reason.
 *   list [--all] [--json]    what is waiting (with --all, released ones too)
 *   show ID [--raw]          the entry, or its raw bytes exactly as received
 *   release ID [--note TEXT] file it as a case anyway (audited)
 */
#include "madoctl.h"

#include "buf.h"
#include "charset.h"
#include "db_quarantine.h"
#include "json.h"
#include "mailhdr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Of a released message, only this much of the raw bytes becomes the case's text. */
#define RELEASE_TEXT_MAX (256 * 1024)

static int parse_id(const char *s, long long *id)
{
	char *end;

	*id = strtoll(s, &end, 10);
	return *s != '\0' && *end == '\0' && *id > 0 ? 0 : -1;
}

/* One entry as a JSON object. */
static void json_entry(FILE *out, const struct quarantine_row *q)
{
	fprintf(out, "{\"id\":%lld,\"inbound_id\":%lld,\"quarantined_at\":", (long long)q->id,
		(long long)q->inbound_id);
	json_string(out, q->created_at);
	json_member(out, "reason", q->reason);
	fprintf(out, ",\"size\":%lld,\"mailbox\":", (long long)q->size);
	json_string(out, q->mailbox);
	json_member(out, "released_at", q->released_at);
	json_member(out, "released_by", q->released_by);
	fputc('}', out);
}

static int q_list(struct ctl *ctl, const struct ctl_args *args)
{
	bool all = ctl_args_has(args, "--all"), json = ctl_args_has(args, "--json");
	PGconn *db;
	struct quarantine_rows entries;

	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	if (quarantine_list(db, all, &entries) == -1) {
		quarantine_rows_free(&entries);
		return 1;
	}
	if (json) {
		fputc('[', stdout);
		for (size_t r = 0; r < entries.n; r++) {
			if (r)
				fputs(",\n", stdout);
			json_entry(stdout, &entries.v[r]);
		}
		fputs("]\n", stdout);
	} else {
		printf("%-6s %-20s %-9s %s\n", "ID", "QUARANTINED", "BYTES", "REASON");
		for (size_t r = 0; r < entries.n; r++) {
			const struct quarantine_row *q = &entries.v[r];

			printf("%-6lld %-20s %-9lld %s%s\n", (long long)q->id, q->created_at,
			       (long long)q->size, q->reason, q->released_at ? " (released)" : "");
		}
		printf("(%zu message%s)\n", entries.n, entries.n == 1 ? "" : "s");
	}
	quarantine_rows_free(&entries);
	return 0;
}

static int q_show(struct ctl *ctl, const struct ctl_args *args)
{
	long long id;
	bool raw = ctl_args_has(args, "--raw");
	PGconn *db;
	struct quarantine_row q;
	int found;

	if (parse_id(ctl_args_pos(args, 0), &id) == -1)
		return ctl_usage(&cmd_quarantine_entry);
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	found = quarantine_get(db, id, &q);
	if (found != 1) {
		if (found == 0)
			fprintf(stderr, "madoctl quarantine show: no entry %lld\n", id);
		quarantine_row_free(&q);
		return 1;
	}
	if (raw) {
		fwrite(q.raw, 1, q.raw_len, stdout);
	} else {
		printf("Entry:       %lld (inbound message %lld)\nQuarantined: %s\nReason:      %s\n"
		       "Size:        %lld bytes (%zu stored)\nMailbox:     %s\n",
		       (long long)q.id, (long long)q.inbound_id, q.created_at, q.reason,
		       (long long)q.size, q.raw_len, q.mailbox);
		if (q.released_at != NULL)
			printf("Released:    %s by %s\n", q.released_at,
			       q.released_by ? q.released_by : "");
		printf("The raw bytes: madoctl quarantine show %lld --raw\n", (long long)q.id);
	}
	quarantine_row_free(&q);
	return 0;
}

/*
 * What a release files: the subject and sender from the raw header lines
 * and the raw bytes read as text (cut at RELEASE_TEXT_MAX, NULs made
 * spaces), since the decoder refused the message's structure.
 */
struct release_text {
	char *subject_raw, *from_raw, *subject;
	struct mailhdr_address from;
	struct buf text;
};

static void release_text_read(const char *raw, size_t len, struct release_text *t)
{
	size_t cut = len < RELEASE_TEXT_MAX ? len : RELEASE_TEXT_MAX;

	t->subject_raw = mailhdr_get(raw, len, "Subject");
	t->from_raw = mailhdr_get(raw, len, "From");
	t->subject =
	    mailhdr_decode(t->subject_raw ? t->subject_raw : "(quarantined message)", NULL);
	mailhdr_parse_address(t->from_raw, &t->from);
	t->text = (struct buf)BUF_INIT;
	charset_decode(NULL, raw, cut, &t->text);
	for (size_t i = 0; i < t->text.len; i++)
		if (t->text.data[i] == '\0')
			t->text.data[i] = ' ';
}

static void release_text_free(struct release_text *t)
{
	free(t->subject_raw);
	free(t->from_raw);
	free(t->subject);
	mailhdr_address_free(&t->from);
	buf_free(&t->text);
}

static int q_release(struct ctl *ctl, const struct ctl_args *args)
{
	long long id;
	const char *note = ctl_args_value(args, "--note");
	char number[16];
	PGconn *db;
	struct quarantine_row q;
	struct release_text t;
	struct quarantine_mail mail;
	int r;

	if (parse_id(ctl_args_pos(args, 0), &id) == -1)
		return ctl_usage(&cmd_quarantine_entry);
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	/* Read first; quarantine_release checks again that the entry is still unreleased. */
	r = quarantine_get(db, id, &q);
	if (r == 1 && q.released_at != NULL)
		r = 0;
	if (r == 1) {
		release_text_read(q.raw, q.raw_len, &t);
		mail = (struct quarantine_mail){
		    .subject = t.subject,
		    .from_name = t.from.name,
		    .from_address = t.from.address,
		    .body_text = t.text.data ? t.text.data : "",
		};
		r = quarantine_release(db, id, &mail, ctl_actor(), note, number);
		release_text_free(&t);
	}
	quarantine_row_free(&q);
	if (r == 1) {
		printf("released %lld as case %s\n", id, number);
		return 0;
	}
	if (r == 0)
		fprintf(stderr, "madoctl quarantine release: no unreleased entry %lld\n", id);
	return 1;
}

static int cmd_quarantine(struct ctl *ctl, const struct ctl_args *args)
{
	const char *sub = ctl_args_sub(args);

	if (strcmp(sub, "list") == 0)
		return q_list(ctl, args);
	if (strcmp(sub, "show") == 0)
		return q_show(ctl, args);
	return q_release(ctl, args);
}

static const struct ctl_grammar quarantine_grammar[] = {{"list", "--all --json", 0, 0},
						     {"show", "--raw", 1, 1},
						     {"release", "--note:", 1, 1},
						     CTL_GRAMMAR_END};

const struct ctl_command cmd_quarantine_entry = {
    "quarantine", "list [--all] [--json] | show ID [--raw] | release ID [--note TEXT]",
    "messages set aside with a reason: list, inspect, file as a case anyway", quarantine_grammar,
    cmd_quarantine};
