/*
 * intake_fields.c - intake answers from the command line; see intake_fields.h.
 */
#include "intake_fields.h"

#include <stddef.h>
#include <string.h>

/* Roles as the manual names them, as stored. */
static const struct {
	const char *name, *ja;
} roles[] = {{"owner", "経営者"}, {"admin", "システム管理者"}, {"staff", "一般の従業員"}};

const char *intake_role(const char *v)
{
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(v, roles[i].name) == 0 || strcmp(v, roles[i].ja) == 0)
			return roles[i].name;
	return NULL;
}

int intake_yes_no(const char *v)
{
	return strcmp(v, "yes") == 0 ? 1 : strcmp(v, "no") == 0 ? 0 : -1;
}
