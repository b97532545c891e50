/*
 * db_purge.c - SQL for madoctl purge; see db_purge.h.
 */
#include "db_purge.h"

#include "db.h"
#include "db_result.h"

#include <stdio.h>
#include <string.h>

/* The cases to purge, locked: a case reopened meanwhile waits, then is no longer closed. */
#define TARGETS                                                                                    \
	"WITH t AS MATERIALIZED (SELECT id FROM cases WHERE status = 'closed'"                     \
	"  AND closed_at < now() - $1::interval AND purged_at IS NULL FOR UPDATE),"               \
	" m AS MATERIALIZED (SELECT id, inbound_id, direction FROM case_messages"                  \
	"  WHERE case_id IN (SELECT id FROM t)),"                                                   \
	" o AS MATERIALIZED (SELECT i.id, length(i.raw) AS bytes FROM inbound_messages i"          \
	"  WHERE (i.id IN (SELECT inbound_id FROM m)"                                              \
	"  OR i.id IN (SELECT inbound_id FROM case_documents WHERE case_id IN (SELECT id FROM t))"  \
	"  OR i.duplicate_of IN (SELECT inbound_id FROM m)) AND length(i.raw) > 0)"

DB_STATEMENT(purge_count, 1,
	     TARGETS " SELECT (SELECT count(*) FROM t), (SELECT count(*) FROM o),"
	     " (SELECT coalesce(sum(bytes), 0) FROM o),"
	     " (SELECT count(*) FROM attachments WHERE case_message_id IN (SELECT id FROM m)),"
	     " (SELECT count(*) FROM m)");

DB_STATEMENT(purge_run, 1,
	     TARGETS ","
	     " raw AS (UPDATE inbound_messages SET raw = ''::bytea WHERE id IN (SELECT id FROM o)"
	     "  RETURNING 1),"
	     " att AS (DELETE FROM attachments WHERE case_message_id IN (SELECT id FROM m) RETURNING 1),"
	     " msg AS (UPDATE case_messages cm SET body_text = '', own_words = NULL, decode_notes = NULL,"
	     "  from_name = CASE WHEN cm.direction = 'in' THEN pseudonym(nullif(cm.from_address, ''))"
	     "   ELSE cm.from_name END,"
	     "  from_address = CASE WHEN cm.direction = 'in' AND cm.from_address <> ''"
	     "   THEN pseudonym(cm.from_address) || '@pseudonym.invalid' ELSE cm.from_address END"
	     "  WHERE cm.id IN (SELECT id FROM m) RETURNING 1),"
	     " doc AS (UPDATE case_documents SET ocr_text = NULL, filename = NULL"
	     "  WHERE case_id IN (SELECT id FROM t) RETURNING 1),"
	     " note AS (UPDATE case_notes SET body = '(消去済み)' WHERE case_id IN (SELECT id FROM t)"
	     "  RETURNING 1),"
	     " ship AS (UPDATE shipments SET request = '{}'::jsonb WHERE case_id IN (SELECT id FROM t)"
	     "  RETURNING 1),"
	     " mail AS (UPDATE outbox SET raw = ''::bytea,"
	     "  rcpt = pseudonym(rcpt) || '@pseudonym.invalid' WHERE case_id IN (SELECT id FROM t)"
	     "  RETURNING 1),"
	     /*
	      * The requester's pseudonym comes from their address when the case
	      * has one, so that their cases share it; the triage keeps what the
	      * report counts and drops the contact details it read.
	      */
	     " c AS (UPDATE cases c SET"
	     "  requester_name = pseudonym(coalesce(nullif(c.requester_address, ''), c.requester_name)),"
	     "  requester_address = CASE WHEN c.requester_address <> ''"
	     "   THEN pseudonym(c.requester_address) || '@pseudonym.invalid' ELSE '' END,"
	     "  organisation = pseudonym(c.organisation), fax_number = NULL, fax_csid = NULL,"
	     "  triage = c.triage #- '{material_request,organization}' #- '{material_request,contact}'"
	     "   #- '{material_request,postal_code}' #- '{material_request,address}'"
	     "   #- '{material_request,phone}' #- '{material_request,fax}'"
	     "   #- '{material_request,purpose}',"
	     "  purged_at = now() WHERE c.id IN (SELECT id FROM t) RETURNING 1)"
	     " SELECT (SELECT count(*) FROM c), (SELECT count(*) FROM raw),"
	     " (SELECT coalesce(sum(bytes), 0) FROM o), (SELECT count(*) FROM att),"
	     /* Every part of WITH runs to its end, read here or not. */
	     " (SELECT count(*) FROM msg)");

/* The search index forgets the texts: recomputed from what the cases keep. */
DB_STATEMENT(purge_bigrams, 0,
	     "UPDATE cases SET bigrams = case_bigrams(id, subject) WHERE purged_at = now()");

DB_STATEMENT(purge_audit, 3,
	     "INSERT INTO audit_log (case_id, actor, action, detail) VALUES (NULL, $1, 'purge',"
	     " jsonb_build_object('older_than', $2::text, 'cases', $3::bigint))");

int db_purge(PGconn *conn, const char *older_than, const char *actor, bool dry_run,
	     struct purge_counts *out)
{
	const char *p[1] = {older_than};
	PGresult *res;
	char cases[24];
	const char *a[3] = {actor, older_than, cases};

	memset(out, 0, sizeof(*out));
	if (db_begin(conn) == -1)
		return -1;
	res = db_run_rows(conn, dry_run ? &purge_count : &purge_run, p, 5);
	if (res == NULL) {
		db_rollback(conn);
		return -1;
	}
	out->cases = db_result_int64(res, 0, 0);
	out->originals = db_result_int64(res, 0, 1);
	out->raw_bytes = db_result_int64(res, 0, 2);
	out->attachments = db_result_int64(res, 0, 3);
	out->messages = db_result_int64(res, 0, 4);
	PQclear(res);
	if (dry_run) {
		db_rollback(conn);
		return 0;
	}
	snprintf(cases, sizeof(cases), "%lld", (long long)out->cases);
	if (db_run_exec(conn, &purge_bigrams, NULL) == -1 || db_run_exec(conn, &purge_audit, a) == -1) {
		db_rollback(conn);
		return -1;
	}
	return db_commit(conn);
}
