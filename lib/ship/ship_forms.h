/*
 * ship_forms.h - the printable forms of a guidebook shipment (PDF):
 * 郵送依頼票 (quantity, sizes in the remarks, no unit price), 料金後納郵便物
 * 差出票 in two copies (deferred postage only), and a shipping label per
 * parcel.
 */
#ifndef MADOGUCHI_SHIP_FORMS_H
#define MADOGUCHI_SHIP_FORMS_H

#include <stddef.h>

struct ship_form_data {
	const char *case_number, *date; /* date as printed, e.g. 2026年11月22日 */
	int method;                     /* enum ship_method */
	int copies;
	const char *packages;           /* "box:100:1;box:80:1" */
	const char *organization, *contact, *postal_code, *address, *phone, *requester;
	const char *desk_name, *desk_address, *desk_phone, *desk_fax; /* may be NULL */
};

/*
 * Writes the forms the method needs into DIR (created if missing) and
 * prints each path on stdout. 0, or -1 with the reason in WHY.
 */
int ship_forms_write(const struct ship_form_data *d, const char *dir, char *why, size_t whysz);

#endif
