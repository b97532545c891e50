/*
 * intake_prompt.h - madoctl new on a terminal: what the options did not
 * give is asked, in the order the manual asks it at the start of a call.
 */
#ifndef MADOGUCHI_INTAKE_PROMPT_H
#define MADOGUCHI_INTAKE_PROMPT_H

/* The fields of a call; NULL: not given. Prompted answers are malloc'd into OWNED. */
struct intake_fields {
	const char *requester, *organisation, *source, *elsewhere, *role, *vendor, *summary;
};

struct intake_owned {
	char *v[7];
};

/*
 * Asks on the terminal for each field of F still NULL: the requester until
 * one is given, the others once (an empty answer leaves them unasked), the
 * role and vendor until they are valid, then the summary, ended by a line
 * with a single "." or end of input. 0, or -1 when input ended before a
 * requester was given.
 */
int intake_prompt(struct intake_fields *f, struct intake_owned *owned);
void intake_owned_free(struct intake_owned *owned);

#endif
