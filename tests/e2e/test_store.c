/*
 * test_store CONNINFO - the intake's two store statements against a
 * migrated database: the plain one for the usual batch, the general one
 * for a batch with repeated bytes or UIDs out of order, each asserted to
 * be the one chosen, and both giving each mail the same outcome the
 * daemon relies on (queued with a job, duplicate, quarantined, present).
 * e2e_store.sh then checks the rows they left.
 */
#include "../unit/check.h"
#include "db.h"
#include "db_inbound.h"

#include <gnutls/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAILBOX "desk@test/INBOX"
#define UIDVALIDITY 7
#define MAX_SIZE 4096

static PGconn *conn;

struct mail {
	uint32_t uid;
	const char *message_id;
	const char *body;
	size_t size; /* 0: the body's length (whole); larger: truncated by the server's count */
};

/* Stores MAILS[0..N) as one batch; OUT gets each outcome. Returns the statement's name. */
static const char *store(const struct mail *mails, size_t n, struct inbound_result *out)
{
	struct inbound_batch b;
	const char *name = "(failed)";

	inbound_batch_init(&b);
	for (size_t i = 0; i < n; i++) {
		unsigned char sha[32];
		size_t len = strlen(mails[i].body);

		gnutls_hash_fast(GNUTLS_DIG_SHA256, mails[i].body, len, sha);
		CHECK(inbound_batch_add(&b, mails[i].uid, mails[i].message_id, mails[i].body, len,
					mails[i].size ? mails[i].size : len, sha) == 0,
		      "add uid %u", mails[i].uid);
	}
	if (inbound_store_send(conn, MAILBOX, UIDVALIDITY, &b, MAX_SIZE) == 0 &&
	    inbound_store_receive(conn, &b, out) == 0)
		name = b.sent->name;
	inbound_batch_free(&b);
	return name;
}

static void expect(const struct inbound_result *r, size_t n, const enum inbound_outcome *want,
		   const char *batch)
{
	for (size_t i = 0; i < n; i++) {
		CHECK(r[i].outcome == want[i], "%s: uid %u outcome %d, want %d", batch, r[i].uid,
		      (int)r[i].outcome, (int)want[i]);
		CHECK((r[i].job_id > 0) == (want[i] == INBOUND_QUEUED), "%s: uid %u job %lld",
		      batch, r[i].uid, (long long)r[i].job_id);
	}
}

int main(int argc, char **argv)
{
	static const struct mail first[] = {
	    {1, "<a@example.jp>", "Subject: a\r\n\r\nPC infected\r\n", 0},
	    {2, "<b@example.jp>", "Subject: b\r\n\r\nmoney sent to a fraudster\r\n", 0},
	    {3, NULL, "Subject: c\r\n\r\nno Message-ID\r\n", 0},
	    {5, "<e@example.jp>", "Subject: e\r\n\r\nguidebooks, 30 copies\r\n", 0},
	};
	/* 6 repeats 1 (bytes and Message-ID); 8 is shorter than the server counted. */
	static const struct mail later[] = {
	    {6, "<a@example.jp>", "Subject: a\r\n\r\nPC infected\r\n", 0},
	    {8, "<f@example.jp>", "Subject: f\r\n\r\nshop cloned\r\n", 9000},
	};
	/* 1's bytes under another Message-ID: another mail. */
	static const struct mail renamed[] = {
	    {9, "<other@example.jp>", "Subject: a\r\n\r\nPC infected\r\n", 0},
	};
	/* Two copies inside one batch: the general statement, the second a duplicate. */
	static const struct mail twice[] = {
	    {10, "<g@example.jp>", "Subject: g\r\n\r\nransomware\r\n", 0},
	    {11, "<h@example.jp>", "Subject: h\r\n\r\nphishing\r\n", 0},
	    {12, "<h@example.jp>", "Subject: h\r\n\r\nphishing\r\n", 0},
	};
	static const struct mail backwards[] = {
	    {14, "<j@example.jp>", "Subject: j\r\n\r\nsecond\r\n", 0},
	    {13, "<i@example.jp>", "Subject: i\r\n\r\nfirst\r\n", 0},
	};
	static const enum inbound_outcome all_queued[] = {INBOUND_QUEUED, INBOUND_QUEUED,
							  INBOUND_QUEUED, INBOUND_QUEUED};
	static const enum inbound_outcome all_present[] = {INBOUND_PRESENT, INBOUND_PRESENT,
							   INBOUND_PRESENT, INBOUND_PRESENT};
	static const enum inbound_outcome later_want[] = {INBOUND_DUPLICATE, INBOUND_QUARANTINED};
	static const enum inbound_outcome twice_want[] = {INBOUND_QUEUED, INBOUND_QUEUED,
							  INBOUND_DUPLICATE};
	struct inbound_result r[4];

	if (argc != 2) {
		fprintf(stderr, "usage: test_store CONNINFO\n");
		return 2;
	}
	conn = inbound_connect(argv[1]);
	if (conn == NULL)
		return 1;

	CHECK_STR(store(first, 4, r), "inbound_store_plain_insert", "a usual batch");
	expect(r, 4, all_queued, "first");
	CHECK(r[0].job_id < r[1].job_id && r[1].job_id < r[2].job_id && r[2].job_id < r[3].job_id,
	      "jobs in UID order: %lld %lld %lld %lld", (long long)r[0].job_id,
	      (long long)r[1].job_id, (long long)r[2].job_id, (long long)r[3].job_id);

	CHECK_STR(store(later, 2, r), "inbound_store_plain_insert", "a copy of stored mail");
	expect(r, 2, later_want, "later");

	CHECK_STR(store(renamed, 1, r), "inbound_store_plain_insert", "same bytes, other id");
	expect(r, 1, all_queued, "renamed");

	CHECK_STR(store(twice, 3, r), "inbound_store_batch_insert", "repeated bytes in a batch");
	expect(r, 3, twice_want, "twice");

	CHECK_STR(store(backwards, 2, r), "inbound_store_batch_insert", "UIDs out of order");
	expect(r, 2, all_queued, "backwards");

	/* A batch fetched again after a crash stores nothing twice. */
	CHECK_STR(store(first, 4, r), "inbound_store_plain_insert", "the first batch again");
	expect(r, 4, all_present, "again");

	db_close(conn);
	return check_done();
}
