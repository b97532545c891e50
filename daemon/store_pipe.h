/*
 * store_pipe.h - the thread that stores a mailbox's fetched batches while
 * the mailbox's own thread fetches the next ones (intake.c).
 *
 * Batches are stored in the order handed over, each in one statement, on
 * the mailbox's database connection, which nothing else uses while the
 * pipe runs; batches that follow one another without a pause share a
 * COMMIT (store_pipe.c). At most STORE_PIPE_DEPTH batches wait between
 * the two threads, so a slow database holds the fetching back rather than
 * the daemon's memory growing. A stored batch comes back to the fetching
 * thread, which alone announces its jobs and flags or moves its messages:
 * only after its COMMIT.
 */
#ifndef MADOGUCHI_STORE_PIPE_H
#define MADOGUCHI_STORE_PIPE_H

#include "db_inbound.h"

#include <libpq-fe.h>
#include <stddef.h>
#include <stdint.h>

#define STORE_PIPE_DEPTH 1

struct store_pipe;

/* Starts storing into DB for mailbox KEY under UIDVALIDITY, MAX_SIZE its cap. NULL on failure. */
struct store_pipe *store_pipe_start(PGconn *db, const char *key, uint32_t uidvalidity,
				    size_t max_size);

/*
 * Hands batch *B over (B is emptied), waiting while STORE_PIPE_DEPTH
 * batches wait already. -1 once a store has failed: nothing more is
 * stored, and what was handed over since is dropped (fetched again on the
 * next pass).
 */
int store_pipe_put(struct store_pipe *p, struct inbound_batch *b);

/*
 * The oldest batch stored and committed, if any: 1 with *B and *RES (its
 * outcomes, B->n of them), which the caller then owns; 0 when none is ready.
 */
int store_pipe_take(struct store_pipe *p, struct inbound_batch *b, struct inbound_result **res);

/* Waits until every batch handed over is stored or dropped. 0, or -1 once a store has failed. */
int store_pipe_drain(struct store_pipe *p);

/* Drains, stops the thread and frees P (the batches not taken too). 0 or -1 as drain. */
int store_pipe_stop(struct store_pipe *p);

#endif
