/*
 * fax_letter.h - a staff reply to a fax case as an A4 PDF letter for the
 * desk's fax machine: a cover block (to, from, fax numbers, case number,
 * date) and the text, over as many pages as it needs.
 */
#ifndef MADOGUCHI_FAX_LETTER_H
#define MADOGUCHI_FAX_LETTER_H

#include <stddef.h>

struct fax_letter {
	const char *to_name;
	const char *to_fax; /* "" when unknown: a blank to fill in by hand */
	const char *case_number;
	const char *date; /* as printed, e.g. 2026年12月5日 */
	const char *desk_name;
	const char *desk_phone;
	const char *desk_fax;
	const char *body; /* UTF-8, LF line ends */
};

/* Writes L to PATH. 0, or -1 with the reason in WHY. */
int fax_letter_write(const struct fax_letter *l, const char *path, char *why, size_t whysz);

#endif
