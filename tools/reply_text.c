/*
 * reply_text.c - the text of a staff reply: the standard answer filled in,
 * a file, the staff member's signature, and $EDITOR; see reply_text.h.
 */
#include "reply_text.h"

#include "answer.h"
#include "buf.h"
#include "config.h"
#include "db_answer.h"
#include "file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The signature of ACTOR: [staff.ACTOR] signature with \n as line breaks, else name and desk. */
static void signature(const struct config *cfg, const char *actor, struct buf *out)
{
	const struct staff_config *st = config_staff(cfg, actor);

	if (st != NULL && st->signature != NULL) {
		for (const char *p = st->signature; *p != '\0'; p++) {
			if (p[0] == '\\' && p[1] == 'n') {
				buf_addc(out, '\n');
				p++;
			} else {
				buf_addc(out, *p);
			}
		}
		buf_addc(out, '\n');
		return;
	}
	buf_printf(out, "%s\n%s\n", cfg->ship_desk_name != NULL ? cfg->ship_desk_name : "",
		   st != NULL && st->name != NULL ? st->name : actor);
}

int reply_text_build(PGconn *db, const struct config *cfg, const struct reply_text_req *r,
		     struct buf *out)
{
	struct buf sig = BUF_INIT;

	if (r->answer != NULL) {
		struct db_answer_template t;
		int found = db_answer_get(db, r->answer, 0, &t), rc = -1;

		if (found == 0)
			fprintf(stderr, "madoctl reply: no answer template %s (madoctl answer list)\n",
				r->answer);
		if (found == 1)
			rc = answer_render(db, t.body, r->requester, r->number, out);
		if (found == 1)
			db_answer_template_free(&t);
		if (rc == -1)
			return -1;
	}
	if (r->file != NULL) {
		size_t len;
		char *text = strcmp(r->file, "-") == 0 ? NULL : file_read(r->file, &len);

		if (strcmp(r->file, "-") == 0) {
			int c;

			if (out->len > 0)
				buf_addc(out, '\n');
			while ((c = getchar()) != EOF)
				buf_addc(out, (char)c);
		} else if (text == NULL) {
			fprintf(stderr, "madoctl reply: cannot read %s\n", r->file);
			return -1;
		} else {
			if (out->len > 0)
				buf_addc(out, '\n');
			buf_add(out, text, len);
			free(text);
		}
	}
	if (r->answer == NULL && r->file == NULL)
		buf_printf(out, "%s 様\n\n\n", r->requester[0] != '\0' ? r->requester : "ご相談者");
	if (out->len > 0 && out->data[out->len - 1] != '\n')
		buf_addc(out, '\n');
	signature(cfg, r->actor, &sig);
	/* A text that already ends with the signature (an edited draft) keeps one. */
	if (out->len < sig.len || memcmp(out->data + out->len - sig.len, sig.data, sig.len) != 0) {
		buf_addc(out, '\n');
		buf_add(out, sig.data, sig.len);
	}
	buf_free(&sig);
	return 0;
}

int reply_text_edit(struct buf *text)
{
	char path[] = "/tmp/madoctl-reply-XXXXXX.txt";
	const char *editor = getenv("VISUAL");
	int fd = mkstemps(path, 4), status = -1;
	pid_t pid;
	char *edited;
	size_t len;

	if (editor == NULL || *editor == '\0')
		editor = getenv("EDITOR");
	if (editor == NULL || *editor == '\0')
		editor = "vi";
	if (fd == -1 || write(fd, text->data, text->len) != (ssize_t)text->len || close(fd) == -1) {
		perror("madoctl reply: draft file");
		if (fd != -1)
			unlink(path);
		return -1;
	}
	/* Through the shell, as git does: EDITOR may carry options ("emacs -nw"). */
	pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", "exec $0 \"$1\"", editor, path, (char *)NULL);
		_exit(127);
	}
	if (pid == -1 || waitpid(pid, &status, 0) == -1 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		fprintf(stderr, "madoctl reply: the editor (%s) failed; nothing sent\n", editor);
		unlink(path);
		return -1;
	}
	edited = file_read(path, &len);
	unlink(path);
	if (edited == NULL)
		return -1;
	text->len = 0;
	buf_add(text, edited, len);
	free(edited);
	return 0;
}
