/*
 * check.h - the few assertions the C unit tests need.
 *
 * A failed check prints where and what, and counts; check_done() prints
 * "N passed, N failed" and returns the exit status for ctest.
 */
#ifndef MADOGUCHI_CHECK_H
#define MADOGUCHI_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (cond) {                                                                        \
			check_passed++;                                                            \
		} else {                                                                           \
			check_failed++;                                                            \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);    \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
		}                                                                                  \
	} while (0)

static inline void check_str(const char *file, int line, const char *got, const char *want,
			     const char *ctx)
{
	if (got != NULL && strcmp(got, want) == 0) {
		check_passed++;
		return;
	}
	check_failed++;
	fprintf(stderr, "%s:%d: %s: got \"%s\", want \"%s\"\n", file, line, ctx,
		got != NULL ? got : "(null)", want);
}

#define CHECK_STR(got, want, ctx) check_str(__FILE__, __LINE__, (got), (want), (ctx))

static inline int check_done(void)
{
	printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed == 0 && check_passed > 0 ? 0 : 1;
}

#endif
