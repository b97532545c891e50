/*
 * eapp_form.h - the applicant's entries in a notification of the Tokyo
 * e-application service (東京都電子申請): "label: value" lines in whatever
 * layout the form's mail template uses (【氏名】値, 氏名：値, ■氏名 with the
 * value on the next lines, numbered items, notes in brackets).
 */
#ifndef MADOGUCHI_EAPP_FORM_H
#define MADOGUCHI_EAPP_FORM_H

enum eapp_field {
	EAPP_NAME,
	EAPP_ORGANIZATION,
	EAPP_POSTAL_CODE, /* "NNN-NNNN" */
	EAPP_ADDRESS,     /* without the postal code */
	EAPP_PHONE,
	EAPP_EMAIL,
	EAPP_COPIES,  /* as typed: 「30」「３０冊」「五十部」 */
	EAPP_PURPOSE,
	EAPP_NFIELDS,
};

struct eapp_form {
	char *field[EAPP_NFIELDS]; /* UTF-8, trimmed; NULL when the applicant gave none */
	char *text; /* the entries found, one "label: value" line each, for the triage */
	int nfound;
};

/* Reads the entries of TEXT (a notification's decoded body) into F; free with eapp_form_free. */
void eapp_form_parse(const char *text, struct eapp_form *f);
void eapp_form_free(struct eapp_form *f);

/*
 * What the applicant wrote in TEXT (a notification's body), for the
 * classifier, malloc'd: the values of the entries without their labels (a
 * form prints every label, and a 「希望部数」 left blank must not make a
 * consultation read as a guidebook request), without the contact entries
 * (name, organisation, address, phone, mail), and the other lines as they are.
 */
char *eapp_form_words(const char *text);

/* The field's name as in JSON and tests: name, organization, postal_code ... */
const char *eapp_field_name(enum eapp_field k);

#endif
