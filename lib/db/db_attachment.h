/*
 * db_attachment.h - what a filed message carried: metadata only, since the
 * raw message stays the authoritative copy and the part index finds the
 * bytes again.
 */
#ifndef MADOGUCHI_DB_ATTACHMENT_H
#define MADOGUCHI_DB_ATTACHMENT_H

#include <libpq-fe.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Inside the caller's transaction: records part PART of the filed message
 * MESSAGE_ROW (case_messages.id), with its sniffed TYPE, the DECLARED one,
 * SIZE and SHA-256. 0 or -1.
 */
int attachment_add(PGconn *conn, int64_t message_row, size_t part, const char *filename,
		   const char *type, const char *declared, size_t size, const unsigned char sha[32])
    __attribute__((warn_unused_result));

#endif
