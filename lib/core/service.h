/*
 * service.h - what madoguchid and madoguchi-worker tell the service manager
 * that started them (systemd's sd_notify, Type=notify): that they are
 * ready, reloading or stopping, a line of status, and that they are alive
 * (the watchdog). Without a manager (no NOTIFY_SOCKET) each call does
 * nothing, so the programs run the same by hand, in tests and in
 * containers.
 */
#ifndef MADOGUCHI_SERVICE_H
#define MADOGUCHI_SERVICE_H

/* READY=1 with a status line (printf-style). */
void service_ready(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* RELOADING=1: the configuration is being read again; service_ready follows. */
void service_reloading(void);

/* STOPPING=1: shutting down, and what is left to do. */
void service_stopping(const char *status);

/*
 * WATCHDOG=1 at half the interval the unit's WatchdogSec= set, however
 * often it is called: from a loop that runs every second or so, so that a
 * hung loop stops the pings and the manager restarts the program.
 */
void service_alive(void);

#endif
