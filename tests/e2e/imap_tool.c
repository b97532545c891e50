/*
 * imap_tool.c - test and demo helper: what a mail server and a mail client
 * do to a mailbox, done for real over IMAP.
 *
 *   imap_tool HOST PORT USER PASSWORD append MAILBOX FILE...
 *       APPEND each file as one message (a mailbox other than INBOX is
 *       created first).
 *   imap_tool HOST PORT USER PASSWORD renumber MAILBOX
 *       gives MAILBOX a new UIDVALIDITY with the same messages (rename it
 *       away, create it anew, copy the messages back, delete the old one),
 *       as a server does after a rebuild or a migration.
 *   imap_tool HOST PORT USER PASSWORD count MAILBOX [unseen]
 *       prints how many messages (or unseen messages) MAILBOX holds.
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

static int append(mailimap *imap, const char *mailbox, int nfiles, char **files)
{
	int status = 0;

	if (strcmp(mailbox, "INBOX") != 0)
		mailimap_create(imap, mailbox); /* fails harmlessly when it exists */
	for (int i = 0; i < nfiles; i++) {
		size_t len = 0;
		char *data = slurp(files[i], &len);
		int r;

		if (data == NULL) {
			fprintf(stderr, "imap_tool: cannot read %s\n", files[i]);
			status = 1;
			continue;
		}
		r = mailimap_append(imap, mailbox, NULL, NULL, data, len);
		if (r != MAILIMAP_NO_ERROR) {
			fprintf(stderr, "imap_tool: APPEND %s failed (%d)\n", files[i], r);
			status = 1;
		}
		free(data);
	}
	return status;
}

static int renumber(mailimap *imap, const char *mailbox)
{
	char old[512];
	struct mailimap_set *all;
	int r;

	snprintf(old, sizeof(old), "%s-renumbered", mailbox);
	if (mailimap_rename(imap, mailbox, old) != MAILIMAP_NO_ERROR ||
	    mailimap_create(imap, mailbox) != MAILIMAP_NO_ERROR ||
	    mailimap_select(imap, old) != MAILIMAP_NO_ERROR) {
		fprintf(stderr, "imap_tool: renumber %s: rename/create/select failed\n", mailbox);
		return 1;
	}
	all = mailimap_set_new_interval(1, 0);
	r = mailimap_copy(imap, all, mailbox);
	mailimap_set_free(all);
	if (r != MAILIMAP_NO_ERROR || mailimap_close(imap) != MAILIMAP_NO_ERROR ||
	    mailimap_delete(imap, old) != MAILIMAP_NO_ERROR) {
		fprintf(stderr, "imap_tool: renumber %s: copy/delete failed\n", mailbox);
		return 1;
	}
	return 0;
}

static int count(mailimap *imap, const char *mailbox, int unseen)
{
	struct mailimap_status_att_list *atts = mailimap_status_att_list_new_empty();
	struct mailimap_mailbox_data_status *st = NULL;
	int r;

	mailimap_status_att_list_add(atts, unseen ? MAILIMAP_STATUS_ATT_UNSEEN
						  : MAILIMAP_STATUS_ATT_MESSAGES);
	r = mailimap_status(imap, mailbox, atts, &st);
	mailimap_status_att_list_free(atts);
	if (r != MAILIMAP_NO_ERROR || st == NULL) {
		fprintf(stderr, "imap_tool: STATUS %s failed (%d)\n", mailbox, r);
		return 1;
	}
	for (clistiter *it = clist_begin(st->st_info_list); it != NULL; it = clist_next(it)) {
		struct mailimap_status_info *info = clist_content(it);

		printf("%u\n", info->st_value);
	}
	mailimap_mailbox_data_status_free(st);
	return 0;
}

int main(int argc, char **argv)
{
	mailimap *imap;
	int r, status;

	if (argc < 7) {
		fprintf(stderr, "usage: imap_tool HOST PORT USER PASSWORD append MAILBOX FILE...\n"
				"       imap_tool HOST PORT USER PASSWORD renumber MAILBOX\n"
				"       imap_tool HOST PORT USER PASSWORD count MAILBOX [unseen]\n");
		return 2;
	}
	imap = mailimap_new(0, NULL);
	r = mailimap_socket_connect(imap, argv[1], (uint16_t)atoi(argv[2]));
	if (r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED && r != MAILIMAP_NO_ERROR) {
		fprintf(stderr, "imap_tool: connect failed (%d)\n", r);
		mailimap_free(imap);
		return 1;
	}
	if (mailimap_login(imap, argv[3], argv[4]) != MAILIMAP_NO_ERROR) {
		fprintf(stderr, "imap_tool: login failed\n");
		mailimap_free(imap);
		return 1;
	}
	if (strcmp(argv[5], "append") == 0)
		status = append(imap, argv[6], argc - 7, argv + 7);
	else if (strcmp(argv[5], "renumber") == 0 && argc == 7)
		status = renumber(imap, argv[6]);
	else if (strcmp(argv[5], "count") == 0 && argc <= 8)
		status = count(imap, argv[6], argc == 8 && strcmp(argv[7], "unseen") == 0);
	else {
		fprintf(stderr, "imap_tool: unknown command %s\n", argv[5]);
		status = 2;
	}
	mailimap_logout(imap);
	mailimap_free(imap);
	return status;
}
