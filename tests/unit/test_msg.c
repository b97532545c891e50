/*
 * test_msg.c - queue message encoding, and a real PUSH/PULL round trip
 * over a ZeroMQ ipc socket.
 */
#include "check.h"
#include "msg.h"
#include "queue.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static void check_encoding(void)
{
	struct msg m, r;
	enum msg_type type;
	uint64_t v = 0;

	msg_init(&m, MSG_JOB_QUEUED);
	CHECK(msg_add_u64(&m, 0x0102030405060708ULL) == 0, "add");
	CHECK(m.len == 10 && m.data[0] == MSG_VERSION && m.data[2] == 1 && m.data[9] == 8,
	      "layout");
	CHECK(msg_load(&r, m.data, m.len, &type) == 0 && type == MSG_JOB_QUEUED, "load");
	CHECK(msg_get_u64(&r, &v) == 0 && v == 0x0102030405060708ULL, "value");
	CHECK(msg_end(&r) == 0, "nothing left");
	CHECK(msg_get_u64(&r, &v) == -1, "read past the end refused");

	CHECK(msg_load(&r, m.data, 9, &type) == 0 && msg_get_u64(&r, &v) == -1, "short refused");
	m.data[0] = MSG_VERSION + 1;
	CHECK(msg_load(&r, m.data, m.len, &type) == -1, "other version refused");
	m.data[0] = MSG_VERSION;
	CHECK(msg_add_u64(&m, 1) == 0, "second field");
	CHECK(msg_load(&r, m.data, m.len, &type) == 0 && msg_get_u64(&r, &v) == 0 &&
		  msg_end(&r) == -1,
	      "leftover bytes detected");
	CHECK(msg_load(&r, m.data, 1, &type) == -1, "one byte refused");
}

/* Three distinct values, so that a stale id or an unwritten variable shows in a check. */
#define SENTINEL_ID INT64_C(1)
#define WANTED_ID INT64_C(4242)
#define UNTOUCHED INT64_C(-7)

static void check_round_trip(void)
{
	char dir[] = "/tmp/mdg-queue-XXXXXX", endpoint[128];
	struct queue *push, *pull;
	int64_t got = UNTOUCHED;
	int r = 0, accepted = 0, received = 0, waits = 0;

	CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	snprintf(endpoint, sizeof(endpoint), "ipc://%s/q.sock", dir);
	push = queue_open_push(endpoint);
	pull = queue_open_pull(endpoint);
	CHECK(push != NULL && pull != NULL, "sockets open");
	if (push == NULL || pull == NULL)
		goto out;

	/*
	 * The connection is asynchronous: until the PULL peer is attached a
	 * send is refused (1). Announce a sentinel until one arrives, counting
	 * the sends ZeroMQ took, since each of those will be delivered.
	 */
	for (int i = 0; i < 50 && r != 1; i++) {
		accepted += queue_announce(push, SENTINEL_ID) == 0;
		got = UNTOUCHED;
		r = queue_wait(pull, 100, &got);
	}
	CHECK(r == 1 && got == SENTINEL_ID, "connection up (r=%d got=%lld)", r, (long long)got);
	if (r != 1)
		goto out;
	received = 1;
	/* Whatever the retries queued must arrive, and nothing else, within a bound. */
	while (received < accepted && waits++ < 50) {
		got = UNTOUCHED;
		r = queue_wait(pull, 100, &got);
		if (r == 0)
			continue;
		if (r != 1 || got != SENTINEL_ID)
			break;
		received++;
	}
	CHECK(received == accepted && accepted >= 1,
	      "retries drained (accepted=%d received=%d r=%d got=%lld)", accepted, received, r,
	      (long long)got);
	if (received != accepted)
		goto out;

	/* The connection is up and empty: one announcement, one delivery. */
	CHECK(queue_announce(push, WANTED_ID) == 0, "announce taken once connected");
	got = UNTOUCHED;
	r = queue_wait(pull, 2000, &got);
	CHECK(r == 1 && got == WANTED_ID, "job id crosses the socket (r=%d got=%lld)", r,
	      (long long)got);
	got = UNTOUCHED;
	r = queue_wait(pull, 50, &got);
	CHECK(r == 0 && got == UNTOUCHED, "timeout when idle leaves the id alone (r=%d got=%lld)",
	      r, (long long)got);
out:
	queue_close(push);
	queue_close(pull);
	snprintf(endpoint, sizeof(endpoint), "%s/q.sock", dir);
	unlink(endpoint);
	rmdir(dir);
}

int main(void)
{
	check_encoding();
	check_round_trip();
	return check_done();
}
