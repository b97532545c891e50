/*
 * cmd_doctor.c - madoctl doctor: what the desk's programs need, checked
 * one by one, and what is wrong said in words with how to fix it: the
 * configuration, the database, its schema and the programs' roles, each
 * mailbox's login, the
 * SMTP server, the OCR languages, the forms' font and the fax spool.
 * The exit status is 1 when anything is wrong.
 */
#include "madoctl.h"

#include "config.h"
#include "db.h"
#include "imap_session.h"
#include "migrate.h"
#include "ocr.h"
#include "pdf_draw.h"
#include "smtp.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int problems;

/* One check: what, whether it is fine, and the words (printf-style). */
static void say(const char *what, bool ok, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(const char *what, bool ok, const char *fmt, ...)
{
	va_list ap;

	problems += !ok;
	printf("%-18s %-6s ", what, ok ? "ok" : "WRONG");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

/* The roles the programs work under (sql/023_roles.sql). */
static const char *const roles[] = {"madoguchi_intake", "madoguchi_worker", "madoguchi_staff",
				    "madoguchi_admin"};

static void database(const struct config *cfg)
{
	PGconn *db = db_connect(cfg->db_conninfo);
	int pending;

	if (db == NULL) {
		say("database", false, "cannot connect (the reason is above): check [database] conninfo"
				       " and password_file, and that PostgreSQL runs");
		return;
	}
	pending = migrate_pending(db);
	if (pending < 0)
		say("database", false, "connected, but cannot read the schema's version");
	else if (pending > 0)
		say("database", false, "connected; %d migration%s not applied: run madoctl migrate",
		    pending, pending == 1 ? "" : "s");
	else
		say("database", true, "connected, the schema up to date");
	db_close(db);
	if (pending != 0)
		return;
	/* Each program's role, taken as the program takes it. */
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		db_use_role(roles[i]);
		db = db_connect(cfg->db_conninfo);
		db_use_role(NULL);
		if (db == NULL) {
			say("roles", false, "%s cannot be taken (the reason is above): run madoctl migrate,"
					    " which creates the roles and makes its login a member", roles[i]);
			return;
		}
		db_close(db);
	}
	say("roles", true, "madoguchi_intake, _worker, _staff and _admin taken");
}

static void mailbox(const struct imap_config *mb)
{
	const char *why = NULL;
	char label[64], *password = config_imap_password(mb, &why);
	struct imap_session *s;

	snprintf(label, sizeof(label), "mailbox %s", mb->name);
	if (password == NULL) {
		say(label, false, "no password: %s ([imap] password_file)", why);
		return;
	}
	s = imap_session_new(mb, password);
	free(password);
	if (s == NULL) {
		say(label, false, "cannot start an IMAP session");
		return;
	}
	if (imap_session_open(s) == -1)
		say(label, false, "%s@%s:%d: cannot connect, log in or select %s (the reason is above):"
				  " check [imap] host, port, security, user and password_file",
		    mb->user ? mb->user : "", mb->host ? mb->host : "", mb->port, mb->mailbox);
	else
		say(label, true, "%s@%s:%d logged in, %s selected", mb->user ? mb->user : "",
		    mb->host, mb->port, mb->mailbox);
	imap_session_disconnect(s);
	imap_session_free(s);
}

static int cmd_doctor(struct ctl *ctl, const struct ctl_args *args)
{
	const char *path = config_path(ctl->config_path);
	char *errors = NULL, why[512];
	struct config *cfg = config_load(path, &errors);

	(void)args;
	problems = 0;
	if (cfg == NULL) {
		say("configuration", false, "%s cannot be used; each mistake by file, line and key:",
		    path);
		fputs(errors != NULL ? errors : "", stdout);
		free(errors);
		return 1;
	}
	if (config_check_daemon(cfg, &errors) == -1) {
		say("configuration", false, "%s: what madoguchid needs is missing:", path);
		fputs(errors != NULL ? errors : "", stdout);
		free(errors);
	} else {
		say("configuration", true, "%s", path);
	}
	database(cfg);
	for (size_t i = 0; i < cfg->nimap; i++)
		mailbox(cfg->imap[i]);
	if (cfg->smtp_url == NULL)
		say("smtp", false, "no [smtp] url: replies and acknowledgements cannot be sent");
	else if (smtp_probe(cfg, why, sizeof(why)) == -1)
		say("smtp", false, "%s: %s: check [smtp] url and that the server runs", cfg->smtp_url,
		    why);
	else
		say("smtp", true, "%s answers", cfg->smtp_url);
	if (ocr_ready(why, sizeof(why)) == -1)
		say("ocr", false, "%s: install tesseract-ocr-jpn and tesseract-ocr-eng", why);
	else
		say("ocr", true, "Tesseract with jpn+eng");
	ocr_shutdown();
	if (!pdf_font_ready(why, sizeof(why)))
		say("font", false, "IPAGothic is not installed (the forms would be set in %s):"
				   " install fonts-ipafont-gothic", why);
	else
		say("font", true, "IPAGothic for the forms and the report");
	if (cfg->fax_spool_dir != NULL) {
		bool usable = access(cfg->fax_spool_dir, R_OK | W_OK | X_OK) == 0;

		say("fax spool", usable, "%s%s", cfg->fax_spool_dir,
		    usable ? "" : ": missing, or not readable and writable by this user ([fax] spool_dir)");
	}
	printf("%s\n", problems == 0	 ? "nothing wrong"
			: problems == 1 ? "1 thing is wrong"
					: "several things are wrong");
	config_free(cfg);
	pdf_release_fonts();
	return problems > 0;
}

static const struct ctl_grammar doctor_grammar[] = {{NULL, "", 0, 0}, CTL_GRAMMAR_END};

const struct ctl_command cmd_doctor_entry = {
    "doctor", "",
    "checks the configuration, the database, its schema and roles, each mailbox's login, SMTP, the OCR"
    " languages, the forms' font and the fax spool, and says what is wrong and how to fix it",
    doctor_grammar, cmd_doctor};
