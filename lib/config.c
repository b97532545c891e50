/*
 * config.c - INI parsing driven by one declarative table of keys.
 *
 * Each key has a section, a name, a type with bounds, a default and the
 * offset of its field in struct config (or in struct imap_config for the
 * keys of a mailbox section). The parser only knows the table: adding a key
 * is one line. Errors are accumulated in a memory stream so
 * the admin sees every mistake of a file at once.
 */
#include "config.h"

#include "buf.h"
#include "log.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

enum key_type { KEY_STRING, KEY_INT, KEY_ENUM, KEY_BOOL };
enum key_scope { SCOPE_GLOBAL, SCOPE_MAILBOX, SCOPE_STAFF };

struct key_def {
	const char *section;
	const char *name;
	enum key_type type;
	enum key_scope scope;
	size_t offset;
	const char *def;           /* default as text; NULL: no default */
	bool required;
	long min, max;             /* KEY_INT */
	const char *const *values; /* KEY_ENUM, NULL-terminated; value = index */
	const char *(*check)(const char *value); /* KEY_STRING: NULL or why VALUE is bad */
};

/* A comma-separated list of mail addresses or address globs: each one local@domain. */
static const char *check_address_list(const char *value)
{
	for (const char *p = value; *p != '\0';) {
		size_t n, at;

		p += strspn(p, " ,\t");
		n = strcspn(p, ",");
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n == 0)
			continue;
		at = strcspn(p, "@,");
		if (at == 0 || at + 1 >= n || memchr(p + at + 1, '@', n - at - 1) != NULL ||
		    memchr(p, ' ', n) != NULL || memchr(p, '\t', n) != NULL)
			return "not a list of mail addresses (local@domain, * and ? allowed)";
		p += n;
	}
	return NULL;
}

/* A comma-separated list of words: a-z, 0-9 and _ each, at least one. */
static const char *check_word_list(const char *value)
{
	int words = 0;

	for (const char *p = value; *p != '\0';) {
		size_t n;

		p += strspn(p, " ,\t");
		n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_");
		if (n == 0 && *p != '\0')
			return "not a list of words (a-z, 0-9 and _, separated by commas)";
		words += n > 0;
		p += n;
		if (*p != '\0' && strchr(" ,\t", *p) == NULL)
			return "not a list of words (a-z, 0-9 and _, separated by commas)";
	}
	return words > 0 ? NULL : "an empty list";
}

/*
 * A time zone name such as Asia/Tokyo. PostgreSQL, which does the
 * arithmetic, knows which exist; madoctl stats says so when it does not.
 */
static const char *check_timezone(const char *value)
{
	if (*value == '\0' || value[0] == '/' || strstr(value, "..") != NULL ||
	    strspn(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+-/") !=
		strlen(value))
		return "not a time zone name (such as Asia/Tokyo)";
	return NULL;
}

static const char *const security_values[] = {"none", "starttls", "tls", NULL};
static const char *const auth_values[] = {"login", "plain", NULL};
static const char *const after_values[] = {"none", "seen", "move", NULL};
static const char *const closed_values[] = {"reopen", "new_linked", "reject", NULL};
static const char *const layout_values[] = {"plain", "hylafax", NULL};
static const char *const level_values[] = {"warning", "info", "debug", NULL};
static const char *const bool_values[] = {"no", "yes", NULL};

#define G(field) SCOPE_GLOBAL, offsetof(struct config, field)
#define M(field) SCOPE_MAILBOX, offsetof(struct imap_config, field)

static const struct key_def keys[] = {
    {"database", "conninfo", KEY_STRING, G(db_conninfo), NULL, true, 0, 0, NULL, NULL},
    {"database", "password_file", KEY_STRING, G(db_password_file), NULL, false, 0, 0, NULL, NULL},

    {"imap", "host", KEY_STRING, M(host), NULL, false, 0, 0, NULL, NULL},
    {"imap", "port", KEY_INT, M(port), "993", false, 1, 65535, NULL, NULL},
    {"imap", "security", KEY_ENUM, M(security), "tls", false, 0, 0, security_values, NULL},
    {"imap", "tls_verify", KEY_BOOL, M(tls_verify), "yes", false, 0, 0, bool_values, NULL},
    {"imap", "tls_ca_file", KEY_STRING, M(tls_ca_file), NULL, false, 0, 0, NULL, NULL},
    {"imap", "auth", KEY_ENUM, M(auth), "login", false, 0, 0, auth_values, NULL},
    {"imap", "user", KEY_STRING, M(user), NULL, false, 0, 0, NULL, NULL},
    {"imap", "password", KEY_STRING, M(password), NULL, false, 0, 0, NULL, NULL},
    {"imap", "password_file", KEY_STRING, M(password_file), NULL, false, 0, 0, NULL, NULL},
    {"imap", "mailbox", KEY_STRING, M(mailbox), "INBOX", false, 0, 0, NULL, NULL},
    {"imap", "idle", KEY_BOOL, M(idle), "yes", false, 0, 0, bool_values, NULL},
    {"imap", "idle_interval", KEY_INT, M(idle_interval), "1500", false, 10, 1740, NULL, NULL},
    {"imap", "poll_interval", KEY_INT, M(poll_interval), "30", false, 1, 86400, NULL, NULL},
    {"imap", "recheck_ms", KEY_INT, M(recheck_ms), "0", false, 0, 60000, NULL, NULL},
    {"imap", "batch_size", KEY_INT, M(batch_size), "100", false, 1, 5000, NULL, NULL},
    {"imap", "timeout", KEY_INT, M(timeout), "60", false, 1, 3600, NULL, NULL},
    {"imap", "max_message_size", KEY_INT, M(max_message_size), "52428800", false, 1024,
     1073741824, NULL, NULL},
    {"imap", "after_commit", KEY_ENUM, M(after_commit), "none", false, 0, 0, after_values, NULL},
    {"imap", "processed_mailbox", KEY_STRING, M(processed_mailbox), NULL, false, 0, 0, NULL, NULL},
    {"imap", "closed_policy", KEY_ENUM, M(closed_policy), "reopen", false, 0, 0, closed_values, NULL},
    {"imap", "reopen_days", KEY_INT, M(reopen_days), "30", false, 0, 3650, NULL, NULL},

    {"queue", "endpoint", KEY_STRING, G(queue_endpoint), "tcp://127.0.0.1:5557", false, 0, 0,
     NULL, NULL},
    {"queue", "resend_interval", KEY_INT, G(queue_resend_interval), "30", false, 1, 3600, NULL, NULL},

    {"worker", "lease", KEY_INT, G(worker_lease), "60", false, 5, 86400, NULL, NULL},
    {"worker", "max_attempts", KEY_INT, G(worker_max_attempts), "5", false, 1, 100, NULL, NULL},
    {"worker", "shutdown_grace", KEY_INT, G(worker_shutdown_grace), "30", false, 1, 3600, NULL, NULL},
    {"worker", "heuristic_join_days", KEY_INT, G(worker_heuristic_join_days), "30", false, 0,
     3650, NULL, NULL},

    {"smtp", "url", KEY_STRING, G(smtp_url), NULL, false, 0, 0, NULL, NULL},
    {"smtp", "from", KEY_STRING, G(smtp_from), NULL, false, 0, 0, NULL, NULL},
    {"smtp", "user", KEY_STRING, G(smtp_user), NULL, false, 0, 0, NULL, NULL},
    {"smtp", "password_file", KEY_STRING, G(smtp_password_file), NULL, false, 0, 0, NULL, NULL},
    {"smtp", "retry_interval", KEY_INT, G(smtp_retry_interval), "60", false, 1, 3600, NULL, NULL},

    {"ack", "enabled", KEY_BOOL, G(ack_enabled), "no", false, 0, 0, bool_values, NULL},
    {"ack", "daily_cap", KEY_INT, G(ack_daily_cap), "3", false, 0, 1000, NULL, NULL},

    {"fax", "spool_dir", KEY_STRING, G(fax_spool_dir), NULL, false, 0, 0, NULL, NULL},
    {"fax", "layout", KEY_ENUM, G(fax_layout), "plain", false, 0, 0, layout_values, NULL},
    {"fax", "done_dir", KEY_STRING, G(fax_done_dir), NULL, false, 0, 0, NULL, NULL},
    {"fax", "settle", KEY_INT, G(fax_settle), "2", false, 0, 3600, NULL, NULL},
    {"fax", "gateways", KEY_STRING, G(fax_gateways), NULL, false, 0, 0, NULL, NULL},
    {"fax", "ocr_preprocess", KEY_BOOL, G(fax_ocr_preprocess), "yes", false, 0, 0, bool_values, NULL},

    {"eapp", "senders", KEY_STRING, G(eapp_senders),
     "no-reply@shinsei.e-tokyo.lg.jp, noreply@shinsei.e-tokyo.lg.jp, no-reply@*.metro.tokyo.lg.jp,"
     " noreply@*.metro.tokyo.lg.jp",
     false, 0, 0, NULL, check_address_list},
    {"eapp", "subjects", KEY_STRING, G(eapp_subjects), "受付, 受け付け, 到達, 申込, 新規申請", false, 0, 0,
     NULL, NULL},

    {"shipping", "free_max", KEY_INT, G(ship_free_max), "10", false, 0, 100000, NULL, NULL},
    {"shipping", "pickup_max", KEY_INT, G(ship_pickup_max), "49", false, 0, 100000, NULL, NULL},
    {"shipping", "envelope_size", KEY_INT, G(ship_envelope_size), "60", false, 60, 170, NULL, NULL},
    {"shipping", "box_large_copies", KEY_INT, G(ship_box_large_copies), "100", false, 1, 10000,
     NULL, NULL},
    {"shipping", "box_large_size", KEY_INT, G(ship_box_large_size), "100", false, 60, 170, NULL, NULL},
    {"shipping", "box_small_copies", KEY_INT, G(ship_box_small_copies), "50", false, 1, 10000,
     NULL, NULL},
    {"shipping", "box_small_size", KEY_INT, G(ship_box_small_size), "80", false, 60, 170, NULL, NULL},
    {"shipping", "tokyo_only", KEY_BOOL, G(ship_tokyo_only), "yes", false, 0, 0, bool_values, NULL},
    {"shipping", "pdf_url", KEY_STRING, G(ship_pdf_url), "https://cybersecurity-tokyo.jp", false,
     0, 0, NULL, NULL},
    {"shipping", "desk_name", KEY_STRING, G(ship_desk_name),
     "東京都 中小企業サイバーセキュリティ相談窓口", false, 0, 0, NULL, NULL},
    {"shipping", "desk_address", KEY_STRING, G(ship_desk_address), NULL, false, 0, 0, NULL, NULL},
    {"shipping", "desk_phone", KEY_STRING, G(ship_desk_phone), "03-5320-4773", false, 0, 0, NULL, NULL},
    {"shipping", "desk_fax", KEY_STRING, G(ship_desk_fax), "03-5388-1461", false, 0, 0, NULL, NULL},

    /* Closing discipline (madoctl close): the resolutions the monthly report counts. */
    {"close", "resolutions", KEY_STRING, G(close_resolutions),
     "answered, referred, material_sent, no_reply, withdrawn, duplicate, spam", false, 0, 0, NULL,
     check_word_list},
    {"close", "without_review", KEY_STRING, G(close_without_review), "duplicate, spam", false, 0,
     0, NULL, check_word_list},

    {"stats", "timezone", KEY_STRING, G(stats_timezone), "Asia/Tokyo", false, 0, 0, NULL,
     check_timezone},

    {"events", "endpoint", KEY_STRING, G(events_endpoint), "tcp://127.0.0.1:5558", false, 0, 0,
     NULL, NULL},
    {"events", "publish", KEY_STRING, G(events_publish), "tcp://127.0.0.1:5559", false, 0, 0,
     NULL, NULL},

    {"staff", "name", KEY_STRING, SCOPE_STAFF, offsetof(struct staff_config, name), NULL, false,
     0, 0, NULL, NULL},
    {"staff", "signature", KEY_STRING, SCOPE_STAFF, offsetof(struct staff_config, signature), NULL,
     false, 0, 0, NULL, NULL},

    {"log", "level", KEY_ENUM, G(log_level), "info", false, 0, 0, level_values, NULL},
};

#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static const char *known_sections[] = {"database", "imap",  "queue",  "worker", "smtp",
				       "ack",      "fax",   "eapp",   "shipping", "close",
				       "events",   "stats", "log",  NULL};

/* The struct a key's offset applies to: the config, or the mailbox or staff member being read. */
static void *key_base(struct config *cfg, struct imap_config *imap, struct staff_config *staff,
		      const struct key_def *k)
{
	return k->scope == SCOPE_GLOBAL	   ? (void *)cfg
	       : k->scope == SCOPE_MAILBOX ? (void *)imap
					   : (void *)staff;
}

static char **str_field(void *base, const struct key_def *k)
{
	return (char **)(void *)((char *)base + k->offset);
}

static int *int_field(void *base, const struct key_def *k)
{
	return (int *)(void *)((char *)base + k->offset);
}

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
		end--;
	*end = '\0';
	return s;
}

/* Stores VALUE into the key's field of BASE; returns NULL or why it is bad. */
static const char *set_value(void *base, const struct key_def *k, const char *value)
{
	switch (k->type) {
	case KEY_STRING: {
		char **f = str_field(base, k);
		const char *why = k->check != NULL ? k->check(value) : NULL;
		char *copy = why == NULL ? strdup(value) : NULL;

		if (why != NULL)
			return why;
		if (copy == NULL)
			return "out of memory";
		free(*f);
		*f = copy;
		return NULL;
	}
	case KEY_INT: {
		char *end;
		long v;

		errno = 0;
		v = strtol(value, &end, 10);
		if (*value == '\0' || *end != '\0' || errno != 0)
			return "not an integer";
		if (v < k->min || v > k->max)
			return "out of range";
		*int_field(base, k) = (int)v;
		return NULL;
	}
	case KEY_ENUM:
	case KEY_BOOL:
		for (int i = 0; k->values[i] != NULL; i++) {
			if (strcmp(value, k->values[i]) == 0) {
				*int_field(base, k) = i;
				return NULL;
			}
		}
		return "not one of the allowed values";
	}
	return "bad key type"; /* unreachable: the table is fixed */
}

static bool section_known(const char *name)
{
	for (int i = 0; known_sections[i] != NULL; i++)
		if (strcmp(known_sections[i], name) == 0)
			return true;
	return false;
}

static const struct key_def *key_find(const char *section, const char *name)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].section, section) == 0 && strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

static void value_hint(FILE *errs, const struct key_def *k)
{
	if (k->type == KEY_ENUM || k->type == KEY_BOOL) {
		fputs(" (", errs);
		for (int i = 0; k->values[i] != NULL; i++)
			fprintf(errs, "%s%s", i ? "|" : "", k->values[i]);
		fputc(')', errs);
	} else if (k->type == KEY_INT) {
		fprintf(errs, " (%ld..%ld)", k->min, k->max);
	}
}

static void imap_free(struct imap_config *imap)
{
	if (imap == NULL)
		return;
	for (size_t i = 0; i < NKEYS; i++)
		if (keys[i].scope == SCOPE_MAILBOX && keys[i].type == KEY_STRING)
			free(*str_field(imap, &keys[i]));
	free(imap->name);
	free(imap);
}

/* A mailbox with every default applied; NULL when out of memory. */
static struct imap_config *imap_new(const char *name, int line)
{
	struct imap_config *imap = calloc(1, sizeof(*imap));

	if (imap == NULL || (imap->name = strdup(name)) == NULL) {
		free(imap);
		return NULL;
	}
	imap->line = line;
	for (size_t i = 0; i < NKEYS; i++) {
		if (keys[i].scope == SCOPE_MAILBOX && keys[i].def != NULL &&
		    set_value(imap, &keys[i], keys[i].def) != NULL) {
			imap_free(imap);
			return NULL;
		}
	}
	return imap;
}

static struct imap_config *imap_find(const struct config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nimap; i++)
		if (strcmp(cfg->imap[i]->name, name) == 0)
			return cfg->imap[i];
	return NULL;
}

/*
 * Opens the mailbox section [imap] or [imap.NAME]; returns NULL with an
 * error written when it cannot be opened.
 */
static struct imap_config *imap_section(struct config *cfg, const char *section, const char *file,
					int lineno, FILE *errs)
{
	const char *name = strcmp(section, "imap") == 0 ? "default" : section + 5;
	struct imap_config *imap;

	if (*name == '\0' || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(name)) {
		fprintf(errs, "%s:%d: [%s]: a mailbox name uses only a-z, 0-9, _ and -\n", file,
			lineno, section);
		return NULL;
	}
	if (imap_find(cfg, name) != NULL) {
		fprintf(errs, "%s:%d: [%s]: section appears twice\n", file, lineno, section);
		return NULL;
	}
	if (cfg->nimap == CONFIG_MAX_MAILBOXES) {
		fprintf(errs, "%s:%d: [%s]: more than %d mailboxes\n", file, lineno, section,
			CONFIG_MAX_MAILBOXES);
		return NULL;
	}
	imap = imap_new(name, lineno);
	if (imap == NULL) {
		fprintf(errs, "%s:%d: out of memory\n", file, lineno);
		return NULL;
	}
	cfg->imap[cfg->nimap++] = imap;
	return imap;
}

/*
 * Opens [staff.USER]: USER is the login madoctl knows staff by (the OS
 * user or --as); NULL with an error written when it cannot be opened.
 */
static struct staff_config *staff_section(struct config *cfg, const char *section,
					  const char *file, int lineno, FILE *errs)
{
	const char *user = section + 6;
	struct staff_config *st;

	if (*user == '\0' || strlen(user) > 63 ||
	    strspn(user, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") !=
		strlen(user)) {
		fprintf(errs, "%s:%d: [%s]: a staff login uses only letters, digits, _ . and -\n",
			file, lineno, section);
		return NULL;
	}
	if (config_staff(cfg, user) != NULL) {
		fprintf(errs, "%s:%d: [%s]: section appears twice\n", file, lineno, section);
		return NULL;
	}
	if (cfg->nstaff == CONFIG_MAX_STAFF) {
		fprintf(errs, "%s:%d: [%s]: more than %d staff sections\n", file, lineno, section,
			CONFIG_MAX_STAFF);
		return NULL;
	}
	st = calloc(1, sizeof(*st));
	if (st == NULL || (st->user = strdup(user)) == NULL) {
		free(st);
		fprintf(errs, "%s:%d: out of memory\n", file, lineno);
		return NULL;
	}
	cfg->staff[cfg->nstaff++] = st;
	return st;
}

static void staff_free(struct staff_config *st)
{
	if (st == NULL)
		return;
	free(st->user);
	free(st->name);
	free(st->signature);
	free(st);
}

const struct staff_config *config_staff(const struct config *cfg, const char *user)
{
	for (size_t i = 0; i < cfg->nstaff; i++)
		if (strcmp(cfg->staff[i]->user, user) == 0)
			return cfg->staff[i];
	return NULL;
}

static bool in_word_list(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; p != NULL && *p != '\0';) {
		p += strspn(p, " ,\t");
		if (strncmp(p, word, n) == 0 && (p[n] == '\0' || strchr(" ,\t", p[n]) != NULL))
			return true;
		p += strcspn(p, " ,\t");
	}
	return false;
}

bool config_is_resolution(const struct config *cfg, const char *resolution)
{
	return in_word_list(cfg->close_resolutions, resolution);
}

bool config_resolution_without_review(const struct config *cfg, const char *resolution)
{
	return config_is_resolution(cfg, resolution) &&
	       in_word_list(cfg->close_without_review, resolution);
}

struct parse_state {
	char section[64];    /* table section of the current header ("imap" for [imap.X]) */
	char header[80];     /* the header as written, for messages */
	bool section_ok;     /* false after a bad header: its keys are not reported again */
	struct imap_config *imap;
	struct staff_config *staff;
	bool seen[NKEYS];    /* per section instance, to catch keys set twice */
	bool global_seen[NKEYS];
};

static void open_section(struct config *cfg, struct parse_state *ps, char *name, const char *file,
			 int lineno, FILE *errs, int *nerr)
{
	snprintf(ps->header, sizeof(ps->header), "%s", name);
	memset(ps->seen, 0, sizeof(ps->seen));
	ps->imap = NULL;
	ps->staff = NULL;
	ps->section_ok = true;
	if (strncmp(name, "staff.", 6) == 0) {
		snprintf(ps->section, sizeof(ps->section), "staff");
		ps->staff = staff_section(cfg, name, file, lineno, errs);
		if (ps->staff == NULL) {
			(*nerr)++;
			ps->section_ok = false;
		}
		return;
	}
	if (strcmp(name, "imap") == 0 || strncmp(name, "imap.", 5) == 0) {
		snprintf(ps->section, sizeof(ps->section), "imap");
		ps->imap = imap_section(cfg, name, file, lineno, errs);
		if (ps->imap == NULL) {
			(*nerr)++;
			ps->section_ok = false;
		}
		return;
	}
	snprintf(ps->section, sizeof(ps->section), "%s", name);
	if (!section_known(name)) {
		fprintf(errs, "%s:%d: [%s]: unknown section\n", file, lineno, name);
		(*nerr)++;
		ps->section_ok = false;
	}
}

static void set_key(struct config *cfg, struct parse_state *ps, char *key, char *value,
		    const char *file, int lineno, FILE *errs, int *nerr)
{
	const struct key_def *k = key_find(ps->section, key);
	bool *seen;
	const char *why;

	if (k == NULL) {
		fprintf(errs, "%s:%d: [%s] %s: unknown key\n", file, lineno, ps->header, key);
		(*nerr)++;
		return;
	}
	seen = k->scope != SCOPE_GLOBAL ? &ps->seen[k - keys] : &ps->global_seen[k - keys];
	if (*seen) {
		fprintf(errs, "%s:%d: [%s] %s: set twice\n", file, lineno, ps->header, key);
		(*nerr)++;
		return;
	}
	*seen = true;
	/* Quotes allow leading or trailing blanks and a literal '#'. */
	if (value[0] == '"') {
		size_t len = strlen(value);

		if (len < 2 || value[len - 1] != '"') {
			fprintf(errs, "%s:%d: [%s] %s: unterminated quoted value\n", file, lineno,
				ps->header, key);
			(*nerr)++;
			return;
		}
		value[len - 1] = '\0';
		value++;
	}
	why = set_value(key_base(cfg, ps->imap, ps->staff, k), k, value);
	if (why != NULL) {
		fprintf(errs, "%s:%d: [%s] %s: %s: \"%s\"", file, lineno, ps->header, key, why,
			value);
		value_hint(errs, k);
		fputc('\n', errs);
		(*nerr)++;
	}
}

/* MADOGUCHI_<SECTION>_<KEY> in capitals, for a key of the whole configuration. */
static void env_name(char *out, size_t outsz, const struct key_def *k)
{
	int n = snprintf(out, outsz, "MADOGUCHI_%s_%s", k->section, k->name);

	for (int i = 10; i < n && (size_t)i < outsz; i++)
		out[i] = (char)toupper((unsigned char)out[i]);
}

/* The environment's settings over the file's; each bad one is reported. */
static int apply_environment(struct config *cfg, bool *global_seen, FILE *errs)
{
	int nerr = 0;

	for (size_t i = 0; i < NKEYS; i++) {
		const struct key_def *k = &keys[i];
		const char *value, *why;
		char name[96];

		if (k->scope != SCOPE_GLOBAL)
			continue;
		env_name(name, sizeof(name), k);
		if ((value = getenv(name)) == NULL)
			continue;
		why = set_value(cfg, k, value);
		if (why != NULL) {
			fprintf(errs, "environment %s: [%s] %s: %s: \"%s\"", name, k->section, k->name,
				why, value);
			value_hint(errs, k);
			fputc('\n', errs);
			nerr++;
			continue;
		}
		global_seen[i] = true;
	}
	return nerr;
}

static int parse_file(struct config *cfg, FILE *in, const char *file, FILE *errs)
{
	struct parse_state ps;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int lineno = 0, nerr = 0;

	memset(&ps, 0, sizeof(ps));
	while ((n = getline(&line, &cap, in)) != -1) {
		char *s, *eq;

		lineno++;
		if ((size_t)n != strlen(line)) {
			fprintf(errs, "%s:%d: line contains a NUL byte\n", file, lineno);
			nerr++;
			continue;
		}
		s = trim(line);
		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *close = strchr(s, ']');

			if (close == NULL || close[1] != '\0') {
				fprintf(errs, "%s:%d: malformed section header\n", file, lineno);
				nerr++;
				ps.section[0] = '\0';
				ps.section_ok = false;
				continue;
			}
			*close = '\0';
			open_section(cfg, &ps, trim(s + 1), file, lineno, errs, &nerr);
			continue;
		}
		eq = strchr(s, '=');
		if (eq == NULL) {
			fprintf(errs, "%s:%d: %s: expected key = value\n", file, lineno, s);
			nerr++;
			continue;
		}
		*eq = '\0';
		if (ps.section[0] == '\0' && ps.header[0] == '\0') {
			fprintf(errs, "%s:%d: %s: key outside of a section\n", file, lineno, trim(s));
			nerr++;
			continue;
		}
		if (!ps.section_ok)
			continue; /* already reported at the header */
		set_key(cfg, &ps, trim(s), trim(eq + 1), file, lineno, errs, &nerr);
	}
	free(line);
	nerr += apply_environment(cfg, ps.global_seen, errs);
	for (size_t i = 0; i < NKEYS; i++) {
		if (keys[i].required && !ps.global_seen[i]) {
			fprintf(errs, "%s: [%s] %s: required key is missing\n", file, keys[i].section,
				keys[i].name);
			nerr++;
		}
	}
	return nerr;
}

/* The thresholds must stay in order, whatever each one's range allows. */
static int check_shipping(const struct config *cfg, const char *file, FILE *errs)
{
	int nerr = 0;

	if (cfg->ship_pickup_max < cfg->ship_free_max) {
		fprintf(errs, "%s: [shipping] pickup_max: %d is below free_max (%d)\n", file,
			cfg->ship_pickup_max, cfg->ship_free_max);
		nerr++;
	}
	if (cfg->ship_box_small_copies > cfg->ship_box_large_copies) {
		fprintf(errs, "%s: [shipping] box_small_copies: %d is above box_large_copies (%d)\n",
			file, cfg->ship_box_small_copies, cfg->ship_box_large_copies);
		nerr++;
	}
	return nerr;
}

/* What closes without review must be a resolution at all. */
static int check_close(const struct config *cfg, const char *file, FILE *errs)
{
	const char *p = cfg->close_without_review;
	int nerr = 0;

	while (p != NULL && *p != '\0') {
		char word[64];
		size_t n;

		p += strspn(p, " ,\t");
		n = strcspn(p, " ,\t");
		if (n > 0 && n < sizeof(word)) {
			memcpy(word, p, n);
			word[n] = '\0';
			if (!config_is_resolution(cfg, word)) {
				fprintf(errs, "%s: [close] without_review: %s is not one of [close] "
					      "resolutions\n", file, word);
				nerr++;
			}
		}
		p += n;
	}
	return nerr;
}

/*
 * The first line of the secret file PATH, malloc'd, or NULL with why. A
 * secret others can read is a misconfiguration worth stopping for; under
 * /run/secrets the container engine has mounted it for this container
 * alone, with the mode of the file on its host.
 */
static char *read_secret(const char *path, const char **why)
{
	struct stat st;
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	f = fopen(path, "r");
	if (f == NULL) {
		*why = "cannot open password_file";
		return NULL;
	}
	if (fstat(fileno(f), &st) == -1 ||
	    ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0 && strncmp(path, "/run/secrets/", 13) != 0)) {
		fclose(f);
		*why = "password_file must not be accessible by group or others (chmod 600)";
		return NULL;
	}
	n = getline(&line, &cap, f);
	fclose(f);
	if (n <= 0) {
		free(line);
		*why = "password_file is empty";
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

/*
 * [database] password_file: its password joins the conninfo, quoted as
 * libpq reads a value, so that every program connects with it.
 */
static int add_db_password(struct config *cfg, const char *file, FILE *errs)
{
	const char *why = NULL;
	char *password;
	struct buf b = BUF_INIT;

	if (cfg->db_password_file == NULL)
		return 0;
	password = read_secret(cfg->db_password_file, &why);
	if (password == NULL) {
		fprintf(errs, "%s: [database] password_file: %s: %s\n", file, why,
			cfg->db_password_file);
		return 1;
	}
	buf_adds(&b, cfg->db_conninfo);
	buf_adds(&b, " password='");
	for (const char *p = password; *p != '\0'; p++) {
		if (*p == '\'' || *p == '\\')
			buf_addc(&b, '\\');
		buf_addc(&b, *p);
	}
	buf_addc(&b, '\'');
	explicit_bzero(password, strlen(password));
	free(password);
	free(cfg->db_conninfo);
	cfg->db_conninfo = buf_steal(&b);
	return 0;
}

const char *config_path(const char *explicit_path)
{
	const char *env;

	if (explicit_path != NULL)
		return explicit_path;
	env = getenv("MADOGUCHI_CONFIG");
	if (env != NULL && *env != '\0')
		return env;
	return CONFIG_DEFAULT_PATH;
}

struct config *config_load(const char *file, char **errors)
{
	struct config *cfg;
	FILE *in, *errs;
	char *buf = NULL;
	size_t buflen = 0;
	int nerr = 0;

	*errors = NULL;
	errs = open_memstream(&buf, &buflen);
	if (errs == NULL)
		return NULL;
	cfg = calloc(1, sizeof(*cfg));
	if (cfg == NULL || (cfg->path = strdup(file)) == NULL) {
		free(cfg);
		cfg = NULL;
		fprintf(errs, "%s: out of memory\n", file);
		goto fail;
	}
	for (size_t i = 0; i < NKEYS; i++) {
		if (keys[i].scope == SCOPE_GLOBAL && keys[i].def != NULL &&
		    set_value(cfg, &keys[i], keys[i].def) != NULL) {
			fprintf(errs, "%s: out of memory\n", file);
			goto fail;
		}
	}
	in = fopen(file, "r");
	if (in == NULL) {
		fprintf(errs, "%s: cannot open: %s\n", file, strerror(errno));
		goto fail;
	}
	nerr = parse_file(cfg, in, file, errs);
	fclose(in);
	nerr += check_shipping(cfg, file, errs);
	nerr += check_close(cfg, file, errs);
	if (nerr == 0)
		nerr += add_db_password(cfg, file, errs);
	if (nerr > 0)
		goto fail;
	fclose(errs);
	free(buf);
	return cfg;
fail:
	config_free(cfg);
	fclose(errs);
	*errors = buf;
	return NULL;
}

int config_check_daemon(const struct config *cfg, char **errors)
{
	char *buf = NULL;
	size_t buflen = 0;
	FILE *errs = open_memstream(&buf, &buflen);
	int nerr = 0;

	*errors = NULL;
	if (errs == NULL)
		return -1;
	if (cfg->nimap == 0 && cfg->fax_spool_dir == NULL) {
		fprintf(errs, "%s: [imap]: madoguchid needs at least one mailbox section"
			" (or a [fax] spool_dir)\n",
			cfg->path);
		nerr++;
	}
	for (size_t i = 0; i < cfg->nimap; i++) {
		const struct imap_config *m = cfg->imap[i];
		char section[80];

		snprintf(section, sizeof(section), "%s%s%s", "imap",
			 strcmp(m->name, "default") ? "." : "",
			 strcmp(m->name, "default") ? m->name : "");
		if (m->host == NULL || *m->host == '\0') {
			fprintf(errs, "%s:%d: [%s] host: required by madoguchid\n", cfg->path, m->line,
				section);
			nerr++;
		}
		if (m->user == NULL || *m->user == '\0') {
			fprintf(errs, "%s:%d: [%s] user: required by madoguchid\n", cfg->path, m->line,
				section);
			nerr++;
		}
		if ((m->password == NULL) == (m->password_file == NULL)) {
			fprintf(errs, "%s:%d: [%s] password: set exactly one of password and password_file\n",
				cfg->path, m->line, section);
			nerr++;
		}
		if (m->after_commit == IMAP_AFTER_MOVE &&
		    (m->processed_mailbox == NULL || *m->processed_mailbox == '\0')) {
			fprintf(errs, "%s:%d: [%s] processed_mailbox: required by after_commit = move\n",
				cfg->path, m->line, section);
			nerr++;
		}
		for (size_t j = 0; j < i; j++) {
			const struct imap_config *o = cfg->imap[j];

			if (o->host && m->host && o->user && m->user &&
			    strcmp(o->host, m->host) == 0 && strcmp(o->user, m->user) == 0 &&
			    strcmp(o->mailbox, m->mailbox) == 0) {
				fprintf(errs, "%s:%d: [%s] mailbox: same mailbox as [imap%s%s]\n",
					cfg->path, m->line, section,
					strcmp(o->name, "default") ? "." : "",
					strcmp(o->name, "default") ? o->name : "");
				nerr++;
			}
		}
	}
	fclose(errs);
	if (nerr == 0) {
		free(buf);
		return 0;
	}
	*errors = buf;
	return -1;
}

char *config_imap_password(const struct imap_config *imap, const char **why)
{
	if (imap->password != NULL)
		return strdup(imap->password);
	if (imap->password_file == NULL) {
		*why = "no password configured";
		return NULL;
	}
	return read_secret(imap->password_file, why);
}

const struct imap_config *config_mailbox_by_key(const struct config *cfg, const char *key)
{
	for (size_t i = 0; i < cfg->nimap; i++) {
		const struct imap_config *m = cfg->imap[i];
		char k[512];

		snprintf(k, sizeof(k), "%s@%s/%s", m->user ? m->user : "", m->host ? m->host : "",
			 m->mailbox);
		if (strcmp(k, key) == 0)
			return m;
	}
	return NULL;
}

bool config_is_fax_gateway(const struct config *cfg, const char *address)
{
	const char *p = cfg->fax_gateways;
	size_t alen = strlen(address);

	if (p == NULL || alen == 0)
		return false;
	while (*p != '\0') {
		size_t n;

		p += strspn(p, " ,\t");
		n = strcspn(p, " ,\t");
		if (n == alen && strncasecmp(p, address, n) == 0)
			return true;
		p += n;
	}
	return false;
}

/* Whether S[0..N) matches PATTERN[0..M): '*' any run, '?' one character (UTF-8), any case. */
static bool glob_match(const char *p, size_t m, const char *s, size_t n)
{
	while (m > 0) {
		if (*p == '*') {
			for (size_t i = 0; i <= n; i++)
				if (glob_match(p + 1, m - 1, s + i, n - i))
					return true;
			return false;
		}
		if (n == 0)
			return false;
		if (*p == '?') {
			size_t k = 1;

			while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
				k++;
			p++, m--, s += k, n -= k;
			continue;
		}
		if (tolower((unsigned char)*p) != tolower((unsigned char)*s))
			return false;
		p++, m--, s++, n--;
	}
	return n == 0;
}

/*
 * Whether TEXT matches one of the comma-separated PATTERNS: a pattern with
 * '*' or '?' as a glob over all of it, else exactly (WHOLE) or as a substring.
 */
static bool list_match(const char *patterns, const char *text, bool whole)
{
	size_t tlen = strlen(text);

	for (const char *p = patterns; p != NULL && *p != '\0';) {
		size_t n;

		p += strspn(p, " ,\t");
		n = strcspn(p, ",");
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n > 0) {
			bool glob = memchr(p, '*', n) != NULL || memchr(p, '?', n) != NULL;

			if (glob || whole) {
				if (glob_match(p, n, text, tlen))
					return true;
			} else {
				for (size_t i = 0; i + n <= tlen; i++)
					if (strncasecmp(text + i, p, n) == 0)
						return true;
			}
		}
		p += strcspn(p, ",");
	}
	return false;
}

bool config_is_eapp_sender(const struct config *cfg, const char *address)
{
	return address != NULL && address[0] != '\0' && list_match(cfg->eapp_senders, address, true);
}

bool config_is_eapp(const struct config *cfg, const char *address, const char *subject)
{
	const char *subjects = cfg->eapp_subjects;

	if (!config_is_eapp_sender(cfg, address))
		return false;
	if (subjects == NULL || subjects[strspn(subjects, " ,\t")] == '\0')
		return true;
	return list_match(subjects, subject != NULL ? subject : "", false);
}

int config_value_text(const struct config *cfg, const char *section, const char *key, char *out,
		      size_t outsz)
{
	bool mailbox = strcmp(section, "imap") == 0 || strncmp(section, "imap.", 5) == 0;
	bool staff = strncmp(section, "staff.", 6) == 0;
	const struct key_def *k = key_find(mailbox ? "imap" : staff ? "staff" : section, key);
	struct config *c = (struct config *)(uintptr_t)cfg;
	void *base = c;

	if (k == NULL || (k->scope == SCOPE_STAFF) != staff)
		return -1;
	if (staff && (base = (void *)(uintptr_t)config_staff(cfg, section + 6)) == NULL)
		return -1;
	if (mailbox) {
		base = imap_find(cfg, strcmp(section, "imap") == 0 ? "default" : section + 5);
		if (base == NULL)
			return -1;
	}
	switch (k->type) {
	case KEY_STRING:
		snprintf(out, outsz, "%s", *str_field(base, k) ? *str_field(base, k) : "");
		break;
	case KEY_INT:
		snprintf(out, outsz, "%d", *int_field(base, k));
		break;
	case KEY_ENUM:
	case KEY_BOOL:
		snprintf(out, outsz, "%s", k->values[*int_field(base, k)]);
		break;
	}
	return 0;
}

void config_free(struct config *cfg)
{
	if (cfg == NULL)
		return;
	for (size_t i = 0; i < NKEYS; i++)
		if (keys[i].scope == SCOPE_GLOBAL && keys[i].type == KEY_STRING)
			free(*str_field(cfg, &keys[i]));
	for (size_t i = 0; i < cfg->nimap; i++)
		imap_free(cfg->imap[i]);
	for (size_t i = 0; i < cfg->nstaff; i++)
		staff_free(cfg->staff[i]);
	free(cfg->path);
	free(cfg);
}
