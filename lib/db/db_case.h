/*
 * db_case.h - cases, their messages and the audit log.
 */
#ifndef MADOGUCHI_DB_CASE_H
#define MADOGUCHI_DB_CASE_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define CASE_NUMBER_LEN 12 /* "YYYY-NNNNNN" */

/* What a worker learned from one inbound message. All strings UTF-8, never NULL except noted. */
struct case_message {
	int64_t inbound_id;
	const char *channel; /* "mail" or "fax" */
	const char *subject;
	const char *from_name;
	const char *from_address;
	const char *message_id; /* may be NULL */
	time_t sent_at;         /* 0 when the Date header was unreadable */
	const char *body_text;
	const char *decode_notes; /* may be NULL */
	const char *own_words;    /* text without quotes and signature; may be NULL */
	const char *body_sha256_hex; /* SHA-256 of body_text in hex; may be NULL */
	const char *in_reply_to;  /* may be NULL */
	const char *mailbox;      /* intake key of the mailbox it came through; may be NULL */
	int64_t message_row;      /* out: the case_messages row filed */
	/* The triage, stored with a new case (NULL when there is no knowledge base): */
	const char *category;
	bool urgent;
	const char *triage_json;
	/* Faxes only (NULL / false otherwise): */
	const char *fax_number;
	const char *fax_csid;
	bool needs_manual_reading;
};

/* A document filed with a case: a fax image and what OCR read from it. */
struct case_document {
	int64_t inbound_id; /* the inbound message that carries the bytes */
	const char *kind;   /* "fax_image" or "attachment" */
	const char *content_type;
	const char *filename; /* may be NULL */
	size_t size;
	const unsigned char *sha256; /* 32 bytes */
	int pages;                   /* 0 when unknown */
	const char *ocr_text;        /* NULL when OCR did not run or failed */
	int ocr_confidence;          /* -1 when unknown */
	const char *ocr_error;       /* NULL when OCR worked */
};

/*
 * Inside the caller's transaction: files the message as a new case unless
 * this inbound message already belongs to one (a re-run job). Writes the
 * case number to NUMBER. Returns 1 created, 0 already there, -1 error.
 */
/*
 * Inside the caller's transaction: locks inbound message INBOUND_ID and
 * tells whether it is filed already (1, with its case in NUMBER), 0 if not,
 * -1 on error. Two workers on one message (an expired lease) serialise here.
 */
int case_lock_inbound(PGconn *conn, int64_t inbound_id, char number[CASE_NUMBER_LEN + 1])
    __attribute__((warn_unused_result));

/* Also sets the inbound message's disposition to 'case' and M->message_row. */
int case_file_message(PGconn *conn, struct case_message *m,
		      char number[CASE_NUMBER_LEN + 1]) __attribute__((warn_unused_result));

/* Inside the caller's transaction: adds DOC to case NUMBER. 0 or -1. */
int case_add_document(PGconn *conn, const char *number, const struct case_document *doc)
    __attribute__((warn_unused_result));

/*
 * Inside the caller's transaction: links case NUMBER to PREVIOUS, the
 * closed case whose thread it continues. 0 or -1.
 */
int case_link(PGconn *conn, const char *number, const char *previous)
    __attribute__((warn_unused_result));

/* Rows: kind, content_type, filename, size, pages, ocr_confidence, ocr_error, ocr_text. */
PGresult *case_documents(PGconn *conn, const char *case_id) __attribute__((warn_unused_result));

/* Rows: number, status, channel, category, urgent, subject, requester_name, requester_address, received_at. */
PGresult *case_list(PGconn *conn, const char *status) __attribute__((warn_unused_result));
/*
 * One row as case_list plus id, resolution, closed_at, fax_number, fax_csid,
 * needs_manual_reading; or zero rows.
 */
PGresult *case_get(PGconn *conn, const char *number) __attribute__((warn_unused_result));
/* Rows: direction, message_id, from_name, from_address, subject, sent_at, body_text, decode_notes. */
PGresult *case_messages(PGconn *conn, const char *case_id) __attribute__((warn_unused_result));

/*
 * Closes NUMBER with RESOLUTION and writes the audit row for ACTOR, in one
 * transaction. Returns 1 closed, 0 no such case, 2 already closed, -1 error.
 */
int case_close(PGconn *conn, const char *number, const char *resolution, const char *note,
	       const char *actor) __attribute__((warn_unused_result));

#endif
