/*
 * mime.h - the MIME structure of a raw message, walked without trusting it.
 *
 * mime_parse() lists every part (the message itself first) with its media
 * type, parameters and where its body lies in the raw bytes; nothing is
 * copied or decoded until asked for. Hostile structure is bounded: nesting,
 * part count, header section size and field count have limits, and a
 * message beyond them is refused with a reason for quarantine. Damage that
 * a reader can live with (a missing closing boundary, a multipart without
 * a boundary) is tolerated and noted.
 */
#ifndef MADOGUCHI_MIME_H
#define MADOGUCHI_MIME_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

#define MIME_DEPTH_MAX 64
#define MIME_PARTS_MAX 2000
#define MIME_HEADER_BYTES_MAX (1024 * 1024)
#define MIME_HEADER_FIELDS_MAX 10000

enum mime_cte { MIME_CTE_IDENTITY, MIME_CTE_BASE64, MIME_CTE_QP };

struct mime_part {
	int parent; /* index of the enclosing multipart or message/rfc822, -1 for the top */
	int depth;
	char type[80];      /* lower-case "type/subtype"; text/plain when absent or unreadable */
	char charset[40];   /* "" when not given */
	char boundary[72];  /* multiparts */
	char *filename;     /* decoded UTF-8 (RFC 2231 / 2047), NULL when none; owned by the tree */
	bool attachment;    /* Content-Disposition: attachment */
	bool flowed, delsp; /* format=flowed */
	enum mime_cte cte;
	size_t start;    /* offset of the part's header section in raw */
	size_t body;     /* offset of its body */
	size_t end;      /* end of its body */
};

struct mime_tree {
	const char *raw;
	size_t len;
	struct mime_part *parts;
	size_t nparts;
	char note[160]; /* tolerated damage, "" when none */
};

/*
 * Parses RAW/LEN into TREE (which borrows RAW). Returns 0, or -1 with the
 * quarantine reason in WHY ("nesting too deep", "header section too large",
 * "header line too long", "NUL bytes in the header", "no header section",
 * "too many parts"). TREE needs mime_free() either way.
 */
int mime_parse(const char *raw, size_t len, struct mime_tree *tree, char *why, size_t whysz)
    __attribute__((warn_unused_result));

/* Appends part I's body, transfer-decoded (base64, quoted-printable), to OUT. */
void mime_part_bytes(const struct mime_tree *tree, size_t i, struct buf *out);

/*
 * Transfer-decodes part I piece by piece, calling FN with each decoded
 * piece (at most about 64 KB), so a large attachment can be hashed without
 * holding it decoded in memory.
 */
void mime_part_stream(const struct mime_tree *tree, size_t i,
		      void (*fn)(void *arg, const char *data, size_t len), void *arg);

/*
 * The unfolded value of header NAME of part I (its own header section),
 * malloc'd, or NULL.
 */
char *mime_part_header(const struct mime_tree *tree, size_t i, const char *name);

void mime_free(struct mime_tree *tree);

/* Quoted-printable decoding (RFC 2045), appended to OUT. */
void mime_qp_decode(const char *s, size_t len, struct buf *out);

/*
 * The value of parameter NAME in a structured header value, with RFC 2231
 * continuations (name*0, name*1*) and charset'lang'%XX encoding decoded to
 * UTF-8, and an RFC 2047 encoded value (a common mailer habit) decoded too.
 * Returns malloc'd UTF-8, or NULL when absent.
 */
char *mime_param_decoded(const char *value, const char *name);

#endif
