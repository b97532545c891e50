/*
 * cmd_classify.c - madoctl classify [--json] [--explain] [--fax] FILE:
 * triage of one raw mail (or, with --fax, one fax image: TIFF or PDF) as
 * the workers would do it, without the daemon.
 */
#include "madoctl.h"
#include "triage_print.h"

#include "config.h"
#include "file.h"
#include "mail_decode.h"
#include "ocr.h"
#include "triage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The words to classify and those the guidebook facts are read from (FACTS,
 * left empty for a fax: its OCR text is both), as the worker reads them;
 * for a notification of the e-application service ([eapp]) the entries
 * themselves into FORM.
 */
static int read_request(const struct config *cfg, const char *file, bool fax, struct buf *text,
			struct buf *facts, char kind[24], struct eapp_form *form)
{
	char why[256];
	size_t len = 0;
	char *raw = file_read(file, &len);
	int rc = -1;

	if (raw == NULL) {
		fprintf(stderr, "madoctl classify: cannot read %s\n", file);
		return -1;
	}
	if (fax) {
		struct ocr_result ocr;

		if (ocr_document(raw, len, true, &ocr, why, sizeof(why)) == 0) {
			buf_adds(text, ocr.text);
			ocr_result_free(&ocr);
			rc = 0;
		} else {
			fprintf(stderr, "madoctl classify: %s: cannot read the fax: %s\n", file, why);
		}
		ocr_shutdown();
	} else {
		struct decoded_mail m;

		if (mail_decode(raw, len, &m, why, sizeof(why)) == 0) {
			const char *k;

			if (config_is_eapp_sender(cfg, m.from_address) &&
			    (config_is_eapp(cfg, m.from_address, m.subject) || mail_has_application(&m)))
				mail_take_eapp(&m);
			k = triage_mail_kind(&m);
			/* Copied: the hint and the entries outlive the decoded mail. */
			snprintf(kind, 24, "%s", k != NULL ? k : "");
			triage_mail_texts(&m, text, facts);
			*form = m.applicant;
			memset(&m.applicant, 0, sizeof(m.applicant));
			decoded_mail_free(&m);
			rc = 0;
		} else {
			fprintf(stderr, "madoctl classify: %s: would be quarantined: %s\n", file, why);
		}
	}
	free(raw);
	return rc;
}

/* Triage of one FILE, printed; 0, or 1 when the file cannot be read. */
static int classify_file(const struct config *cfg, const struct classifier *cl,
			 const struct shipping_policy *policy, const char *file, bool fax, bool json,
			 bool explain)
{
	struct buf text = BUF_INIT, facts = BUF_INIT;
	struct eapp_form form = {0};
	char kind[24] = "";
	struct triage *t;
	int rc = 1;

	if (read_request(cfg, file, fax, &text, &facts, kind, &form) == -1) {
		eapp_form_free(&form);
		buf_free(&text);
		buf_free(&facts);
		return 1;
	}
	if ((t = malloc(sizeof(*t))) != NULL) {
		triage_request(cl, policy, text.data != NULL ? text.data : "", facts.data,
			       kind[0] ? kind : NULL, t);
		triage_take_form(t, &form);
		if (json) {
			struct buf out = BUF_INIT;

			triage_json(t, explain, &out);
			puts(out.data);
			buf_free(&out);
		} else {
			triage_print(t, explain);
		}
		free(t);
		rc = 0;
	}
	eapp_form_free(&form);
	buf_free(&text);
	buf_free(&facts);
	return rc;
}

static int cmd_classify(struct ctl *ctl, const struct ctl_args *args)
{
	bool json = ctl_args_has(args, "--json"), explain = ctl_args_has(args, "--explain"),
	     fax = ctl_args_has(args, "--fax");
	struct shipping_policy policy;
	struct classifier *cl;
	int nfiles = ctl_args_count(args), failed = 0;
	PGconn *db;

	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	/* Loaded (and trained) once for all the files. */
	if ((cl = classifier_load(db)) == NULL) {
		fprintf(stderr, "madoctl classify: no knowledge base: run madoctl kb import first\n");
		return 1;
	}
	shipping_policy_from_config(ctl->cfg, &policy);
	for (int i = 0; i < nfiles; i++) {
		const char *file = ctl_args_pos(args, i);

		/*
		 * The blank line goes before every file but one standing first on the
		 * command line, so also before the first file when an option precedes
		 * it: the output scripts already read, kept as it was.
		 */
		if (!json && nfiles > 1)
			printf("%s== %s\n", ctl_args_pos_index(args, i) > 1 ? "\n" : "", file);
		if (classify_file(ctl->cfg, cl, &policy, file, fax, json, explain) != 0) {
			failed++;
			/* One line per file in JSON, so outputs stay aligned with the inputs. */
			if (json)
				puts("null");
		}
		fflush(stdout);
	}
	classifier_free(cl);
	return failed > 0 ? 1 : 0;
}

static const struct ctl_grammar classify_grammar[] = {{NULL, "--json --explain --fax", 1, -1},
						   CTL_GRAMMAR_END};

const struct ctl_command cmd_classify_entry = {
    "classify", "[--json] [--explain] [--fax] FILE...",
    "triage raw mails, or with --fax fax images (TIFF or PDF), as the workers would;"
    " with --json one object per line per file",
    classify_grammar, cmd_classify};
