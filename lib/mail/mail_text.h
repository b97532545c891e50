/*
 * mail_text.h - the readable text of a message, and the sender's own words.
 */
#ifndef MADOGUCHI_MAIL_TEXT_H
#define MADOGUCHI_MAIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct mime_tree;

/*
 * Appends the message's text as UTF-8 to OUT (see mail_text.c for which
 * parts count). Returns the number of undecodable positions (now U+FFFD);
 * *NUL gets the number of NUL characters removed.
 */
size_t mail_text(const struct mime_tree *tree, struct buf *out, size_t *nul, struct buf *notes);

/* HTML to readable text: tags, scripts and styles dropped, entities decoded. */
void mail_html_to_text(const char *html, size_t len, struct buf *out);

/* TEXT without quoted history and signature; malloc'd. */
char *mail_own_words(const char *text);

/*
 * TEXT without quoted history, signature kept (who is asking, from where);
 * malloc'd. FORWARDED keeps what follows a forward's header block too: a
 * mail forwarded to the desk is the request, not history.
 */
char *mail_request_words(const char *text, bool forwarded);

#endif
