/*
 * imap_session.c - IMAP over libetpan for intake.
 *
 * Only what intake needs: UID SEARCH for the UIDs not stored yet and
 * UID FETCH (UID BODY.PEEK[]) for a set of them. PEEK leaves \Seen alone:
 * a message is marked only after its bytes are committed, never before.
 */
#include "imap_session.h"

#include "config.h"
#include "log.h"

#include <libetpan/libetpan.h>
#include <stdlib.h>
#include <string.h>

enum imap_state { IMAP_DISCONNECTED, IMAP_CONNECTED, IMAP_AUTHENTICATED, IMAP_SELECTED };

struct imap_session {
	const struct config *cfg;
	char *password;
	mailimap *imap;
	enum imap_state state;
	uint32_t uidvalidity;
};

static const char *strstate(enum imap_state st)
{
	switch (st) {
	case IMAP_DISCONNECTED:
		return "disconnected";
	case IMAP_CONNECTED:
		return "connected";
	case IMAP_AUTHENTICATED:
		return "authenticated";
	case IMAP_SELECTED:
		return "selected";
	}
	return "?";
}

static void enter_state(struct imap_session *s, enum imap_state st)
{
	log_debug("imap host=%s mailbox=%s state=%s->%s", s->cfg->imap_host, s->cfg->imap_mailbox,
		  strstate(s->state), strstate(st));
	s->state = st;
}

struct imap_session *imap_session_new(const struct config *cfg, const char *password)
{
	struct imap_session *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return NULL;
	s->cfg = cfg;
	s->password = strdup(password);
	if (s->password == NULL) {
		free(s);
		return NULL;
	}
	return s;
}

static int fail(struct imap_session *s, const char *what, int r)
{
	const char *resp = s->imap != NULL ? s->imap->imap_response : NULL;

	log_warnx("imap host=%s mailbox=%s op=%s error=%d state=%s response=\"%s\"",
		  s->cfg->imap_host, s->cfg->imap_mailbox, what, r, strstate(s->state),
		  resp != NULL ? resp : "");
	imap_session_disconnect(s);
	return -1;
}

int imap_session_open(struct imap_session *s)
{
	const struct config *cfg = s->cfg;
	int r;

	if (s->state == IMAP_SELECTED)
		return 0;
	imap_session_disconnect(s);
	s->imap = mailimap_new(0, NULL);
	if (s->imap == NULL)
		return fail(s, "new", MAILIMAP_ERROR_MEMORY);
	mailimap_set_timeout(s->imap, cfg->imap_timeout);
	if (cfg->imap_security == IMAP_SECURITY_TLS)
		r = mailimap_ssl_connect(s->imap, cfg->imap_host, (uint16_t)cfg->imap_port);
	else
		r = mailimap_socket_connect(s->imap, cfg->imap_host, (uint16_t)cfg->imap_port);
	if (r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED && r != MAILIMAP_NO_ERROR_AUTHENTICATED &&
	    r != MAILIMAP_NO_ERROR)
		return fail(s, "connect", r);
	enter_state(s, IMAP_CONNECTED);
	if (cfg->imap_security == IMAP_SECURITY_STARTTLS) {
		r = mailimap_socket_starttls(s->imap);
		if (r != MAILIMAP_NO_ERROR)
			return fail(s, "starttls", r);
	}
	r = mailimap_login(s->imap, cfg->imap_user, s->password);
	if (r != MAILIMAP_NO_ERROR)
		return fail(s, "login", r);
	enter_state(s, IMAP_AUTHENTICATED);
	r = mailimap_select(s->imap, cfg->imap_mailbox);
	if (r != MAILIMAP_NO_ERROR)
		return fail(s, "select", r);
	if (s->imap->imap_selection_info == NULL ||
	    s->imap->imap_selection_info->sel_uidvalidity == 0)
		return fail(s, "uidvalidity", MAILIMAP_ERROR_PARSE);
	s->uidvalidity = s->imap->imap_selection_info->sel_uidvalidity;
	enter_state(s, IMAP_SELECTED);
	log_info("imap host=%s mailbox=%s uidvalidity=%u result=selected", cfg->imap_host,
		 cfg->imap_mailbox, s->uidvalidity);
	return 0;
}

uint32_t imap_session_uidvalidity(const struct imap_session *s)
{
	return s->uidvalidity;
}

const char *imap_session_mailbox(const struct imap_session *s)
{
	return s->cfg->imap_mailbox;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

int imap_session_uids_after(struct imap_session *s, uint32_t after, uint32_t **uids, size_t *n)
{
	struct mailimap_set *set;
	struct mailimap_search_key *key;
	clist *result = NULL;
	clistiter *it;
	uint32_t *out;
	size_t count = 0;
	int r;

	*uids = NULL;
	*n = 0;
	if (s->state != IMAP_SELECTED)
		return -1;
	if (after == UINT32_MAX)
		return 0;
	/* "after+1:*" also matches the highest UID when it is below after+1: filter below. */
	set = mailimap_set_new_interval(after + 1, 0);
	if (set == NULL)
		return fail(s, "search", MAILIMAP_ERROR_MEMORY);
	key = mailimap_search_key_new_uid(set);
	if (key == NULL) {
		mailimap_set_free(set);
		return fail(s, "search", MAILIMAP_ERROR_MEMORY);
	}
	r = mailimap_uid_search(s->imap, NULL, key, &result);
	mailimap_search_key_free(key);
	if (r != MAILIMAP_NO_ERROR)
		return fail(s, "uid_search", r);
	out = malloc((clist_count(result) + 1) * sizeof(*out));
	if (out == NULL) {
		mailimap_search_result_free(result);
		return fail(s, "search", MAILIMAP_ERROR_MEMORY);
	}
	for (it = clist_begin(result); it != NULL; it = clist_next(it)) {
		uint32_t uid = *(uint32_t *)clist_content(it);

		if (uid > after)
			out[count++] = uid;
	}
	mailimap_search_result_free(result);
	qsort(out, count, sizeof(*out), cmp_u32);
	*uids = out;
	*n = count;
	return 0;
}

/* Builds a compact UID set: consecutive UIDs become one interval. */
static struct mailimap_set *uid_set(const uint32_t *uids, size_t n)
{
	struct mailimap_set *set = mailimap_set_new_empty();
	size_t i = 0;

	if (set == NULL)
		return NULL;
	while (i < n) {
		size_t j = i;

		while (j + 1 < n && uids[j + 1] == uids[j] + 1)
			j++;
		if (mailimap_set_add_interval(set, uids[i], uids[j]) != MAILIMAP_NO_ERROR) {
			mailimap_set_free(set);
			return NULL;
		}
		i = j + 1;
	}
	return set;
}

int imap_session_fetch(struct imap_session *s, const uint32_t *uids, size_t n, imap_message_fn fn,
		       void *arg)
{
	struct mailimap_fetch_type *ft;
	struct mailimap_set *set;
	clist *result = NULL;
	clistiter *it;
	int r, rc = 0;

	if (s->state != IMAP_SELECTED)
		return -1;
	if (n == 0)
		return 0;
	set = uid_set(uids, n);
	ft = mailimap_fetch_type_new_fetch_att_list_empty();
	if (set == NULL || ft == NULL ||
	    mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid()) !=
		MAILIMAP_NO_ERROR ||
	    mailimap_fetch_type_new_fetch_att_list_add(
		ft, mailimap_fetch_att_new_body_peek_section(mailimap_section_new(NULL))) !=
		MAILIMAP_NO_ERROR) {
		if (set != NULL)
			mailimap_set_free(set);
		if (ft != NULL)
			mailimap_fetch_type_free(ft);
		return fail(s, "fetch", MAILIMAP_ERROR_MEMORY);
	}
	r = mailimap_uid_fetch(s->imap, set, ft, &result);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (r != MAILIMAP_NO_ERROR)
		return fail(s, "uid_fetch", r);
	for (it = clist_begin(result); it != NULL && rc == 0; it = clist_next(it)) {
		struct mailimap_msg_att *att = clist_content(it);
		uint32_t uid = 0;
		const char *body = NULL;
		size_t len = 0;

		for (clistiter *ai = clist_begin(att->att_list); ai != NULL; ai = clist_next(ai)) {
			struct mailimap_msg_att_item *item = clist_content(ai);
			struct mailimap_msg_att_static *st;

			if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC)
				continue;
			st = item->att_data.att_static;
			if (st->att_type == MAILIMAP_MSG_ATT_UID) {
				uid = st->att_data.att_uid;
			} else if (st->att_type == MAILIMAP_MSG_ATT_BODY_SECTION &&
				   st->att_data.att_body_section != NULL) {
				body = st->att_data.att_body_section->sec_body_part;
				len = st->att_data.att_body_section->sec_length;
			}
		}
		/* Unsolicited FETCH responses (flag changes) carry no body: skip them. */
		if (uid == 0 || body == NULL)
			continue;
		rc = fn(arg, uid, body, len);
	}
	mailimap_fetch_list_free(result);
	return rc;
}

int imap_session_noop(struct imap_session *s)
{
	int r;

	if (s->state != IMAP_SELECTED)
		return -1;
	r = mailimap_noop(s->imap);
	if (r != MAILIMAP_NO_ERROR)
		return fail(s, "noop", r);
	return 0;
}

void imap_session_disconnect(struct imap_session *s)
{
	if (s->imap == NULL)
		return;
	if (s->state != IMAP_DISCONNECTED && s->state != IMAP_CONNECTED)
		mailimap_logout(s->imap);
	mailimap_free(s->imap);
	s->imap = NULL;
	enter_state(s, IMAP_DISCONNECTED);
}

void imap_session_free(struct imap_session *s)
{
	if (s == NULL)
		return;
	imap_session_disconnect(s);
	if (s->password != NULL) {
		explicit_bzero(s->password, strlen(s->password));
		free(s->password);
	}
	free(s);
}
