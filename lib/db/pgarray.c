/*
 * pgarray.c - array parameters in PostgreSQL's binary wire format:
 * ndim, has-null flag, element oid, then per dimension size and lower
 * bound, then each element as a length (-1 for NULL) and its bytes; all
 * integers in network order.
 */
#include "pgarray.h"

#include <arpa/inet.h>
#include <string.h>

static void put32(struct buf *b, uint32_t v)
{
	uint32_t n = htonl(v);

	buf_add(b, &n, 4);
}

static void set32(struct buf *b, size_t at, uint32_t v)
{
	uint32_t n = htonl(v);

	memcpy(b->data + at, &n, 4);
}

void pgarray_init(struct pgarray *a, uint32_t element_oid)
{
	memset(a, 0, sizeof(*a));
	a->oid = element_oid;
	put32(&a->data, 1); /* ndim */
	a->nulls_at = a->data.len;
	put32(&a->data, 0);
	put32(&a->data, element_oid);
	a->count_at = a->data.len;
	put32(&a->data, 0); /* size of the dimension, set as elements come */
	put32(&a->data, 1); /* lower bound */
}

void pgarray_add(struct pgarray *a, const void *data, size_t len)
{
	if (data == NULL) {
		put32(&a->data, 0xFFFFFFFFu);
		set32(&a->data, a->nulls_at, 1);
	} else {
		put32(&a->data, (uint32_t)len);
		buf_add(&a->data, data, len);
	}
	a->count++;
	set32(&a->data, a->count_at, (uint32_t)a->count);
}

void pgarray_add_int8(struct pgarray *a, int64_t v)
{
	unsigned char be[8];

	for (int i = 0; i < 8; i++)
		be[i] = (unsigned char)((uint64_t)v >> (56 - 8 * i));
	pgarray_add(a, be, 8);
}

const char *pgarray_value(struct pgarray *a, int *len)
{
	*len = (int)a->data.len;
	return a->data.data;
}

void pgarray_of_int8(struct pgarray *a, const int64_t *v, size_t n)
{
	pgarray_init(a, PG_OID_INT8);
	for (size_t i = 0; i < n; i++)
		pgarray_add_int8(a, v[i]);
}

void pgarray_free(struct pgarray *a)
{
	buf_free(&a->data);
}
