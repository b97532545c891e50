/*
 * events.h - case events: "case N changed" hints for madoctl watch.
 *
 * Workers and madoctl publish an event after the transaction that changed a
 * case has committed; madoguchid relays them (events_relay.h) to every
 * madoctl watch. Events are hints, never state: a watcher reads the case
 * from PostgreSQL, and polls it too, so a lost event delays a line on a
 * screen and loses nothing. Nothing here ever blocks a publisher.
 *
 * Wire format: one ZeroMQ frame of printable ASCII, fields separated by one
 * space, at most EVENTS_MAX bytes, no terminator:
 *
 *   case 1 NUMBER WHAT   case NUMBER (YYYY-NNNNNN) changed. WHAT is one word
 *                        of 1 to 15 lower-case letters or '_': new (a case
 *                        was filed), message (a message joined it), state
 *                        (its status or owner changed), note (a note was
 *                        added); readers show words they do not know as is.
 *   beat 1               the relay is alive: sent every EVENTS_BEAT_MS and
 *                        to every subscriber as soon as it connects.
 *
 * The first word is the topic subscribers filter on; the second is the
 * format's version, and a message of any other version, or not exactly of
 * this shape, is dropped by the relay and by readers.
 */
#ifndef MADOGUCHI_EVENTS_H
#define MADOGUCHI_EVENTS_H

#include <stdbool.h>
#include <stddef.h>

#define EVENTS_MAX 64
#define EVENTS_BEAT_TEXT "beat 1"
#define EVENTS_BEAT_MS 1000

/* A parsed case event: NUL-terminated copies of its two fields. */
struct case_event {
	char number[16];
	char what[16];
};

enum events_kind {
	EVENTS_CASE = 1, /* a case event */
	EVENTS_BEAT = 2, /* the relay's heartbeat */
};

/*
 * Writes the wire text of a case event into OUT. Returns its length, or -1
 * when NUMBER is no case number or WHAT no event word.
 */
int events_format(char out[EVENTS_MAX + 1], const char *number, const char *what)
    __attribute__((warn_unused_result));

/* Parses one frame: EVENTS_CASE (with *EV set), EVENTS_BEAT, or -1 for anything else. */
int events_parse(const void *data, size_t len, struct case_event *ev)
    __attribute__((warn_unused_result));

/* One socket, a publisher's or a subscriber's; opaque. */
struct events;

/*
 * A publisher connected to ENDPOINT (madoguchid's [events] publish). The
 * connection is made in the background and a relay that is not there is no
 * error; NULL (after a warning) only for an endpoint ZeroMQ cannot use.
 */
struct events *events_publisher_open(const char *endpoint);

/*
 * Waits up to TIMEOUT_MS until the relay has subscribed to this publisher,
 * which it does as soon as the connection is up: until then ZeroMQ drops
 * what is published. For short-lived publishers (madoctl), right after
 * opening. True when subscribed (at once if it already was).
 */
bool events_publisher_ready(struct events *ev, int timeout_ms);

/*
 * Publishes "case NUMBER changed by WHAT". Never blocks and never fails:
 * an event that cannot go (no relay, a full queue, bad words) is dropped,
 * and the first such drop is logged at debug level. EV may be NULL.
 */
void events_publish(struct events *ev, const char *number, const char *what);

/* A subscriber connected to ENDPOINT (madoguchid's [events] endpoint); NULL as above. */
struct events *events_subscriber_open(const char *endpoint);

/*
 * Waits up to TIMEOUT_MS for a message: EVENTS_CASE with *OUT set,
 * EVENTS_BEAT, 0 on timeout or signal (malformed messages are skipped as
 * time passes), -1 on a socket error.
 */
int events_receive(struct events *ev, int timeout_ms, struct case_event *out)
    __attribute__((warn_unused_result));

/*
 * Closes EV (NULL is fine), giving what is still queued up to LINGER_MS
 * to leave: 0 for long-lived programs, a little for a madoctl that is about
 * to exit right after publishing.
 */
void events_close(struct events *ev, int linger_ms);

#endif
