/*
 * rss.h - the process's peak resident memory, which the programs log as
 * they stop: what an admin sizes a host by, and what tools/bench-perf
 * reads instead of sampling /proc while it measures.
 */
#ifndef MADOGUCHI_RSS_H
#define MADOGUCHI_RSS_H

/* The most memory the process has had resident, in kB (0 when unknown). */
long peak_rss_kb(void);

#endif
