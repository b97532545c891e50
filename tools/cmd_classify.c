/*
 * cmd_classify.c - madoctl classify [--json] [--explain] FILE: triage of one
 * raw mail as the workers would do it, without the daemon.
 */
#include "madoctl.h"

#include "classify.h"
#include "file.h"
#include "mail_decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmd_classify(struct ctl *ctl, int argc, char **argv)
{
	const char *file = NULL;
	int json = 0, explain = 0, rc = 1;
	struct decoded_mail m;
	struct classify_result r;
	struct classifier *cl;
	struct buf text = BUF_INIT;
	char why[200], kind[24];
	size_t len = 0;
	char *raw;
	PGconn *db;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strcmp(argv[i], "--explain") == 0)
			explain = 1;
		else if (argv[i][0] != '-' && file == NULL)
			file = argv[i];
		else
			return ctl_usage(&cmd_classify_entry);
	}
	if (file == NULL)
		return ctl_usage(&cmd_classify_entry);
	if ((raw = file_read(file, &len)) == NULL) {
		fprintf(stderr, "madoctl classify: cannot read %s\n", file);
		return 1;
	}
	if (mail_decode(raw, len, &m, why, sizeof(why)) == -1) {
		fprintf(stderr, "madoctl classify: %s: would be quarantined: %s\n", file, why);
		goto out;
	}
	if ((db = ctl_db(ctl)) == NULL)
		goto out;
	if ((cl = classifier_load(db)) == NULL) {
		fprintf(stderr, "madoctl classify: no knowledge base: run madoctl kb import first\n");
		goto out;
	}
	buf_printf(&text, "%s\n%s", m.subject, m.own_words);
	classify_text(cl, text.data, &r);
	classifier_free(cl);
	if (m.kind == MAIL_AUTOREPLY || m.kind == MAIL_LIST)
		snprintf(kind, sizeof(kind), "autoreply");
	else if (m.kind == MAIL_BOUNCE)
		snprintf(kind, sizeof(kind), "bounce");
	else if (m.case_tag[0] != '\0' || m.in_reply_to != NULL)
		snprintf(kind, sizeof(kind), "followup");
	else if (strcmp(r.intent, "material_request") == 0)
		snprintf(kind, sizeof(kind), "material_request");
	else if (strcmp(r.intent, "other") == 0)
		snprintf(kind, sizeof(kind), "other");
	else
		snprintf(kind, sizeof(kind), "consultation");
	if (json) {
		struct buf out = BUF_INIT;

		classify_json(&r, kind, &out);
		if (explain) {
			/* The same object with the phrases that counted. */
			out.data[--out.len] = '\0';
			buf_adds(&out, ",\"explain\":[");
			for (size_t i = 0; i < r.nexplain; i++) {
				buf_adds(&out, i ? ",\"" : "\"");
				for (const char *p = r.explain[i]; *p != '\0'; p++) {
					if (*p == '"' || *p == '\\')
						buf_addc(&out, '\\');
					buf_addc(&out, *p);
				}
				buf_addc(&out, '"');
			}
			buf_adds(&out, "]}");
		}
		puts(out.data);
		buf_free(&out);
	} else {
		printf("kind: %s\ncategory: %s (%.0f%%)\n", kind, r.scores[0].code,
		       r.scores[0].score * 100);
		for (size_t i = 1; i < r.nscores; i++)
			printf("  then: %s (%.0f%%)\n", r.scores[i].code, r.scores[i].score * 100);
		printf("urgent: %s\nreferrals: %s\n", r.urgent ? "yes" : "no", r.referrals);
		for (size_t i = 0; explain && i < r.nexplain; i++)
			printf("  because: %s\n", r.explain[i]);
	}
	rc = 0;
out:
	decoded_mail_free(&m);
	buf_free(&text);
	free(raw);
	return rc;
}

const struct ctl_command cmd_classify_entry = {"classify", "[--json] [--explain] FILE",
					       "triage one raw mail (category, urgency, referrals)",
					       cmd_classify};
