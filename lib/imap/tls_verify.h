/*
 * tls_verify.h - check the IMAP server's certificate before logging in.
 *
 * libetpan on Debian is built on GnuTLS and accepts any certificate, so
 * the daemon asks for the peer's chain after the handshake and calls
 * tls_verify_chain() before it sends credentials. The module takes plain
 * DER buffers so that it does not depend on libetpan.
 */
#ifndef MADOGUCHI_TLS_VERIFY_H
#define MADOGUCHI_TLS_VERIFY_H

#include <stddef.h>

/* One DER-encoded X.509 certificate. */
struct tls_der {
	const unsigned char *data;
	size_t len;
};

/*
 * Verifies CHAIN (N certificates, leaf first, as the server sent them) for
 * HOSTNAME, a DNS name or an IPv4/IPv6 literal (brackets allowed), against
 * the CAs of the PEM file CA_FILE, or of the system trust store when
 * CA_FILE is NULL. Returns 0 when the chain is trusted, valid now and the
 * leaf is for HOSTNAME; -1 otherwise, with a one-line reason an admin can
 * act on in WHY (WHYSZ bytes, truncated if need be; WHY may be NULL).
 */
int tls_verify_chain(const struct tls_der *chain, size_t n, const char *hostname,
		     const char *ca_file, char *why, size_t whysz)
	__attribute__((warn_unused_result));

#endif
