/*
 * intake.h - one mailbox's intake: mailbox -> PostgreSQL -> wake-up.
 *
 * Each configured mailbox runs in a thread of its own with its own IMAP
 * and database connections; only the ZeroMQ socket is shared.
 */
#ifndef MADOGUCHI_INTAKE_H
#define MADOGUCHI_INTAKE_H

#include <stdbool.h>

struct config;
struct imap_config;
struct intake;
struct queue;

/*
 * Starts intake of mailbox MB (part of CFG, which must outlive it) in a new
 * thread. With ONCE it fetches what is there and ends. NULL on failure.
 */
struct intake *intake_start(const struct config *cfg, const struct imap_config *mb,
			    struct queue *queue, bool once);

/* Asks the thread to finish its current batch and end. */
void intake_request_stop(struct intake *in);

/* Waits for the thread and frees it. Returns 0, or 1 when a --once pass failed. */
int intake_join(struct intake *in);

#endif
