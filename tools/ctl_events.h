/*
 * ctl_events.h - a madoctl command that changed a case says so to every
 * madoctl watch, through madoguchid's relay (lib/mq/events.h).
 */
#ifndef MADOGUCHI_CTL_EVENTS_H
#define MADOGUCHI_CTL_EVENTS_H

struct ctl;

/*
 * Publishes that case NUMBER changed; WHAT is one word of lower-case
 * letters and '_' (at most 15) saying how: "new", "state", "note"... Call
 * it once per case after the change has committed, never before: a
 * watcher reads the case again when the event arrives.
 *
 * Never fails and never prints: an event is a hint, and watchers poll the
 * database all the same. The first call opens the publisher from
 * CTL->cfg (nothing happens before the configuration is loaded) and waits
 * up to 100 ms for the relay to take it, so that the event is not lost to
 * ZeroMQ's connection in the background; without a relay (madoguchid not
 * running) it is dropped after that wait, and later calls do not wait.
 */
void ctl_publish(struct ctl *ctl, const char *number, const char *what);

/*
 * Closes ctl_publish's publisher, if it was opened, giving events still
 * queued up to 200 ms to leave: for main, after the command has run.
 */
void ctl_events_close(struct ctl *ctl);

#endif
