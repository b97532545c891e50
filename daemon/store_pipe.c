/*
 * store_pipe.c - the storing thread of a mailbox and the queues around it
 * (see store_pipe.h).
 */
#include "store_pipe.h"

#include "sig.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

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
	bool busy;   /* the thread has a batch in hand */
	bool closed; /* nothing more will be handed over */
	bool failed; /* a store failed: the rest is dropped */
	struct stored *done, **done_tail; /* stored, oldest first, not yet taken */
};

/* Stores B in one statement: its outcomes, or NULL on failure (B is freed then). */
static struct inbound_result *store(struct store_pipe *p, struct inbound_batch *b)
{
	struct inbound_result *res = calloc(b->n ? b->n : 1, sizeof(*res));

	if (res == NULL || inbound_store_send(p->db, p->key, p->uidvalidity, b, p->max_size) == -1 ||
	    inbound_store_receive(p->db, b, res) == -1) {
		free(res);
		inbound_batch_free(b);
		return NULL;
	}
	return res;
}

static void *store_main(void *arg)
{
	struct store_pipe *p = arg;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		struct inbound_batch b;
		struct inbound_result *res = NULL;
		bool failed;

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
			res = store(p, &b);
		pthread_mutex_lock(&p->lock);
		if (res != NULL) {
			struct stored *s = malloc(sizeof(*s));

			if (s == NULL) {
				/* Committed, but not announced: the workers' scan and settle catch up. */
				inbound_batch_free(&b);
				free(res);
			} else {
				*s = (struct stored){b, res, NULL};
				*p->done_tail = s;
				p->done_tail = &s->next;
			}
		} else if (!failed) {
			p->failed = true;
		}
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
	while (p->done != NULL) {
		struct stored *s = p->done;

		p->done = s->next;
		inbound_batch_free(&s->b);
		free(s->res);
		free(s);
	}
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->changed);
	free(p->key);
	free(p);
	return rc;
}
