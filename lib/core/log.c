/*
 * log.c - stderr logging shared by the daemon, the workers and madoctl.
 *
 * Deliberately tiny: the programs run in the foreground under a supervisor
 * (systemd, the demo script, the test harness) that owns where stderr goes.
 */
#include "log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *log_prog = "madoguchi";
static enum log_level log_threshold = LOG_LEVEL_INFO;

void log_init(const char *progname, enum log_level level)
{
	log_prog = progname;
	log_threshold = level;
}

void log_set_level(enum log_level level)
{
	log_threshold = level;
}

static void log_vwrite(const char *level, int errnum, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

static void log_vwrite(const char *level, int errnum, const char *fmt, va_list ap)
{
	char buf[2048];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	if (errnum != 0)
		fprintf(stderr, "%s: %s: %s: %s\n", log_prog, level, buf, strerror(errnum));
	else
		fprintf(stderr, "%s: %s: %s\n", log_prog, level, buf);
	fflush(stderr);
}

#define LOG_BODY(threshold, level, errnum)                                                     \
	do {                                                                                   \
		int saved = errno;                                                             \
		va_list ap;                                                                    \
		if (log_threshold < (threshold))                                               \
			return;                                                                \
		va_start(ap, fmt);                                                             \
		log_vwrite(level, errnum, fmt, ap);                                            \
		va_end(ap);                                                                    \
		errno = saved;                                                                 \
	} while (0)

void log_warn(const char *fmt, ...)
{
	LOG_BODY(LOG_LEVEL_WARN, "warning", saved);
}

void log_warnx(const char *fmt, ...)
{
	LOG_BODY(LOG_LEVEL_WARN, "warning", 0);
}

void log_info(const char *fmt, ...)
{
	LOG_BODY(LOG_LEVEL_INFO, "info", 0);
}

void log_debug(const char *fmt, ...)
{
	LOG_BODY(LOG_LEVEL_DEBUG, "debug", 0);
}

void fatal(const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	va_start(ap, fmt);
	log_vwrite("fatal", saved, fmt, ap);
	va_end(ap);
	exit(1);
}

void fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwrite("fatal", 0, fmt, ap);
	va_end(ap);
	exit(1);
}
