/*
 * cmd_case.c - madoctl list, show and close: the staff's view of cases.
 */
#include "madoctl.h"

#include "db_case.h"
#include "db_note.h"
#include "case_numbers.h"
#include "json.h"
#include "textwidth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const statuses[] = {"new", "open", "waiting", "closed", NULL};

/* "Name <address>", or the address alone; malloc'd. */
static char *requester_text(const char *name, const char *addr)
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

static void json_case_fields(FILE *out, const struct case_row *c)
{
	char *req = requester_text(c->requester_name, c->requester_address);

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

/* One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line end. */
static void csv_field(FILE *out, const char *v, bool last)
{
	if (v == NULL)
		v = "";
	if (strpbrk(v, ",\"\r\n") == NULL) {
		fputs(v, out);
	} else {
		fputc('"', out);
		for (; *v != '\0'; v++) {
			if (*v == '"')
				fputc('"', out);
			fputc(*v, out);
		}
		fputc('"', out);
	}
	fputs(last ? "\r\n" : ",", out);
}

static void csv_cases(FILE *out, const struct case_rows *cases)
{
	fputs("number,status,channel,category,urgent,owner,wait_until,received_at,requester_name,"
	      "requester_address,subject\r\n",
	      out);
	for (size_t r = 0; r < cases->n; r++) {
		const struct case_row *c = &cases->v[r];

		csv_field(out, c->number, false);
		csv_field(out, c->status, false);
		csv_field(out, c->channel, false);
		csv_field(out, c->category, false);
		csv_field(out, c->urgent ? "yes" : "no", false);
		csv_field(out, c->owner, false);
		csv_field(out, c->wait_until, false);
		csv_field(out, c->received_at, false);
		csv_field(out, c->requester_name, false);
		csv_field(out, c->requester_address, false);
		csv_field(out, c->subject, true);
	}
}

static bool one_of(const char *v, const char *const *list)
{
	for (int i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], v) == 0)
			return true;
	return false;
}

static int cmd_list(struct ctl *ctl, const struct ctl_args *args)
{
	static const char *const channels[] = {"mail", "fax", "eapp", "phone", "visit", NULL};
	const char *as = ctl_args_value(args, "--as");
	struct case_filter f = {
	    .status = ctl_args_value(args, "--status"),
	    .owner = ctl_args_value(args, "--owner"),
	    .unowned = ctl_args_has(args, "--unowned"),
	    .due = ctl_args_has(args, "--due"),
	    .urgent = ctl_args_has(args, "--urgent"),
	    .category = ctl_args_value(args, "--category"),
	    .channel = ctl_args_value(args, "--channel"),
	    .since = ctl_args_value(args, "--since"),
	    .until = ctl_args_value(args, "--until"),
	    .search = ctl_args_value(args, "--search"),
	};
	int json = ctl_args_has(args, "--json");
	PGconn *db;
	struct case_rows cases;

	if (f.status != NULL && !one_of(f.status, statuses)) {
		fprintf(stderr, "madoctl list: --status must be new, open, waiting or closed\n");
		return ctl_usage(&cmd_list_entry);
	}
	if (f.channel != NULL && !one_of(f.channel, channels)) {
		fprintf(stderr, "madoctl list: --channel must be mail, fax, eapp, phone or visit\n");
		return ctl_usage(&cmd_list_entry);
	}
	if ((f.since != NULL && !ctl_calendar_date(f.since)) ||
	    (f.until != NULL && !ctl_calendar_date(f.until))) {
		fprintf(stderr, "madoctl list: --since and --until take a date, YYYY-MM-DD\n");
		return ctl_usage(&cmd_list_entry);
	}
	if (f.search != NULL && f.search[0] == '\0') {
		fprintf(stderr, "madoctl list: --search takes some text\n");
		return ctl_usage(&cmd_list_entry);
	}
	if (ctl_args_has(args, "-i") + json + ctl_args_has(args, "--csv") > 1) {
		fprintf(stderr, "madoctl list: -i, --json and --csv are three ways to print: pick one\n");
		return ctl_usage(&cmd_list_entry);
	}
	if (ctl_args_has(args, "--mine")) {
		if (f.owner != NULL) {
			fprintf(stderr, "madoctl list: --mine and --owner name two owners\n");
			return ctl_usage(&cmd_list_entry);
		}
		f.owner = as != NULL ? as : ctl_actor();
	}
	if (f.owner != NULL && f.unowned) {
		fprintf(stderr, "madoctl list: a case cannot be owned and unowned\n");
		return ctl_usage(&cmd_list_entry);
	}
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	if (case_list(db, &f, &cases) == -1) {
		case_rows_free(&cases);
		return 1;
	}
	if (ctl_args_has(args, "-i")) {
		/* Numbers only, one per line: for madoctl take - and the like. */
		for (size_t r = 0; r < cases.n; r++)
			puts(cases.v[r].number);
	} else if (ctl_args_has(args, "--csv")) {
		csv_cases(stdout, &cases);
	} else if (json) {
		fputc('[', stdout);
		for (size_t r = 0; r < cases.n; r++) {
			fputs(r ? ",\n{" : "{", stdout);
			json_case_fields(stdout, &cases.v[r]);
			fputc('}', stdout);
		}
		fputs("]\n", stdout);
	} else {
		printf("%-11s  %-7s  %-4s  %-20s  ", "NUMBER", "STATUS", "CHAN", "RECEIVED");
		text_print_cell(stdout, "OWNER", 10);
		printf("  ");
		text_print_cell(stdout, "REQUESTER", 36);
		printf("  SUBJECT\n");
		for (size_t r = 0; r < cases.n; r++) {
			const struct case_row *c = &cases.v[r];
			char *req = requester_text(c->requester_name, c->requester_address);

			printf("%-11s  %-7s  %-4s  %-20s  ", c->number, c->status, c->channel,
			       c->received_at);
			text_print_cell(stdout, c->owner != NULL ? c->owner : "-", 10);
			printf("  ");
			text_print_cell(stdout, req, 36);
			printf("  %s%s\n", c->urgent ? "[緊急] " : "", c->subject);
			free(req);
		}
		printf("(%zu case%s)\n", cases.n, cases.n == 1 ? "" : "s");
	}
	case_rows_free(&cases);
	return 0;
}

/* The documents of a case for show --json. */
static void json_documents(FILE *out, const struct case_document_rows *docs)
{
	fputs(",\"documents\":[", out);
	for (size_t r = 0; r < docs->n; r++) {
		const struct case_document_row *d = &docs->v[r];

		fputs(r ? ",{\"kind\":" : "{\"kind\":", out);
		json_string(out, d->kind);
		json_member(out, "content_type", d->content_type);
		json_member(out, "filename", d->filename);
		fprintf(out, ",\"size\":%lld", (long long)d->size);
		if (d->pages > 0)
			fprintf(out, ",\"pages\":%d", d->pages);
		else
			fputs(",\"pages\":null", out);
		if (d->ocr_confidence >= 0)
			fprintf(out, ",\"ocr_confidence\":%d", d->ocr_confidence);
		else
			fputs(",\"ocr_confidence\":null", out);
		json_member(out, "ocr_error", d->ocr_error);
		fputc('}', out);
	}
	fputc(']', out);
}

/* The messages of a case for show --json. */
static void json_messages(FILE *out, const struct case_message_rows *msgs)
{
	fputs(",\"messages\":[", out);
	for (size_t r = 0; r < msgs->n; r++) {
		const struct case_message_row *m = &msgs->v[r];

		fputs(r ? ",{" : "{", out);
		fputs("\"direction\":", out);
		json_string(out, m->direction);
		json_member(out, "message_id", m->message_id);
		json_member(out, "from_name", m->from_name);
		json_member(out, "from_address", m->from_address);
		json_member(out, "subject", m->subject);
		json_member(out, "sent_at", m->sent_at);
		json_member(out, "text", m->body_text);
		json_member(out, "decode_notes", m->decode_notes);
		fprintf(out, ",\"joined_heuristically\":%s",
			m->joined_heuristically ? "true" : "false");
		fputc('}', out);
	}
	fputc(']', out);
}

/* The staff's notes for show --json: [{"author", "body", "created_at"}]. */
static void json_notes(FILE *out, const struct case_note_rows *notes)
{
	fputs(",\"notes\":[", out);
	for (size_t r = 0; r < notes->n; r++) {
		fputs(r ? ",{\"author\":" : "{\"author\":", out);
		json_string(out, notes->v[r].author);
		json_member(out, "body", notes->v[r].body);
		json_member(out, "created_at", notes->v[r].created_at);
		fputc('}', out);
	}
	fputc(']', out);
}

static void show_json(const struct case_row *c, const struct case_document_rows *docs,
		      const struct case_message_rows *msgs, const struct case_note_rows *notes)
{
	fputc('{', stdout);
	json_case_fields(stdout, c);
	json_member(stdout, "resolution", c->resolution);
	json_member(stdout, "closed_at", c->closed_at);
	json_member(stdout, "fax_number", c->fax_number);
	json_member(stdout, "fax_csid", c->fax_csid);
	fprintf(stdout, ",\"needs_manual_reading\":%s", c->needs_manual_reading ? "true" : "false");
	json_documents(stdout, docs);
	json_messages(stdout, msgs);
	json_notes(stdout, notes);
	fputs("}\n", stdout);
}

static void show_text(const struct case_row *c, const struct case_document_rows *docs,
		      const struct case_message_rows *msgs, const struct case_note_rows *notes)
{
	char *req = requester_text(c->requester_name, c->requester_address);

	printf("Case:       %s\nStatus:     %s%s%s\nChannel:    %s\nCategory:   %s\n"
	       "Urgent:     %s\nSubject:    %s\nRequester:  %s\nReceived:   %s\n",
	       c->number, c->status, c->resolution ? " / " : "",
	       c->resolution ? c->resolution : "", c->channel,
	       c->category ? c->category : "(not classified)", c->urgent ? "yes" : "no",
	       c->subject, req, c->received_at);
	free(req);
	printf("Owner:      %s\n", c->owner ? c->owner : "(nobody)");
	if (c->wait_until)
		printf("Waiting:    until %s\n", c->wait_until);
	if (c->fax_number || c->fax_csid)
		printf("Fax from:   %s  CSID: %s\n", c->fax_number ? c->fax_number : "-",
		       c->fax_csid ? c->fax_csid : "-");
	if (c->needs_manual_reading)
		printf("Attention:  OCR could not read this fax reliably: read the image\n");
	for (size_t r = 0; r < docs->n; r++) {
		const struct case_document_row *d = &docs->v[r];
		char pages[16] = "?", conf[16] = "-";

		if (d->pages > 0)
			snprintf(pages, sizeof(pages), "%d", d->pages);
		if (d->ocr_confidence >= 0)
			snprintf(conf, sizeof(conf), "%d", d->ocr_confidence);
		printf("Document:   %s %s, %lld bytes, %s pages, OCR confidence %s%s%s\n", d->kind,
		       d->content_type, (long long)d->size, pages, conf,
		       d->ocr_error ? ", OCR error: " : "", d->ocr_error ? d->ocr_error : "");
	}
	for (size_t r = 0; r < msgs->n; r++) {
		const struct case_message_row *m = &msgs->v[r];

		printf("\n--- message %zu (%s) from %s <%s>, sent %s\nSubject: %s\n", r + 1,
		       m->direction, m->from_name, m->from_address,
		       m->sent_at ? m->sent_at : "(unknown)", m->subject);
		if (m->joined_heuristically)
			printf("Joined: heuristically, by sender and subject without threading"
			       " headers (madoctl split %s %zu moves it out)\n",
			       c->number, r + 1);
		if (m->decode_notes != NULL)
			printf("Notes: %s\n", m->decode_notes);
		printf("\n%s\n", m->body_text);
	}
	for (size_t r = 0; r < notes->n; r++)
		printf("\n--- internal note %zu by %s, %s (never mailed)\n\n%s\n", r + 1,
		       notes->v[r].author, notes->v[r].created_at, notes->v[r].body);
}

static int cmd_show(struct ctl *ctl, const struct ctl_args *args)
{
	const char *number = ctl_args_pos(args, 0);
	int json = ctl_args_has(args, "--json"), rc = 1, found;
	PGconn *db;
	struct case_row c;
	struct case_message_rows msgs = {NULL, 0};
	struct case_document_rows docs = {NULL, 0};
	struct case_note_rows notes = {NULL, 0};

	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	found = case_get(db, number, &c);
	if (found == 0)
		fprintf(stderr, "madoctl show: no case %s\n", number);
	if (found == 1 && case_messages(db, c.id, &msgs) == 0 &&
	    case_documents(db, c.id, &docs) == 0 && case_notes(db, c.id, &notes) == 0) {
		if (json)
			show_json(&c, &docs, &msgs, &notes);
		else
			show_text(&c, &docs, &msgs, &notes);
		rc = 0;
	}
	case_note_rows_free(&notes);
	case_document_rows_free(&docs);
	case_message_rows_free(&msgs);
	case_row_free(&c);
	return rc;
}

static int printable(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			return 0;
	return 1;
}

/* Several cases, ranges or "-": one line each, on past a failure, exit 1 if any failed. */
static int cmd_close(struct ctl *ctl, const struct ctl_args *args)
{
	const char *resolution = ctl_args_value(args, "--resolution"),
		   *note = ctl_args_value(args, "--note"), *actor;
	struct case_numbers ns = {NULL, 0, 0};
	PGconn *db = NULL;
	int rc, failed = 0;

	if (resolution == NULL || *resolution == '\0' || strlen(resolution) > 200 ||
	    !printable(resolution))
		return ctl_usage(&cmd_close_entry);
	if ((actor = ctl_acting(&cmd_close_entry, args)) == NULL)
		return EXIT_MISUSE;
	rc = case_numbers_collect(&db, ctl, &cmd_close_entry, args, ctl_args_count(args), &ns);
	if (rc == 0 && db == NULL && (db = ctl_db(ctl)) == NULL)
		rc = 1;
	for (size_t i = 0; rc == 0 && i < ns.n; i++) {
		const char *number = ns.v[i];

		switch (case_close(db, number, resolution, note, actor)) {
		case 1:
			printf("closed %s (resolution: %s)\n", number, resolution);
			break;
		case 0:
			fprintf(stderr, "madoctl close: no case %s\n", number);
			failed++;
			break;
		case 2:
			fprintf(stderr, "madoctl close: case %s is already closed\n", number);
			failed++;
			break;
		default:
			fprintf(stderr, "madoctl close: could not close %s\n", number);
			failed++;
			break;
		}
	}
	free(ns.v);
	return rc != 0 ? rc : failed > 0;
}

static const struct ctl_grammar list_grammar[] = {
    {NULL,
     "--status: --owner: --mine --unowned --due --urgent --category: --channel: --since: --until:"
     " --search: --as: -i --json --csv",
     0, 0},
    CTL_GRAMMAR_END};
static const struct ctl_grammar show_grammar[] = {{NULL, "--json", 1, 1}, CTL_GRAMMAR_END};
static const struct ctl_grammar close_grammar[] = {{NULL, "--resolution: --note: --as:", 1, -1},
						CTL_GRAMMAR_END};

const struct ctl_command cmd_list_entry = {
    "list",
    "[--status new|open|waiting|closed] [--mine|--owner NAME|--unowned] [--due] [--urgent]"
    " [--category CODE|PREFIX] [--channel mail|fax|eapp|phone|visit] [--since DATE] [--until DATE]"
    " [--search TEXT] [--as NAME] [-i|--json|--csv]",
    "list cases, urgent first, then the oldest; -i prints their numbers only", list_grammar,
    cmd_list};
const struct ctl_command cmd_show_entry = {"show", "CASE [--json]",
					   "show a case with its messages", show_grammar, cmd_show};
const struct ctl_command cmd_close_entry = {
    "close", "CASE...|FIRST..LAST|- --resolution R [--note TEXT] [--as NAME]",
    "close cases (recorded in the audit log)", close_grammar, cmd_close};
