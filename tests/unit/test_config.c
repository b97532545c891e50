/*
 * test_config.c - table-driven config tests: each tests/data/config/X.conf
 * has X.expect, either "ok" and section.key=value lines the loaded file
 * must give, or the exact error lines ("@" stands for the file's path).
 */
#include "check.h"
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *data;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = calloc(1, (size_t)n + 1);
	if (data != NULL && fread(data, 1, (size_t)n, f) != (size_t)n)
		data[0] = '\0';
	fclose(f);
	return data;
}

/* Replaces each "@" at a line start by PATH. */
static char *expand(const char *text, const char *path)
{
	size_t cap = strlen(text) * 2 + 64 * strlen(path) + 1, n = 0;
	char *out = malloc(cap);

	for (const char *p = text; *p != '\0'; p++) {
		if (*p == '@' && (p == text || p[-1] == '\n')) {
			n += (size_t)sprintf(out + n, "%s", path);
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
	return out;
}

static void check_ok(const char *path, const char *expect)
{
	char *errors = NULL;
	struct config *cfg = config_load(path, &errors);
	char *copy = strdup(expect), *save = NULL;

	CHECK(cfg != NULL, "%s should load, got: %s", path, errors ? errors : "");
	if (cfg == NULL) {
		free(errors);
		free(copy);
		return;
	}
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '='), *dot;
		char got[512];

		if (strcmp(line, "ok") == 0 || eq == NULL)
			continue;
		*eq = '\0';
		/* "imap.NAME.key": the key follows the last dot before '='. */
		dot = strrchr(line, '.');
		if (dot == NULL)
			continue;
		*dot = '\0';
		CHECK(config_value_text(cfg, line, dot + 1, got, sizeof(got)) == 0, "%s: key %s.%s",
		      path, line, dot + 1);
		CHECK_STR(got, eq + 1, path);
	}
	config_free(cfg);
	free(copy);
}

static void check_errors(const char *path, const char *expect)
{
	char *errors = NULL;
	struct config *cfg = config_load(path, &errors);
	char *want = expand(expect, path);

	CHECK(cfg == NULL, "%s should be refused", path);
	CHECK_STR(errors, want, path);
	config_free(cfg);
	free(errors);
	free(want);
}

static void check_daemon_rules(const char *dir)
{
	char path[1024], *errors = NULL;
	struct config *cfg;

	snprintf(path, sizeof(path), "%s/good-mailboxes.conf", dir);
	cfg = config_load(path, &errors);
	CHECK(cfg != NULL && cfg->nimap == 2, "two mailboxes");
	if (cfg == NULL)
		return;
	CHECK(strcmp(cfg->imap[0]->name, "fax_gateway") == 0 && strcmp(cfg->imap[1]->name, "default") == 0,
	      "mailboxes keep file order");
	CHECK(config_is_fax_gateway(cfg, "fax@gw.example.jp"), "gateway listed");
	CHECK(config_is_fax_gateway(cfg, "faxgw@example.net"), "gateway, any case");
	CHECK(!config_is_fax_gateway(cfg, "fax@gw.example.j"), "prefix is not a gateway");
	CHECK(!config_is_fax_gateway(cfg, "x@gw.example.jp"), "other sender");
	CHECK(config_check_daemon(cfg, &errors) == 0, "daemon accepts it: %s", errors ? errors : "");
	free(errors);
	config_free(cfg);

	snprintf(path, sizeof(path), "%s/good-minimal.conf", dir);
	cfg = config_load(path, &errors);
	CHECK(cfg != NULL && config_check_daemon(cfg, &errors) == -1 && errors != NULL &&
		  strstr(errors, "needs at least one mailbox") != NULL,
	      "daemon needs a mailbox");
	free(errors);
	config_free(cfg);
}

static void check_password_file(void)
{
	char dir[] = "/tmp/mdg-config-XXXXXX", conf[128], secret[128], line[256];
	char *errors = NULL, *pw;
	const char *why = NULL;
	struct config *cfg;
	FILE *f;

	CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	snprintf(conf, sizeof(conf), "%s/m.conf", dir);
	snprintf(secret, sizeof(secret), "%s/pw", dir);
	f = fopen(secret, "w");
	fputs("s3cret\n", f);
	fclose(f);
	f = fopen(conf, "w");
	snprintf(line, sizeof(line), "[database]\nconninfo=x\n[imap]\nhost=h\nuser=u\npassword_file=%s\n",
		 secret);
	fputs(line, f);
	fclose(f);
	cfg = config_load(conf, &errors);
	CHECK(cfg != NULL, "password_file config loads");
	chmod(secret, 0644);
	pw = config_imap_password(cfg->imap[0], &why);
	CHECK(pw == NULL && why != NULL && strstr(why, "group or others") != NULL,
	      "world-readable password file refused");
	free(pw);
	chmod(secret, 0600);
	pw = config_imap_password(cfg->imap[0], &why);
	CHECK_STR(pw, "s3cret", "password from file");
	free(pw);
	CHECK(config_check_daemon(cfg, &errors) == 0, "daemon keys present");
	config_free(cfg);
	unlink(secret);
	unlink(conf);
	rmdir(dir);
}

/* Writes TEXT to PATH (mode 0600); the test's own files only. */
static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	CHECK(f != NULL, "cannot write %s", path);
	if (f == NULL)
		return;
	fputs(text, f);
	fclose(f);
	chmod(path, 0600);
}

/*
 * The environment over the file (a container's settings), a required key
 * from the environment alone, a bad value named by its variable; the
 * database's password from its file, quoted into the conninfo.
 */
static void check_environment(void)
{
	char dir[] = "/tmp/mdg-config-XXXXXX", conf[128], secret[128], text[512];
	char *errors = NULL;
	struct config *cfg;

	CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	snprintf(conf, sizeof(conf), "%s/m.conf", dir);
	snprintf(secret, sizeof(secret), "%s/db", dir);
	write_file(secret, "it's\\x\n");
	snprintf(text, sizeof(text), "[database]\npassword_file=%s\n[queue]\nendpoint=tcp://a:1\n", secret);
	write_file(conf, text);

	cfg = config_load(conf, &errors);
	CHECK(cfg == NULL && errors != NULL && strstr(errors, "[database] conninfo: required key is missing"),
	      "no conninfo anywhere: %s", errors ? errors : "(loaded)");
	config_free(cfg);
	free(errors);
	errors = NULL;

	setenv("MADOGUCHI_DATABASE_CONNINFO", "host=db dbname=madoguchi", 1);
	setenv("MADOGUCHI_QUEUE_ENDPOINT", "tcp://madoguchid:5557", 1);
	cfg = config_load(conf, &errors);
	CHECK(cfg != NULL, "conninfo from the environment: %s", errors ? errors : "");
	if (cfg != NULL) {
		CHECK_STR(cfg->queue_endpoint, "tcp://madoguchid:5557", "the environment wins over the file");
		CHECK_STR(cfg->db_conninfo, "host=db dbname=madoguchi password='it\\'s\\\\x'",
			  "the password file's line, quoted, in the conninfo");
	}
	config_free(cfg);
	free(errors);
	errors = NULL;

	setenv("MADOGUCHI_WORKER_LEASE", "soon", 1);
	cfg = config_load(conf, &errors);
	CHECK(cfg == NULL && errors != NULL &&
		  strstr(errors, "environment MADOGUCHI_WORKER_LEASE: [worker] lease: not an integer"),
	      "a bad value from the environment is named by its variable: %s", errors ? errors : "");
	config_free(cfg);
	free(errors);
	errors = NULL;
	unsetenv("MADOGUCHI_WORKER_LEASE");

	chmod(secret, 0644);
	cfg = config_load(conf, &errors);
	CHECK(cfg == NULL && errors != NULL && strstr(errors, "[database] password_file: password_file "
							      "must not be accessible by group or others"),
	      "a readable database password file is refused: %s", errors ? errors : "");
	config_free(cfg);
	free(errors);
	unsetenv("MADOGUCHI_DATABASE_CONNINFO");
	unsetenv("MADOGUCHI_QUEUE_ENDPOINT");
	unlink(secret);
	unlink(conf);
	rmdir(dir);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/data/config";
	struct dirent *de;
	DIR *d = opendir(dir);
	int files = 0;

	CHECK(d != NULL, "cannot open %s", dir);
	while (d != NULL && (de = readdir(d)) != NULL) {
		char conf[1024], exp[1024];
		size_t n = strlen(de->d_name);
		char *expect;

		if (n < 6 || strcmp(de->d_name + n - 5, ".conf") != 0)
			continue;
		snprintf(conf, sizeof(conf), "%s/%s", dir, de->d_name);
		snprintf(exp, sizeof(exp), "%s/%.*s.expect", dir, (int)(n - 5), de->d_name);
		expect = read_all(exp);
		CHECK(expect != NULL, "missing %s", exp);
		if (expect == NULL)
			continue;
		if (strncmp(expect, "ok\n", 3) == 0)
			check_ok(conf, expect);
		else
			check_errors(conf, expect);
		free(expect);
		files++;
	}
	if (d != NULL)
		closedir(d);
	CHECK(files >= 4, "only %d config cases found", files);
	check_password_file();
	check_environment();
	check_daemon_rules(dir);
	return check_done();
}
