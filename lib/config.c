/*
 * config.c - INI parsing driven by one declarative table of keys.
 *
 * Each key has a section, a name, a type with bounds, a default and the
 * offset of its field in struct config. The parser only knows the table:
 * adding a key is one line. Errors are accumulated in a memory stream so
 * the admin sees every mistake of a file at once.
 */
#include "config.h"

#include "log.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum key_type { KEY_STRING, KEY_INT, KEY_ENUM };

struct key_def {
	const char *section;
	const char *name;
	enum key_type type;
	size_t offset;
	const char *def;           /* default as text; NULL: no default */
	bool required;
	long min, max;             /* KEY_INT */
	const char *const *values; /* KEY_ENUM, NULL-terminated; value = index */
};

static const char *const security_values[] = {"none", "starttls", "tls", NULL};
static const char *const level_values[] = {"warning", "info", "debug", NULL};

#define OFF(field) offsetof(struct config, field)

static const struct key_def keys[] = {
    {"database", "conninfo", KEY_STRING, OFF(db_conninfo), NULL, true, 0, 0, NULL},

    {"imap", "host", KEY_STRING, OFF(imap_host), NULL, false, 0, 0, NULL},
    {"imap", "port", KEY_INT, OFF(imap_port), "993", false, 1, 65535, NULL},
    {"imap", "security", KEY_ENUM, OFF(imap_security), "tls", false, 0, 0, security_values},
    {"imap", "user", KEY_STRING, OFF(imap_user), NULL, false, 0, 0, NULL},
    {"imap", "password", KEY_STRING, OFF(imap_password), NULL, false, 0, 0, NULL},
    {"imap", "password_file", KEY_STRING, OFF(imap_password_file), NULL, false, 0, 0, NULL},
    {"imap", "mailbox", KEY_STRING, OFF(imap_mailbox), "INBOX", false, 0, 0, NULL},
    {"imap", "poll_interval", KEY_INT, OFF(imap_poll_interval), "30", false, 1, 86400, NULL},
    {"imap", "batch_size", KEY_INT, OFF(imap_batch_size), "100", false, 1, 5000, NULL},
    {"imap", "timeout", KEY_INT, OFF(imap_timeout), "60", false, 1, 3600, NULL},

    {"queue", "endpoint", KEY_STRING, OFF(queue_endpoint), "tcp://127.0.0.1:5557", false, 0, 0,
     NULL},

    {"smtp", "url", KEY_STRING, OFF(smtp_url), NULL, false, 0, 0, NULL},
    {"smtp", "from", KEY_STRING, OFF(smtp_from), NULL, false, 0, 0, NULL},

    {"fax", "spool_dir", KEY_STRING, OFF(fax_spool_dir), NULL, false, 0, 0, NULL},

    {"log", "level", KEY_ENUM, OFF(log_level), "info", false, 0, 0, level_values},
};

#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static const char *known_sections[] = {"database", "imap", "queue", "smtp", "fax", "log", NULL};

static char **str_field(struct config *cfg, const struct key_def *k)
{
	return (char **)(void *)((char *)cfg + k->offset);
}

static int *int_field(struct config *cfg, const struct key_def *k)
{
	return (int *)(void *)((char *)cfg + k->offset);
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

/* Stores VALUE into the key's field; returns NULL or why it is bad. */
static const char *set_value(struct config *cfg, const struct key_def *k, const char *value)
{
	switch (k->type) {
	case KEY_STRING: {
		char **f = str_field(cfg, k);
		char *copy = strdup(value);

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
		*int_field(cfg, k) = (int)v;
		return NULL;
	}
	case KEY_ENUM:
		for (int i = 0; k->values[i] != NULL; i++) {
			if (strcmp(value, k->values[i]) == 0) {
				*int_field(cfg, k) = i;
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

static void enum_hint(FILE *errs, const struct key_def *k)
{
	if (k->type == KEY_ENUM) {
		fputs(" (", errs);
		for (int i = 0; k->values[i] != NULL; i++)
			fprintf(errs, "%s%s", i ? "|" : "", k->values[i]);
		fputc(')', errs);
	} else if (k->type == KEY_INT) {
		fprintf(errs, " (%ld..%ld)", k->min, k->max);
	}
}

static int parse_file(struct config *cfg, FILE *in, const char *file, FILE *errs)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int lineno = 0, nerr = 0;
	char section[64] = "";
	bool seen[NKEYS] = {false};

	while ((n = getline(&line, &cap, in)) != -1) {
		char *s, *eq, *key, *value;
		const struct key_def *k;
		const char *why;

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
				section[0] = '\0';
				continue;
			}
			*close = '\0';
			snprintf(section, sizeof(section), "%s", trim(s + 1));
			if (!section_known(section)) {
				fprintf(errs, "%s:%d: [%s]: unknown section\n", file, lineno, section);
				nerr++;
			}
			continue;
		}
		eq = strchr(s, '=');
		if (eq == NULL) {
			fprintf(errs, "%s:%d: %s: expected key = value\n", file, lineno, s);
			nerr++;
			continue;
		}
		*eq = '\0';
		key = trim(s);
		value = trim(eq + 1);
		if (section[0] == '\0') {
			fprintf(errs, "%s:%d: %s: key outside of a section\n", file, lineno, key);
			nerr++;
			continue;
		}
		if (!section_known(section))
			continue; /* already reported at the header */
		k = key_find(section, key);
		if (k == NULL) {
			fprintf(errs, "%s:%d: [%s] %s: unknown key\n", file, lineno, section, key);
			nerr++;
			continue;
		}
		if (seen[k - keys]) {
			fprintf(errs, "%s:%d: [%s] %s: set twice\n", file, lineno, section, key);
			nerr++;
			continue;
		}
		seen[k - keys] = true;
		/* Quotes allow leading or trailing blanks and a literal '#'. */
		if (value[0] == '"') {
			size_t len = strlen(value);

			if (len < 2 || value[len - 1] != '"') {
				fprintf(errs, "%s:%d: [%s] %s: unterminated quoted value\n", file,
					lineno, section, key);
				nerr++;
				continue;
			}
			value[len - 1] = '\0';
			value++;
		}
		why = set_value(cfg, k, value);
		if (why != NULL) {
			fprintf(errs, "%s:%d: [%s] %s: %s: \"%s\"", file, lineno, section, key, why,
				value);
			enum_hint(errs, k);
			fputc('\n', errs);
			nerr++;
		}
	}
	free(line);
	for (size_t i = 0; i < NKEYS; i++) {
		if (keys[i].required && !seen[i]) {
			fprintf(errs, "%s: [%s] %s: required key is missing\n", file, keys[i].section,
				keys[i].name);
			nerr++;
		}
	}
	return nerr;
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

static char *close_errors(FILE *errs, char **buf)
{
	fclose(errs);
	return *buf;
}

struct config *config_load(const char *file, char **errors)
{
	struct config *cfg;
	FILE *in, *errs;
	char *buf = NULL;
	size_t buflen = 0;
	int nerr;

	*errors = NULL;
	errs = open_memstream(&buf, &buflen);
	if (errs == NULL)
		return NULL;
	cfg = calloc(1, sizeof(*cfg));
	if (cfg == NULL || (cfg->path = strdup(file)) == NULL) {
		fprintf(errs, "%s: out of memory\n", file);
		free(cfg);
		*errors = close_errors(errs, &buf);
		return NULL;
	}
	for (size_t i = 0; i < NKEYS; i++) {
		if (keys[i].def != NULL && set_value(cfg, &keys[i], keys[i].def) != NULL) {
			fprintf(errs, "%s: out of memory\n", file);
			config_free(cfg);
			*errors = close_errors(errs, &buf);
			return NULL;
		}
	}
	in = fopen(file, "r");
	if (in == NULL) {
		fprintf(errs, "%s: cannot open: %s\n", file, strerror(errno));
		config_free(cfg);
		*errors = close_errors(errs, &buf);
		return NULL;
	}
	nerr = parse_file(cfg, in, file, errs);
	fclose(in);
	if (nerr > 0) {
		config_free(cfg);
		*errors = close_errors(errs, &buf);
		return NULL;
	}
	close_errors(errs, &buf);
	free(buf);
	return cfg;
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
	if (cfg->imap_host == NULL || *cfg->imap_host == '\0') {
		fprintf(errs, "%s: [imap] host: required by madoguchid\n", cfg->path);
		nerr++;
	}
	if (cfg->imap_user == NULL || *cfg->imap_user == '\0') {
		fprintf(errs, "%s: [imap] user: required by madoguchid\n", cfg->path);
		nerr++;
	}
	if (cfg->imap_password == NULL && cfg->imap_password_file == NULL) {
		fprintf(errs, "%s: [imap] password: password or password_file is required\n",
			cfg->path);
		nerr++;
	}
	if (cfg->imap_password != NULL && cfg->imap_password_file != NULL) {
		fprintf(errs, "%s: [imap] password_file: set either password or password_file\n",
			cfg->path);
		nerr++;
	}
	fclose(errs);
	if (nerr == 0) {
		free(buf);
		return 0;
	}
	*errors = buf;
	return -1;
}

char *config_imap_password(const struct config *cfg, const char **why)
{
	struct stat st;
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (cfg->imap_password != NULL)
		return strdup(cfg->imap_password);
	if (cfg->imap_password_file == NULL) {
		*why = "no password configured";
		return NULL;
	}
	f = fopen(cfg->imap_password_file, "r");
	if (f == NULL) {
		*why = "cannot open password_file";
		return NULL;
	}
	/* A secret others can read is a misconfiguration worth stopping for. */
	if (fstat(fileno(f), &st) == -1 || (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
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

int config_value_text(const struct config *cfg, const char *section, const char *key, char *out,
		      size_t outsz)
{
	const struct key_def *k = key_find(section, key);
	struct config *c = (struct config *)(uintptr_t)cfg;

	if (k == NULL)
		return -1;
	switch (k->type) {
	case KEY_STRING:
		snprintf(out, outsz, "%s", *str_field(c, k) ? *str_field(c, k) : "");
		break;
	case KEY_INT:
		snprintf(out, outsz, "%d", *int_field(c, k));
		break;
	case KEY_ENUM:
		snprintf(out, outsz, "%s", k->values[*int_field(c, k)]);
		break;
	}
	return 0;
}

void config_free(struct config *cfg)
{
	if (cfg == NULL)
		return;
	for (size_t i = 0; i < NKEYS; i++)
		if (keys[i].type == KEY_STRING)
			free(*str_field(cfg, &keys[i]));
	free(cfg->path);
	free(cfg);
}
