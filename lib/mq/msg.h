/*
 * msg.h - typed, versioned messages carried over ZeroMQ.
 *
 * ZeroMQ only wakes workers; PostgreSQL holds every job. A message is built
 * with msg_add_*, read back with msg_get_*, and msg_end() rejects leftover
 * bytes, so a sender and receiver that disagree on a layout fail loudly.
 * Layout: version (1 byte), type (1 byte), then the fields in network order.
 */
#ifndef MADOGUCHI_MSG_H
#define MADOGUCHI_MSG_H

#include <stddef.h>
#include <stdint.h>

#define MSG_VERSION 1
#define MSG_MAX 64

enum msg_type {
	MSG_JOB_QUEUED = 1, /* u64 job id: a job was committed */
};

struct msg {
	unsigned char data[MSG_MAX];
	size_t len;
	size_t pos;
};

void msg_init(struct msg *m, enum msg_type type);
/* Returns -1 when the message is full. */
int msg_add_u64(struct msg *m, uint64_t v) __attribute__((warn_unused_result));

/* Loads received bytes and checks the version; sets *type. Returns 0 or -1. */
int msg_load(struct msg *m, const void *data, size_t len, enum msg_type *type)
    __attribute__((warn_unused_result));
int msg_get_u64(struct msg *m, uint64_t *v) __attribute__((warn_unused_result));
/* 0 when every byte was read, -1 otherwise. */
int msg_end(const struct msg *m) __attribute__((warn_unused_result));

#endif
