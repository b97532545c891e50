/*
 * log.h - the one logging vocabulary of every madoguchi program.
 *
 * Lines go to stderr as "prog: level: text". Events are written as
 * key=value pairs with a stable id so they can be grepped, e.g.
 *   log_info("case=%s inbound=%lld result=created", number, id);
 * log_warn() appends strerror(errno); every function preserves errno.
 */
#ifndef MADOGUCHI_LOG_H
#define MADOGUCHI_LOG_H

#include <stdbool.h>

#define LOG_PRINTF(a, b) __attribute__((format(printf, a, b)))

enum log_level { LOG_LEVEL_WARN = 0, LOG_LEVEL_INFO = 1, LOG_LEVEL_DEBUG = 2 };

void log_init(const char *progname, enum log_level level);
void log_set_level(enum log_level level);

void log_warn(const char *fmt, ...) LOG_PRINTF(1, 2);
void log_warnx(const char *fmt, ...) LOG_PRINTF(1, 2);
void log_info(const char *fmt, ...) LOG_PRINTF(1, 2);
void log_debug(const char *fmt, ...) LOG_PRINTF(1, 2);
__attribute__((noreturn)) void fatal(const char *fmt, ...) LOG_PRINTF(1, 2);
__attribute__((noreturn)) void fatalx(const char *fmt, ...) LOG_PRINTF(1, 2);

#endif
