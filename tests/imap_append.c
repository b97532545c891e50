/*
 * imap_append.c - test and demo helper: APPEND files to an IMAP mailbox.
 *
 * usage: imap_append HOST PORT USER PASSWORD MAILBOX FILE...
 * Puts each file in the mailbox as one message, the way a mail server
 * delivers it, so tests exercise the real intake path. A mailbox other
 * than INBOX is created first if it does not exist.
 */
#include <libetpan/libetpan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		data = malloc((size_t)n + 1);
		if (data != NULL && fread(data, 1, (size_t)n, f) != (size_t)n) {
			free(data);
			data = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return data;
}

int main(int argc, char **argv)
{
	mailimap *imap;
	int r, status = 0;

	if (argc < 7) {
		fprintf(stderr, "usage: imap_append HOST PORT USER PASSWORD MAILBOX FILE...\n");
		return 2;
	}
	imap = mailimap_new(0, NULL);
	r = mailimap_socket_connect(imap, argv[1], (uint16_t)atoi(argv[2]));
	if (r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED && r != MAILIMAP_NO_ERROR) {
		fprintf(stderr, "imap_append: connect failed (%d)\n", r);
		mailimap_free(imap);
		return 1;
	}
	if (mailimap_login(imap, argv[3], argv[4]) != MAILIMAP_NO_ERROR) {
		fprintf(stderr, "imap_append: login failed\n");
		mailimap_free(imap);
		return 1;
	}
	if (strcmp(argv[5], "INBOX") != 0)
		mailimap_create(imap, argv[5]); /* fails harmlessly when it exists */
	for (int i = 6; i < argc; i++) {
		size_t len = 0;
		char *data = slurp(argv[i], &len);

		if (data == NULL) {
			fprintf(stderr, "imap_append: cannot read %s\n", argv[i]);
			status = 1;
			continue;
		}
		r = mailimap_append(imap, argv[5], NULL, NULL, data, len);
		if (r != MAILIMAP_NO_ERROR) {
			fprintf(stderr, "imap_append: APPEND %s failed (%d)\n", argv[i], r);
			status = 1;
		}
		free(data);
	}
	mailimap_logout(imap);
	mailimap_free(imap);
	return status;
}
