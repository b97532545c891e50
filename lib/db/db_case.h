/*
 * db_case.h - cases, their messages and documents.
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
	const char *channel; /* "mail", "fax" or "eapp" (the e-application service) */
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
	/* The case's requester when not the sender (an e-application's applicant); NULL: the sender. */
	const char *requester_name;
	const char *requester_address;
	int64_t message_row;      /* out: the case_messages row filed */
	/*
	 * filing_cases only: the case's whole search set, bigrams_distinct() of
	 * the subject and then of body_text (sql/028_filing_lean.sql).
	 */
	const char *search_bigrams;
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
 * Inside the caller's transaction: locks inbound message INBOUND_ID and
 * tells whether it is filed already (1, with its case in NUMBER), 0 if not,
 * -1 on error. Two workers on one message (an expired lease) serialise here.
 */
int case_lock_inbound(PGconn *conn, int64_t inbound_id, char number[CASE_NUMBER_LEN + 1])
    __attribute__((warn_unused_result));

/*
 * Inside the caller's transaction: files the message as a new case unless
 * this inbound message already belongs to one (a re-run job). Writes the
 * case number to NUMBER. Returns 1 created, 0 already there, -1 error.
 * Also sets the inbound message's disposition to 'case' and M->message_row.
 */
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

/*
 * A case as staff see it. Every string is malloc'd and owned by the row
 * (case_row_free, or case_rows_free for a list); a string the schema
 * declares NOT NULL is never NULL here.
 */
struct case_row {
	int64_t id;
	char *number;
	char *status;
	char *channel;
	char *category; /* NULL when not classified */
	bool urgent;
	char *subject;
	char *requester_name;
	char *requester_address;
	char *received_at; /* "YYYY-MM-DDTHH:MM:SSZ", UTC */
	char *owner;       /* NULL when nobody took it */
	char *wait_until;  /* "YYYY-MM-DD" while waiting, else NULL */
	/* case_get only (0, NULL and false in a case_list row): */
	char *resolution; /* NULL while open */
	char *closed_at;  /* NULL while open */
	char *fax_number; /* NULL unless the fax server said */
	char *fax_csid;   /* NULL unless the fax server said */
	bool needs_manual_reading;
};

struct case_rows {
	struct case_row *v;
	size_t n;
};

/*
 * Cases with STATUS (NULL: every case), by number, into OUT, which the
 * caller frees with case_rows_free (also after a failure). 0 or -1.
 */
/* Which cases case_list gives; NULL and false select all. */
struct case_filter {
	const char *status;
	const char *owner;   /* owned by this staff member */
	bool unowned;        /* owned by nobody */
	bool due;            /* waiting past its reminder date (today in Tokyo counts as past) */
	bool urgent;
	const char *category; /* a code, or a prefix of codes: "malware" is malware.* */
	const char *channel;
	const char *since;  /* received on or after this date (YYYY-MM-DD, Tokyo) */
	const char *until;  /* received on or before this date */
	const char *search; /* in the subject or any message's text (fax OCR text too), any case */
	bool failed;        /* with a reply the mail server refused for good */
	int limit;          /* at most so many (the first in the order); 0: every case */
};

/* The cases FILTER selects, urgent first, then the oldest first. */
int case_list(PGconn *conn, const struct case_filter *filter, struct case_rows *out)
    __attribute__((warn_unused_result));
void case_rows_free(struct case_rows *rows);

/*
 * Case NUMBER into OUT: 1 found, 0 no such case, -1 error. The caller
 * frees OUT with case_row_free whatever the result.
 */
int case_get(PGconn *conn, const char *number, struct case_row *out)
    __attribute__((warn_unused_result));
void case_row_free(struct case_row *row);

/* A message of a case, in or out; strings malloc'd and owned by the list. */
struct case_message_row {
	char *direction; /* "in" or "out" */
	char *message_id; /* may be NULL */
	char *from_name;
	char *from_address;
	char *subject;
	char *sent_at; /* "YYYY-MM-DDTHH:MM:SSZ"; NULL when the Date was unreadable */
	char *body_text;
	char *decode_notes; /* may be NULL */
	bool joined_heuristically; /* joined by sender and subject, without threading headers */
	char *kind;           /* request followup bounce ack reply */
	char *via;            /* a staff reply: "mail" or "fax"; else NULL */
	char *author;         /* a staff reply: who wrote it; else NULL */
	char *created_at;     /* when the desk filed it, "YYYY-MM-DDTHH:MM:SSZ" */
	char *delivery;       /* outbound mail: queued sending sent failed cancelled; else NULL */
	char *delivery_error; /* the SMTP server's last answer when it failed; else NULL */
};

struct case_message_rows {
	struct case_message_row *v;
	size_t n;
};

/*
 * Case CASE_ID's messages in the order filed, into OUT, which the caller
 * frees with case_message_rows_free (also after a failure). 0 or -1.
 */
int case_messages(PGconn *conn, int64_t case_id, struct case_message_rows *out)
    __attribute__((warn_unused_result));
void case_message_rows_free(struct case_message_rows *rows);

/* A document filed with a case, as case_add_document stored it; strings owned by the list. */
struct case_document_row {
	char *kind;
	char *content_type;
	char *filename; /* may be NULL */
	int64_t size;
	int pages;          /* 0 when unknown */
	int ocr_confidence; /* -1 when unknown */
	char *ocr_error;    /* NULL when OCR worked */
	char *ocr_text;     /* NULL when OCR did not run or failed */
};

struct case_document_rows {
	struct case_document_row *v;
	size_t n;
};

/*
 * Case CASE_ID's documents in the order filed, into OUT, which the caller
 * frees with case_document_rows_free (also after a failure). 0 or -1.
 */
int case_documents(PGconn *conn, int64_t case_id, struct case_document_rows *out)
    __attribute__((warn_unused_result));
void case_document_rows_free(struct case_document_rows *rows);


/*
 * Sets case NUMBER's category to CODE, a category of the knowledge base in
 * force, as confirmed by staff, and writes the audit row for ACTOR, in one
 * transaction (DRY_RUN: rolled back). Returns 1 done, 0 no such case, 2 no
 * such category, -1 error.
 */
int case_recategorize(PGconn *conn, const char *number, const char *code, const char *actor,
		      bool dry_run)
    __attribute__((warn_unused_result));

#endif
