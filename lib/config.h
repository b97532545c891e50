/*
 * config.h - the INI file shared by madoguchid, madoguchi-worker and madoctl.
 *
 * The file is found by -c FILE, else $MADOGUCHI_CONFIG, else
 * /etc/madoguchi/madoguchi.conf. Every key is declared once in config.c's
 * table; unknown sections and keys, bad values and missing required keys are
 * all reported as "file:line: [section] key: why", every one of them, not
 * only the first.
 *
 * Mailboxes: [imap] is the first mailbox; each [imap.NAME] section adds one
 * more with the same keys (and the same defaults: nothing is inherited, so
 * a section reads the same wherever it stands in the file).
 */
#ifndef MADOGUCHI_CONFIG_H
#define MADOGUCHI_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define CONFIG_DEFAULT_PATH "/etc/madoguchi/madoguchi.conf"
#define CONFIG_MAX_MAILBOXES 32
#define CONFIG_MAX_STAFF 256

enum imap_security { IMAP_SECURITY_NONE, IMAP_SECURITY_STARTTLS, IMAP_SECURITY_TLS };
enum imap_auth { IMAP_AUTH_LOGIN, IMAP_AUTH_PLAIN };
enum imap_after { IMAP_AFTER_NONE, IMAP_AFTER_SEEN, IMAP_AFTER_MOVE };
enum fax_layout { FAX_LAYOUT_PLAIN, FAX_LAYOUT_HYLAFAX };
enum closed_policy { CLOSED_REOPEN, CLOSED_NEW_LINKED, CLOSED_REJECT };

struct imap_config {
	char *name; /* "default" for [imap], NAME for [imap.NAME] */
	char *host;
	int port;
	int security; /* enum imap_security */
	int tls_verify;
	char *tls_ca_file;
	int auth; /* enum imap_auth */
	char *user;
	char *password;
	char *password_file;
	char *mailbox;
	int idle;               /* use IMAP IDLE when the server offers it */
	int idle_interval;      /* seconds before IDLE is renewed (servers drop it at 30 min) */
	int poll_interval;      /* seconds between checks when not idling */
	int recheck_ms;         /* >0: NOOP every so many ms instead of IDLE (local servers) */
	int batch_size;         /* messages per UID FETCH and per store statement */
	int timeout;            /* network timeout, seconds */
	int max_message_size;   /* bytes; larger mail is stored truncated and quarantined */
	int after_commit;       /* enum imap_after */
	char *processed_mailbox;
	int closed_policy;      /* enum closed_policy: a mail to a closed case */
	int reopen_days;        /* ... reopens it within this many days of closing */
	int line;               /* where the section starts, for messages */
};

/*
 * [staff.USER]: how a staff member signs. USER is the login madoctl knows
 * them by (the OS user, or --as); name is shown in replies and lists, and
 * signature (with \n for line breaks) ends their replies.
 */
struct staff_config {
	char *user;
	char *name;      /* NULL: the login */
	char *signature; /* NULL: the name and the desk */
};

struct config {
	char *path;

	char *db_conninfo; /* with the password of db_password_file in it, once loaded */
	char *db_password_file;

	struct imap_config *imap[CONFIG_MAX_MAILBOXES];
	size_t nimap;

	char *queue_endpoint;
	int queue_resend_interval; /* seconds between re-announcements of queued jobs */

	int worker_lease;         /* seconds a claimed job is held without a heartbeat */
	int worker_max_attempts;  /* failures before a job is dead */
	int worker_shutdown_grace; /* seconds a stopping worker may finish its job */
	int worker_heuristic_join_days; /* sender+subject joins cases closed this recently; 0 off */

	char *smtp_url;
	char *smtp_from;
	char *smtp_user;
	char *smtp_password_file;
	int smtp_retry_interval; /* seconds before the first retry; doubled after each attempt */

	int ack_enabled;   /* acknowledge new cases by mail */
	int ack_daily_cap; /* acknowledgements per sender address per day */

	char *fax_spool_dir;
	int fax_layout; /* enum fax_layout */
	char *fax_done_dir;
	int fax_settle; /* seconds a file must be unchanged before it is taken */
	char *fax_gateways; /* comma-separated sender addresses of fax-to-mail gateways */
	int fax_ocr_preprocess;

	/* The Tokyo e-application service's notifications ([eapp]): comma-separated patterns. */
	char *eapp_senders;  /* From addresses, exact or glob (*, ?), any case */
	char *eapp_subjects; /* subjects, substring or glob; empty: any subject */

	/* Guidebook shipping rules ([shipping]); see material.h. */
	int ship_free_max;
	int ship_pickup_max;
	int ship_envelope_size;
	int ship_box_large_copies;
	int ship_box_large_size;
	int ship_box_small_copies;
	int ship_box_small_size;
	int ship_tokyo_only;
	char *ship_pdf_url;
	char *ship_desk_name;  /* sender on the forms */
	char *ship_desk_address;
	char *ship_desk_phone;
	char *ship_desk_fax;

	/* Closing discipline ([close]): comma-separated words. */
	char *close_resolutions;    /* what madoctl close --resolution accepts */
	char *close_without_review; /* those that need no confirmed category or referral decisions */

	/* Case events ([events]): madoguchid relays what workers and madoctl publish. */
	char *events_endpoint; /* where madoctl watch subscribes (madoguchid binds XPUB) */
	char *events_publish;  /* where publishers connect (madoguchid binds XSUB) */

	char *stats_timezone; /* [stats] timezone: where a month begins and ends */

	struct staff_config *staff[CONFIG_MAX_STAFF];
	size_t nstaff;

	int log_level; /* enum log_level */
};

/*
 * Reads and checks FILE. On success returns a config the caller owns (free
 * it with config_free) and *errors is NULL. On failure returns NULL and sets
 * *errors to a malloc'd text with one line per problem, owned by the caller.
 */
struct config *config_load(const char *file, char **errors);

/*
 * The path to read: explicit (from -c) if not NULL, else the environment or the default.
 *
 * Every key of a section other than [imap] and [staff.*] can also be set by
 * the environment, which wins over the file: MADOGUCHI_<SECTION>_<KEY> in
 * capitals ([database] conninfo is MADOGUCHI_DATABASE_CONNINFO), so that a
 * container's settings need no file of their own.
 */
const char *config_path(const char *explicit_path);

/*
 * A mailbox's password: the inline value, or the first line of
 * password_file (which must not be accessible by group or others, unless it
 * is a container's secret under /run/secrets).
 * Returns a malloc'd string or NULL with a reason in *why (static text).
 */
char *config_imap_password(const struct imap_config *imap, const char **why);

/* Checks what madoguchid needs beyond the common keys; same error contract as config_load. */
int config_check_daemon(const struct config *cfg, char **errors);

/* The mailbox whose intake key ("user@host/mailbox") is KEY, or NULL. */
const struct imap_config *config_mailbox_by_key(const struct config *cfg, const char *key);

/* True when ADDRESS (already lower-case) is one of [fax] gateways. */
bool config_is_fax_gateway(const struct config *cfg, const char *address);

/*
 * True when a mail from ADDRESS with SUBJECT (UTF-8) is a notification of
 * the e-application service: ADDRESS matches one of [eapp] senders and,
 * when [eapp] subjects is set, SUBJECT matches one of them.
 */
bool config_is_eapp(const struct config *cfg, const char *address, const char *subject);

/* True when ADDRESS matches one of [eapp] senders (never to be written to). */
bool config_is_eapp_sender(const struct config *cfg, const char *address);

/*
 * Writes the effective value of [SECTION] KEY as text into OUT ("" when
 * unset). SECTION may be "imap" or "imap.NAME". Returns 0, or -1 for a key
 * or mailbox that does not exist.
 */
int config_value_text(const struct config *cfg, const char *section, const char *key, char *out,
		      size_t outsz);

/* The [staff.USER] section of USER, or NULL. */
const struct staff_config *config_staff(const struct config *cfg, const char *user);

/* True when RESOLUTION is one of [close] resolutions. */
bool config_is_resolution(const struct config *cfg, const char *resolution);

/* True when RESOLUTION closes without the review (one of [close] without_review). */
bool config_resolution_without_review(const struct config *cfg, const char *resolution);

void config_free(struct config *cfg);

#endif
