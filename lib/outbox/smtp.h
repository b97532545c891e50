/*
 * smtp.h - sending one mail over SMTP (the [smtp] section of the
 * configuration: url, from, user, password_file).
 */
#ifndef MADOGUCHI_SMTP_H
#define MADOGUCHI_SMTP_H

#include <stddef.h>

struct config;

/* The envelope address of FROM ("Name <addr>" or "addr") as "<addr>", into OUT. */
void smtp_envelope(const char *from, char *out, size_t outsz);

/*
 * Sends DATA (LEN bytes, a complete message) from the configured sender
 * to RCPT. 0; -1 with the reason in ERR when trying again later may work
 * (no connection, a 4xx); -2 when the server refused it for good (a 5xx).
 */
int smtp_send(const struct config *cfg, const char *rcpt, const char *data, size_t len,
	      char *err, size_t errsz);

/*
 * Whether the [smtp] server answers: a connection and its greeting (TLS
 * for smtps://), nothing sent. 0, or -1 with why in ERR.
 */
int smtp_probe(const struct config *cfg, char *err, size_t errsz);

#endif
