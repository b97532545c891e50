/*
 * cmd_show.c - madoctl show: one case as staff work on it. The header
 * (state, owner, category with its confidence and whether staff confirmed
 * it, urgency, intake answers, related cases, shipment), the thread in the
 * order the desk filed it (mail and fax in, replies out with their
 * delivery, internal notes), then the triage's reasons, the suggested
 * answers, the referrals with their state and the audit trail. A merged
 * case's number shows the case it was merged into.
 */
#include "madoctl.h"

#include "case_print.h"
#include "config.h"
#include "db_case.h"
#include "db_note.h"
#include "db_referral.h"
#include "db_review.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Everything show prints about one case. */
struct shown {
	struct case_row c;
	struct case_review review;
	struct case_message_rows msgs;
	struct case_document_rows docs;
	struct case_note_rows notes;
	struct case_referral_rows refs;
	struct case_audit_rows audit;
};

static void shown_free(struct shown *s)
{
	case_audit_rows_free(&s->audit);
	case_referral_rows_free(&s->refs);
	case_note_rows_free(&s->notes);
	case_document_rows_free(&s->docs);
	case_message_rows_free(&s->msgs);
	case_review_free(&s->review);
	case_row_free(&s->c);
}

/* 1 loaded, 0 no such case, -1 error; S is freed by the caller either way. */
static int shown_load(PGconn *db, const char *number, struct shown *s)
{
	int found = case_get(db, number, &s->c);

	if (found != 1)
		return found;
	if (case_review_get(db, s->c.id, &s->review) != 1 ||
	    case_messages(db, s->c.id, &s->msgs) == -1 ||
	    case_documents(db, s->c.id, &s->docs) == -1 ||
	    case_notes(db, s->c.id, &s->notes) == -1 ||
	    case_referrals(db, s->c.id, &s->refs) == -1 || case_audit(db, s->c.id, &s->audit) == -1)
		return -1;
	return 1;
}

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
		json_member(out, "ocr_text", d->ocr_text);
		fputc('}', out);
	}
	fputc(']', out);
}

static void json_messages(FILE *out, const struct case_message_rows *msgs)
{
	fputs(",\"messages\":[", out);
	for (size_t r = 0; r < msgs->n; r++) {
		const struct case_message_row *m = &msgs->v[r];

		fputs(r ? ",{" : "{", out);
		fputs("\"direction\":", out);
		json_string(out, m->direction);
		json_member(out, "kind", m->kind);
		json_member(out, "via", m->via);
		json_member(out, "author", m->author);
		json_member(out, "message_id", m->message_id);
		json_member(out, "from_name", m->from_name);
		json_member(out, "from_address", m->from_address);
		json_member(out, "subject", m->subject);
		json_member(out, "sent_at", m->sent_at);
		json_member(out, "filed_at", m->created_at);
		json_member(out, "delivery", m->delivery);
		json_member(out, "delivery_error", m->delivery_error);
		json_member(out, "text", m->body_text);
		json_member(out, "decode_notes", m->decode_notes);
		fprintf(out, ",\"joined_heuristically\":%s",
			m->joined_heuristically ? "true" : "false");
		fputc('}', out);
	}
	fputc(']', out);
}

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

static void json_referrals(FILE *out, const struct case_referral_rows *refs)
{
	fputs(",\"referrals\":[", out);
	for (size_t r = 0; r < refs->n; r++) {
		const struct case_referral_row *x = &refs->v[r];

		fputs(r ? ",{\"code\":" : "{\"code\":", out);
		json_string(out, x->code);
		json_member(out, "name", x->name);
		json_member(out, "state", x->state);
		fprintf(out, ",\"suggested\":%s", x->suggested ? "true" : "false");
		json_member(out, "note", x->note);
		json_member(out, "updated_by", x->updated_by);
		json_member(out, "updated_at", x->updated_at);
		fputc('}', out);
	}
	fputc(']', out);
}

static void json_audit(FILE *out, const struct case_audit_rows *audit)
{
	fputs(",\"audit\":[", out);
	for (size_t r = 0; r < audit->n; r++) {
		const struct case_audit_row *a = &audit->v[r];

		fputs(r ? ",{\"at\":" : "{\"at\":", out);
		json_string(out, a->at);
		json_member(out, "actor", a->actor);
		json_member(out, "action", a->action);
		/* Stored as JSON: printed as it is, not as a string. */
		fprintf(out, ",\"detail\":%s}", a->detail);
	}
	fputc(']', out);
}

/* A ";"-free list of lines as a JSON array of strings. */
static void json_lines(FILE *out, const char *key, const char *lines)
{
	fprintf(out, ",\"%s\":[", key);
	for (const char *p = lines; *p != '\0';) {
		size_t n = strcspn(p, "\n");
		char *line = strndup(p, n);

		if (line == NULL)
			abort();
		if (p != lines)
			fputc(',', out);
		json_string(out, line);
		free(line);
		p += n + (p[n] == '\n');
	}
	fputc(']', out);
}

/* The answers ("ID<TAB>title" lines) as [{"id", "title"}]. */
static void json_answers(FILE *out, const char *lines)
{
	fputs(",\"answers\":[", out);
	for (const char *p = lines; *p != '\0';) {
		size_t n = strcspn(p, "\n"), tab = strcspn(p, "\t\n");
		char *id = strndup(p, tab), *title = strndup(p + tab + (tab < n), n - tab - (tab < n));

		if (id == NULL || title == NULL)
			abort();
		fprintf(out, "%s{\"id\":", p != lines ? "," : "");
		json_string(out, id);
		json_member(out, "title", title);
		fputc('}', out);
		free(id);
		free(title);
		p += n + (p[n] == '\n');
	}
	fputc(']', out);
}

static const char *or_null(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

static void show_json(const struct shown *s)
{
	const struct case_review *v = &s->review;

	fputc('{', stdout);
	case_json_fields(stdout, &s->c);
	json_member(stdout, "category_label", or_null(v->category_label));
	fprintf(stdout, ",\"category_confirmed\":%s", v->category_confirmed ? "true" : "false");
	if (v->confidence >= 0)
		fprintf(stdout, ",\"confidence\":%.3f", v->confidence);
	else
		fputs(",\"confidence\":null", stdout);
	json_member(stdout, "resolution", s->c.resolution);
	json_member(stdout, "closed_at", s->c.closed_at);
	json_member(stdout, "fax_number", s->c.fax_number);
	json_member(stdout, "fax_csid", s->c.fax_csid);
	fprintf(stdout, ",\"needs_manual_reading\":%s", s->c.needs_manual_reading ? "true" : "false");
	json_member(stdout, "organisation", or_null(v->organisation));
	json_member(stdout, "source", or_null(v->source));
	json_member(stdout, "consulted_elsewhere", or_null(v->consulted_elsewhere));
	json_member(stdout, "caller_role", or_null(v->caller_role));
	fprintf(stdout, ",\"it_vendor\":%s", v->it_vendor[0] != '\0' ? v->it_vendor : "null");
	json_member(stdout, "merged_into", or_null(v->merged_into));
	json_lines(stdout, "merged_from", v->merged_from);
	json_member(stdout, "follows", or_null(v->follows));
	json_member(stdout, "linked", or_null(v->links));
	json_member(stdout, "shipment", or_null(v->shipment));
	json_lines(stdout, "explain", v->explain);
	json_answers(stdout, v->answers);
	json_referrals(stdout, &s->refs);
	json_documents(stdout, &s->docs);
	json_messages(stdout, &s->msgs);
	json_notes(stdout, &s->notes);
	json_audit(stdout, &s->audit);
	fputs("}\n", stdout);
}

/* CFG's [staff.OWNER] name beside the login, when there is one. */
static void print_owner(const struct config *cfg, const char *owner)
{
	const struct staff_config *st = owner != NULL ? config_staff(cfg, owner) : NULL;

	printf("\nOwner:      %s", owner != NULL ? owner : "(nobody)");
	if (st != NULL && st->name != NULL)
		printf(" (%s)", st->name);
	printf("\n");
}

static void print_header(const struct config *cfg, const struct shown *s)
{
	const struct case_row *c = &s->c;
	const struct case_review *v = &s->review;
	char *req = case_requester_text(c->requester_name, c->requester_address);

	printf("Case:       %s\nStatus:     %s", c->number, c->status);
	if (c->resolution != NULL)
		printf(" (%s, %s)", c->resolution, c->closed_at ? c->closed_at : "");
	print_owner(cfg, c->owner);
	if (c->wait_until)
		printf("Waiting:    until %s\n", c->wait_until);
	printf("Channel:    %s\n", c->channel);
	if (c->category == NULL)
		printf("Category:   (not classified)\n");
	else {
		printf("Category:   %s %s (", c->category, v->category_label);
		if (v->confidence >= 0)
			printf("confidence %.0f%%, ", v->confidence * 100);
		printf("%s)\n", v->category_confirmed ? "confirmed by staff" : "not confirmed");
	}
	printf("Urgent:     %s\nSubject:    %s\nRequester:  %s\nReceived:   %s\n",
	       c->urgent ? "yes" : "no", c->subject, req, c->received_at);
	free(req);
	if (v->organisation[0] != '\0')
		printf("Organisation: %s\n", v->organisation);
	if (v->caller_role[0] != '\0' || v->it_vendor[0] != '\0')
		printf("Caller:     role %s, IT vendor %s\n",
		       v->caller_role[0] ? v->caller_role : "(not asked)",
		       v->it_vendor[0] ? (strcmp(v->it_vendor, "true") == 0 ? "yes" : "no")
				       : "(not asked)");
	if (v->source[0] != '\0')
		printf("Learned of us: %s\n", v->source);
	if (v->consulted_elsewhere[0] != '\0')
		printf("Consulted before: %s\n", v->consulted_elsewhere);
	if (c->fax_number || c->fax_csid)
		printf("Fax from:   %s  CSID: %s\n", c->fax_number ? c->fax_number : "-",
		       c->fax_csid ? c->fax_csid : "-");
	if (c->needs_manual_reading)
		printf("Attention:  OCR could not read this fax reliably: read the image\n");
	if (v->merged_from[0] != '\0')
		printf("Merged in:  %s\n", v->merged_from);
	if (v->follows[0] != '\0')
		printf("Follows:    %s\n", v->follows);
	if (v->links[0] != '\0')
		printf("Linked:     %s\n", v->links);
	if (v->shipment[0] != '\0')
		printf("Shipment:   %s (madoctl ship show %s)\n", v->shipment, c->number);
	for (size_t r = 0; r < s->docs.n; r++) {
		const struct case_document_row *d = &s->docs.v[r];
		char pages[16] = "?", conf[16] = "-";

		if (d->pages > 0)
			snprintf(pages, sizeof(pages), "%d", d->pages);
		if (d->ocr_confidence >= 0)
			snprintf(conf, sizeof(conf), "%d", d->ocr_confidence);
		printf("Document:   %s %s, %lld bytes, %s pages, OCR confidence %s%s%s\n", d->kind,
		       d->content_type, (long long)d->size, pages, conf,
		       d->ocr_error ? ", OCR error: " : "", d->ocr_error ? d->ocr_error : "");
	}
}

static void print_message(const struct case_row *c, const struct case_message_row *m, size_t k)
{
	if (strcmp(m->direction, "out") == 0 && m->via != NULL) {
		printf("\n--- message %zu: reply by %s from %s, %s", k, m->via,
		       m->author ? m->author : "-", m->created_at);
		if (m->delivery != NULL)
			printf(", %s%s%s", strcmp(m->delivery, "failed") == 0 ? "FAILED" : m->delivery,
			       m->delivery_error ? ": " : "", m->delivery_error ? m->delivery_error : "");
		printf("\n");
	} else {
		printf("\n--- message %zu (%s, %s) from %s <%s>, sent %s", k, m->direction, m->kind,
		       m->from_name, m->from_address, m->sent_at ? m->sent_at : "(unknown)");
		if (m->delivery != NULL)
			printf(", %s", m->delivery);
		printf("\n");
	}
	printf("Subject: %s\n", m->subject);
	if (m->joined_heuristically)
		printf("Joined: heuristically, by sender and subject without threading"
		       " headers (madoctl split %s %zu moves it out)\n",
		       c->number, k);
	if (m->decode_notes != NULL)
		printf("Notes: %s\n", m->decode_notes);
	printf("\n%s\n", m->body_text);
}

/* Messages and notes together, in the order the desk filed them. */
static void print_thread(const struct shown *s)
{
	size_t i = 0, j = 0;

	while (i < s->msgs.n || j < s->notes.n) {
		bool note = i == s->msgs.n ||
			    (j < s->notes.n &&
			     strcmp(s->notes.v[j].created_at, s->msgs.v[i].created_at) < 0);

		if (note) {
			printf("\n--- internal note %zu by %s, %s (never mailed)\n\n%s\n", j + 1,
			       s->notes.v[j].author, s->notes.v[j].created_at, s->notes.v[j].body);
			j++;
		} else {
			print_message(&s->c, &s->msgs.v[i], i + 1);
			i++;
		}
	}
}

static void print_review(const struct shown *s)
{
	const struct case_review *v = &s->review;

	if (v->explain[0] != '\0') {
		printf("\nTriage:\n");
		for (const char *p = v->explain; *p != '\0';) {
			size_t n = strcspn(p, "\n");

			printf("  because: %.*s\n", (int)n, p);
			p += n + (p[n] == '\n');
		}
	}
	if (v->answers[0] != '\0') {
		printf("\nSuggested answers (madoctl reply %s --answer ID):\n", s->c.number);
		for (const char *p = v->answers; *p != '\0';) {
			size_t n = strcspn(p, "\n"), tab = strcspn(p, "\t\n");

			printf("  %-24.*s %.*s\n", (int)tab, p, (int)(n - tab - (tab < n)),
			       p + tab + (tab < n));
			p += n + (p[n] == '\n');
		}
	}
	if (s->refs.n > 0) {
		printf("\nReferrals (madoctl refer %s CODE --state made|confirmed|dismissed):\n",
		       s->c.number);
		for (size_t r = 0; r < s->refs.n; r++) {
			const struct case_referral_row *x = &s->refs.v[r];

			printf("  %-10s %-16s %s", x->state, x->code, x->name);
			if (x->updated_by != NULL)
				printf("  (%s, %s%s%s)", x->updated_by, x->updated_at,
				       x->note ? ": " : "", x->note ? x->note : "");
			printf("\n");
		}
	}
	if (s->audit.n > 0) {
		printf("\nAudit trail:\n");
		for (size_t r = 0; r < s->audit.n; r++)
			printf("  %s  %-10s %-14s %s\n", s->audit.v[r].at, s->audit.v[r].actor,
			       s->audit.v[r].action, s->audit.v[r].detail);
	}
}

static int cmd_show(struct ctl *ctl, const struct ctl_args *args)
{
	const char *number = ctl_args_pos(args, 0);
	struct shown s;
	PGconn *db;
	int found;

	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	memset(&s, 0, sizeof(s));
	found = shown_load(db, number, &s);
	if (found == 1 && s.review.merged_into[0] != '\0') {
		char into[32];

		/* The merged number still resolves: to the case that has its messages now. */
		snprintf(into, sizeof(into), "%s", s.review.merged_into);
		fprintf(stderr, "madoctl show: %s was merged into %s\n", number, into);
		shown_free(&s);
		memset(&s, 0, sizeof(s));
		found = shown_load(db, into, &s);
	}
	if (found == 0)
		fprintf(stderr, "madoctl show: no case %s\n", number);
	if (found == 1) {
		if (ctl_args_has(args, "--json")) {
			show_json(&s);
		} else {
			print_header(ctl->cfg, &s);
			print_thread(&s);
			print_review(&s);
		}
	}
	shown_free(&s);
	return found == 1 ? 0 : 1;
}

static const struct ctl_grammar show_grammar[] = {{NULL, "--json", 1, 1}, CTL_GRAMMAR_END};

const struct ctl_command cmd_show_entry = {
    "show", "CASE [--json]",
    "show a case: header, thread with notes, triage, answers, referrals and audit trail",
    show_grammar, cmd_show};
