/*
 * followup.c - joining a mail to its case without threading headers: a
 * hand-typed "Re:" or a phone that drops In-Reply-To. A wrong join hides a
 * new request inside an old case, so every rule needs the same sender
 * address and exactly one case of it that fits, and the looser a rule the
 * more the mail must say it continues something:
 *   1. the same subject after normalisation (prefixes, tag, width);
 *   2. the same matter typed again by hand: the subjects' cores (without
 *      asides like a name in brackets and words like 先日の…, …の件,
 *      …について) equal, one containing the other, or sharing most of their
 *      character bigrams;
 *   3. the later mail refers back (先日ご相談した…, 先ほどは返信…, 続報) and
 *      its subject's core is mostly found in the earlier mail's words;
 *   4. the later mail answers the desk or reports back on what it advised
 *      (先週ご相談した…, ご案内ありがとうございます, 教えていただいたとおり),
 *      whatever its subject (「お礼」): the sender's only case fits. Mere
 *      thanks (先日はありがとうございました) open many a new request.
 * A mail that says it is about something else (別件) joins only by rule 1.
 *
 * Workers file mail in parallel, so a follow-up may be filed before the
 * mail it continues: mail of one sender is filed one at a time, and an
 * earlier mail that finds a case of later mail fitting it joins that case
 * too, with the roles of the two mails in rule 3 swapped.
 */
#include "followup.h"

#include "subject_norm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Core subjects too vague to join on, whatever they share. */
static const char *const vague_cores[] = {"お問い合わせ", "お問合せ", "問い合わせ", "ご相談",
					  "相談", "ご質問", "質問", "ご連絡", "連絡", "件名なし",
					  "無題", "ご確認", "確認", NULL};

/* Words by which a mail refers back to an earlier exchange with the desk. */
static const char *const back_refs[] = {
    "先日ご相談", "先日相談", "先日の", "先日は", "先日お", "先ほどは", "先ほどの", "先程は",
    "先程の", "前回ご相談", "前回の", "以前ご相談", "以前相談", "続報", "その後の", "お尋ねの件",
    "お問い合わせの件", "ご質問の件", "ご返信", "返信ありがとう", "お返事", "ご回答ありがとう",
    "ご教示いただいた", "教えていただいた", "ご紹介いただいた", NULL};

/*
 * Words by which a mail says it answers the desk or reports back on an
 * exchange with it, whatever its subject (「お礼」「その後のご報告」): the
 * sender's one case in the window is what it continues.
 */
static const char *const answers_desk[] = {
    "先日ご相談", "先週ご相談", "前回ご相談", "以前ご相談", "先日相談", "先週相談",
    "ご案内ありがとう", "ご回答ありがとう", "ご返信ありがとう", "お返事ありがとう",
    "返信ありがとう", "教えていただき", "教えていただいたとおり", "教えていただいた通り",
    "ご教示いただいたとおり", "アドバイスいただいた",
    /* A request made before: 「先日は25部のお願いをいたしました」「前回お伝えした住所」. */
    "お願いをいたしました", "お願いいたしました件", "お願いしておりました", "お願いしていた",
    "先日お願いし", "前回お願いし", "以前お願いし", "前回お伝えした", "先日お伝えした",
    "お申し込みをした", "お申込みをした", "申し込みをした", NULL};

/* Words by which a mail says it is about something new. */
static const char *const new_matter[] = {"別件", "別の件", "別のご相談", "別の相談", "新たなご相談",
					 NULL};

#define CORE_MIN_EQUAL 2   /* characters of a core that must be equal */
#define CORE_MIN_CONTAIN 3 /* of the shorter core, when one contains the other */
#define CORE_MIN_SHARE 4   /* of both cores, for the bigram rule */
#define CORE_SHARE 0.6	   /* bigrams shared */
#define CORE_MIN_REF 3	   /* of the later core, for rule 3 */
#define CORE_REF_SHARE 0.6 /* its bigrams found in the earlier mail's words */

static bool says(const char *text, const char *const *words)
{
	for (int i = 0; words[i] != NULL; i++)
		if (text != NULL && strstr(text, words[i]) != NULL)
			return true;
	return false;
}

static bool vague(const char *core)
{
	for (int i = 0; vague_cores[i] != NULL; i++)
		if (strcmp(core, vague_cores[i]) == 0)
			return true;
	return false;
}

/* The digits of S, in order, into OUT (at most OUTSZ - 1). */
static void digits_of(const char *s, char *out, size_t outsz)
{
	size_t n = 0;

	for (; *s != '\0' && n + 1 < outsz; s++)
		if (*s >= '0' && *s <= '9')
			out[n++] = *s;
	out[n] = '\0';
}

/*
 * Rule 2 on cores A and B. Equal cores are the same matter; a core inside
 * the other, or most bigrams shared, only when the later mail says it
 * continues something (CONTINUES: a reply prefix typed by hand, or words
 * that refer back), since 「見積依頼（本社分）」 and 「見積依頼（支店分）」 are
 * two requests. Cores that hold different numbers (「請求書 No.123」, 「No.124」)
 * are different matters.
 */
static bool same_matter(const char *a, const char *b, bool continues)
{
	size_t na = subject_chars(a), nb = subject_chars(b);
	const char *shorter = na <= nb ? a : b, *longer = na <= nb ? b : a;
	size_t ns = na <= nb ? na : nb;
	char da[32], db[32];

	if (ns < CORE_MIN_EQUAL || vague(a) || vague(b))
		return false;
	if (strcmp(a, b) == 0)
		return true;
	digits_of(a, da, sizeof(da));
	digits_of(b, db, sizeof(db));
	if (!continues || strcmp(da, db) != 0)
		return false;
	if (ns >= CORE_MIN_CONTAIN && strstr(longer, shorter) != NULL)
		return true;
	/* Dice coefficient, from the two directed shares. */
	return ns >= CORE_MIN_SHARE &&
	       (subject_bigram_cover(a, b) + subject_bigram_cover(b, a)) / 2 >= CORE_SHARE;
}

/* Rule 3: the later mail (LATER_CORE, LATER_WORDS) refers back to EARLIER_WORDS. */
static bool refers_back(const char *later_core, const char *later_words, const char *earlier_words)
{
	return subject_chars(later_core) >= CORE_MIN_REF && !vague(later_core) &&
	       says(later_words, back_refs) &&
	       subject_bigram_cover(later_core, earlier_words) >= CORE_REF_SHARE;
}

/* The rule (1-4) by which M (NORM, CORE, WORDS) fits candidate C, or 0. */
static int fits(const struct thread_candidate *c, const char *raw, const char *norm,
		const char *core, const char *words)
{
	bool continues = !c->later ? subject_prefix_kind(raw) != SUBJECT_NO_PREFIX ||
					 says(words, back_refs)
				   : subject_prefix_kind(c->subject) != SUBJECT_NO_PREFIX ||
					 says(c->text, back_refs);

	char *other = subject_normalize(c->subject);
	char *other_core = subject_core(other);
	int rule = 0;

	if (strcmp(other, norm) == 0)
		rule = 1;
	else if (says(words, new_matter) || (c->later && says(c->text, new_matter)))
		rule = 0;
	else if (same_matter(core, other_core, continues))
		rule = 2;
	else if (!c->later ? refers_back(core, words, c->text)
			   : refers_back(other_core, c->text, words))
		rule = 3;
	else if (!c->later ? says(words, answers_desk) : says(c->text, answers_desk))
		rule = 4;
	free(other_core);
	free(other);
	return rule;
}

int followup_find(PGconn *db, const struct config *cfg, const struct decoded_mail *m,
		  struct thread_hit *hit, char **subject)
{
	struct thread_candidates cands;
	const struct thread_candidate *match = NULL;
	size_t matches = 0;
	char *norm, *core, *words;
	size_t wlen;
	int best = 0;

	*subject = NULL;
	if (cfg->worker_heuristic_join_days == 0 || m->from_address == NULL ||
	    *m->from_address == '\0')
		return 0;
	if (thread_lock_sender(db, m->from_address) == -1)
		return -1;
	norm = subject_normalize(m->subject);
	/* A generic subject (「お礼」) joins only a mail that answers the desk (rule 4). */
	if (subject_is_generic(norm) && !says(m->own_words, answers_desk)) {
		free(norm);
		return 0;
	}
	core = subject_core(norm);
	if (thread_candidates(db, m->from_address, cfg->worker_heuristic_join_days, m->date,
			      &cands) == -1) {
		thread_candidates_free(&cands);
		free(core);
		free(norm);
		return -1;
	}
	wlen = strlen(m->subject != NULL ? m->subject : "") +
	       strlen(m->own_words != NULL ? m->own_words : "") + 2;
	words = malloc(wlen);
	if (words == NULL) {
		thread_candidates_free(&cands);
		free(core);
		free(norm);
		return -1;
	}
	snprintf(words, wlen, "%s\n%s", m->subject != NULL ? m->subject : "",
		m->own_words != NULL ? m->own_words : "");
	/* The strictest rule any case fits decides; two cases fitting it, none. */
	for (size_t i = 0; i < cands.n; i++) {
		int rule = fits(&cands.v[i], m->subject, norm, core, words);

		if (rule == 0 || (best != 0 && rule > best))
			continue;
		if (rule < best || best == 0) {
			best = rule;
			matches = 0;
		}
		match = &cands.v[i];
		matches++;
	}
	free(words);
	free(core);
	if (matches == 1) {
		snprintf(hit->number, sizeof(hit->number), "%s", match->number);
		hit->closed = match->closed;
		hit->closed_days = match->closed_days;
		*subject = norm;
	} else {
		free(norm);
	}
	thread_candidates_free(&cands);
	return matches == 1;
}
