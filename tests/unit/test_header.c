/*
 * test_header.c - header decoding, addresses, Message-IDs and dates, driven
 * by tests/data/headers.tsv (kind, input with C escapes, expected).
 */
#include "check.h"
#include "mailhdr.h"

#include <stdlib.h>

/* Undoes \\, \t, \n, \r and \xNN; returns a malloc'd string. */
static char *unescape(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;

	for (; *s != '\0'; s++) {
		if (*s != '\\' || s[1] == '\0') {
			*o++ = *s;
			continue;
		}
		s++;
		switch (*s) {
		case 't':
			*o++ = '\t';
			break;
		case 'n':
			*o++ = '\n';
			break;
		case 'r':
			*o++ = '\r';
			break;
		case 'x': {
			char hex[3] = {s[1], s[2], 0};

			*o++ = (char)strtol(hex, NULL, 16);
			s += 2;
			break;
		}
		default:
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

static void run_case(int lineno, const char *kind, const char *input, const char *want)
{
	char ctx[64];

	snprintf(ctx, sizeof(ctx), "headers.tsv:%d %s", lineno, kind);
	if (strcmp(kind, "decode") == 0) {
		char *got = mailhdr_decode(input, NULL);

		CHECK_STR(got, want, ctx);
		free(got);
	} else if (strcmp(kind, "address") == 0) {
		struct mailhdr_address a;
		char got[1024];

		mailhdr_parse_address(input, &a);
		snprintf(got, sizeof(got), "%s|%s", a.name, a.address);
		CHECK_STR(got, want, ctx);
		mailhdr_address_free(&a);
	} else if (strcmp(kind, "msgid") == 0) {
		char *got = mailhdr_message_id(input);

		CHECK_STR(got ? got : "", want, ctx);
		free(got);
	} else if (strcmp(kind, "date") == 0) {
		time_t t = 0;
		bool ok = mailhdr_parse_date(input, &t);
		char got[32] = "";

		if (ok)
			snprintf(got, sizeof(got), "%lld", (long long)t);
		CHECK_STR(got, want, ctx);
	} else {
		CHECK(0, "%s: unknown kind", ctx);
	}
}

static void check_header_lookup(void)
{
	static const char raw[] = "Received: from a\r\n\tby b\r\nSubject: first\r\n part\r\n"
				  "subject: second\r\nX-Empty:\r\n\r\nSubject: in body\r\n";
	char *v = mailhdr_get(raw, sizeof(raw) - 1, "SUBJECT");

	CHECK_STR(v, "first part", "folded lookup, first occurrence");
	free(v);
	v = mailhdr_get(raw, sizeof(raw) - 1, "X-Empty");
	CHECK_STR(v, "", "empty field");
	free(v);
	v = mailhdr_get(raw, sizeof(raw) - 1, "Missing");
	CHECK(v == NULL, "absent field");
	CHECK(mailhdr_body_offset(raw, sizeof(raw) - 1) == (size_t)(strstr(raw, "Subject: in") - raw),
	      "body offset after the blank line");
	v = mailhdr_get("Subject: bare LF\nFrom: x\n\nbody", 30, "From");
	CHECK_STR(v, "x", "bare LF line ends");
	free(v);
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "tests/data/headers.tsv";
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, cases = 0;

	CHECK(f != NULL, "cannot open %s", path);
	while (f != NULL && getline(&line, &cap, f) != -1) {
		char *kind, *input, *want;

		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		kind = line;
		input = strchr(kind, '\t');
		if (input == NULL)
			continue;
		*input++ = '\0';
		want = strchr(input, '\t');
		if (want != NULL)
			*want++ = '\0';
		else
			want = "";
		{
			char *in = unescape(input), *exp = unescape(want);

			run_case(lineno, kind, in, exp);
			free(in);
			free(exp);
		}
		cases++;
	}
	free(line);
	if (f != NULL)
		fclose(f);
	CHECK(cases >= 30, "only %d header cases", cases);
	check_header_lookup();
	return check_done();
}
