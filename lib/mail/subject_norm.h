/*
 * subject_norm.h - a subject as a thread sees it: what stays when the
 * reply and forward prefixes, the case tag and the width differences a
 * phone or a Japanese input method adds are taken away, so a hand-typed
 * "Re:" finds the request it answers.
 */
#ifndef MADOGUCHI_SUBJECT_NORM_H
#define MADOGUCHI_SUBJECT_NORM_H

#include <stdbool.h>
#include <stddef.h>

/*
 * SUBJECT (UTF-8, may be NULL) normalised, malloc'd: full-width ASCII and
 * the ideographic space made half-width, ASCII letters lower-cased, the
 * case tag [相談#YYYY-NNNNNN] removed, leading Re:/Fwd:/FW:/AW:/返信:/転送:
 * and 【返信】-style prefixes removed however often they repeat and with
 * counters (Re[2]:, Re(3):, Re^2:), whitespace runs made one space and
 * trimmed.
 */
char *subject_normalize(const char *subject);

/*
 * What SUBJECT (as typed, may be NULL) starts with: a reply prefix (Re:,
 * ＲＥ：, 返信:, 【返信】), a forward prefix (Fwd:, FW:, 転送:), or none, in
 * the forms subject_normalize() removes.
 */
enum subject_prefix { SUBJECT_NO_PREFIX, SUBJECT_REPLY, SUBJECT_FORWARD };
enum subject_prefix subject_prefix_kind(const char *subject);

/*
 * True when NORMALIZED (from subject_normalize) says nothing about what the
 * mail is about: fewer than SUBJECT_MIN_CHARS characters, or only a word
 * like お問い合わせ, ご相談, 無題, "no subject". Such subjects never join a
 * case by sender and subject.
 */
#define SUBJECT_MIN_CHARS 4
bool subject_is_generic(const char *normalized);

/*
 * What NORMALIZED (from subject_normalize) is about, malloc'd: without
 * bracketed asides (a name in (...), 【至急】, 〔...〕, [...]), spaces and
 * punctuation, and without the words people add when they write about an
 * earlier mail (先日の…, …の件, …について, …のお願い, 続報, 追加, 再送, お礼).
 * 「先日の振込の件」 and 「振込について」 have the same core, 「振込」.
 */
char *subject_core(const char *normalized);

/* Characters (code points) in S. */
size_t subject_chars(const char *s);

/*
 * The share of A's character bigrams (distinct) that occur in B, from 0 to
 * 1; 0 when A has none (fewer than two characters).
 */
double subject_bigram_cover(const char *a, const char *b);

#endif
