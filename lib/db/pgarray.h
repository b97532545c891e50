/*
 * pgarray.h - one-dimensional arrays in PostgreSQL's binary format.
 *
 * A batch of rows travels as a few array parameters of one statement
 * (INSERT ... SELECT FROM unnest($1, $2, ...)): one round trip for the
 * batch, every value still a parameter, no SQL text built from data.
 */
#ifndef MADOGUCHI_PGARRAY_H
#define MADOGUCHI_PGARRAY_H

#include "buf.h"

#include <stddef.h>
#include <stdint.h>

#define PG_OID_BYTEA 17
#define PG_OID_INT8 20
#define PG_OID_TEXT 25

struct pgarray {
	struct buf data;
	uint32_t oid;
	size_t count;
	size_t count_at; /* offset of the element count in data */
	size_t nulls_at; /* offset of the has-null flag */
};

void pgarray_init(struct pgarray *a, uint32_t element_oid);
/* Appends an element; DATA NULL is SQL NULL. For int8 use pgarray_add_int8. */
void pgarray_add(struct pgarray *a, const void *data, size_t len);
void pgarray_add_int8(struct pgarray *a, int64_t v);
/* Initialises A as the int8 array of V[0..N). */
void pgarray_of_int8(struct pgarray *a, const int64_t *v, size_t n);
/* The finished parameter value and its length (the array stays owned by A). */
const char *pgarray_value(struct pgarray *a, int *len);
void pgarray_free(struct pgarray *a);

#endif
