/*
 * db_export.c - SQL for a requester's disclosure; see db_export.h.
 */
#include "db_export.h"

#include "db.h"
#include "db_result.h"

#include <stdlib.h>

/* A JSON array of OBJ (with its ORDER BY) for each row FROM ..., '[]' when there is none. */
#define JSON_LIST(obj, from) "coalesce((SELECT jsonb_agg(" obj ") " from "), '[]'::jsonb)"

DB_STATEMENT(export_requester, 2,
	     "WITH c AS (SELECT * FROM cases WHERE lower(requester_address) = lower($1::text)"
	     "  OR id IN (SELECT case_id FROM case_messages WHERE lower(from_address) = lower($1::text))"
	     "  OR id IN (SELECT case_id FROM outbox WHERE lower(rcpt) = lower($1::text))),"
	     " doc AS (SELECT jsonb_build_object('requester', $1::text, 'exported_at', now(),"
	     "  'exported_by', $2::text, 'cases', " JSON_LIST("jsonb_build_object("
	     "   'number', c.number, 'status', c.status, 'channel', c.channel,"
	     "   'received_at', c.received_at, 'closed_at', c.closed_at, 'resolution', c.resolution,"
	     "   'category', c.category, 'subject', c.subject, 'requester_name', c.requester_name,"
	     "   'requester_address', c.requester_address, 'organisation', c.organisation,"
	     "   'fax_number', c.fax_number, 'caller_role', c.caller_role, 'source', c.source,"
	     "   'consulted_elsewhere', c.consulted_elsewhere, 'owner', c.owner,"
	     "   'merged_into', (SELECT t.number FROM cases t WHERE t.id = c.merged_into),"
	     "   'messages', " JSON_LIST("jsonb_build_object('direction', m.direction, 'kind', m.kind,"
	     "     'via', m.via, 'from_name', m.from_name, 'from_address', m.from_address,"
	     "     'subject', m.subject, 'sent_at', m.sent_at, 'filed_at', m.created_at,"
	     "     'body', m.body_text, 'attachments', " JSON_LIST("jsonb_build_object("
	     "      'filename', a.filename, 'content_type', a.content_type, 'size', a.size,"
	     "      'sha256', encode(a.sha256, 'hex')) ORDER BY a.part",
	     "FROM attachments a WHERE a.case_message_id = m.id") ") ORDER BY m.id",
	     "FROM case_messages m WHERE m.case_id = c.id") ","
	     "   'documents', " JSON_LIST("jsonb_build_object('kind', d.kind, 'filename', d.filename,"
	     "     'content_type', d.content_type, 'size', d.size, 'pages', d.pages,"
	     "     'sha256', encode(d.sha256, 'hex'), 'ocr_text', d.ocr_text) ORDER BY d.id",
	     "FROM case_documents d WHERE d.case_id = c.id") ","
	     "   'notes', " JSON_LIST("jsonb_build_object('author', n.author, 'body', n.body,"
	     "     'at', n.created_at) ORDER BY n.id", "FROM case_notes n WHERE n.case_id = c.id") ","
	     "   'referrals', " JSON_LIST("jsonb_build_object('code', r.code, 'state', r.state,"
	     "     'note', r.note, 'by', r.updated_by, 'at', r.updated_at) ORDER BY r.code",
	     "FROM case_referrals r WHERE r.case_id = c.id") ","
	     "   'shipments', " JSON_LIST("jsonb_build_object('method', s.method, 'copies', s.copies,"
	     "     'state', s.state, 'request', s.request, 'created_at', s.created_at,"
	     "     'closed_at', s.closed_at) ORDER BY s.id",
	     "FROM shipments s WHERE s.case_id = c.id") ","
	     "   'mail_sent', " JSON_LIST("jsonb_build_object('kind', o.kind, 'to', o.rcpt,"
	     "     'state', o.state, 'queued_at', o.created_at, 'sent_at', o.sent_at) ORDER BY o.id",
	     "FROM outbox o WHERE o.case_id = c.id") ","
	     "   'audit', " JSON_LIST("jsonb_build_object('actor', l.actor, 'action', l.action,"
	     "     'detail', l.detail, 'at', l.at) ORDER BY l.id",
	     "FROM audit_log l WHERE l.case_id = c.id") ") ORDER BY c.received_at, c.number",
	     "FROM c") ") AS d),"
	     /* The disclosure itself is on record: who asked for whose data, and how much. */
	     " logged AS (INSERT INTO audit_log (case_id, actor, action, detail)"
	     "  SELECT NULL, $2::text, 'export', jsonb_build_object('requester', $1::text,"
	     "  'cases', (SELECT count(*) FROM c)) RETURNING 1)"
	     " SELECT jsonb_pretty(doc.d), (SELECT count(*) FROM c), (SELECT count(*) FROM logged)"
	     " FROM doc");

int db_export_requester(PGconn *conn, const char *address, const char *actor, char **json,
			long *ncases)
{
	const char *p[2] = {address, actor};
	PGresult *res = db_run_rows(conn, &export_requester, p, 3);

	*json = NULL;
	*ncases = 0;
	if (res == NULL)
		return -1;
	*json = db_result_text(res, 0, 0);
	*ncases = (long)db_result_int64(res, 0, 1);
	PQclear(res);
	return 0;
}
