/*
 * imap_session.c - IMAP over libetpan for intake.
 *
 * Only what intake needs: UID SEARCH for the UIDs not stored yet, UID FETCH
 * of sizes and of BODY.PEEK[] (PEEK leaves \Seen alone: a message is marked
 * or moved only after its bytes are committed), STORE/MOVE after commit, and
 * IDLE to hear of new mail at once.
 *
 * TLS: Debian's libetpan (GnuTLS) accepts any certificate, so the chain the
 * server presented is verified here, against the system store or
 * [imap] tls_ca_file, before the password is sent.
 */
#include "imap_session.h"

#include "config.h"
#include "log.h"
#include "tls_verify.h"

#include <libetpan/libetpan.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum imap_state { IMAP_DISCONNECTED, IMAP_CONNECTED, IMAP_AUTHENTICATED, IMAP_SELECTED, IMAP_IDLING };

struct imap_session {
	const struct imap_config *cfg;
	char *password;
	mailimap *imap;
	enum imap_state state;
	uint32_t uidvalidity;
	bool can_idle, can_move, can_uidplus;
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
	case IMAP_IDLING:
		return "idling";
	}
	return "?";
}

static void enter_state(struct imap_session *s, enum imap_state st)
{
	log_debug("imap mailbox=%s state=%s->%s", s->cfg->name, strstate(s->state), strstate(st));
	s->state = st;
}

struct imap_session *imap_session_new(const struct imap_config *cfg, const char *password)
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

	log_warnx("imap mailbox=%s host=%s op=%s error=%d state=%s response=\"%s\"", s->cfg->name,
		  s->cfg->host, what, r, strstate(s->state), resp != NULL ? resp : "");
	imap_session_disconnect(s);
	return -1;
}

/* Verifies the peer's certificate chain; on failure the connection is dropped unused. */
static int verify_peer(struct imap_session *s)
{
	carray *chain;
	struct tls_der *ders;
	char why[512];
	unsigned n;
	int rc;

	if (!s->cfg->tls_verify) {
		log_warnx("imap mailbox=%s host=%s tls_verify=no: the server's certificate is NOT "
			  "checked; use this only for tests",
			  s->cfg->name, s->cfg->host);
		return 0;
	}
	chain = mailstream_get_certificate_chain(s->imap->imap_stream);
	n = chain != NULL ? carray_count(chain) : 0;
	ders = calloc(n + 1, sizeof(*ders));
	if (ders == NULL) {
		mailstream_certificate_chain_free(chain);
		return -1;
	}
	for (unsigned i = 0; i < n; i++) {
		MMAPString *der = carray_get(chain, i);

		ders[i].data = (const unsigned char *)der->str;
		ders[i].len = der->len;
	}
	rc = tls_verify_chain(ders, n, s->cfg->host, s->cfg->tls_ca_file, why, sizeof(why));
	free(ders);
	if (chain != NULL)
		mailstream_certificate_chain_free(chain);
	if (rc != 0) {
		log_warnx("imap mailbox=%s host=%s tls=refused reason=\"%s\"", s->cfg->name,
			  s->cfg->host, why);
		imap_session_disconnect(s);
		return -1;
	}
	log_debug("imap mailbox=%s host=%s tls=verified", s->cfg->name, s->cfg->host);
	return 0;
}

/* Sends the host name (SNI) so a server with several names presents the right certificate. */
static void tls_setup(struct mailstream_ssl_context *ctx, void *data)
{
	const struct imap_config *cfg = data;

	mailstream_ssl_set_server_name(ctx, cfg->host);
}

static bool ok(int r)
{
	return r == MAILIMAP_NO_ERROR || r == MAILIMAP_NO_ERROR_AUTHENTICATED ||
	       r == MAILIMAP_NO_ERROR_NON_AUTHENTICATED;
}

static int authenticate(struct imap_session *s)
{
	const struct imap_config *cfg = s->cfg;

	if (cfg->auth == IMAP_AUTH_PLAIN)
		return mailimap_authenticate(s->imap, "PLAIN", cfg->host, NULL, NULL, cfg->user,
					     cfg->user, s->password, NULL);
	return mailimap_login(s->imap, cfg->user, s->password);
}

static void read_capabilities(struct imap_session *s)
{
	struct mailimap_capability_data *caps = NULL;

	/* Servers often send fewer capabilities before login: ask again now. */
	if (mailimap_capability(s->imap, &caps) == MAILIMAP_NO_ERROR && caps != NULL)
		mailimap_capability_data_free(caps);
	s->can_idle = mailimap_has_idle(s->imap) != 0;
	s->can_move = mailimap_has_extension(s->imap, "MOVE") != 0;
	s->can_uidplus = mailimap_has_extension(s->imap, "UIDPLUS") != 0;
}

int imap_session_open(struct imap_session *s)
{
	const struct imap_config *cfg = s->cfg;
	int r;

	if (s->state == IMAP_SELECTED)
		return 0;
	imap_session_disconnect(s);
	s->imap = mailimap_new(0, NULL);
	if (s->imap == NULL)
		return fail(s, "new", MAILIMAP_ERROR_MEMORY);
	mailimap_set_timeout(s->imap, cfg->timeout);
	if (cfg->security == IMAP_SECURITY_TLS)
		r = mailimap_ssl_connect_with_callback(s->imap, cfg->host, (uint16_t)cfg->port,
						       tls_setup, (void *)(uintptr_t)cfg);
	else
		r = mailimap_socket_connect(s->imap, cfg->host, (uint16_t)cfg->port);
	if (!ok(r))
		return fail(s, "connect", r);
	enter_state(s, IMAP_CONNECTED);
	if (cfg->security == IMAP_SECURITY_STARTTLS) {
		r = mailimap_socket_starttls_with_callback(s->imap, tls_setup,
							   (void *)(uintptr_t)cfg);
		if (r != MAILIMAP_NO_ERROR)
			return fail(s, "starttls", r);
	}
	if (cfg->security != IMAP_SECURITY_NONE && verify_peer(s) == -1)
		return -1;
	r = authenticate(s);
	if (r != MAILIMAP_NO_ERROR)
		return fail(s, cfg->auth == IMAP_AUTH_PLAIN ? "authenticate" : "login", r);
	enter_state(s, IMAP_AUTHENTICATED);
	read_capabilities(s);
	/* The processed mailbox is made on first use; CREATE fails harmlessly when it exists. */
	if (cfg->after_commit == IMAP_AFTER_MOVE && cfg->processed_mailbox != NULL)
		mailimap_create(s->imap, cfg->processed_mailbox);
	r = mailimap_select(s->imap, cfg->mailbox);
	if (r != MAILIMAP_NO_ERROR)
		return fail(s, "select", r);
	if (s->imap->imap_selection_info == NULL ||
	    s->imap->imap_selection_info->sel_uidvalidity == 0)
		return fail(s, "uidvalidity", MAILIMAP_ERROR_PARSE);
	s->uidvalidity = s->imap->imap_selection_info->sel_uidvalidity;
	enter_state(s, IMAP_SELECTED);
	log_info("imap mailbox=%s host=%s folder=%s uidvalidity=%u idle=%s result=selected",
		 cfg->name, cfg->host, cfg->mailbox, s->uidvalidity,
		 s->can_idle && cfg->idle ? "yes" : "no");
	return 0;
}

uint32_t imap_session_uidvalidity(const struct imap_session *s)
{
	return s->uidvalidity;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Runs UID SEARCH KEY (freed here): the UIDs found that KEEP accepts,
 * ascending, in a malloc'd *UIDS (*N of them). 0 or -1.
 */
static int uid_search(struct imap_session *s, struct mailimap_search_key *key,
		      bool (*keep)(uint32_t uid, const void *arg), const void *arg, uint32_t **uids,
		      size_t *n)
{
	clist *result = NULL;
	uint32_t *out;
	size_t count = 0;
	int r;

	r = mailimap_uid_search(s->imap, NULL, key, &result);
	mailimap_search_key_free(key);
	if (r != MAILIMAP_NO_ERROR)
		return fail(s, "uid_search", r);
	out = malloc((clist_count(result) + 1) * sizeof(*out));
	if (out == NULL) {
		mailimap_search_result_free(result);
		return fail(s, "search", MAILIMAP_ERROR_MEMORY);
	}
	for (clistiter *it = clist_begin(result); it != NULL; it = clist_next(it)) {
		uint32_t uid = *(uint32_t *)clist_content(it);

		if (keep(uid, arg))
			out[count++] = uid;
	}
	mailimap_search_result_free(result);
	qsort(out, count, sizeof(*out), cmp_u32);
	*uids = out;
	*n = count;
	return 0;
}

/* ARG: {first, last}, last 0 for no upper bound. */
static bool in_range(uint32_t uid, const void *arg)
{
	const uint32_t *r = arg;

	return uid >= r[0] && (r[1] == 0 || uid <= r[1]);
}

struct uid_list {
	const uint32_t *uids; /* ascending */
	size_t n;
};

static bool asked(uint32_t uid, const void *arg)
{
	const struct uid_list *l = arg;

	return bsearch(&uid, l->uids, l->n, sizeof(*l->uids), cmp_u32) != NULL;
}

int imap_session_search(struct imap_session *s, uint32_t first, uint32_t last, bool unseen,
			uint32_t **uids, size_t *n)
{
	struct mailimap_search_key *key, *uidkey;
	struct mailimap_set *set;

	*uids = NULL;
	*n = 0;
	if (s->state != IMAP_SELECTED)
		return -1;
	if (first == 0 || (last != 0 && last < first))
		return 0;
	set = mailimap_set_new_interval(first, last);
	uidkey = set != NULL ? mailimap_search_key_new_uid(set) : NULL;
	if (uidkey == NULL) {
		if (set != NULL)
			mailimap_set_free(set);
		return fail(s, "search", MAILIMAP_ERROR_MEMORY);
	}
	key = uidkey;
	if (unseen) {
		key = mailimap_search_key_new_multiple_empty();
		if (key == NULL ||
		    mailimap_search_key_multiple_add(key, uidkey) != MAILIMAP_NO_ERROR ||
		    mailimap_search_key_multiple_add(
			key, mailimap_search_key_new(MAILIMAP_SEARCH_KEY_UNSEEN, NULL, NULL, NULL,
						     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
						     NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL,
						     NULL, NULL, 0, NULL, NULL, NULL)) !=
			MAILIMAP_NO_ERROR) {
			mailimap_search_key_free(key ? key : uidkey);
			return fail(s, "search", MAILIMAP_ERROR_MEMORY);
		}
	}
	/* "n:*" also matches the highest UID when it is below n: filter. */
	return uid_search(s, key, in_range, (uint32_t[2]){first, last}, uids, n);
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

/* Walks a FETCH result calling FN with each message's UID and static items. */
typedef int (*att_fn)(void *arg, uint32_t uid, struct mailimap_msg_att *att);

static int each_message(clist *result, att_fn fn, void *arg)
{
	int rc = 0;

	for (clistiter *it = clist_begin(result); it != NULL && rc == 0; it = clist_next(it)) {
		struct mailimap_msg_att *att = clist_content(it);
		uint32_t uid = 0;

		for (clistiter *ai = clist_begin(att->att_list); ai != NULL; ai = clist_next(ai)) {
			struct mailimap_msg_att_item *item = clist_content(ai);

			if (item->att_type == MAILIMAP_MSG_ATT_ITEM_STATIC &&
			    item->att_data.att_static->att_type == MAILIMAP_MSG_ATT_UID)
				uid = item->att_data.att_static->att_data.att_uid;
		}
		/* Unsolicited FETCH responses (flag changes by others) carry no UID we asked for. */
		if (uid != 0)
			rc = fn(arg, uid, att);
	}
	return rc;
}

static struct mailimap_msg_att_static *find_static(struct mailimap_msg_att *att, int type)
{
	for (clistiter *ai = clist_begin(att->att_list); ai != NULL; ai = clist_next(ai)) {
		struct mailimap_msg_att_item *item = clist_content(ai);

		if (item->att_type == MAILIMAP_MSG_ATT_ITEM_STATIC &&
		    item->att_data.att_static->att_type == type)
			return item->att_data.att_static;
	}
	return NULL;
}

static int uid_fetch(struct imap_session *s, const uint32_t *uids, size_t n,
		     struct mailimap_fetch_att *att, clist **result)
{
	struct mailimap_fetch_type *ft = mailimap_fetch_type_new_fetch_att_list_empty();
	struct mailimap_set *set = uid_set(uids, n);
	int r;

	if (set == NULL || ft == NULL || att == NULL ||
	    mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid()) !=
		MAILIMAP_NO_ERROR ||
	    mailimap_fetch_type_new_fetch_att_list_add(ft, att) != MAILIMAP_NO_ERROR) {
		if (set != NULL)
			mailimap_set_free(set);
		if (ft != NULL)
			mailimap_fetch_type_free(ft);
		return fail(s, "fetch", MAILIMAP_ERROR_MEMORY);
	}
	r = mailimap_uid_fetch(s->imap, set, ft, result);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (r != MAILIMAP_NO_ERROR)
		return fail(s, "uid_fetch", r);
	return 0;
}

struct size_ctx {
	const uint32_t *uids;
	size_t n;
	uint32_t *sizes;
};

static int take_size(void *arg, uint32_t uid, struct mailimap_msg_att *att)
{
	struct size_ctx *c = arg;
	struct mailimap_msg_att_static *st = find_static(att, MAILIMAP_MSG_ATT_RFC822_SIZE);
	const uint32_t *at = bsearch(&uid, c->uids, c->n, sizeof(uint32_t), cmp_u32);

	if (st != NULL && at != NULL)
		c->sizes[at - c->uids] = st->att_data.att_rfc822_size;
	return 0;
}

/*
 * Which of UIDS[0..N) are larger than AT_MOST: their UIDs, ascending, in
 * *LARGER (malloc'd, *NL of them). 0 or -1.
 */
static int search_larger(struct imap_session *s, const uint32_t *uids, size_t n, uint32_t at_most,
			 uint32_t **larger, size_t *nl)
{
	struct mailimap_set *set = uid_set(uids, n);
	struct mailimap_search_key *key = mailimap_search_key_new_multiple_empty();
	struct mailimap_search_key *uidkey = set != NULL ? mailimap_search_key_new_uid(set) : NULL;
	struct mailimap_search_key *sizekey = mailimap_search_key_new_larger(at_most);
	bool built = key != NULL && uidkey != NULL && sizekey != NULL;

	if (uidkey == NULL && set != NULL)
		mailimap_set_free(set);
	/* Each key added belongs to KEY from then on; until then to this function. */
	if (built && (built = mailimap_search_key_multiple_add(key, uidkey) == MAILIMAP_NO_ERROR))
		uidkey = NULL;
	if (built && (built = mailimap_search_key_multiple_add(key, sizekey) == MAILIMAP_NO_ERROR))
		sizekey = NULL;
	if (!built) {
		if (key != NULL)
			mailimap_search_key_free(key);
		if (uidkey != NULL)
			mailimap_search_key_free(uidkey);
		if (sizekey != NULL)
			mailimap_search_key_free(sizekey);
		return fail(s, "search", MAILIMAP_ERROR_MEMORY);
	}
	/* Only UIDs asked about: a server may answer with more. */
	return uid_search(s, key, asked, &(struct uid_list){uids, n}, larger, nl);
}

int imap_session_sizes(struct imap_session *s, const uint32_t *uids, size_t n, uint32_t at_most,
		       uint32_t *sizes)
{
	struct size_ctx c = {uids, n, sizes};
	const uint32_t *ask = uids;
	uint32_t *larger = NULL;
	size_t nask = n;
	clist *result = NULL;

	memset(sizes, 0, n * sizeof(*sizes));
	if (s->state != IMAP_SELECTED)
		return -1;
	if (n == 0)
		return 0;
	/*
	 * A backlog of small mail: listing every size cost a sixth of the time
	 * it took to fetch the mails themselves, and an upper bound is all
	 * the caller needs of a small one.
	 */
	if (at_most > 0) {
		if (search_larger(s, uids, n, at_most, &larger, &nask) == -1)
			return -1;
		for (size_t i = 0; i < n; i++)
			sizes[i] = at_most;
		ask = larger;
	}
	if (nask > 0 &&
	    uid_fetch(s, ask, nask, mailimap_fetch_att_new_rfc822_size(), &result) == -1) {
		free(larger);
		return -1;
	}
	if (nask > 0) {
		/* A larger one that vanished meanwhile reads 0, as with every size fetched. */
		for (size_t i = 0; i < nask && at_most > 0; i++)
			sizes[(const uint32_t *)bsearch(&ask[i], uids, n, sizeof(*uids), cmp_u32) -
			      uids] = 0;
		each_message(result, take_size, &c);
		mailimap_fetch_list_free(result);
	}
	free(larger);
	return 0;
}

struct body_ctx {
	imap_message_fn fn;
	void *arg;
	size_t partial;
};

static int take_body(void *arg, uint32_t uid, struct mailimap_msg_att *att)
{
	struct body_ctx *c = arg;
	struct mailimap_msg_att_static *st = find_static(att, MAILIMAP_MSG_ATT_BODY_SECTION);
	struct imap_message m = {uid, NULL, 0, 0};

	if (st == NULL || st->att_data.att_body_section == NULL ||
	    st->att_data.att_body_section->sec_body_part == NULL)
		return 0; /* a flag update, not our body */
	m.raw = st->att_data.att_body_section->sec_body_part;
	m.len = st->att_data.att_body_section->sec_length;
	m.size = m.len;
	return c->fn(c->arg, &m);
}

int imap_session_fetch(struct imap_session *s, const uint32_t *uids, size_t n, size_t partial,
		       imap_message_fn fn, void *arg)
{
	struct body_ctx c = {fn, arg, partial};
	struct mailimap_section *section;
	struct mailimap_fetch_att *att;
	clist *result = NULL;
	int rc;

	if (s->state != IMAP_SELECTED)
		return -1;
	if (n == 0)
		return 0;
	section = mailimap_section_new(NULL);
	if (section == NULL)
		return fail(s, "fetch", MAILIMAP_ERROR_MEMORY);
	att = partial > 0
		  ? mailimap_fetch_att_new_body_peek_section_partial(section, 0, (uint32_t)partial)
		  : mailimap_fetch_att_new_body_peek_section(section);
	if (uid_fetch(s, uids, n, att, &result) == -1)
		return -1;
	rc = each_message(result, take_body, &c);
	mailimap_fetch_list_free(result);
	return rc;
}

int imap_session_fetch_range(struct imap_session *s, uint32_t uid, size_t offset, size_t length,
			     imap_message_fn fn, void *arg)
{
	struct body_ctx c = {fn, arg, length};
	struct mailimap_section *section;
	struct mailimap_fetch_att *att;
	clist *result = NULL;
	int rc;

	if (s->state != IMAP_SELECTED || offset > UINT32_MAX || length > UINT32_MAX)
		return -1;
	section = mailimap_section_new(NULL);
	if (section == NULL)
		return fail(s, "fetch", MAILIMAP_ERROR_MEMORY);
	att = mailimap_fetch_att_new_body_peek_section_partial(section, (uint32_t)offset,
							       (uint32_t)length);
	if (uid_fetch(s, &uid, 1, att, &result) == -1)
		return -1;
	rc = each_message(result, take_body, &c);
	mailimap_fetch_list_free(result);
	return rc;
}

/* Adds FLAG (\Seen, \Deleted) to UIDS silently. 0 or -1. */
static int add_flag(struct imap_session *s, const uint32_t *uids, size_t n,
		    struct mailimap_flag *flag)
{
	struct mailimap_flag_list *flags = mailimap_flag_list_new_empty();
	struct mailimap_store_att_flags *store = NULL;
	struct mailimap_set *set = uid_set(uids, n);
	int r = MAILIMAP_ERROR_MEMORY;

	if (flags != NULL && flag != NULL && mailimap_flag_list_add(flags, flag) == MAILIMAP_NO_ERROR) {
		flag = NULL; /* the list owns it now */
		store = mailimap_store_att_flags_new_add_flags_silent(flags);
		if (store != NULL)
			flags = NULL; /* the store owns the list now */
	}
	if (store != NULL && set != NULL)
		r = mailimap_uid_store(s->imap, set, store);
	if (store != NULL)
		mailimap_store_att_flags_free(store);
	if (flags != NULL)
		mailimap_flag_list_free(flags);
	if (flag != NULL)
		mailimap_flag_free(flag);
	if (set != NULL)
		mailimap_set_free(set);
	return r == MAILIMAP_NO_ERROR ? 0 : fail(s, "uid_store", r);
}

int imap_session_mark_seen(struct imap_session *s, const uint32_t *uids, size_t n)
{
	if (s->state != IMAP_SELECTED)
		return -1;
	if (n == 0)
		return 0;
	return add_flag(s, uids, n, mailimap_flag_new_seen());
}

int imap_session_move(struct imap_session *s, const uint32_t *uids, size_t n, const char *mailbox)
{
	struct mailimap_set *set;
	int r;

	if (s->state != IMAP_SELECTED)
		return -1;
	if (n == 0)
		return 0;
	set = uid_set(uids, n);
	if (set == NULL)
		return fail(s, "move", MAILIMAP_ERROR_MEMORY);
	if (s->can_move) {
		r = mailimap_uid_move(s->imap, set, mailbox);
		mailimap_set_free(set);
		return r == MAILIMAP_NO_ERROR ? 0 : fail(s, "uid_move", r);
	}
	/* No MOVE: copy, flag deleted, and expunge only these UIDs (UIDPLUS) or all. */
	r = mailimap_uid_copy(s->imap, set, mailbox);
	mailimap_set_free(set);
	if (r != MAILIMAP_NO_ERROR)
		return fail(s, "uid_copy", r);
	if (add_flag(s, uids, n, mailimap_flag_new_deleted()) == -1)
		return -1;
	set = uid_set(uids, n);
	if (set == NULL)
		return fail(s, "expunge", MAILIMAP_ERROR_MEMORY);
	r = s->can_uidplus ? mailimap_uid_expunge(s->imap, set) : mailimap_expunge(s->imap);
	mailimap_set_free(set);
	return r == MAILIMAP_NO_ERROR ? 0 : fail(s, "expunge", r);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

int imap_session_wait(struct imap_session *s, imap_stop_fn stop)
{
	long deadline;
	int got = 0, r;

	if (s->state != IMAP_SELECTED)
		return -1;
	if (s->cfg->recheck_ms > 0) {
		/*
		 * Dovecot holds IDLE notifications back for 500 ms; on a server
		 * next door a cheap NOOP every few dozen ms is faster. The server
		 * answers NOOP with EXISTS when the mailbox grew.
		 */
		uint32_t before = s->imap->imap_selection_info->sel_exists;

		deadline = now_ms() + s->cfg->poll_interval * 1000L;
		while (!stop()) {
			struct timespec ts = {s->cfg->recheck_ms / 1000,
					      (s->cfg->recheck_ms % 1000) * 1000000L};

			nanosleep(&ts, NULL);
			r = mailimap_noop(s->imap);
			if (r != MAILIMAP_NO_ERROR)
				return fail(s, "noop", r);
			if (s->imap->imap_selection_info->sel_exists != before || now_ms() >= deadline)
				return 1;
		}
		return 0;
	}
	if (!s->cfg->idle || !s->can_idle) {
		deadline = now_ms() + s->cfg->poll_interval * 1000L;
		while (now_ms() < deadline && !stop()) {
			struct timespec ts = {0, 100 * 1000000L};

			nanosleep(&ts, NULL);
		}
		if (stop())
			return 0;
		r = mailimap_noop(s->imap);
		return r == MAILIMAP_NO_ERROR ? 1 : fail(s, "noop", r);
	}
	r = mailimap_idle(s->imap);
	if (r != MAILIMAP_NO_ERROR)
		return fail(s, "idle", r);
	enter_state(s, IMAP_IDLING);
	/* Anything the server sent with its continuation is already buffered. */
	got = s->imap->imap_stream != NULL && s->imap->imap_stream->read_buffer_len > 0;
	deadline = now_ms() + s->cfg->idle_interval * 1000L;
	while (!got && !stop() && now_ms() < deadline) {
		struct pollfd pfd = {mailimap_idle_get_fd(s->imap), POLLIN, 0};
		int n = poll(&pfd, 1, 200);

		if (n > 0)
			got = 1;
		else if (n < 0 && errno != EINTR)
			break;
	}
	r = mailimap_idle_done(s->imap);
	if (r != MAILIMAP_NO_ERROR)
		return fail(s, "idle_done", r);
	enter_state(s, IMAP_SELECTED);
	return got;
}

void imap_session_disconnect(struct imap_session *s)
{
	if (s->imap == NULL)
		return;
	if (s->state == IMAP_AUTHENTICATED || s->state == IMAP_SELECTED)
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
