/*
 * test_events.c - the case events' wire format on a table of frames, and a
 * real round trip over ZeroMQ ipc sockets: publisher -> relay -> watcher,
 * with the relay's heartbeat, what it refuses to relay, and a publisher
 * with no relay to talk to.
 */
#include "check.h"
#include "events.h"
#include "events_relay.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

/* A frame and what events_parse makes of it: the kind, and for a case its number and word. */
static const struct {
	const char *frame;
	int kind;
	const char *number, *what;
} frames[] = {
    {"case 1 2026-000123 new", EVENTS_CASE, "2026-000123", "new"},
    {"case 1 2026-000001 followup_plan", EVENTS_CASE, "2026-000001", "followup_plan"},
    {"case 1 2026-000001 abcdefghijklmno", EVENTS_CASE, "2026-000001", "abcdefghijklmno"},
    {"beat 1", EVENTS_BEAT, NULL, NULL},
    /* Another version, another shape, another topic: dropped. */
    {"beat 2", -1, NULL, NULL},
    {"beat 1 ", -1, NULL, NULL},
    {"case 2 2026-000123 new", -1, NULL, NULL},
    {"case 1 2026-000123", -1, NULL, NULL},
    {"case 1 2026-000123 ", -1, NULL, NULL},
    {"case 1 2026-000123  new", -1, NULL, NULL},
    {"case 1 2026-000123 new extra", -1, NULL, NULL},
    {"case 1 2026-000123 New", -1, NULL, NULL},
    {"case 1 2026-000123 new!", -1, NULL, NULL},
    {"case 1 2026-000001 abcdefghijklmnop", -1, NULL, NULL},
    {"case 1 2026-00012 new", -1, NULL, NULL},
    {"case 1 2026-0001234 new", -1, NULL, NULL},
    {"case 1 2026x000123 new", -1, NULL, NULL},
    {"case 1 ２０２６-000123 new", -1, NULL, NULL},
    {"case  1 2026-000123 new", -1, NULL, NULL},
    {"note 1 2026-000123 new", -1, NULL, NULL},
    {"", -1, NULL, NULL},
};

static void check_frames(void)
{
	for (size_t i = 0; i < sizeof(frames) / sizeof(frames[0]); i++) {
		struct case_event ev = {"untouched", "untouched"};
		int kind = events_parse(frames[i].frame, strlen(frames[i].frame), &ev);

		CHECK(kind == frames[i].kind, "\"%s\": kind %d, want %d", frames[i].frame, kind,
		      frames[i].kind);
		if (kind == EVENTS_CASE && frames[i].kind == EVENTS_CASE) {
			CHECK_STR(ev.number, frames[i].number, frames[i].frame);
			CHECK_STR(ev.what, frames[i].what, frames[i].frame);
		}
	}
	/* A NUL inside is no word; the length, not the NUL, ends the frame. */
	{
		struct case_event ev;

		CHECK(events_parse("case 1 2026-000123 ne\0w", 23, &ev) == -1, "a NUL inside");
		CHECK(events_parse("beat 1\0", 7, &ev) == -1, "a NUL after");
	}
}

static void check_format(void)
{
	char text[EVENTS_MAX + 1];
	struct case_event ev;
	int n = events_format(text, "2026-000042", "state");

	CHECK(n == 24 && strcmp(text, "case 1 2026-000042 state") == 0, "format: %d \"%s\"", n,
	      text);
	CHECK(events_parse(text, (size_t)n, &ev) == EVENTS_CASE &&
		  strcmp(ev.number, "2026-000042") == 0 && strcmp(ev.what, "state") == 0,
	      "what is formatted parses back");
	CHECK(events_format(text, "2026-42", "state") == -1, "a short number");
	CHECK(events_format(text, "2026-000042", "") == -1, "no word");
	CHECK(events_format(text, "2026-000042", "two words") == -1, "two words");
	CHECK(events_format(text, "2026-000042", "sixteen_letters_") == -1, "a word too long");
	CHECK(events_format(text, NULL, "new") == -1 &&
		  events_format(text, "2026-000042", NULL) == -1,
	      "NULL");
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* The next case event on SUB within 5 s, heartbeats skipped: 1, or 0 when none came. */
static int next_case(struct events *sub, struct case_event *ev)
{
	long deadline = now_ms() + 5000;
	int r;

	while (now_ms() < deadline)
		if ((r = events_receive(sub, 200, ev)) == EVENTS_CASE)
			return 1;
	return 0;
}

static void check_round_trip(void)
{
	char dir[] = "/tmp/mdg-events-XXXXXX", in[128], out[128];
	struct events_relay *relay = NULL;
	struct events *sub = NULL, *pub = NULL, *lonely = NULL;
	struct case_event ev;
	void *ctx = NULL, *raw = NULL, *rawsub = NULL;
	long t;
	int r = 0;

	CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	snprintf(in, sizeof(in), "ipc://%s/in.sock", dir);
	snprintf(out, sizeof(out), "ipc://%s/out.sock", dir);

	/* No relay: the publisher is not ready, and publishing returns at once. */
	lonely = events_publisher_open(in);
	CHECK(lonely != NULL, "a publisher without a relay opens");
	t = now_ms();
	CHECK(!events_publisher_ready(lonely, 100), "... is not ready");
	events_publish(lonely, "2026-000001", "new");
	CHECK(now_ms() - t < 1000, "... and never blocks: %ld ms", now_ms() - t);

	relay = events_relay_start(in, out);
	sub = events_subscriber_open(out);
	pub = events_publisher_open(in);
	CHECK(relay != NULL && sub != NULL && pub != NULL, "relay, subscriber and publisher open");
	if (relay == NULL || sub == NULL || pub == NULL)
		goto out;

	/* The welcome: a watcher hears the relay as soon as it is connected. */
	t = now_ms();
	while (now_ms() - t < 5000 && (r = events_receive(sub, 200, &ev)) == 0)
		continue;
	CHECK(r == EVENTS_BEAT, "the first message is a heartbeat (%d)", r);
	/* The relay's own first beat comes a whole period after its start, just before now. */
	CHECK(now_ms() - t < EVENTS_BEAT_MS * 7 / 10, "... at once, not a beat later: %ld ms",
	      now_ms() - t);

	CHECK(events_publisher_ready(pub, 5000), "the relay subscribes to the publisher");
	CHECK(events_publisher_ready(lonely, 5000), "... and to the one that came first");

	/*
	 * A frame that is no case event is not relayed, while the event sent
	 * after it on the same connection is: a raw PUB sends both, a raw SUB
	 * (which would take anything starting "case ") listens. A PUB cannot
	 * tell when the relay's subscription came, so pairs go until one event
	 * arrives, and then one pair more, sent wholly after it.
	 */
	ctx = zmq_ctx_new();
	raw = ctx != NULL ? zmq_socket(ctx, ZMQ_PUB) : NULL;
	rawsub = ctx != NULL ? zmq_socket(ctx, ZMQ_SUB) : NULL;
	CHECK(raw != NULL && rawsub != NULL && zmq_connect(raw, in) == 0 &&
		  zmq_setsockopt(rawsub, ZMQ_SUBSCRIBE, "case ", 5) == 0 &&
		  zmq_connect(rawsub, out) == 0,
	      "a raw publisher and subscriber");
	if (raw != NULL && rawsub != NULL) {
		int linger = 0, timeout = 50, events = 0, garbage = 0;
		char buf[EVENTS_MAX + 1];

		zmq_setsockopt(raw, ZMQ_LINGER, &linger, sizeof(linger));
		zmq_setsockopt(rawsub, ZMQ_LINGER, &linger, sizeof(linger));
		zmq_setsockopt(rawsub, ZMQ_RCVTIMEO, &timeout, sizeof(timeout));
		t = now_ms();
		while (events < 2 && now_ms() - t < 5000) {
			int want = events + 1;

			zmq_send(raw, "case 1 2026-000009 two words", 28, ZMQ_DONTWAIT);
			zmq_send(raw, "case 1 2026-000009 raw", 22, ZMQ_DONTWAIT);
			while (events < want &&
			       (r = zmq_recv(rawsub, buf, sizeof(buf) - 1, 0)) >= 0) {
				buf[r < EVENTS_MAX ? r : EVENTS_MAX] = '\0';
				if (strcmp(buf, "case 1 2026-000009 raw") == 0)
					events++;
				else
					garbage += strncmp(buf, "case 1 2026-000009", 18) == 0;
			}
		}
		CHECK(events == 2, "the raw publisher's events come through (%d)", events);
		CHECK(garbage == 0, "what is no case event does not (%d)", garbage);
	}
	/* Drained of the raw events, the next case is the one published next. */
	while (events_receive(sub, 300, &ev) > 0)
		continue;
	events_publish(pub, "2026-000123", "message");
	events_publish(lonely, "2026-000124", "note");
	/* Two publishers' events come in either order (the relay takes turns between them). */
	{
		bool message = false, note = false;

		for (int i = 0; i < 2 && next_case(sub, &ev) == 1; i++) {
			message |= strcmp(ev.number, "2026-000123") == 0 &&
				   strcmp(ev.what, "message") == 0;
			note |=
			    strcmp(ev.number, "2026-000124") == 0 && strcmp(ev.what, "note") == 0;
		}
		CHECK(message, "the event relayed");
		CHECK(note, "and the other publisher's");
	}
out:
	if (raw != NULL)
		zmq_close(raw);
	if (rawsub != NULL)
		zmq_close(rawsub);
	if (ctx != NULL)
		zmq_ctx_term(ctx);
	events_close(pub, 0);
	events_close(lonely, 0);
	events_close(sub, 0);
	events_relay_stop(relay);
	snprintf(in, sizeof(in), "%s/in.sock", dir);
	unlink(in);
	snprintf(out, sizeof(out), "%s/out.sock", dir);
	unlink(out);
	rmdir(dir);
}

int main(void)
{
	check_frames();
	check_format();
	check_round_trip();
	return check_done();
}
