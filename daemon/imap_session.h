/*
 * imap_session.h - one IMAP connection to one mailbox, through libetpan.
 *
 * A small state machine (disconnected -> connected -> authenticated ->
 * selected); any protocol or network error drops it back to disconnected
 * and the caller reconnects.
 */
#ifndef MADOGUCHI_IMAP_SESSION_H
#define MADOGUCHI_IMAP_SESSION_H

#include <stddef.h>
#include <stdint.h>

struct config;
struct imap_session;

/* Receives one fetched message; RAW is valid only during the call. Return 0 or -1 to stop. */
typedef int (*imap_message_fn)(void *arg, uint32_t uid, const char *raw, size_t len);

/* A session for the configured server and mailbox; PASSWORD is copied. */
struct imap_session *imap_session_new(const struct config *cfg, const char *password);

/* Connects, logs in and selects the mailbox. 0 or -1 (logged). */
int imap_session_open(struct imap_session *s) __attribute__((warn_unused_result));

uint32_t imap_session_uidvalidity(const struct imap_session *s);
const char *imap_session_mailbox(const struct imap_session *s);

/*
 * The UIDs above AFTER currently in the mailbox, ascending, in a malloc'd
 * array the caller frees. 0 or -1.
 */
int imap_session_uids_after(struct imap_session *s, uint32_t after, uint32_t **uids, size_t *n)
    __attribute__((warn_unused_result));

/* Fetches the messages UIDS[0..N) with BODY.PEEK[] in one command, calling FN for each. */
int imap_session_fetch(struct imap_session *s, const uint32_t *uids, size_t n, imap_message_fn fn,
		       void *arg) __attribute__((warn_unused_result));

/*
 * Lets the server report new mail. 0 or -1; a failure has already been
 * logged and left the session disconnected for the next open to repair.
 */
int imap_session_noop(struct imap_session *s);

/* Logs out if connected; the session can be opened again. */
void imap_session_disconnect(struct imap_session *s);
void imap_session_free(struct imap_session *s);

#endif
