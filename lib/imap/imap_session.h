/*
 * imap_session.h - one IMAP connection to one mailbox, through libetpan.
 *
 * A small state machine (disconnected -> connected -> authenticated ->
 * selected, and selected <-> idling); any protocol or network error drops it
 * back to disconnected and the caller reconnects.
 */
#ifndef MADOGUCHI_IMAP_SESSION_H
#define MADOGUCHI_IMAP_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct imap_config;
struct imap_session;

/* One fetched message; RAW is valid only during the callback. */
struct imap_message {
	uint32_t uid;
	const char *raw;
	size_t len;
	size_t size; /* the message's full size: larger than LEN when fetched truncated */
};

/* Receives one fetched message. Return 0, or -1 to stop. */
typedef int (*imap_message_fn)(void *arg, const struct imap_message *m);

/* Asks the caller whether to stop waiting (checked at least once a second). */
typedef bool (*imap_stop_fn)(void);

/* A session for the mailbox IMAP (not copied: it must outlive the session); PASSWORD is copied. */
struct imap_session *imap_session_new(const struct imap_config *imap, const char *password);

/* Connects (verifying TLS), logs in and selects the mailbox. 0 or -1 (logged). */
int imap_session_open(struct imap_session *s) __attribute__((warn_unused_result));

uint32_t imap_session_uidvalidity(const struct imap_session *s);

/*
 * The UIDs in FIRST..LAST (LAST 0 = no upper bound) currently in the
 * mailbox, ascending, in a malloc'd array the caller frees. With UNSEEN
 * only messages without \Seen. 0 or -1.
 */
int imap_session_search(struct imap_session *s, uint32_t first, uint32_t last, bool unseen,
			uint32_t **uids, size_t *n) __attribute__((warn_unused_result));

/*
 * The RFC822.SIZE of each of UIDS[0..N) (ascending) into SIZES, 0 for a
 * UID that vanished. With AT_MOST > 0, a message of at most AT_MOST bytes
 * gets AT_MOST, an upper bound, instead of its size: one SEARCH LARGER
 * finds the others, and only their sizes are fetched. 0 or -1.
 */
int imap_session_sizes(struct imap_session *s, const uint32_t *uids, size_t n, uint32_t at_most,
		       uint32_t *sizes) __attribute__((warn_unused_result));

/*
 * Fetches UIDS[0..N) with BODY.PEEK[] in one command, calling FN for each;
 * with PARTIAL > 0 only the first PARTIAL bytes of each are fetched.
 * FN's message is valid during the call only.
 */
int imap_session_fetch(struct imap_session *s, const uint32_t *uids, size_t n, size_t partial,
		       imap_message_fn fn, void *arg) __attribute__((warn_unused_result));

/*
 * Fetches LENGTH bytes of message UID from OFFSET (BODY.PEEK[]<OFFSET.LENGTH>),
 * so a big mail passes through in slices; FN gets the slice (fewer bytes
 * at the end of the message, none past it). 0 or -1.
 */
int imap_session_fetch_range(struct imap_session *s, uint32_t uid, size_t offset, size_t length,
			     imap_message_fn fn, void *arg) __attribute__((warn_unused_result));

/* Sets \Seen on UIDS. 0 or -1. */
int imap_session_mark_seen(struct imap_session *s, const uint32_t *uids, size_t n)
    __attribute__((warn_unused_result));

/* Moves UIDS to MAILBOX (MOVE, or COPY + \Deleted + UID EXPUNGE). 0 or -1. */
int imap_session_move(struct imap_session *s, const uint32_t *uids, size_t n, const char *mailbox)
    __attribute__((warn_unused_result));

/*
 * Waits for the server to report a change: IDLE when the server offers it
 * and the config allows, else a NOOP after the poll interval. Returns 1
 * when something may have arrived, 0 when the wait ended without news (or
 * STOP said so), -1 on error (logged, session disconnected).
 */
int imap_session_wait(struct imap_session *s, imap_stop_fn stop);

/* Logs out if connected; the session can be opened again. */
void imap_session_disconnect(struct imap_session *s);
void imap_session_free(struct imap_session *s);

#endif
