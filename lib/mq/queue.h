/*
 * queue.h - the ZeroMQ wake-up channel between madoguchid and the workers.
 *
 * The daemon binds a PUSH socket; workers connect PULL sockets. Sends never
 * block: if no worker is listening the job simply waits in PostgreSQL until
 * a worker's periodic scan finds it.
 */
#ifndef MADOGUCHI_QUEUE_H
#define MADOGUCHI_QUEUE_H

#include <stdint.h>

struct queue;

/* Binds (daemon) a PUSH socket at ENDPOINT. NULL after logging on failure. */
struct queue *queue_open_push(const char *endpoint);
/* Connects (worker) a PULL socket to ENDPOINT. NULL after logging on failure. */
struct queue *queue_open_pull(const char *endpoint);

/* Announces a committed job. Returns 0 if handed to ZeroMQ, 1 if nobody took it (harmless). */
int queue_announce(struct queue *q, int64_t job_id);

/*
 * Waits up to TIMEOUT_MS for an announcement. Returns 1 with *job_id set,
 * 0 on timeout or signal, -1 on a socket error; *job_id is written only
 * when 1 is returned. Malformed messages are logged and skipped.
 */
int queue_wait(struct queue *q, int timeout_ms, int64_t *job_id);

void queue_close(struct queue *q);

#endif
