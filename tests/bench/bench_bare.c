/*
 * bench_bare.c - the bare-minimum intake loop, the yardstick madoguchid is
 * measured against in the same run: UID FETCH in batches of 100 and one
 * multi-row INSERT of the raw bytes per batch, nothing else.
 *
 * usage: bench_bare HOST PORT USER PASSWORD MAILBOX CONNINFO
 * prints: "bare: N mails in S s = R mails/s"
 */
#include "pgarray.h"

#include <libetpan/libetpan.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	mailimap *imap;
	PGconn *db;
	PGresult *res;
	uint32_t exists;
	size_t total = 0;
	double t0;

	if (argc != 7) {
		fprintf(stderr, "usage: bench_bare HOST PORT USER PASSWORD MAILBOX CONNINFO\n");
		return 2;
	}
	db = PQconnectdb(argv[6]);
	if (PQstatus(db) != CONNECTION_OK) {
		fprintf(stderr, "bench_bare: %s", PQerrorMessage(db));
		return 1;
	}
	res = PQexec(db, "DROP TABLE IF EXISTS bench_bare;"
			 "CREATE TABLE bench_bare (id bigserial PRIMARY KEY, raw bytea NOT NULL)");
	PQclear(res);
	imap = mailimap_new(0, NULL);
	if (mailimap_socket_connect(imap, argv[1], (uint16_t)atoi(argv[2])) >
		MAILIMAP_NO_ERROR_NON_AUTHENTICATED ||
	    mailimap_login(imap, argv[3], argv[4]) != MAILIMAP_NO_ERROR ||
	    mailimap_examine(imap, argv[5]) != MAILIMAP_NO_ERROR) {
		fprintf(stderr, "bench_bare: IMAP setup failed\n");
		return 1;
	}
	exists = imap->imap_selection_info->sel_exists;
	t0 = now();
	for (uint32_t first = 1; first <= exists; first += 100) {
		uint32_t last = first + 99 > exists ? exists : first + 99;
		struct mailimap_fetch_type *ft = mailimap_fetch_type_new_fetch_att_list_empty();
		struct mailimap_set *set = mailimap_set_new_interval(first, last);
		struct pgarray raws;
		clist *list = NULL;
		const char *params[1];
		int lengths[1], formats[1] = {1};

		mailimap_fetch_type_new_fetch_att_list_add(
		    ft, mailimap_fetch_att_new_body_peek_section(mailimap_section_new(NULL)));
		if (mailimap_fetch(imap, set, ft, &list) != MAILIMAP_NO_ERROR) {
			fprintf(stderr, "bench_bare: FETCH failed\n");
			return 1;
		}
		mailimap_set_free(set);
		mailimap_fetch_type_free(ft);
		pgarray_init(&raws, PG_OID_BYTEA);
		for (clistiter *it = clist_begin(list); it; it = clist_next(it)) {
			struct mailimap_msg_att *att = clist_content(it);

			for (clistiter *ai = clist_begin(att->att_list); ai; ai = clist_next(ai)) {
				struct mailimap_msg_att_item *item = clist_content(ai);

				if (item->att_type == MAILIMAP_MSG_ATT_ITEM_STATIC &&
				    item->att_data.att_static->att_type == MAILIMAP_MSG_ATT_BODY_SECTION) {
					struct mailimap_msg_att_body_section *b =
					    item->att_data.att_static->att_data.att_body_section;

					pgarray_add(&raws, b->sec_body_part, b->sec_length);
					total++;
				}
			}
		}
		params[0] = pgarray_value(&raws, &lengths[0]);
		res = PQexecParams(db, "INSERT INTO bench_bare (raw) SELECT unnest($1::bytea[])", 1,
				   NULL, params, lengths, formats, 0);
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			fprintf(stderr, "bench_bare: %s", PQerrorMessage(db));
			return 1;
		}
		PQclear(res);
		pgarray_free(&raws);
		mailimap_fetch_list_free(list);
	}
	{
		double s = now() - t0;

		printf("bare: %zu mails in %.2f s = %.0f mails/s\n", total, s, (double)total / s);
	}
	res = PQexec(db, "DROP TABLE bench_bare");
	PQclear(res);
	mailimap_logout(imap);
	mailimap_free(imap);
	PQfinish(db);
	return 0;
}
