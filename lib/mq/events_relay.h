/*
 * events_relay.h - madoguchid's relay of case events: what publishers
 * (workers, madoctl) send to [events] publish goes out to every subscriber
 * (madoctl watch) at [events] endpoint, with a heartbeat that tells a
 * subscriber the relay is there. See events.h for the wire format.
 */
#ifndef MADOGUCHI_EVENTS_RELAY_H
#define MADOGUCHI_EVENTS_RELAY_H

struct events_relay;

/*
 * Binds an XSUB at PUBLISH and an XPUB at ENDPOINT and relays in a thread
 * of its own (with every signal blocked). NULL, after a warning, when a
 * socket cannot be bound: the caller runs on without, as watchers poll.
 */
struct events_relay *events_relay_start(const char *publish, const char *endpoint);

/* Stops the thread (within a fraction of a second) and closes the sockets; NULL is fine. */
void events_relay_stop(struct events_relay *r);

#endif
