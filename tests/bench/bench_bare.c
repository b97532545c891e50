/*
 * bench_bare.c - the bare-minimum intake loops, the yardsticks madoguchid
 * is measured against in the same run: UID FETCH in batches of 100 and one
 * multi-row INSERT of the raw bytes per batch, nothing else.
 *
 *   sequential: fetch a batch, insert it, fetch the next;
 *   --overlap:  one thread fetching, one inserting, a queue of at most
 *               QUEUE_DEPTH batches between them, so the next FETCH is on
 *               the wire while the previous INSERT runs.
 *
 * usage: bench_bare [--overlap] HOST PORT USER PASSWORD MAILBOX CONNINFO
 * prints: "bare: N mails in S s = R mails/s" (or "bare-overlap: ...")
 */
#include "pgarray.h"

#include <libetpan/libetpan.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH 100
#define QUEUE_DEPTH 2

struct fetched {
	struct pgarray raws;
	size_t n;
};

/* The bounded queue between the fetching and the inserting thread. */
struct pipe {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct fetched *slot[QUEUE_DEPTH];
	size_t head, count;
	bool closed;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void pipe_put(struct pipe *p, struct fetched *f)
{
	pthread_mutex_lock(&p->lock);
	while (p->count == QUEUE_DEPTH)
		pthread_cond_wait(&p->changed, &p->lock);
	p->slot[(p->head + p->count++) % QUEUE_DEPTH] = f;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

static void pipe_close(struct pipe *p)
{
	pthread_mutex_lock(&p->lock);
	p->closed = true;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

/* The next batch, or NULL once the fetcher is done and the queue empty. */
static struct fetched *pipe_take(struct pipe *p)
{
	struct fetched *f = NULL;

	pthread_mutex_lock(&p->lock);
	while (p->count == 0 && !p->closed)
		pthread_cond_wait(&p->changed, &p->lock);
	if (p->count > 0) {
		f = p->slot[p->head];
		p->head = (p->head + 1) % QUEUE_DEPTH;
		p->count--;
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	return f;
}

/* UID-less FETCH of messages FIRST..LAST into a new batch; NULL on failure. */
static struct fetched *fetch(mailimap *imap, uint32_t first, uint32_t last)
{
	struct mailimap_fetch_type *ft = mailimap_fetch_type_new_fetch_att_list_empty();
	struct mailimap_set *set = mailimap_set_new_interval(first, last);
	struct fetched *f = calloc(1, sizeof(*f));
	clist *list = NULL;
	int r;

	mailimap_fetch_type_new_fetch_att_list_add(
	    ft, mailimap_fetch_att_new_body_peek_section(mailimap_section_new(NULL)));
	r = mailimap_fetch(imap, set, ft, &list);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (r != MAILIMAP_NO_ERROR || f == NULL) {
		fprintf(stderr, "bench_bare: FETCH failed\n");
		free(f);
		return NULL;
	}
	pgarray_init(&f->raws, PG_OID_BYTEA);
	for (clistiter *it = clist_begin(list); it; it = clist_next(it)) {
		struct mailimap_msg_att *att = clist_content(it);

		for (clistiter *ai = clist_begin(att->att_list); ai; ai = clist_next(ai)) {
			struct mailimap_msg_att_item *item = clist_content(ai);

			if (item->att_type == MAILIMAP_MSG_ATT_ITEM_STATIC &&
			    item->att_data.att_static->att_type == MAILIMAP_MSG_ATT_BODY_SECTION) {
				struct mailimap_msg_att_body_section *b =
				    item->att_data.att_static->att_data.att_body_section;

				pgarray_add(&f->raws, b->sec_body_part, b->sec_length);
				f->n++;
			}
		}
	}
	mailimap_fetch_list_free(list);
	return f;
}

/* Inserts and frees F; -1 on failure. */
static int insert(PGconn *db, struct fetched *f)
{
	const char *params[1];
	int lengths[1], formats[1] = {1};
	PGresult *res;
	int rc = 0;

	params[0] = pgarray_value(&f->raws, &lengths[0]);
	res = PQexecPrepared(db, "bare_insert", 1, params, lengths, formats, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		fprintf(stderr, "bench_bare: %s", PQerrorMessage(db));
		rc = -1;
	}
	PQclear(res);
	pgarray_free(&f->raws);
	free(f);
	return rc;
}

struct inserter {
	PGconn *db;
	struct pipe *pipe;
	size_t total;
	int rc;
};

static void *insert_main(void *arg)
{
	struct inserter *ins = arg;
	struct fetched *f;

	while ((f = pipe_take(ins->pipe)) != NULL) {
		ins->total += f->n;
		if (insert(ins->db, f) == -1)
			ins->rc = -1;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	bool overlap = argc > 1 && strcmp(argv[1], "--overlap") == 0;
	mailimap *imap;
	PGconn *db;
	PGresult *res;
	uint32_t exists;
	size_t total = 0;
	double t0;
	int rc = 0;

	if (overlap) {
		argv++;
		argc--;
	}
	if (argc != 7) {
		fprintf(stderr, "usage: bench_bare [--overlap] HOST PORT USER PASSWORD MAILBOX CONNINFO\n");
		return 2;
	}
	db = PQconnectdb(argv[6]);
	if (PQstatus(db) != CONNECTION_OK) {
		fprintf(stderr, "bench_bare: %s", PQerrorMessage(db));
		return 1;
	}
	/*
	 * A throwaway table: its rows, left behind, must not bring autovacuum
	 * into the database while the next program is timed there.
	 */
	res = PQexec(db, "DROP TABLE IF EXISTS bench_bare;"
			 "CREATE TABLE bench_bare (id bigserial PRIMARY KEY, raw bytea COMPRESSION lz4 NOT NULL)"
			 " WITH (autovacuum_enabled = false)");
	PQclear(res);
	/*
	 * Prepared once and planned once, and the server's allocator set up
	 * for batches of bytes, as madoguchid's intake connections are
	 * (inbound_connect, db_ready_for_batches): a custom plan takes the
	 * batch's bytes in as a constant and copies them while planning, and
	 * an allocator that hands each batch's memory back to the system
	 * faults it in again for the next; neither is part of the bare minimum.
	 */
	res = PQexec(db, "SET plan_cache_mode = force_generic_plan;"
			 " SELECT octet_length(repeat(repeat('x', 4096), (SELECT 4096)))");
	PQclear(res);
	res = PQprepare(db, "bare_insert",
			"INSERT INTO bench_bare (raw) SELECT unnest($1::bytea[])", 1, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		fprintf(stderr, "bench_bare: %s", PQerrorMessage(db));
		return 1;
	}
	PQclear(res);
	imap = mailimap_new(0, NULL);
	if (mailimap_socket_connect(imap, argv[1], (uint16_t)atoi(argv[2])) >
		MAILIMAP_NO_ERROR_NON_AUTHENTICATED ||
	    mailimap_login(imap, argv[3], argv[4]) != MAILIMAP_NO_ERROR ||
	    mailimap_examine(imap, argv[5]) != MAILIMAP_NO_ERROR) {
		fprintf(stderr, "bench_bare: IMAP setup failed\n");
		return 1;
	}
	exists = imap->imap_selection_info->sel_exists;
	t0 = now();
	if (overlap) {
		struct pipe p = {.lock = PTHREAD_MUTEX_INITIALIZER,
				 .changed = PTHREAD_COND_INITIALIZER};
		struct inserter ins = {db, &p, 0, 0};
		pthread_t t;

		if (pthread_create(&t, NULL, insert_main, &ins) != 0)
			return 1;
		for (uint32_t first = 1; first <= exists && rc == 0; first += BATCH) {
			struct fetched *f = fetch(imap, first, first + BATCH - 1 > exists
								  ? exists
								  : first + BATCH - 1);

			if (f == NULL)
				rc = -1;
			else
				pipe_put(&p, f);
		}
		pipe_close(&p);
		pthread_join(t, NULL);
		total = ins.total;
		if (ins.rc != 0)
			rc = -1;
	} else {
		for (uint32_t first = 1; first <= exists && rc == 0; first += BATCH) {
			struct fetched *f = fetch(imap, first, first + BATCH - 1 > exists
								  ? exists
								  : first + BATCH - 1);

			if (f == NULL) {
				rc = -1;
				break;
			}
			total += f->n;
			rc = insert(db, f);
		}
	}
	if (rc != 0)
		return 1;
	{
		double s = now() - t0;

		printf("%s: %zu mails in %.2f s = %.0f mails/s\n", overlap ? "bare-overlap" : "bare",
		       total, s, (double)total / s);
	}
	res = PQexec(db, "DROP TABLE bench_bare");
	PQclear(res);
	mailimap_logout(imap);
	mailimap_free(imap);
	PQfinish(db);
	return 0;
}
