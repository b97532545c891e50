/*
 * service.c - sd_notify for the service manager; see service.h.
 */
#include "service.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <systemd/sd-daemon.h>
#include <time.h>

void service_ready(const char *fmt, ...)
{
	char status[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(status, sizeof(status), fmt, ap);
	va_end(ap);
	sd_notifyf(0, "READY=1\nSTATUS=%s", status);
}

void service_reloading(void)
{
	sd_notify(0, "RELOADING=1\nSTATUS=reading the configuration again");
}

void service_stopping(const char *status)
{
	sd_notifyf(0, "STOPPING=1\nSTATUS=%s", status);
}

static uint64_t now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

void service_alive(void)
{
	/* Asked once: the interval is the unit's and cannot change while running. */
	static bool asked;
	static uint64_t interval, last;
	uint64_t now;

	if (!asked) {
		asked = true;
		if (sd_watchdog_enabled(0, &interval) <= 0)
			interval = 0;
	}
	if (interval == 0)
		return;
	now = now_usec();
	if (now - last >= interval / 2) {
		sd_notify(0, "WATCHDOG=1");
		last = now;
	}
}
