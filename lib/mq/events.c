/*
 * events.c - case events: the wire format, publishers and subscribers.
 *
 * A publisher is an XPUB socket, not a PUB: ZeroMQ drops what a PUB sends
 * before its peer's subscription has arrived, and a PUB cannot tell when
 * that is, while an XPUB receives the subscription itself. The relay
 * subscribes to everything the moment a publisher connects, so a
 * short-lived madoctl waits for that one message (bounded) and then knows
 * its event is on the wire rather than silently dropped.
 *
 * Every send is ZMQ_DONTWAIT with a small high-water mark, and linger is 0
 * unless the caller asks for more at close: an event that cannot go is
 * dropped, because the change it announces is already in PostgreSQL.
 */
#include "events.h"

#include "log.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#define PUBLISHER_HWM 100
#define SUBSCRIBER_HWM 1000
#define WHAT_MAX 15

struct events {
	void *ctx;
	void *sock;
	char *endpoint;
	bool subscribed;     /* publisher: the relay has subscribed */
	bool drop_logged;    /* publisher: the first dropped event was logged */
	bool garbage_logged; /* subscriber: the first malformed message was logged */
};

static bool case_number_ok(const char *s, size_t len)
{
	if (len != 11 || s[4] != '-')
		return false;
	for (size_t i = 0; i < len; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

static bool what_ok(const char *s, size_t len)
{
	if (len == 0 || len > WHAT_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if ((s[i] < 'a' || s[i] > 'z') && s[i] != '_')
			return false;
	return true;
}

int events_format(char out[EVENTS_MAX + 1], const char *number, const char *what)
{
	if (number == NULL || what == NULL || !case_number_ok(number, strlen(number)) ||
	    !what_ok(what, strlen(what)))
		return -1;
	return snprintf(out, EVENTS_MAX + 1, "case 1 %s %s", number, what);
}

int events_parse(const void *data, size_t len, struct case_event *ev)
{
	static const char head[] = "case 1 ";
	const size_t hlen = sizeof(head) - 1;
	const char *s = data;

	if (len == sizeof(EVENTS_BEAT_TEXT) - 1 && memcmp(s, EVENTS_BEAT_TEXT, len) == 0)
		return EVENTS_BEAT;
	/* "case 1 " NUMBER (11) " " WHAT (1..15) */
	if (len > EVENTS_MAX || len < hlen + 11 + 2 || memcmp(s, head, hlen) != 0 ||
	    s[hlen + 11] != ' ' || !case_number_ok(s + hlen, 11) ||
	    !what_ok(s + hlen + 12, len - hlen - 12))
		return -1;
	memcpy(ev->number, s + hlen, 11);
	ev->number[11] = '\0';
	memcpy(ev->what, s + hlen + 12, len - hlen - 12);
	ev->what[len - hlen - 12] = '\0';
	return EVENTS_CASE;
}

static struct events *events_open(const char *endpoint, int type)
{
	struct events *ev = calloc(1, sizeof(*ev));
	int hwm = type == ZMQ_XPUB ? PUBLISHER_HWM : SUBSCRIBER_HWM, linger = 0;

	if (ev == NULL || (ev->endpoint = strdup(endpoint)) == NULL)
		goto fail;
	if ((ev->ctx = zmq_ctx_new()) == NULL || (ev->sock = zmq_socket(ev->ctx, type)) == NULL)
		goto fail;
	if (zmq_setsockopt(ev->sock, ZMQ_SNDHWM, &hwm, sizeof(hwm)) == -1 ||
	    zmq_setsockopt(ev->sock, ZMQ_RCVHWM, &hwm, sizeof(hwm)) == -1 ||
	    zmq_setsockopt(ev->sock, ZMQ_LINGER, &linger, sizeof(linger)) == -1)
		goto fail;
	/* A subscriber takes case events and the relay's heartbeat, nothing else that may come. */
	if (type == ZMQ_SUB && (zmq_setsockopt(ev->sock, ZMQ_SUBSCRIBE, "case ", 5) == -1 ||
				zmq_setsockopt(ev->sock, ZMQ_SUBSCRIBE, "beat ", 5) == -1))
		goto fail;
	if (zmq_connect(ev->sock, endpoint) == -1)
		goto fail;
	return ev;
fail:
	log_warnx("events endpoint=%s connect: %s", endpoint,
		  ev != NULL && ev->ctx != NULL ? zmq_strerror(zmq_errno()) : "out of memory");
	events_close(ev, 0);
	return NULL;
}

struct events *events_publisher_open(const char *endpoint)
{
	return events_open(endpoint, ZMQ_XPUB);
}

struct events *events_subscriber_open(const char *endpoint)
{
	return events_open(endpoint, ZMQ_SUB);
}

/*
 * Reads one message into BUF without waiting: its length (more than SIZE
 * when it did not fit), -2 for a message of several frames (read and
 * dropped whole), -1 with zmq_errno() set when there was none or on error.
 */
static int recv_frame(void *sock, char *buf, size_t size)
{
	int more = 0, parts = 0, n = -1;
	size_t optlen;

	do {
		int r = zmq_recv(sock, buf, size, parts == 0 ? ZMQ_DONTWAIT : 0);

		if (r == -1)
			return parts == 0 ? -1 : -2;
		if (parts++ == 0)
			n = r;
		optlen = sizeof(more);
		if (zmq_getsockopt(sock, ZMQ_RCVMORE, &more, &optlen) == -1)
			more = 0;
	} while (more);
	return parts == 1 ? n : -2;
}

/* Reads the subscriptions the relay sent this publisher: a subscribe is byte 1 first. */
static void take_subscriptions(struct events *ev)
{
	char buf[EVENTS_MAX + 1];

	for (int i = 0; i < 100; i++) {
		int n = recv_frame(ev->sock, buf, sizeof(buf));

		if (n == -1)
			return;
		if (n > 0 && buf[0] == 1)
			ev->subscribed = true;
	}
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

bool events_publisher_ready(struct events *ev, int timeout_ms)
{
	long deadline = now_ms() + timeout_ms;

	if (ev == NULL)
		return false;
	take_subscriptions(ev);
	while (!ev->subscribed) {
		zmq_pollitem_t item = {ev->sock, 0, ZMQ_POLLIN, 0};
		long left = deadline - now_ms();

		if (left <= 0)
			break;
		/* A signal only shortens the wait: the loop re-checks the deadline. */
		if (zmq_poll(&item, 1, left) == -1 && zmq_errno() != EINTR)
			break;
		take_subscriptions(ev);
	}
	return ev->subscribed;
}

static void dropped(struct events *ev, const char *number, const char *what, const char *why)
{
	if (ev->drop_logged)
		return;
	ev->drop_logged = true;
	log_debug("events endpoint=%s case=%s event=%s result=dropped reason=\"%s\""
		  " (later drops are not logged)",
		  ev->endpoint, number != NULL ? number : "-", what != NULL ? what : "-", why);
}

void events_publish(struct events *ev, const char *number, const char *what)
{
	char text[EVENTS_MAX + 1];
	int len;

	if (ev == NULL)
		return;
	take_subscriptions(ev);
	len = events_format(text, number, what);
	if (len < 0)
		dropped(ev, number, what, "not a case number and event word");
	else if (!ev->subscribed)
		dropped(ev, number, what, "no relay has subscribed (is madoguchid running?)");
	else if (zmq_send(ev->sock, text, (size_t)len, ZMQ_DONTWAIT) == -1)
		dropped(ev, number, what, zmq_strerror(zmq_errno()));
}

int events_receive(struct events *ev, int timeout_ms, struct case_event *out)
{
	long deadline = now_ms() + timeout_ms;
	char buf[EVENTS_MAX + 1];

	for (;;) {
		zmq_pollitem_t item = {ev->sock, 0, ZMQ_POLLIN, 0};
		int n = recv_frame(ev->sock, buf, sizeof(buf)), kind;
		long left;

		if (n == -1 && zmq_errno() != EAGAIN)
			return zmq_errno() == EINTR ? 0 : -1;
		if (n != -1) {
			kind = n >= 0 && (size_t)n <= EVENTS_MAX ? events_parse(buf, (size_t)n, out)
								 : -1;
			if (kind > 0)
				return kind;
			if (!ev->garbage_logged)
				log_debug(
				    "events endpoint=%s: skipped a malformed message (later ones"
				    " are not logged)",
				    ev->endpoint);
			ev->garbage_logged = true;
			if (now_ms() >= deadline)
				return 0;
			continue;
		}
		left = deadline - now_ms();
		if (left <= 0)
			return 0;
		if (zmq_poll(&item, 1, left) == -1)
			return zmq_errno() == EINTR ? 0 : -1;
	}
}

void events_close(struct events *ev, int linger_ms)
{
	if (ev == NULL)
		return;
	if (ev->sock != NULL) {
		zmq_setsockopt(ev->sock, ZMQ_LINGER, &linger_ms, sizeof(linger_ms));
		zmq_close(ev->sock);
	}
	if (ev->ctx != NULL)
		zmq_ctx_term(ev->ctx);
	free(ev->endpoint);
	free(ev);
}
