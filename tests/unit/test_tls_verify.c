/*
 * test_tls_verify.c - tls_verify_chain() against the certificates that
 * tests/tls/make-certs.sh writes into the directory given as argument.
 *
 * Each case gives a chain, a host and a CA file, and expects 0, or -1 with
 * words in the reason that tell the admin what is wrong. The certificates
 * are fresh for every run, so nothing here depends on the date.
 */
#include "check.h"
#include "tls_verify.h"

#include <gnutls/gnutls.h>
#include <stdarg.h>
#include <stdlib.h>

#define NCERTS 4

static const char *dir;

struct cert {
	const char *name;
	gnutls_datum_t der;
};

static struct cert certs[] = {
    {"ca", {NULL, 0}},         {"server", {NULL, 0}}, {"untrusted", {NULL, 0}},
    {"wrongname", {NULL, 0}},  {"expired", {NULL, 0}}, {"inter", {NULL, 0}},
    {"leaf-inter", {NULL, 0}},
};

#define NCERTFILES (sizeof(certs) / sizeof(certs[0]))

static char *path_of(const char *name)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

/* Reads NAME.pem and keeps its first certificate as DER. */
static int load(struct cert *c)
{
	char file[256];
	FILE *f;
	char pem[16384];
	size_t n;
	gnutls_datum_t in;
	int ret;

	snprintf(file, sizeof(file), "%s.pem", c->name);
	f = fopen(path_of(file), "r");
	if (f == NULL) {
		fprintf(stderr, "cannot open %s\n", path_of(file));
		return -1;
	}
	n = fread(pem, 1, sizeof(pem), f);
	fclose(f);
	in.data = (unsigned char *)pem;
	in.size = (unsigned int)n;
	ret = gnutls_pem_base64_decode2("CERTIFICATE", &in, &c->der);
	if (ret < 0) {
		fprintf(stderr, "%s: %s\n", file, gnutls_strerror(ret));
		return -1;
	}
	return 0;
}

static const gnutls_datum_t *der(const char *name)
{
	for (size_t i = 0; i < NCERTFILES; i++)
		if (strcmp(certs[i].name, name) == 0)
			return &certs[i].der;
	fprintf(stderr, "no certificate %s\n", name);
	exit(2);
}

/*
 * Verifies the space-separated certificate names of CHAIN for HOST with
 * the CA file CA (a name in the directory, or NULL for the system store).
 */
static int verify(const char *chain, const char *host, const char *ca, char *why, size_t whysz)
{
	struct tls_der list[NCERTS];
	char names[256], *save = NULL;
	size_t n = 0;

	snprintf(names, sizeof(names), "%s", chain);
	for (char *s = strtok_r(names, " ", &save); s != NULL; s = strtok_r(NULL, " ", &save)) {
		const gnutls_datum_t *d = der(s);

		list[n].data = d->data;
		list[n].len = d->size;
		n++;
	}
	return tls_verify_chain(list, n, host, ca != NULL ? path_of(ca) : NULL, why, whysz);
}

static void expect_ok(const char *chain, const char *host, const char *ca)
{
	char why[512] = "untouched";
	int rc = verify(chain, host, ca, why, sizeof(why));

	CHECK(rc == 0, "[%s] for %s with %s: %s", chain, host, ca ? ca : "system store", why);
	CHECK(why[0] == '\0', "[%s] for %s: reason left on success: %s", chain, host, why);
}

/* Expects -1 with each of the words (up to a NULL) in the reason. */
static void expect_fail(const char *chain, const char *host, const char *ca, ...)
	__attribute__((sentinel));

static void expect_fail(const char *chain, const char *host, const char *ca, ...)
{
	char why[512] = "";
	int rc = verify(chain, host, ca, why, sizeof(why));
	va_list ap;
	const char *word;

	CHECK(rc == -1, "[%s] for %s with %s should fail, got %d", chain, host,
	      ca ? ca : "system store", rc);
	CHECK(strchr(why, '\n') == NULL && why[0] != '\0', "[%s] for %s: reason not one line: \"%s\"",
	      chain, host, why);
	va_start(ap, ca);
	while ((word = va_arg(ap, const char *)) != NULL)
		CHECK(strstr(why, word) != NULL, "[%s] for %s: \"%s\" not in \"%s\"", chain, host,
		      word, why);
	va_end(ap);
	printf("  %-22s %-16s -> %s\n", chain, host, why);
}

static void check_trusted(void)
{
	expect_ok("server", "127.0.0.1", "ca.pem");
	expect_ok("server", "localhost", "ca.pem");
	expect_ok("server", "LocalHost", "ca.pem");
	expect_ok("server", "localhost.", "ca.pem");
	expect_ok("server", "[127.0.0.1]", "ca.pem");
	/* Servers may send the root too; it changes nothing. */
	expect_ok("server ca", "127.0.0.1", "ca.pem");
	/* The usual deployment: leaf and intermediate, root in the store. */
	expect_ok("leaf-inter inter", "localhost", "ca.pem");
	expect_ok("leaf-inter inter ca", "127.0.0.1", "ca.pem");
	/* Pinning a self-signed server by its own certificate, as the
	 * "not trusted" reason suggests, works. */
	expect_ok("untrusted", "127.0.0.1", "untrusted.pem");
}

static void check_untrusted(void)
{
	char why[512];

	expect_fail("untrusted", "127.0.0.1", "ca.pem", "not trusted", "self-signed", "127.0.0.1",
		    "tls_ca_file", NULL);
	/* The misconfiguration the reason's "fix the server's chain" is for. */
	expect_fail("leaf-inter", "localhost", "ca.pem", "not trusted", "signer not found",
		    "fix the server's chain", NULL);
	/* Our test CA is in no system store. */
	expect_fail("server", "127.0.0.1", NULL, "trust", NULL);
	/* Both problems are told, so the admin does not fix them one run at a time. */
	expect_fail("untrusted", "mail.example.jp", "ca.pem", "not trusted",
		    "also host name mismatch", NULL);

	CHECK(verify("untrusted", "127.0.0.1", "ca.pem", why, sizeof(why)) == -1, "untrusted");
	CHECK_STR(why,
		  "certificate is not trusted (self-signed) for 127.0.0.1; set [imap] tls_ca_file "
		  "or fix the server's chain",
		  "untrusted reason");
}

static void check_names(void)
{
	char why[512];

	expect_fail("wrongname", "127.0.0.1", "ca.pem", "mismatch", "mail.example.jp", "127.0.0.1",
		    NULL);
	expect_fail("wrongname", "localhost", "ca.pem", "mismatch", "mail.example.jp", "localhost",
		    NULL);
	expect_fail("server", "127.0.0.2", "ca.pem", "mismatch", "127.0.0.1, localhost", NULL);
	expect_fail("server", "::1", "ca.pem", "mismatch", "connected to ::1", NULL);
	expect_fail("server", "mail.example.jp", "ca.pem", "mismatch", NULL);
	/* A name is matched whole, not as a prefix. */
	expect_fail("server", "localhost.example.jp", "ca.pem", "mismatch", NULL);

	CHECK(verify("wrongname", "127.0.0.1", "ca.pem", why, sizeof(why)) == -1, "wrongname");
	CHECK_STR(why, "host name mismatch: certificate is for mail.example.jp, connected to 127.0.0.1",
		  "wrong name reason");
}

static void check_expired(void)
{
	expect_fail("expired", "127.0.0.1", "ca.pem", "expired on 2020-02-01 00:00 UTC", NULL);
	expect_fail("expired", "localhost", "ca.pem", "expired", NULL);
}

static void check_bad_input(void)
{
	static const unsigned char garbage[] = "\x30\x82\xff\xff not a certificate at all";
	const gnutls_datum_t *server = der("server");
	struct tls_der half = {server->data, server->size / 2};
	struct tls_der junk = {garbage, sizeof(garbage) - 1};
	struct tls_der pair[2] = {{server->data, server->size}, {garbage, sizeof(garbage) - 1}};
	struct tls_der nothing = {NULL, 0};
	char why[512];
	char tiny[16];

	CHECK(tls_verify_chain(NULL, 0, "127.0.0.1", path_of("ca.pem"), why, sizeof(why)) == -1,
	      "empty chain");
	CHECK(strstr(why, "no certificate") != NULL, "empty chain reason: %s", why);
	CHECK(tls_verify_chain(&junk, 0, "127.0.0.1", path_of("ca.pem"), why, sizeof(why)) == -1,
	      "zero length chain");
	CHECK(tls_verify_chain(&junk, 1, "127.0.0.1", path_of("ca.pem"), why, sizeof(why)) == -1,
	      "garbage");
	CHECK(strstr(why, "not valid X.509") != NULL, "garbage reason: %s", why);
	CHECK(tls_verify_chain(&half, 1, "127.0.0.1", path_of("ca.pem"), why, sizeof(why)) == -1,
	      "truncated certificate");
	CHECK(tls_verify_chain(pair, 2, "127.0.0.1", path_of("ca.pem"), why, sizeof(why)) == -1,
	      "garbage after a good leaf");
	CHECK(strstr(why, "certificate 2") != NULL, "garbage second reason: %s", why);
	CHECK(tls_verify_chain(&nothing, 1, "127.0.0.1", path_of("ca.pem"), why, sizeof(why)) ==
		  -1,
	      "NULL certificate");

	CHECK(verify("server", "", "ca.pem", why, sizeof(why)) == -1, "empty host");
	CHECK(tls_verify_chain(&junk, 1, NULL, NULL, why, sizeof(why)) == -1, "NULL host");
	CHECK(verify("server", "fe80::1%eth0", "ca.pem", why, sizeof(why)) == -1, "zone index");
	CHECK(strstr(why, "neither") != NULL, "bad host reason: %s", why);

	expect_fail("server", "127.0.0.1", "no-such-file.pem", "no-such-file.pem", NULL);
	expect_fail("server", "127.0.0.1", "server-key.pem", "no PEM certificate", NULL);

	/* The reason is cut to the buffer, never past it. */
	CHECK(verify("untrusted", "127.0.0.1", "ca.pem", tiny, sizeof(tiny)) == -1, "tiny buffer");
	CHECK(strlen(tiny) == sizeof(tiny) - 1, "tiny buffer: \"%s\"", tiny);
	CHECK(verify("wrongname", "127.0.0.1", "ca.pem", tiny, 1) == -1 && tiny[0] == '\0',
	      "one-byte buffer");
	CHECK(verify("wrongname", "127.0.0.1", "ca.pem", NULL, 0) == -1, "no buffer");
	CHECK(verify("server", "127.0.0.1", "ca.pem", NULL, 0) == 0, "no buffer, success");
}

int main(int argc, char **argv)
{
	int status;

	if (argc != 2) {
		fprintf(stderr, "usage: %s CERTDIR (made by tests/tls/make-certs.sh)\n", argv[0]);
		return 2;
	}
	dir = argv[1];
	for (size_t i = 0; i < NCERTFILES; i++)
		if (load(&certs[i]) < 0)
			return 2;

	check_trusted();
	check_untrusted();
	check_names();
	check_expired();
	check_bad_input();

	for (size_t i = 0; i < NCERTFILES; i++)
		gnutls_free(certs[i].der.data);
	status = check_done();
	return status;
}
