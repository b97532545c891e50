/*
 * ctl_events.c - ctl_publish: madoctl's case events, opened lazily.
 *
 * madoctl lives for a moment, and ZeroMQ connects in the background: an
 * event published right after connecting would be dropped, and one queued
 * when the process exits would never leave. So the first event waits
 * (bounded) for the relay's subscription, which arrives as soon as the
 * connection is up, and the publisher is closed with a short linger that
 * lets the last events out. Commands that change nothing pay nothing:
 * nothing is opened before the first event.
 */
#include "ctl_events.h"

#include "config.h"
#include "events.h"
#include "madoctl.h"

/* A connection over loopback or ipc takes a millisecond or two; this is room for a loaded host. */
#define CTL_EVENTS_CONNECT_MS 100
#define CTL_EVENTS_LINGER_MS 200

void ctl_publish(struct ctl *ctl, const char *number, const char *what)
{
	if (ctl->events == NULL && !ctl->events_tried && ctl->cfg != NULL) {
		ctl->events_tried = true;
		ctl->events = events_publisher_open(ctl->cfg->events_publish);
		events_publisher_ready(ctl->events, CTL_EVENTS_CONNECT_MS);
	}
	events_publish(ctl->events, number, what);
}

void ctl_events_close(struct ctl *ctl)
{
	events_close(ctl->events, CTL_EVENTS_LINGER_MS);
	ctl->events = NULL;
}
