/*
 * queue.c - ZeroMQ sockets for job announcements.
 *
 * High-water marks are set low on purpose: an announcement that cannot be
 * queued is dropped, because the job is already durable in PostgreSQL and
 * workers re-scan it. Linger is short so a stopping daemon never hangs on
 * undelivered wake-ups.
 */
#include "queue.h"

#include "log.h"
#include "msg.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <zmq.h>

#define QUEUE_HWM 10000
#define QUEUE_LINGER_MS 100

struct queue {
	void *ctx;
	void *sock;
	/* The daemon's mailbox threads share one PUSH socket; ZeroMQ sockets are not thread-safe. */
	pthread_mutex_t lock;
};

static struct queue *queue_open(const char *endpoint, int type)
{
	struct queue *q = calloc(1, sizeof(*q));
	int hwm = QUEUE_HWM, linger = QUEUE_LINGER_MS;
	int rc;

	if (q == NULL)
		return NULL;
	pthread_mutex_init(&q->lock, NULL);
	q->ctx = zmq_ctx_new();
	if (q->ctx == NULL)
		goto fail;
	q->sock = zmq_socket(q->ctx, type);
	if (q->sock == NULL)
		goto fail;
	if (zmq_setsockopt(q->sock, ZMQ_SNDHWM, &hwm, sizeof(hwm)) == -1 ||
	    zmq_setsockopt(q->sock, ZMQ_RCVHWM, &hwm, sizeof(hwm)) == -1 ||
	    zmq_setsockopt(q->sock, ZMQ_LINGER, &linger, sizeof(linger)) == -1)
		goto fail;
	rc = type == ZMQ_PUSH ? zmq_bind(q->sock, endpoint) : zmq_connect(q->sock, endpoint);
	if (rc == -1)
		goto fail;
	return q;
fail:
	log_warnx("queue endpoint=%s %s: %s", endpoint, type == ZMQ_PUSH ? "bind" : "connect",
		  zmq_strerror(zmq_errno()));
	queue_close(q);
	return NULL;
}

struct queue *queue_open_push(const char *endpoint)
{
	return queue_open(endpoint, ZMQ_PUSH);
}

struct queue *queue_open_pull(const char *endpoint)
{
	return queue_open(endpoint, ZMQ_PULL);
}

int queue_announce(struct queue *q, int64_t job_id)
{
	struct msg m;

	int rc = 0, err = 0;

	msg_init(&m, MSG_JOB_QUEUED);
	if (msg_add_u64(&m, (uint64_t)job_id) == -1)
		return 1;
	pthread_mutex_lock(&q->lock);
	if (zmq_send(q->sock, m.data, m.len, ZMQ_DONTWAIT) == -1) {
		err = zmq_errno();
		rc = 1;
	}
	pthread_mutex_unlock(&q->lock);
	if (rc != 0 && err != EAGAIN)
		log_warnx("queue announce job=%lld: %s", (long long)job_id, zmq_strerror(err));
	return rc;
}

int queue_wait(struct queue *q, int timeout_ms, int64_t *job_id)
{
	zmq_pollitem_t item = {q->sock, 0, ZMQ_POLLIN, 0};
	unsigned char data[MSG_MAX + 1];
	struct msg m;
	enum msg_type type;
	uint64_t id;
	int n;

	n = zmq_poll(&item, 1, timeout_ms);
	if (n == -1)
		return zmq_errno() == EINTR ? 0 : -1;
	if (n == 0)
		return 0;
	n = zmq_recv(q->sock, data, sizeof(data), ZMQ_DONTWAIT);
	if (n == -1)
		return zmq_errno() == EINTR || zmq_errno() == EAGAIN ? 0 : -1;
	if (msg_load(&m, data, (size_t)n, &type) == -1 || type != MSG_JOB_QUEUED ||
	    msg_get_u64(&m, &id) == -1 || msg_end(&m) == -1 || id > INT64_MAX) {
		log_warnx("queue: dropped a malformed message of %d bytes", n);
		return 0;
	}
	*job_id = (int64_t)id;
	return 1;
}

void queue_close(struct queue *q)
{
	if (q == NULL)
		return;
	if (q->sock != NULL)
		zmq_close(q->sock);
	if (q->ctx != NULL)
		zmq_ctx_term(q->ctx);
	pthread_mutex_destroy(&q->lock);
	free(q);
}
