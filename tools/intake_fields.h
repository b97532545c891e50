/*
 * intake_fields.h - the answers the manual asks at the start of every
 * call, as madoctl new and set take them from the command line.
 */
#ifndef MADOGUCHI_INTAKE_FIELDS_H
#define MADOGUCHI_INTAKE_FIELDS_H

/* "owner", "admin" or "staff" for V (those, or the manual's Japanese names), else NULL. */
const char *intake_role(const char *v);

/* 1 for "yes", 0 for "no", -1 for anything else. */
int intake_yes_no(const char *v);

#define INTAKE_ROLE_HELP "--role is owner (経営者), admin (システム管理者) or staff (一般の従業員)"

#endif
