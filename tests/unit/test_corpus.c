/*
 * test_corpus.c - every message of tests/data/mail/ decoded and compared
 * with its .expect file (format: tests/data/mail/README.md). Threading and
 * duplicates need the database and are checked end to end by
 * e2e_mail.sh; here a follow-up or duplicate must decode as a request.
 */
#include "file.h"
#include "check.h"
#include "mail_decode.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check_message(const char *dir, const char *name)
{
	char path[1024], ctx[300];
	char *raw, *expect, *line, *save = NULL;
	size_t len, elen;
	struct decoded_mail m;
	char why[200] = "";
	int rc;
	size_t att = 0;
	char kind[32] = "";

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	raw = file_read(path, &len);
	snprintf(path + strlen(path) - 4, 8, ".expect");
	expect = file_read(path, &elen);
	CHECK(raw != NULL && expect != NULL, "%s: message or .expect missing", name);
	if (raw == NULL || expect == NULL) {
		free(raw);
		free(expect);
		return;
	}
	rc = mail_decode(raw, len, &m, why, sizeof(why));
	for (line = strtok_r(expect, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *colon = strchr(line, ':'), *key = line, *value;

		if (line[0] == '#' || colon == NULL)
			continue;
		*colon = '\0';
		value = colon + 1;
		if (*value == ' ')
			value++;
		value[strcspn(value, "\r")] = '\0';
		snprintf(ctx, sizeof(ctx), "%s %s", name, key);
		if (strcmp(key, "kind") == 0) {
			snprintf(kind, sizeof(kind), "%s", value);
			if (strcmp(value, "quarantine") == 0) {
				CHECK(rc == -1, "%s: should be quarantined", name);
			} else {
				const char *want = strcmp(value, "autoreply") == 0 ? "autoreply"
						   : strcmp(value, "bounce") == 0  ? "bounce"
						   : strcmp(value, "list") == 0    ? "list"
										   : "request";

				CHECK(rc == 0, "%s: refused: %s", name, why);
				if (rc == 0)
					CHECK_STR(mail_kind_name(m.kind), want, ctx);
			}
			continue;
		}
		if (strcmp(key, "quarantine-reason") == 0) {
			CHECK(rc == -1 && strstr(why, value) != NULL, "%s: reason \"%s\" not in \"%s\"",
			      name, value, why);
			continue;
		}
		if (rc != 0)
			continue;
		if (strcmp(key, "subject") == 0)
			CHECK_STR(m.subject, value, ctx);
		else if (strcmp(key, "from-name") == 0)
			CHECK_STR(m.from_name, value, ctx);
		else if (strcmp(key, "from-address") == 0)
			CHECK_STR(m.from_address, value, ctx);
		else if (strcmp(key, "body-contains") == 0)
			CHECK(strstr(m.text, value) != NULL, "%s: text lacks \"%s\"; text: %.300s", name,
			      value, m.text);
		else if (strcmp(key, "full-contains") == 0)
			CHECK(strstr(m.text, value) != NULL, "%s: full text lacks \"%s\"", name, value);
		else if (strcmp(key, "body-not-contains") == 0)
			CHECK(strstr(m.own_words, value) == NULL,
			      "%s: own words keep \"%s\"; own words: %.300s", name, value, m.own_words);
		else if (strcmp(key, "notes-contains") == 0)
			CHECK(m.notes.data != NULL && strstr(m.notes.data, value) != NULL,
			      "%s: notes lack \"%s\": %s", name, value, m.notes.data ? m.notes.data : "");
		else if (strcmp(key, "attachment") == 0) {
			char want[600];

			if (att < m.nattachments) {
				char got[600];

				snprintf(got, sizeof(got), "%s|%s|%zu", m.attachments[att].filename,
					 m.attachments[att].type, m.attachments[att].size);
				snprintf(want, sizeof(want), "%s", value);
				CHECK_STR(got, want, ctx);
			} else {
				CHECK(0, "%s: attachment %zu missing (want %s)", name, att + 1, value);
			}
			att++;
		} else if (strcmp(key, "bounce-of") == 0 || strcmp(key, "thread-of") == 0) {
			/* database matters: e2e_mail.sh */
		}
	}
	if (rc == 0 && strcmp(kind, "quarantine") != 0)
		CHECK(att == m.nattachments, "%s: %zu attachments, %zu expected", name,
		      m.nattachments, att);
	decoded_mail_free(&m);
	free(raw);
	free(expect);
}

/* Hostile messages too big to keep as files, made here. */
static void check_generated(void)
{
	struct buf b = BUF_INIT;
	struct decoded_mail m;
	char why[200];
	int rc;

	/* 30 MB attachment: decoded, with its exact size. */
	buf_adds(&b, "From: a@example.jp\r\nSubject: big\r\nMIME-Version: 1.0\r\n"
		     "Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\n"
		     "Content-Type: text/plain; charset=UTF-8\r\n\r\n資料を添付します。\r\n--B\r\n"
		     "Content-Type: application/pdf; name=big.pdf\r\n"
		     "Content-Transfer-Encoding: base64\r\n\r\n");
	buf_adds(&b, "JVBERi0xLjQK"); /* "%PDF-1.4\n" */
	for (int i = 0; i < 30 * 1024 * 1024 / 42 + 1; i++) /* 42 bytes a line */
		buf_adds(&b, "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\r\n");
	buf_adds(&b, "--B--\r\n");
	rc = mail_decode(b.data, b.len, &m, why, sizeof(why));
	CHECK(rc == 0 && m.nattachments == 1 && m.attachments[0].size > 30 * 1000 * 1000 &&
		  strcmp(m.attachments[0].type, "application/pdf") == 0 &&
		  strstr(m.text, "資料を添付します") != NULL,
	      "30 MB attachment decoded (rc=%d, %zu attachments)", rc, m.nattachments);
	decoded_mail_free(&m);
	buf_reset(&b);

	/* Nesting hundreds deep. */
	buf_adds(&b, "From: a@example.jp\r\nSubject: deep\r\n");
	for (int i = 0; i < 500; i++)
		buf_printf(&b, "Content-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n--b%d\r\n", i, i);
	buf_adds(&b, "Content-Type: text/plain\r\n\r\nhello\r\n");
	rc = mail_decode(b.data, b.len, &m, why, sizeof(why));
	CHECK(rc == -1 && strstr(why, "nesting too deep") != NULL, "500 levels: %s", why);
	decoded_mail_free(&m);
	buf_reset(&b);

	/* Thousands of header fields. */
	buf_adds(&b, "From: a@example.jp\r\n");
	for (int i = 0; i < 20000; i++)
		buf_printf(&b, "X-Junk-%d: %d\r\n", i, i);
	buf_adds(&b, "\r\nbody\r\n");
	rc = mail_decode(b.data, b.len, &m, why, sizeof(why));
	CHECK(rc == -1 && strstr(why, "header section too large") != NULL, "20000 fields: %s", why);
	decoded_mail_free(&m);
	buf_reset(&b);

	/* A 2 MB header line. */
	buf_adds(&b, "From: a@example.jp\r\nSubject: ");
	for (int i = 0; i < 2 * 1024 * 1024 / 16; i++)
		buf_adds(&b, "AAAAAAAAAAAAAAAA");
	buf_adds(&b, "\r\n\r\nbody\r\n");
	rc = mail_decode(b.data, b.len, &m, why, sizeof(why));
	CHECK(rc == -1 && strstr(why, "header line too long") != NULL, "2 MB line: %s", why);
	decoded_mail_free(&m);
	buf_reset(&b);

	/* NUL in a header; NUL in the body is dropped with a note. */
	{
		static const char nul_header[] = "From: a@example.jp\r\nSubject: a\0b\r\n\r\nbody\r\n";

		buf_add(&b, nul_header, sizeof(nul_header) - 1);
	}
	rc = mail_decode(b.data, b.len, &m, why, sizeof(why));
	CHECK(rc == -1 && strstr(why, "NUL") != NULL, "NUL in header: %s", why);
	decoded_mail_free(&m);
	buf_reset(&b);
	{
		static const char nul_body[] = "From: a@example.jp\r\nSubject: a\r\n\r\nbo\0dy\r\n";

		buf_add(&b, nul_body, sizeof(nul_body) - 1);
	}
	rc = mail_decode(b.data, b.len, &m, why, sizeof(why));
	CHECK(rc == 0 && strcmp(m.text, "body\r\n") == 0 && strstr(m.notes.data, "NUL") != NULL,
	      "NUL in body dropped and noted");
	decoded_mail_free(&m);
	buf_free(&b);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/data/mail";
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;

	CHECK(d != NULL, "cannot open %s", dir);
	while (d != NULL && (de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);

		if (l > 4 && strcmp(de->d_name + l - 4, ".eml") == 0) {
			names = realloc(names, (n + 1) * sizeof(*names));
			names[n++] = strdup(de->d_name);
		}
	}
	if (d != NULL)
		closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		check_message(dir, names[i]);
		free(names[i]);
	}
	free(names);
	CHECK(n >= 60, "only %zu messages in the corpus", n);
	check_generated();
	printf("%zu messages\n", n);
	return check_done();
}
