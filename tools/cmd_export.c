/*
 * cmd_export.c - madoctl export: everything the desk holds about one
 * requester, for a disclosure request under the personal-information law
 * (個人情報保護法), as one JSON document. The export is audited: who
 * asked for whose data.
 *
 *   export --requester ADDRESS [-o FILE] [--as NAME]
 *
 * A file is written readable by its owner only: it is personal data.
 */
#include "madoctl.h"

#include "db_export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int write_out(const char *path, const char *json)
{
	size_t len = strlen(json);
	FILE *f;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0)
		return fwrite(json, 1, len, stdout) == len && fputc('\n', stdout) != EOF ? 0 : -1;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1 || (f = fdopen(fd, "w")) == NULL) {
		fprintf(stderr, "madoctl export: %s: %s\n", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (fwrite(json, 1, len, f) != len || fputc('\n', f) == EOF) {
		fprintf(stderr, "madoctl export: %s: %s\n", path, strerror(errno));
		fclose(f);
		return -1;
	}
	if (fclose(f) != 0) {
		fprintf(stderr, "madoctl export: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int cmd_export(struct ctl *ctl, const struct ctl_args *args)
{
	const char *address = ctl_args_value(args, "--requester"), *out = ctl_args_value(args, "-o");
	const char *actor;
	char *json = NULL;
	long n = 0;
	PGconn *db;
	int rc;

	if (address == NULL || strchr(address, '@') == NULL) {
		fprintf(stderr, "madoctl export: --requester takes the requester's mail address\n");
		return ctl_usage(&cmd_export_entry);
	}
	if ((actor = ctl_acting(&cmd_export_entry, args)) == NULL)
		return EXIT_MISUSE;
	if ((db = ctl_db(ctl)) == NULL)
		return 1;
	if (db_export_requester(db, address, actor, &json, &n) == -1) {
		fprintf(stderr, "madoctl export: the database failed\n");
		return 1;
	}
	rc = write_out(out, json);
	free(json);
	if (rc == -1)
		return 1;
	fprintf(stderr, "madoctl export: %ld case%s of %s%s%s\n", n, n == 1 ? "" : "s", address,
		out != NULL && strcmp(out, "-") != 0 ? " written to " : "",
		out != NULL && strcmp(out, "-") != 0 ? out : "");
	return 0;
}

static const struct ctl_grammar export_grammar[] = {{NULL, "--requester: -o: --as:", 0, 0},
						    CTL_GRAMMAR_END};

const struct ctl_command cmd_export_entry = {
    "export", "--requester ADDRESS [-o FILE] [--as NAME]",
    "everything held about one requester (cases, messages, attachments list, documents, notes,"
    " referrals, shipments, mail sent, audit) as JSON, for a disclosure request; audited",
    export_grammar, cmd_export};
