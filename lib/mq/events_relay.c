/*
 * events_relay.c - the XSUB -> XPUB relay of case events.
 *
 * Not zmq_proxy(): the loop is ours so that it can send the heartbeat,
 * drop what is not a case event before it reaches any watcher, and stop
 * on a flag without tearing the context down under a blocked call.
 *
 * The XSUB subscribes to everything itself, at once, so that every
 * publisher receives a subscription as soon as it connects (events.c waits
 * for it) whether or not anyone watches; the XPUB then sends each
 * watcher only the topics it subscribed to. The watchers' own
 * subscriptions are read and dropped: forwarding them would add nothing.
 *
 * The XPUB's welcome message is a heartbeat, so a watcher that connects
 * knows at once that the relay is there.
 */
#include "events_relay.h"

#include "events.h"
#include "log.h"
#include "sig.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#define RELAY_HWM 1000
#define RELAY_STOP_CHECK_MS 200
#define RELAY_BATCH 1000 /* messages moved per wake-up, so the heartbeat is never starved */

struct events_relay {
	void *ctx;
	void *in;  /* XSUB, bound at [events] publish */
	void *out; /* XPUB, bound at [events] endpoint */
	pthread_t thread;
	atomic_bool stop;
	unsigned long relayed, dropped;
};

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/*
 * Reads one message from SOCK without waiting into BUF (SIZE bytes): its
 * length, or more than SIZE when it did not fit or had several frames (then
 * read whole and to be dropped); -1 when there was none.
 */
static int take(void *sock, char *buf, size_t size)
{
	int more = 0, n = zmq_recv(sock, buf, size, ZMQ_DONTWAIT);
	size_t optlen = sizeof(more);

	if (n == -1)
		return -1;
	while (zmq_getsockopt(sock, ZMQ_RCVMORE, &more, &optlen) == 0 && more) {
		char skip[EVENTS_MAX + 1];

		n = (int)size + 1;
		if (zmq_recv(sock, skip, sizeof(skip), 0) == -1)
			break;
		optlen = sizeof(more);
	}
	return n;
}

static void relay_some(struct events_relay *r)
{
	char buf[EVENTS_MAX + 1];
	struct case_event ev;

	for (int i = 0; i < RELAY_BATCH; i++) {
		int n = take(r->in, buf, sizeof(buf));

		if (n == -1)
			return;
		if (n > EVENTS_MAX || events_parse(buf, (size_t)n, &ev) != EVENTS_CASE) {
			if (r->dropped++ == 0)
				log_warnx(
				    "events: dropped a message that is no case event (later ones"
				    " are counted at stop)");
			continue;
		}
		/* A watcher too slow to take it loses it (XPUB drops at its high-water mark). */
		if (zmq_send(r->out, buf, (size_t)n, ZMQ_DONTWAIT) != -1)
			r->relayed++;
	}
}

/* The watchers' subscriptions: read so they do not pile up, and dropped (see the top). */
static void drop_subscriptions(struct events_relay *r)
{
	char sub[EVENTS_MAX + 1];

	for (int i = 0; i < RELAY_BATCH && take(r->out, sub, sizeof(sub)) != -1; i++)
		continue;
}

static void *relay_main(void *arg)
{
	struct events_relay *r = arg;
	long next_beat = now_ms() + EVENTS_BEAT_MS;

	while (!atomic_load(&r->stop)) {
		zmq_pollitem_t items[2] = {{r->in, 0, ZMQ_POLLIN, 0}, {r->out, 0, ZMQ_POLLIN, 0}};
		long wait = next_beat - now_ms();

		if (wait > RELAY_STOP_CHECK_MS)
			wait = RELAY_STOP_CHECK_MS;
		if (zmq_poll(items, 2, wait < 0 ? 0 : wait) == -1 && zmq_errno() != EINTR) {
			log_warnx("events relay: poll: %s", zmq_strerror(zmq_errno()));
			break;
		}
		if (items[0].revents & ZMQ_POLLIN)
			relay_some(r);
		if (items[1].revents & ZMQ_POLLIN)
			drop_subscriptions(r);
		if (now_ms() >= next_beat) {
			zmq_send(r->out, EVENTS_BEAT_TEXT, sizeof(EVENTS_BEAT_TEXT) - 1,
				 ZMQ_DONTWAIT);
			next_beat = now_ms() + EVENTS_BEAT_MS;
		}
	}
	return NULL;
}

static void relay_close(struct events_relay *r)
{
	int linger = 0;

	if (r->in != NULL) {
		zmq_setsockopt(r->in, ZMQ_LINGER, &linger, sizeof(linger));
		zmq_close(r->in);
	}
	if (r->out != NULL) {
		zmq_setsockopt(r->out, ZMQ_LINGER, &linger, sizeof(linger));
		zmq_close(r->out);
	}
	if (r->ctx != NULL)
		zmq_ctx_term(r->ctx);
	free(r);
}

struct events_relay *events_relay_start(const char *publish, const char *endpoint)
{
	struct events_relay *r = calloc(1, sizeof(*r));
	static const char all = 1; /* subscribe, to the empty prefix: everything */
	int hwm = RELAY_HWM;
	const char *failed = endpoint;

	if (r == NULL)
		return NULL;
	atomic_init(&r->stop, false);
	if ((r->ctx = zmq_ctx_new()) == NULL || (r->in = zmq_socket(r->ctx, ZMQ_XSUB)) == NULL ||
	    (r->out = zmq_socket(r->ctx, ZMQ_XPUB)) == NULL)
		goto fail;
	if (zmq_setsockopt(r->in, ZMQ_RCVHWM, &hwm, sizeof(hwm)) == -1 ||
	    zmq_setsockopt(r->out, ZMQ_SNDHWM, &hwm, sizeof(hwm)) == -1 ||
	    zmq_setsockopt(r->out, ZMQ_XPUB_WELCOME_MSG, EVENTS_BEAT_TEXT,
			   sizeof(EVENTS_BEAT_TEXT) - 1) == -1)
		goto fail;
	if (zmq_bind(r->out, endpoint) == -1)
		goto fail;
	failed = publish;
	if (zmq_bind(r->in, publish) == -1 || zmq_send(r->in, &all, 1, 0) == -1)
		goto fail;
	if (sig_thread_start(&r->thread, relay_main, r) != 0) {
		log_warnx("events relay: cannot start its thread; madoctl watch will poll");
		relay_close(r);
		return NULL;
	}
	log_info("events relay publish=%s endpoint=%s result=started", publish, endpoint);
	return r;
fail:
	log_warnx("events relay endpoint=%s bind: %s; madoctl watch will poll", failed,
		  zmq_strerror(zmq_errno()));
	relay_close(r);
	return NULL;
}

void events_relay_stop(struct events_relay *r)
{
	if (r == NULL)
		return;
	atomic_store(&r->stop, true);
	pthread_join(r->thread, NULL);
	log_info("events relay relayed=%lu dropped=%lu result=stopped", r->relayed, r->dropped);
	relay_close(r);
}
