/*
 * store_pipe.c - the storing thread of a mailbox and the queues around it
 * (see store_pipe.h).
 */
#include "store_pipe.h"

#include "db.h"
#include "sig.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/*
 * Batches stored one after another while more wait share a transaction,
 * up to this many and this many bytes: one COMMIT, and one wait for its
 * WAL flush, for them all. On small mail the flush was a fifth of a
 * batch's time; a batch of a few hundred kB already spreads it thin (on
 * 8 KB mail, groups of four batches stored no faster), and a group holds
 * its announcements and flags back until its COMMIT. A batch alone (the
 * queue empty behind it) commits at once, so a quiet mailbox waits for
 * nothing.
 */
#define STORE_GROUP_MAX 8
#define STORE_GROUP_BYTES (512L * 1024)

struct stored {
	struct inbound_batch b;
	struct inbound_result *res;
	struct stored *next;
};

struct store_pipe {
	PGconn *db;
	char *key;
	uint32_t uidvalidity;
	size_t max_size;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct inbound_batch waiting[STORE_PIPE_DEPTH]; /* handed over, not yet stored */
	size_t head, count;
	bool busy;   /* the thread has a batch in hand, or stored ones not yet committed */
	bool closed; /* nothing more will be handed over */
	bool failed; /* a store failed: the rest is dropped */
	struct stored *done, **done_tail; /* committed, oldest first, not yet taken */
};

/* A group's batches in the order stored, held until its COMMIT. */
struct group {
	struct stored *first, **tail;
	size_t n;
	long bytes;
	bool committed; /* a batch that filled a group alone committed with its statement */
};

/* Frees a list of stored batches. */
static void stored_free(struct stored *s)
{
	while (s != NULL) {
		struct stored *next = s->next;

		inbound_batch_free(&s->b);
		free(s->res);
		free(s);
		s = next;
	}
}

static void group_drop(struct group *g)
{
	stored_free(g->first);
	*g = (struct group){.tail = &g->first};
}

/*
 * Stores *B in the open transaction (begun if G is empty, unless B fills a
 * group alone) and adds it to G; B is taken. 0 or -1.
 */
static int store(struct store_pipe *p, struct group *g, struct inbound_batch *b)
{
	struct stored *s = calloc(1, sizeof(*s));
	bool open = g->n > 0, alone;
	long bytes = 0;

	if (s == NULL) {
		inbound_batch_free(b);
		goto fail;
	}
	s->b = *b;
	*b = (struct inbound_batch){0};
	for (size_t i = 0; i < s->b.n; i++)
		bytes += (long)s->b.size[i];
	/*
	 * A batch that fills a group by itself is certain to commit alone: its
	 * statement runs outside BEGIN and commits itself, two round trips
	 * fewer, and the same wait for the WAL flush before anything is flagged.
	 */
	alone = !open && bytes >= STORE_GROUP_BYTES;
	s->res = calloc(s->b.n ? s->b.n : 1, sizeof(*s->res));
	if (s->res == NULL || (!open && !alone && db_begin(p->db) == -1))
		goto fail;
	open = !alone;
	if (inbound_store_send(p->db, p->key, p->uidvalidity, &s->b, p->max_size) == -1 ||
	    inbound_store_receive(p->db, &s->b, s->res) == -1)
		goto fail;
	*g->tail = s;
	g->tail = &s->next;
	g->n++;
	g->bytes += bytes;
	g->committed = alone;
	return 0;
fail:
	if (open)
		db_rollback(p->db); /* nothing of the group is committed: all fetched again */
	if (s != NULL) {
		inbound_batch_free(&s->b);
		free(s->res);
		free(s);
	}
	return -1;
}

static void *store_main(void *arg)
{
	struct store_pipe *p = arg;
	struct group g = {.tail = &g.first};

	pthread_mutex_lock(&p->lock);
	for (;;) {
		struct inbound_batch b;
		bool failed, commit;
		int rc = 0;

		while (p->count == 0 && !p->closed)
			pthread_cond_wait(&p->changed, &p->lock);
		if (p->count == 0)
			break;
		b = p->waiting[p->head];
		p->head = (p->head + 1) % STORE_PIPE_DEPTH;
		p->count--;
		p->busy = true;
		failed = p->failed;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
		/* The database is this thread's alone while the pipe runs: no lock held here. */
		if (failed)
			inbound_batch_free(&b);
		else
			rc = store(p, &g, &b);
		pthread_mutex_lock(&p->lock);
		if (failed)
			goto next;
		/* Commit unless another batch waits to join this transaction. */
		commit = rc == -1 || p->count == 0 || g.n == STORE_GROUP_MAX ||
			 g.bytes >= STORE_GROUP_BYTES;
		if (!commit)
			continue;
		pthread_mutex_unlock(&p->lock);
		/* A failed COMMIT, like a failed store, leaves the whole group to the next pass. */
		if (rc == 0 && !g.committed)
			rc = db_commit(p->db);
		pthread_mutex_lock(&p->lock);
		if (rc == -1) {
			p->failed = true;
			group_drop(&g);
		} else {
			*p->done_tail = g.first;
			p->done_tail = g.tail;
			g = (struct group){.tail = &g.first};
		}
	next:
		p->busy = false;
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

struct store_pipe *store_pipe_start(PGconn *db, const char *key, uint32_t uidvalidity,
				    size_t max_size)
{
	struct store_pipe *p = calloc(1, sizeof(*p));

	if (p == NULL || (p->key = strdup(key)) == NULL) {
		free(p);
		return NULL;
	}
	p->db = db;
	p->uidvalidity = uidvalidity;
	p->max_size = max_size;
	p->done_tail = &p->done;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->changed, NULL);
	if (sig_thread_start(&p->thread, store_main, p) != 0) {
		pthread_mutex_destroy(&p->lock);
		pthread_cond_destroy(&p->changed);
		free(p->key);
		free(p);
		return NULL;
	}
	return p;
}

int store_pipe_put(struct store_pipe *p, struct inbound_batch *b)
{
	int rc = 0;

	pthread_mutex_lock(&p->lock);
	while (p->count == STORE_PIPE_DEPTH && !p->failed)
		pthread_cond_wait(&p->changed, &p->lock);
	if (p->failed) {
		inbound_batch_free(b);
		rc = -1;
	} else {
		p->waiting[(p->head + p->count++) % STORE_PIPE_DEPTH] = *b;
		*b = (struct inbound_batch){0};
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	return rc;
}

int store_pipe_take(struct store_pipe *p, struct inbound_batch *b, struct inbound_result **res)
{
	struct stored *s;

	pthread_mutex_lock(&p->lock);
	s = p->done;
	if (s != NULL && (p->done = s->next) == NULL)
		p->done_tail = &p->done;
	pthread_mutex_unlock(&p->lock);
	if (s == NULL)
		return 0;
	*b = s->b;
	*res = s->res;
	free(s);
	return 1;
}

int store_pipe_drain(struct store_pipe *p)
{
	int rc;

	pthread_mutex_lock(&p->lock);
	while (p->count > 0 || p->busy)
		pthread_cond_wait(&p->changed, &p->lock);
	rc = p->failed ? -1 : 0;
	pthread_mutex_unlock(&p->lock);
	return rc;
}

int store_pipe_stop(struct store_pipe *p)
{
	int rc;

	pthread_mutex_lock(&p->lock);
	p->closed = true;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	rc = p->failed ? -1 : 0;
	stored_free(p->done);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->changed);
	free(p->key);
	free(p);
	return rc;
}
