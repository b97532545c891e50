/*
 * msg.c - encoding of the queue's wake-up messages; see msg.h.
 */
#include "msg.h"

#include <string.h>

void msg_init(struct msg *m, enum msg_type type)
{
	m->data[0] = MSG_VERSION;
	m->data[1] = (unsigned char)type;
	m->len = 2;
	m->pos = 2;
}

int msg_add_u64(struct msg *m, uint64_t v)
{
	if (m->len + 8 > MSG_MAX)
		return -1;
	for (int i = 7; i >= 0; i--)
		m->data[m->len++] = (unsigned char)(v >> (i * 8));
	return 0;
}

int msg_load(struct msg *m, const void *data, size_t len, enum msg_type *type)
{
	if (len < 2 || len > MSG_MAX)
		return -1;
	memcpy(m->data, data, len);
	m->len = len;
	if (m->data[0] != MSG_VERSION)
		return -1;
	*type = (enum msg_type)m->data[1];
	m->pos = 2;
	return 0;
}

int msg_get_u64(struct msg *m, uint64_t *v)
{
	uint64_t r = 0;

	if (m->pos + 8 > m->len)
		return -1;
	for (int i = 0; i < 8; i++)
		r = (r << 8) | m->data[m->pos++];
	*v = r;
	return 0;
}

int msg_end(const struct msg *m)
{
	return m->pos == m->len ? 0 : -1;
}
