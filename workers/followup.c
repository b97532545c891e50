/*
 * followup.c - joining a mail to its case without threading headers: a
 * hand-typed "Re:" or a phone that drops In-Reply-To. The rule is narrow on
 * purpose, since a wrong join hides a new request inside an old case: the
 * same sender address, the same subject after normalisation, a subject
 * that names something, and exactly one case that fits.
 */
#include "followup.h"

#include "subject_norm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int followup_find(PGconn *db, const struct config *cfg, const struct decoded_mail *m,
		  struct thread_hit *hit, char **subject)
{
	struct thread_candidates cands;
	const struct thread_candidate *match = NULL;
	size_t matches = 0;
	char *norm;

	*subject = NULL;
	if (cfg->worker_heuristic_join_days == 0 || m->from_address == NULL ||
	    *m->from_address == '\0')
		return 0;
	norm = subject_normalize(m->subject);
	if (subject_is_generic(norm)) {
		free(norm);
		return 0;
	}
	if (thread_candidates(db, m->from_address, cfg->worker_heuristic_join_days, &cands) == -1) {
		thread_candidates_free(&cands);
		free(norm);
		return -1;
	}
	for (size_t i = 0; i < cands.n; i++) {
		char *other = subject_normalize(cands.v[i].subject);

		if (strcmp(other, norm) == 0) {
			match = &cands.v[i];
			matches++;
		}
		free(other);
	}
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
