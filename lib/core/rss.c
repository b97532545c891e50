/*
 * rss.c - the process's peak resident memory (see rss.h).
 */
#include "rss.h"

#include <sys/resource.h>

long peak_rss_kb(void)
{
	struct rusage ru;

	/* Linux counts ru_maxrss in kilobytes. */
	return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}
