/*
 * cmd_case.c - madoctl list, show and close: the staff's view of cases.
 */
#include "madoctl.h"

#include "db_case.h"
#include "json.h"
#include "textwidth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Column order of case_list() and the first columns of case_get(). */
enum { C_NUMBER, C_STATUS, C_CHANNEL, C_CATEGORY, C_URGENT, C_SUBJECT, C_RNAME, C_RADDR, C_RECEIVED };

static const char *const statuses[] = {"new", "open", "waiting", "closed", NULL};

static const char *val(PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

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

static void json_case_fields(FILE *out, PGresult *res, int row)
{
	char *req = requester_text(PQgetvalue(res, row, C_RNAME), PQgetvalue(res, row, C_RADDR));

	fputs("\"number\":", out);
	json_string(out, val(res, row, C_NUMBER));
	fputs(",\"status\":", out);
	json_string(out, val(res, row, C_STATUS));
	fputs(",\"channel\":", out);
	json_string(out, val(res, row, C_CHANNEL));
	fputs(",\"category\":", out);
	json_string(out, val(res, row, C_CATEGORY));
	fprintf(out, ",\"urgent\":%s", strcmp(PQgetvalue(res, row, C_URGENT), "t") == 0 ? "true" : "false");
	fputs(",\"subject\":", out);
	json_string(out, val(res, row, C_SUBJECT));
	fputs(",\"requester\":", out);
	json_string(out, req);
	fputs(",\"requester_name\":", out);
	json_string(out, val(res, row, C_RNAME));
	fputs(",\"requester_address\":", out);
	json_string(out, val(res, row, C_RADDR));
	fputs(",\"received_at\":", out);
	json_string(out, val(res, row, C_RECEIVED));
	free(req);
}

static int cmd_list(struct ctl *ctl, const struct ctl_args *args)
{
	const char *status = ctl_args_value(args, "--status");
	int json = ctl_args_has(args, "--json");
	PGconn *db;
	PGresult *res;

	if (status != NULL) {
		int ok = 0;

		for (int i = 0; statuses[i] != NULL; i++)
			ok |= strcmp(statuses[i], status) == 0;
		if (!ok) {
			fprintf(stderr, "madoctl list: --status must be new, open, waiting or closed\n");
			return ctl_usage(&cmd_list_entry);
		}
	}
	if ((db = ctl_db(ctl)) == NULL || (res = case_list(db, status)) == NULL)
		return 1;
	if (json) {
		fputc('[', stdout);
		for (int r = 0; r < PQntuples(res); r++) {
			fputs(r ? ",\n{" : "{", stdout);
			json_case_fields(stdout, res, r);
			fputc('}', stdout);
		}
		fputs("]\n", stdout);
	} else {
		printf("%-11s  %-7s  %-4s  %-20s  ", "NUMBER", "STATUS", "CHAN", "RECEIVED");
		text_print_cell(stdout, "REQUESTER", 36);
		printf("  SUBJECT\n");
		for (int r = 0; r < PQntuples(res); r++) {
			char *req = requester_text(PQgetvalue(res, r, C_RNAME),
						   PQgetvalue(res, r, C_RADDR));

			printf("%-11s  %-7s  %-4s  %-20s  ", PQgetvalue(res, r, C_NUMBER),
			       PQgetvalue(res, r, C_STATUS), PQgetvalue(res, r, C_CHANNEL),
			       PQgetvalue(res, r, C_RECEIVED));
			text_print_cell(stdout, req, 36);
			printf("  %s%s\n",
			       strcmp(PQgetvalue(res, r, C_URGENT), "t") == 0 ? "[緊急] " : "",
			       PQgetvalue(res, r, C_SUBJECT));
			free(req);
		}
		printf("(%d case%s)\n", PQntuples(res), PQntuples(res) == 1 ? "" : "s");
	}
	PQclear(res);
	return 0;
}

static int cmd_show(struct ctl *ctl, const struct ctl_args *args)
{
	const char *number = ctl_args_pos(args, 0);
	int json = ctl_args_has(args, "--json"), rc = 1;
	PGconn *db;
	PGresult *c, *m, *docs = NULL;

	if ((db = ctl_db(ctl)) == NULL || (c = case_get(db, number)) == NULL)
		return 1;
	if (PQntuples(c) == 0) {
		fprintf(stderr, "madoctl show: no case %s\n", number);
		PQclear(c);
		return 1;
	}
	m = case_messages(db, PQgetvalue(c, 0, C_RECEIVED + 1));
	if (m == NULL)
		goto out;
	docs = case_documents(db, PQgetvalue(c, 0, C_RECEIVED + 1));
	if (docs == NULL) {
		PQclear(m);
		goto out;
	}
	if (json) {
		fputc('{', stdout);
		json_case_fields(stdout, c, 0);
		fputs(",\"resolution\":", stdout);
		json_string(stdout, val(c, 0, C_RECEIVED + 2));
		fputs(",\"closed_at\":", stdout);
		json_string(stdout, val(c, 0, C_RECEIVED + 3));
		fputs(",\"fax_number\":", stdout);
		json_string(stdout, val(c, 0, C_RECEIVED + 4));
		fputs(",\"fax_csid\":", stdout);
		json_string(stdout, val(c, 0, C_RECEIVED + 5));
		fprintf(stdout, ",\"needs_manual_reading\":%s",
			strcmp(PQgetvalue(c, 0, C_RECEIVED + 6), "t") == 0 ? "true" : "false");
		fputs(",\"documents\":[", stdout);
		for (int r = 0; r < PQntuples(docs); r++) {
			fputs(r ? ",{\"kind\":" : "{\"kind\":", stdout);
			json_string(stdout, val(docs, r, 0));
			fputs(",\"content_type\":", stdout);
			json_string(stdout, val(docs, r, 1));
			fputs(",\"filename\":", stdout);
			json_string(stdout, val(docs, r, 2));
			fprintf(stdout, ",\"size\":%s,\"pages\":%s,\"ocr_confidence\":%s",
				PQgetvalue(docs, r, 3), val(docs, r, 4) ? PQgetvalue(docs, r, 4) : "null",
				val(docs, r, 5) ? PQgetvalue(docs, r, 5) : "null");
			fputs(",\"ocr_error\":", stdout);
			json_string(stdout, val(docs, r, 6));
			fputc('}', stdout);
		}
		fputc(']', stdout);
		fputs(",\"messages\":[", stdout);
		for (int r = 0; r < PQntuples(m); r++) {
			static const char *const keys[] = {"direction", "message_id", "from_name",
							   "from_address", "subject", "sent_at",
							   "text", "decode_notes"};

			fputs(r ? ",{" : "{", stdout);
			for (int k = 0; k < 8; k++) {
				fprintf(stdout, "%s\"%s\":", k ? "," : "", keys[k]);
				json_string(stdout, val(m, r, k));
			}
			fputc('}', stdout);
		}
		fputs("]}\n", stdout);
	} else {
		char *req = requester_text(PQgetvalue(c, 0, C_RNAME), PQgetvalue(c, 0, C_RADDR));

		printf("Case:       %s\nStatus:     %s%s%s\nChannel:    %s\nCategory:   %s\n"
		       "Urgent:     %s\nSubject:    %s\nRequester:  %s\nReceived:   %s\n",
		       PQgetvalue(c, 0, C_NUMBER), PQgetvalue(c, 0, C_STATUS),
		       val(c, 0, C_RECEIVED + 2) ? " / " : "",
		       val(c, 0, C_RECEIVED + 2) ? PQgetvalue(c, 0, C_RECEIVED + 2) : "",
		       PQgetvalue(c, 0, C_CHANNEL),
		       val(c, 0, C_CATEGORY) ? PQgetvalue(c, 0, C_CATEGORY) : "(not classified)",
		       strcmp(PQgetvalue(c, 0, C_URGENT), "t") == 0 ? "yes" : "no",
		       PQgetvalue(c, 0, C_SUBJECT), req, PQgetvalue(c, 0, C_RECEIVED));
		free(req);
		if (val(c, 0, C_RECEIVED + 4) || val(c, 0, C_RECEIVED + 5))
			printf("Fax from:   %s  CSID: %s\n",
			       val(c, 0, C_RECEIVED + 4) ? PQgetvalue(c, 0, C_RECEIVED + 4) : "-",
			       val(c, 0, C_RECEIVED + 5) ? PQgetvalue(c, 0, C_RECEIVED + 5) : "-");
		if (strcmp(PQgetvalue(c, 0, C_RECEIVED + 6), "t") == 0)
			printf("Attention:  OCR could not read this fax reliably: read the image\n");
		for (int r = 0; r < PQntuples(docs); r++)
			printf("Document:   %s %s, %s bytes, %s pages, OCR confidence %s%s%s\n",
			       PQgetvalue(docs, r, 0), PQgetvalue(docs, r, 1), PQgetvalue(docs, r, 3),
			       val(docs, r, 4) ? PQgetvalue(docs, r, 4) : "?",
			       val(docs, r, 5) ? PQgetvalue(docs, r, 5) : "-",
			       val(docs, r, 6) ? ", OCR error: " : "",
			       val(docs, r, 6) ? PQgetvalue(docs, r, 6) : "");
		for (int r = 0; r < PQntuples(m); r++) {
			printf("\n--- message %d (%s) from %s <%s>, sent %s\nSubject: %s\n", r + 1,
			       PQgetvalue(m, r, 0), PQgetvalue(m, r, 2), PQgetvalue(m, r, 3),
			       val(m, r, 5) ? PQgetvalue(m, r, 5) : "(unknown)", PQgetvalue(m, r, 4));
			if (val(m, r, 7) != NULL)
				printf("Notes: %s\n", PQgetvalue(m, r, 7));
			printf("\n%s\n", PQgetvalue(m, r, 6));
		}
	}
	rc = 0;
	PQclear(m);
	PQclear(docs);
out:
	PQclear(c);
	return rc;
}

static int printable(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			return 0;
	return 1;
}

static int cmd_close(struct ctl *ctl, const struct ctl_args *args)
{
	const char *number = ctl_args_pos(args, 0), *resolution = ctl_args_value(args, "--resolution"),
		   *note = ctl_args_value(args, "--note");
	PGconn *db;
	int r;

	if (resolution == NULL || *resolution == '\0' || strlen(resolution) > 200 ||
	    !printable(resolution))
		return ctl_usage(&cmd_close_entry);
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	r = case_close(db, number, resolution, note, ctl_actor());
	switch (r) {
	case 1:
		printf("closed %s (resolution: %s)\n", number, resolution);
		return 0;
	case 0:
		fprintf(stderr, "madoctl close: no case %s\n", number);
		return 1;
	case 2:
		fprintf(stderr, "madoctl close: case %s is already closed\n", number);
		return 1;
	default:
		fprintf(stderr, "madoctl close: could not close %s\n", number);
		return 1;
	}
}

static const struct ctl_grammar list_grammar[] = {{NULL, "--status: --json", 0, 0},
						   CTL_GRAMMAR_END};
static const struct ctl_grammar show_grammar[] = {{NULL, "--json", 1, 1}, CTL_GRAMMAR_END};
static const struct ctl_grammar close_grammar[] = {{NULL, "--resolution: --note:", 1, 1},
						CTL_GRAMMAR_END};

const struct ctl_command cmd_list_entry = {"list", "[--status new|open|waiting|closed] [--json]",
					   "list cases", list_grammar, cmd_list};
const struct ctl_command cmd_show_entry = {"show", "CASE [--json]",
					   "show a case with its messages", show_grammar, cmd_show};
const struct ctl_command cmd_close_entry = {"close", "CASE --resolution R [--note TEXT]",
					    "close a case (recorded in the audit log)", close_grammar,
					    cmd_close};
