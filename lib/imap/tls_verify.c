/*
 * tls_verify.c - the IMAP server's certificate, checked with GnuTLS.
 *
 * Each call builds its own trust list (the system store or the configured
 * CA file), imports the chain and lets gnutls_x509_trust_list_verify_crt2()
 * decide, with the host name or IP address and the TLS server purpose as
 * typed data. The leaf's name is also checked on its own, so a mismatch is
 * reported, and refused, even when GnuTLS stopped at a trust error.
 *
 * Nothing is cached: connections are seconds or minutes apart, loading
 * the store costs milliseconds, and a replaced CA file is then used
 * without a restart. The verdict is GnuTLS's; the rest of this file turns
 * status bits into one line that says what to fix.
 */
#include "tls_verify.h"

#include <arpa/inet.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Real servers send two to four certificates; a bound keeps them on the stack. */
#define MAX_CHAIN 16
/* Leaf names quoted in a mismatch message; the rest is "...". */
#define MAX_NAMES 5

/* The reason being written into the caller's buffer, always terminated. */
struct reason {
	char *buf;
	size_t size;
	size_t len;
};

/* What the daemon connected to, as GnuTLS wants it. */
struct target {
	char name[256];         /* as the admin wrote it, without brackets */
	unsigned char ip[16];
	size_t iplen;           /* 0: NAME is a DNS name */
};

static void say(struct reason *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(struct reason *r, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (r->buf == NULL || r->len + 1 >= r->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(r->buf + r->len, r->size - r->len, fmt, ap);
	va_end(ap);
	if (n < 0) {
		r->buf[r->len] = '\0';
		return;
	}
	r->len += (size_t)n;
	if (r->len >= r->size)
		r->len = r->size - 1;
}

/*
 * Certificate fields are written by whoever made the certificate and the
 * reason goes to the log: only printable ASCII passes, so a hostile
 * server cannot forge log lines or send terminal escapes.
 */
static void say_field(struct reason *r, const char *s, size_t len)
{
	if (r->buf == NULL)
		return;
	for (size_t i = 0; i < len && s[i] != '\0' && r->len + 1 < r->size; i++) {
		unsigned char c = (unsigned char)s[i];

		r->buf[r->len++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	if (r->size > 0)
		r->buf[r->len] = '\0';
}

/* Starts one more problem: several are joined so one run shows them all. */
static void next_problem(struct reason *r, bool *any)
{
	if (*any)
		say(r, "; also ");
	*any = true;
}

static void say_time(struct reason *r, time_t when)
{
	struct tm tm;
	char text[32];

	if (when == (time_t)-1 || gmtime_r(&when, &tm) == NULL ||
	    strftime(text, sizeof(text), "%Y-%m-%d %H:%M UTC", &tm) == 0) {
		say(r, "an unreadable date");
		return;
	}
	say(r, "%s", text);
}

static void say_cn(struct reason *r, gnutls_x509_crt_t crt)
{
	char cn[256];
	size_t size = sizeof(cn);

	if (gnutls_x509_crt_get_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, cn, &size) < 0) {
		say(r, "(no common name)");
		return;
	}
	say_field(r, cn, size);
}

/* The DNS and IP names of the leaf, or its common name when it has none. */
static void say_names(struct reason *r, gnutls_x509_crt_t crt)
{
	char name[256];
	unsigned int count = 0;

	for (unsigned int seq = 0;; seq++) {
		size_t size = sizeof(name);
		int type = gnutls_x509_crt_get_subject_alt_name(crt, seq, name, &size, NULL);
		char ip[INET6_ADDRSTRLEN];

		if (type == GNUTLS_E_SHORT_MEMORY_BUFFER)
			continue; /* longer than any DNS name: not worth quoting */
		if (type < 0)
			break;
		if (type != GNUTLS_SAN_DNSNAME &&
		    !(type == GNUTLS_SAN_IPADDRESS && (size == 4 || size == 16)))
			continue;
		if (count == MAX_NAMES) {
			say(r, ", ...");
			break;
		}
		if (count++ > 0)
			say(r, ", ");
		if (type == GNUTLS_SAN_DNSNAME)
			say_field(r, name, size);
		else if (inet_ntop(size == 4 ? AF_INET : AF_INET6, name, ip, sizeof(ip)) != NULL)
			say(r, "%s", ip);
	}
	if (count == 0)
		say_cn(r, crt);
}

/* Parses HOST: an IPv4 or IPv6 literal (maybe in brackets) or a DNS name. */
static int parse_target(const char *host, struct target *t)
{
	size_t len = strlen(host);

	if (len >= 2 && host[0] == '[' && host[len - 1] == ']') {
		host++;
		len -= 2;
	}
	if (len == 0 || len >= sizeof(t->name))
		return -1;
	memcpy(t->name, host, len);
	t->name[len] = '\0';
	t->iplen = 0;
	if (inet_pton(AF_INET, t->name, t->ip) == 1) {
		t->iplen = 4;
		return 0;
	}
	if (inet_pton(AF_INET6, t->name, t->ip) == 1) {
		t->iplen = 16;
		return 0;
	}
	/* A colon cannot be in a DNS name: a mistyped IPv6 address or a
	 * zone index, which a certificate cannot name anyway. */
	if (strchr(t->name, ':') != NULL)
		return -1;
	/* "mail.example.jp." is the same host, but certificates never carry
	 * the root's dot and GnuTLS compares literally. */
	if (len > 1 && t->name[len - 1] == '.')
		t->name[len - 1] = '\0';
	return 0;
}

static int import_chain(const struct tls_der *chain, size_t n, gnutls_x509_crt_t *crts,
			struct reason *r)
{
	for (size_t i = 0; i < n; i++) {
		gnutls_datum_t der;
		int ret;

		if (chain[i].data == NULL || chain[i].len == 0 || chain[i].len > UINT_MAX) {
			say(r, "certificate %zu of the server's chain is empty or too large", i + 1);
			return -1;
		}
		/* GnuTLS does not write through datum.data when importing. */
		der.data = (unsigned char *)chain[i].data;
		der.size = (unsigned int)chain[i].len;
		ret = gnutls_x509_crt_init(&crts[i]);
		if (ret < 0) {
			crts[i] = NULL;
			say(r, "cannot verify the certificate: %s", gnutls_strerror(ret));
			return -1;
		}
		ret = gnutls_x509_crt_import(crts[i], &der, GNUTLS_X509_FMT_DER);
		if (ret < 0) {
			say(r, "certificate %zu of the server's chain is not valid X.509: %s", i + 1,
			    gnutls_strerror(ret));
			return -1;
		}
	}
	return 0;
}

static int load_trust(gnutls_x509_trust_list_t tl, const char *ca_file, struct reason *r)
{
	int ret;

	if (ca_file == NULL) {
		ret = gnutls_x509_trust_list_add_system_trust(tl, 0, 0);
		if (ret <= 0) {
			say(r, "cannot load the system trust store (%s); install ca-certificates or set [imap] tls_ca_file",
			    ret < 0 ? gnutls_strerror(ret) : "it holds no CA");
			return -1;
		}
		return 0;
	}
	ret = gnutls_x509_trust_list_add_trust_file(tl, ca_file, NULL, GNUTLS_X509_FMT_PEM, 0, 0);
	/* An empty trust list would refuse every server: say so plainly
	 * rather than blaming each server's chain. */
	if (ret == 0 || ret == GNUTLS_E_NO_CERTIFICATE_FOUND) {
		say(r, "[imap] tls_ca_file %s holds no PEM certificate", ca_file);
		return -1;
	}
	if (ret < 0) {
		say(r, "cannot read [imap] tls_ca_file %s: %s", ca_file, gnutls_strerror(ret));
		return -1;
	}
	return 0;
}

static const char *trust_problem(unsigned int status, gnutls_x509_crt_t *crts, size_t n)
{
	if (status & GNUTLS_CERT_SIGNER_NOT_FOUND)
		return n == 1 && gnutls_x509_crt_check_issuer(crts[0], crts[0]) ? "self-signed"
										 : "signer not found";
	if (status & GNUTLS_CERT_SIGNER_NOT_CA)
		return "signer is not a CA";
	if (status & GNUTLS_CERT_SIGNATURE_FAILURE)
		return "bad signature";
	if (status & GNUTLS_CERT_INSECURE_ALGORITHM)
		return "insecure signature algorithm";
	return "CA constraints violated";
}

/* Names the first certificate of the chain whose validity period excludes NOW. */
static void say_validity(struct reason *r, gnutls_x509_crt_t *crts, size_t n, bool expired)
{
	time_t now = time(NULL);

	for (size_t i = 0; i < n; i++) {
		time_t when = expired ? gnutls_x509_crt_get_expiration_time(crts[i])
				      : gnutls_x509_crt_get_activation_time(crts[i]);

		if (when == (time_t)-1 || (expired ? when >= now : when <= now))
			continue;
		say(r, "certificate ");
		if (i > 0) {
			say(r, "of the CA ");
			say_cn(r, crts[i]);
			say(r, " ");
		}
		say(r, expired ? "expired on " : "is not valid before ");
		say_time(r, when);
		if (!expired)
			say(r, "; check this host's clock");
		return;
	}
	/* GnuTLS also checks the CA it found in the trust list. */
	say(r, expired ? "certificate expired (a CA of its chain)"
		       : "certificate is not valid yet (a CA of its chain); check this host's clock");
}

static void say_status(struct reason *r, unsigned int status)
{
	gnutls_datum_t text = {NULL, 0};
	size_t len;

	if (gnutls_certificate_verification_status_print(status, GNUTLS_CRT_X509, &text, 0) < 0 ||
	    text.data == NULL) {
		say(r, "certificate rejected (status 0x%x)", status);
		return;
	}
	len = text.size;
	while (len > 0 && (text.data[len - 1] == ' ' || text.data[len - 1] == '\n'))
		len--;
	say(r, "certificate rejected: ");
	say_field(r, (const char *)text.data, len);
	gnutls_free(text.data);
}

static void explain(struct reason *r, gnutls_x509_crt_t *crts, size_t n, const struct target *t,
		    unsigned int status, bool name_ok)
{
	const unsigned int trust_bits = GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_SIGNER_NOT_CA |
					GNUTLS_CERT_SIGNATURE_FAILURE |
					GNUTLS_CERT_INSECURE_ALGORITHM |
					GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE;
	const unsigned int explained = trust_bits | GNUTLS_CERT_INVALID | GNUTLS_CERT_EXPIRED |
				       GNUTLS_CERT_NOT_ACTIVATED | GNUTLS_CERT_UNEXPECTED_OWNER |
				       GNUTLS_CERT_PURPOSE_MISMATCH;
	bool any = false;

	if (status & trust_bits) {
		next_problem(r, &any);
		say(r, "certificate is not trusted (%s) for %s; set [imap] tls_ca_file or fix the server's chain",
		    trust_problem(status, crts, n), t->name);
	}
	if (status & GNUTLS_CERT_EXPIRED) {
		next_problem(r, &any);
		say_validity(r, crts, n, true);
	}
	if (status & GNUTLS_CERT_NOT_ACTIVATED) {
		next_problem(r, &any);
		say_validity(r, crts, n, false);
	}
	if ((status & GNUTLS_CERT_UNEXPECTED_OWNER) || !name_ok) {
		next_problem(r, &any);
		say(r, "host name mismatch: certificate is for ");
		say_names(r, crts[0]);
		say(r, ", connected to %s", t->name);
	}
	if (status & GNUTLS_CERT_PURPOSE_MISMATCH) {
		next_problem(r, &any);
		say(r, "certificate is not for TLS servers (extended key usage)");
	}
	if ((status & ~explained) != 0 || !any) {
		next_problem(r, &any);
		say_status(r, status);
	}
}

int tls_verify_chain(const struct tls_der *chain, size_t n, const char *hostname,
		     const char *ca_file, char *why, size_t whysz)
{
	struct reason r = {why, whysz, 0};
	gnutls_x509_crt_t crts[MAX_CHAIN] = {NULL};
	gnutls_x509_trust_list_t tl = NULL;
	gnutls_typed_vdata_st vdata[2];
	struct target t;
	unsigned int status = 0;
	bool name_ok;
	int ret, rc = -1;

	if (why != NULL && whysz > 0)
		why[0] = '\0';
	if (hostname == NULL || parse_target(hostname, &t) < 0) {
		say(&r, "cannot verify the certificate: \"%s\" is neither a host name nor an IP address",
		    hostname != NULL ? hostname : "");
		return -1;
	}
	if (chain == NULL || n == 0) {
		say(&r, "server %s sent no certificate", t.name);
		return -1;
	}
	if (n > MAX_CHAIN) {
		say(&r, "server %s sent %zu certificates, more than the %d of any real chain", t.name,
		    n, MAX_CHAIN);
		return -1;
	}
	if (import_chain(chain, n, crts, &r) < 0)
		goto out;
	ret = gnutls_x509_trust_list_init(&tl, 0);
	if (ret < 0) {
		tl = NULL;
		say(&r, "cannot verify the certificate: %s", gnutls_strerror(ret));
		goto out;
	}
	if (load_trust(tl, ca_file, &r) < 0)
		goto out;

	if (t.iplen > 0) {
		vdata[0].type = GNUTLS_DT_IP_ADDRESS;
		vdata[0].data = t.ip;
		vdata[0].size = (unsigned int)t.iplen;
	} else {
		vdata[0].type = GNUTLS_DT_DNS_HOSTNAME;
		vdata[0].data = (unsigned char *)t.name;
		vdata[0].size = 0; /* NUL-terminated */
	}
	/* Refuses e.g. a client-only certificate; a leaf without extended
	 * key usage is still accepted, as browsers do. */
	vdata[1].type = GNUTLS_DT_KEY_PURPOSE_OID;
	vdata[1].data = (unsigned char *)GNUTLS_KP_TLS_WWW_SERVER;
	vdata[1].size = 0;
	ret = gnutls_x509_trust_list_verify_crt2(tl, crts, (unsigned int)n, vdata, 2, 0, &status,
						 NULL);
	if (ret < 0) {
		say(&r, "cannot verify the certificate: %s", gnutls_strerror(ret));
		goto out;
	}

	if (t.iplen > 0)
		name_ok = gnutls_x509_crt_check_ip(crts[0], t.ip, (unsigned int)t.iplen, 0) != 0;
	else
		name_ok = gnutls_x509_crt_check_hostname2(crts[0], t.name, 0) != 0;
	if (status == 0 && name_ok)
		rc = 0;
	else
		explain(&r, crts, n, &t, status, name_ok);
out:
	if (tl != NULL)
		gnutls_x509_trust_list_deinit(tl, 1);
	for (size_t i = 0; i < n && i < MAX_CHAIN; i++)
		if (crts[i] != NULL)
			gnutls_x509_crt_deinit(crts[i]);
	return rc;
}
