/*
 * config.h - the INI file shared by madoguchid, madoguchi-worker and madoctl.
 *
 * The file is found by -c FILE, else $MADOGUCHI_CONFIG, else
 * /etc/madoguchi/madoguchi.conf. Every key is declared once in config.c's
 * table; unknown sections and keys, bad values and missing required keys are
 * all reported as "file:line: [section] key: why", every one of them, not
 * only the first.
 */
#ifndef MADOGUCHI_CONFIG_H
#define MADOGUCHI_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define CONFIG_DEFAULT_PATH "/etc/madoguchi/madoguchi.conf"

enum imap_security { IMAP_SECURITY_NONE, IMAP_SECURITY_STARTTLS, IMAP_SECURITY_TLS };

struct config {
	char *path;

	char *db_conninfo;

	char *imap_host;
	int imap_port;
	int imap_security; /* enum imap_security */
	char *imap_user;
	char *imap_password;
	char *imap_password_file;
	char *imap_mailbox;
	int imap_poll_interval; /* seconds between checks for new mail */
	int imap_batch_size;    /* messages per UID FETCH and per commit */
	int imap_timeout;       /* network timeout, seconds */

	char *queue_endpoint;

	char *smtp_url;
	char *smtp_from;

	char *fax_spool_dir;

	int log_level; /* enum log_level */
};

/*
 * Reads and checks FILE. On success returns a config the caller owns (free
 * it with config_free) and *errors is NULL. On failure returns NULL and sets
 * *errors to a malloc'd text with one line per problem, owned by the caller.
 */
struct config *config_load(const char *file, char **errors);

/* The path to read: explicit (from -c) if not NULL, else the environment or the default. */
const char *config_path(const char *explicit_path);

/*
 * The IMAP password: the inline value, or the first line of password_file
 * (which must not be readable by group or others). Returns a malloc'd string
 * or NULL with a reason in *why (static text).
 */
char *config_imap_password(const struct config *cfg, const char **why);

/* Checks what madoguchid needs beyond the common keys; same error contract as config_load. */
int config_check_daemon(const struct config *cfg, char **errors);

/*
 * Writes the effective value of [SECTION] KEY as text into OUT ("" when
 * unset). Returns 0, or -1 for a key the table does not have.
 */
int config_value_text(const struct config *cfg, const char *section, const char *key, char *out,
		      size_t outsz);

void config_free(struct config *cfg);

#endif
