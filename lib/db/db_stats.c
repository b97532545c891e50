/*
 * db_stats.c - SQL for the statistics report; see db_stats.h.
 *
 * Every breakdown counts the cases of one set, so each sums to that set's
 * total: the cases received in [from, to) of the desk's time zone, merged
 * cases left out (their messages count in the case they were merged into).
 * Parameters are the same for all: $1 from, $2 to (exclusive; dates), $3
 * the time zone.
 */
#include "db_stats.h"

#include "db.h"
#include "db_result.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The period's bounds as instants, and the cases received in it. */
/*
 * The bounds come as instants ($4, $5) that db_stats_report computed once:
 * parameters, unlike a CTE, are constants to the planner, which then
 * estimates each range from the statistics and picks the right index.
 */
#define PERIOD                                                                                     \
	"WITH r AS (SELECT c.* FROM cases c WHERE c.received_at >= $4::timestamptz"               \
	"  AND c.received_at < $5::timestamptz AND c.merged_into IS NULL"                          \
	"  AND $1::date IS NOT NULL AND $2::date IS NOT NULL AND $3::text IS NOT NULL),"            \
	" k AS (SELECT * FROM kb_categories WHERE version_id = (SELECT max(id) FROM kb_versions)) "

/* The manual's four groups, by the taxonomy's seed reference. */
#define GROUP_OF(ref)                                                                              \
	"CASE WHEN " ref " IS NULL THEN 'unclassified'"                                            \
	" WHEN " ref " LIKE '02%' THEN 'preparation'"                                              \
	" WHEN " ref " = '09.03' THEN 'material'"                                                  \
	" WHEN " ref " LIKE '09%' THEN 'non_security'"                                             \
	" ELSE 'incident' END"

DB_STATEMENT(stats_snapshot, 0, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");

DB_STATEMENT(stats_received, 5,
	     PERIOD "SELECT 'total', '受付件数', count(*) FROM r");

DB_STATEMENT(stats_channel, 5,
	     PERIOD "SELECT ch, CASE ch WHEN 'mail' THEN 'メール' WHEN 'fax' THEN 'FAX'"
	     " WHEN 'eapp' THEN '電子申請' WHEN 'phone' THEN '電話' ELSE '来所' END,"
	     " (SELECT count(*) FROM r WHERE r.channel = ch)"
	     " FROM unnest(ARRAY['mail', 'fax', 'eapp', 'phone', 'visit']) WITH ORDINALITY x(ch, o)"
	     " ORDER BY o");

DB_STATEMENT(stats_kind, 5,
	     PERIOD "SELECT kd, CASE kd WHEN 'consultation' THEN '相談' WHEN 'material_request'"
	     " THEN '資料請求' WHEN 'other' THEN 'その他' ELSE '未分類' END,"
	     " (SELECT count(*) FROM r WHERE coalesce(r.triage->>'kind', 'unclassified') = kd)"
	     " FROM unnest(ARRAY['consultation', 'material_request', 'other', 'unclassified'])"
	     " WITH ORDINALITY x(kd, o) ORDER BY o");

DB_STATEMENT(stats_group, 5,
	     PERIOD ", g AS (SELECT " GROUP_OF("k.seed_ref") " AS grp FROM r LEFT JOIN k"
	     "  ON k.code = r.category)"
	     " SELECT grp, CASE grp WHEN 'incident' THEN '緊急の相談' WHEN 'preparation'"
	     " THEN '平時の備え' WHEN 'non_security' THEN 'セキュリティ以外' WHEN 'material'"
	     " THEN '資料請求' ELSE '未分類' END, (SELECT count(*) FROM g WHERE g.grp = x.grp)"
	     " FROM unnest(ARRAY['incident', 'preparation', 'non_security', 'material',"
	     " 'unclassified']) WITH ORDINALITY x(grp, o) ORDER BY o");

/* Every category of the knowledge base, zero or not, then codes it no longer has. */
DB_STATEMENT(stats_category, 5,
	     PERIOD "SELECT coalesce(k.code, r.category, 'unclassified'),"
	     " coalesce(k.label_ja, r.category, '未分類'), count(r.id)"
	     " FROM k FULL JOIN r ON r.category = k.code"
	     " GROUP BY 1, 2, k.seed_ref ORDER BY k.seed_ref NULLS LAST, 1");

DB_STATEMENT(stats_confirmed, 5,
	     PERIOD "SELECT x.c, CASE x.c WHEN 'confirmed' THEN 'スタッフが確定'"
	     " WHEN 'predicted' THEN '自動分類のみ(未確定)' ELSE '未分類' END,"
	     " (SELECT count(*) FROM r WHERE CASE WHEN r.category IS NULL THEN 'unclassified'"
	     "  WHEN r.category_confirmed THEN 'confirmed' ELSE 'predicted' END = x.c)"
	     " FROM unnest(ARRAY['confirmed', 'predicted', 'unclassified']) WITH ORDINALITY x(c, o)"
	     " ORDER BY o");

DB_STATEMENT(stats_urgent, 5,
	     PERIOD "SELECT x.u, CASE x.u WHEN 'urgent' THEN '緊急' ELSE '通常' END,"
	     " (SELECT count(*) FROM r WHERE r.urgent = (x.u = 'urgent'))"
	     " FROM unnest(ARRAY['urgent', 'normal']) WITH ORDINALITY x(u, o) ORDER BY o");

/* Each day of the period in the desk's time zone, days without cases too. */
DB_STATEMENT(stats_day, 5,
	     PERIOD ", n AS (SELECT (r.received_at AT TIME ZONE $3::text)::date AS d, count(*) AS n"
	     "  FROM r GROUP BY 1)"
	     " SELECT to_char(g.d, 'YYYY-MM-DD'), to_char(g.d, 'FMMM月FMDD日'), coalesce(n.n, 0)"
	     " FROM generate_series($1::date, $2::date - 1, interval '1 day') g(d)"
	     " LEFT JOIN n ON n.d = g.d ORDER BY g.d");

/* What became of the period's cases by its end. */
DB_STATEMENT(stats_state_at_end, 5,
	     PERIOD "SELECT x.st, CASE x.st WHEN 'closed' THEN '期間内に終了'"
	     " ELSE '期末時点で対応中' END,"
	     " (SELECT count(*) FROM r WHERE (r.closed_at IS NOT NULL AND r.closed_at < $5::timestamptz)"
	     "  = (x.st = 'closed'))"
	     " FROM unnest(ARRAY['closed', 'open']) WITH ORDINALITY x(st, o) ORDER BY o");

DB_STATEMENT(stats_resolution, 5,
	     PERIOD "SELECT coalesce(r.resolution, 'open'), coalesce(r.resolution, '対応中'),"
	     " count(*) FROM r GROUP BY 1, 2 ORDER BY count(*) DESC, 1");

DB_STATEMENT(stats_role, 5,
	     PERIOD "SELECT x.ro, CASE x.ro WHEN 'owner' THEN '経営者' WHEN 'admin'"
	     " THEN 'システム管理者' WHEN 'staff' THEN '一般の従業員' ELSE '不明' END,"
	     " (SELECT count(*) FROM r WHERE coalesce(r.caller_role, 'unknown') = x.ro)"
	     " FROM unnest(ARRAY['owner', 'admin', 'staff', 'unknown']) WITH ORDINALITY x(ro, o)"
	     " ORDER BY o");

DB_STATEMENT(stats_source, 5,
	     PERIOD "SELECT coalesce(r.source, 'unknown') AS key, coalesce(r.source, '不明'),"
	     " count(*) FROM r GROUP BY 1, 2 ORDER BY bool_or(r.source IS NULL), 3 DESC, 1");

DB_STATEMENT(stats_elsewhere, 5,
	     PERIOD "SELECT x.e, CASE x.e WHEN 'yes' THEN '他で相談済み' WHEN 'no'"
	     " THEN '初めての相談' ELSE '不明' END,"
	     " (SELECT count(*) FROM r WHERE CASE WHEN r.consulted_elsewhere IS NULL THEN 'unknown'"
	     "  WHEN r.consulted_elsewhere = 'no' THEN 'no' ELSE 'yes' END = x.e)"
	     " FROM unnest(ARRAY['yes', 'no', 'unknown']) WITH ORDINALITY x(e, o) ORDER BY o");

/* Each case once per state its referrals reached: a case with two made counts once under made. */
DB_STATEMENT(stats_referral_state, 5,
	     PERIOD ", rf AS (SELECT r.id, coalesce(d.state, 'suggested') AS state FROM r"
	     "  CROSS JOIN LATERAL"
	     "  jsonb_array_elements_text(coalesce(r.triage->'referrals', '[]'::jsonb)) s(code)"
	     "  LEFT JOIN case_referrals d ON d.case_id = r.id AND d.code = s.code"
	     "  UNION SELECT d.case_id, d.state FROM case_referrals d JOIN r ON r.id = d.case_id)"
	     " SELECT x.st, CASE x.st WHEN 'suggested' THEN '提案のみ' WHEN 'made' THEN '紹介済み'"
	     " WHEN 'confirmed' THEN '相談者が連絡済み' ELSE '不要と判断' END,"
	     " (SELECT count(DISTINCT rf.id) FROM rf WHERE rf.state = x.st)"
	     " FROM unnest(ARRAY['suggested', 'made', 'confirmed', 'dismissed'])"
	     " WITH ORDINALITY x(st, o) ORDER BY o");

/* Referrals made or confirmed, by body: a case counts once per body. */
DB_STATEMENT(stats_referral_body, 5,
	     PERIOD "SELECT d.code, coalesce((SELECT kr.name_ja FROM kb_referrals kr"
	     "  WHERE kr.code = d.code AND kr.version_id = (SELECT max(id) FROM kb_versions)"
	     "  ORDER BY kr.needs_verification LIMIT 1), d.code), count(DISTINCT d.case_id)"
	     " FROM case_referrals d JOIN r ON r.id = d.case_id"
	     " WHERE d.state IN ('made', 'confirmed') GROUP BY 1, 2 ORDER BY 3 DESC, 1");

/*
 * The desk's flow in the period, whatever the cases' received date: what
 * was still open at its start, what came in, what was closed, what was
 * open at its end, what was reopened.
 */
DB_STATEMENT(stats_flow, 5,
	     /*
	      * "Open at instant T" is split in two, never closed and closed
	      * after T, so that each half has an index (sql/019_stats.sql).
	      */
	     PERIOD "SELECT x.f, x.l, CASE x.f"
	     "  WHEN 'carried_over' THEN (SELECT count(*) FROM cases a WHERE a.received_at < $4::timestamptz"
	     "   AND a.closed_at IS NULL AND a.merged_into IS NULL) + (SELECT count(*) FROM cases a"
	     "   WHERE a.closed_at >= $4::timestamptz AND a.received_at < $4::timestamptz AND a.merged_into IS NULL)"
	     "  WHEN 'received' THEN (SELECT count(*) FROM r)"
	     "  WHEN 'closed' THEN (SELECT count(*) FROM cases a WHERE a.closed_at >= $4::timestamptz"
	     "   AND a.closed_at < $5::timestamptz AND a.merged_into IS NULL)"
	     "  WHEN 'open_at_end' THEN (SELECT count(*) FROM cases a WHERE a.received_at < $5::timestamptz"
	     "   AND a.closed_at IS NULL AND a.merged_into IS NULL) + (SELECT count(*) FROM cases a"
	     "   WHERE a.closed_at >= $5::timestamptz AND a.received_at < $5::timestamptz AND a.merged_into IS NULL)"
	     "  ELSE (SELECT count(DISTINCT l.case_id) FROM audit_log l WHERE l.action = 'reopen'"
	     "   AND l.at >= $4::timestamptz AND l.at < $5::timestamptz) END"
	     " FROM (VALUES (1, 'carried_over', '前期からの繰越'), (2, 'received', '期間内の受付'),"
	     " (3, 'closed', '期間内に終了'), (4, 'open_at_end', '期末の対応中(残件)'),"
	     " (5, 'reopened', '再開')) x(o, f, l) ORDER BY x.o");

/* Minutes from receipt to the first staff reply and to closing, for the period's cases. */
DB_STATEMENT(stats_timing, 5,
	     /* Each case's first reply looked up by case, never every reply of the desk. */
	     PERIOD ", fr AS (SELECT extract(epoch FROM f.at - r.received_at) / 60 AS mins FROM r"
	     "  CROSS JOIN LATERAL (SELECT min(m.created_at) AS at FROM case_messages m"
	     "  WHERE m.case_id = r.id AND m.direction = 'out' AND m.kind = 'reply') f"
	     "  WHERE f.at IS NOT NULL),"
	     " cl AS (SELECT extract(epoch FROM r.closed_at - r.received_at) / 60 AS mins FROM r"
	     "  WHERE r.closed_at IS NOT NULL)"
	     " SELECT x.k, x.l, coalesce(round(CASE x.k"
	     "  WHEN 'reply_count' THEN (SELECT count(*) FROM fr)"
	     "  WHEN 'reply_median_min' THEN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY mins)"
	     "   FROM fr)"
	     "  WHEN 'reply_p90_min' THEN (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY mins)"
	     "   FROM fr)"
	     "  WHEN 'close_count' THEN (SELECT count(*) FROM cl)"
	     "  WHEN 'close_median_min' THEN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY mins)"
	     "   FROM cl)"
	     "  ELSE (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY mins) FROM cl) END), 0)"
	     " FROM (VALUES (1, 'reply_count', '返信した件数'),"
	     " (2, 'reply_median_min', '初回返信まで 中央値(分)'),"
	     " (3, 'reply_p90_min', '初回返信まで 90パーセンタイル(分)'),"
	     " (4, 'close_count', '終了した件数'), (5, 'close_median_min', '終了まで 中央値(分)'),"
	     " (6, 'close_p90_min', '終了まで 90パーセンタイル(分)')) x(o, k, l) ORDER BY x.o");

/* Per staff member in the period: cases taken, replies sent, cases closed. */
DB_STATEMENT(stats_staff, 5,
	     PERIOD ", ev AS (SELECT l.actor AS who, 'taken' AS what FROM audit_log l"
	     "  WHERE l.action IN ('take', 'steal') AND l.at >= $4::timestamptz AND l.at < $5::timestamptz"
	     "  UNION ALL SELECT l.detail->'to'->>'owner', 'taken' FROM audit_log l"
	     "  WHERE l.action = 'assign' AND l.at >= $4::timestamptz AND l.at < $5::timestamptz"
	     "  UNION ALL SELECT m.author, 'replies' FROM case_messages m WHERE m.kind = 'reply'"
	     "  AND m.author IS NOT NULL AND m.created_at >= $4::timestamptz AND m.created_at < $5::timestamptz"
	     "  UNION ALL SELECT l.actor, 'closed' FROM audit_log l WHERE l.action = 'close'"
	     "  AND l.at >= $4::timestamptz AND l.at < $5::timestamptz)"
	     " SELECT who || ':' || what, who || ' ' || CASE what WHEN 'taken' THEN '担当'"
	     " WHEN 'replies' THEN '返信' ELSE '終了' END, count(*) FROM ev"
	     " GROUP BY who, what ORDER BY who, what");

/* Guidebook requests of the period by the plan triage made of them. */
DB_STATEMENT(stats_guidebook_plan, 5,
	     PERIOD ", q AS (SELECT r.triage->'material_request' AS mr FROM r"
	     "  WHERE jsonb_typeof(r.triage->'material_request') = 'object')"
	     " SELECT x.k, x.l, (SELECT count(*) FROM q WHERE CASE"
	     "  WHEN jsonb_array_length(coalesce(q.mr->'needs_info', '[]'::jsonb)) > 0"
	     "  THEN 'needs_info' ELSE coalesce(q.mr->>'method', 'unknown') END = x.k)"
	     " FROM (VALUES (1, 'mail_free', '無料郵送'), (2, 'pickup_or_cod', '来所受取・着払い'),"
	     " (3, 'deferred', '料金後納'), (4, 'decline', 'お断り'),"
	     " (5, 'needs_info', '情報待ち'), (6, 'unknown', '未判定')) x(o, k, l) ORDER BY x.o");

/* Copies shipped for the period's cases, by method (the count is copies, not cases). */
DB_STATEMENT(stats_guidebook_copies, 5,
	     PERIOD "SELECT x.k, x.l, coalesce((SELECT sum(s.copies) FROM shipments s JOIN r"
	     "  ON r.id = s.case_id WHERE s.state <> 'cancelled' AND s.method = x.k), 0)"
	     " FROM (VALUES (1, 'mail_free', '無料郵送(冊)'), (2, 'pickup_or_cod', '来所受取・着払い(冊)'),"
	     " (3, 'deferred', '料金後納(冊)')) x(o, k, l) ORDER BY x.o");

/* Parcels of those shipments by size (the count is parcels). */
DB_STATEMENT(stats_guidebook_parcels, 5,
	     PERIOD "SELECT (pk->>'type') || ':' || (pk->>'size'),"
	     " CASE pk->>'type' WHEN 'envelope' THEN '封筒 ' ELSE 'ゆうパック ' END"
	     "  || (pk->>'size') || 'サイズ', sum((pk->>'count')::int)"
	     " FROM shipments s JOIN r ON r.id = s.case_id,"
	     " jsonb_array_elements(s.packages) pk WHERE s.state <> 'cancelled'"
	     " GROUP BY pk->>'type', pk->>'size' ORDER BY 1");

/* Why requests were declined, as the plan said it. */
DB_STATEMENT(stats_guidebook_declines, 5,
	     PERIOD "SELECT md5(coalesce(r.triage->'material_request'->>'reason', '')),"
	     " coalesce(r.triage->'material_request'->>'reason', ''), count(*) FROM r"
	     " WHERE r.triage->'material_request'->>'method' = 'decline' GROUP BY 1, 2"
	     " ORDER BY 3 DESC, 2");

/*
 * Thirteen months ending with the period's last: the month in question and
 * the twelve before, for 前月比 and 前年同月比, in the IPA's three groups.
 * $4 is the group ('all', 'incident', 'preparation', 'other').
 */
#define TREND(grp)                                                                                 \
	"WITH m AS (SELECT gs::date AS d FROM generate_series("                                   \
	"  date_trunc('month', $2::date - 1) - interval '12 months',"                              \
	"  date_trunc('month', $2::date - 1), interval '1 month') gs),"                            \
	" k AS (SELECT * FROM kb_categories WHERE version_id = (SELECT max(id) FROM kb_versions)),"  \
	" c AS (SELECT (c.received_at AT TIME ZONE $3::text)::date AS day, " GROUP_OF("k.seed_ref") \
	"  AS g FROM cases c LEFT JOIN k ON k.code = c.category WHERE c.merged_into IS NULL"        \
	"  AND c.received_at >= (date_trunc('month', $2::date - 1) - interval '12 months')"         \
	"  AT TIME ZONE $3::text AND c.received_at < (date_trunc('month', $2::date - 1)"            \
	"  + interval '1 month') AT TIME ZONE $3::text)"                                           \
	" , n AS (SELECT date_trunc('month', c.day)::date AS d, count(*) AS n FROM c WHERE " grp  \
	"  GROUP BY 1)"                                                                            \
	" SELECT to_char(m.d, 'YYYY-MM'), to_char(m.d, 'YYYY年FMMM月'), coalesce(n.n, 0)"           \
	" FROM m LEFT JOIN n ON n.d = m.d WHERE $1::date IS NOT NULL ORDER BY m.d"

DB_STATEMENT(stats_trend_total, 3, TREND("true"));
DB_STATEMENT(stats_trend_incident, 3, TREND("c.g = 'incident'"));
DB_STATEMENT(stats_trend_preparation, 3, TREND("c.g = 'preparation'"));
DB_STATEMENT(stats_trend_other, 3, TREND("c.g NOT IN ('incident', 'preparation')"));

static const struct stats_def {
	const struct db_stmt *stmt;
	const char *name;
	const char *title;
	bool partition; /* sums to the total (every case once) */
} defs[] = {
    {&stats_received, "received", "受付件数", true},
    {&stats_channel, "channel", "受付経路別", true},
    {&stats_kind, "kind", "種別", true},
    {&stats_group, "group", "相談区分別", true},
    {&stats_category, "category", "相談内容別", true},
    {&stats_confirmed, "confirmed", "分類の確度", true},
    {&stats_urgent, "urgent", "緊急度", true},
    {&stats_day, "day", "日別受付件数", true},
    {&stats_state_at_end, "state_at_end", "対応状況(期末)", true},
    {&stats_resolution, "resolution", "終了理由別", true},
    {&stats_role, "role", "相談者の立場", true},
    {&stats_source, "source", "窓口を知ったきっかけ", true},
    {&stats_elsewhere, "elsewhere", "他機関への相談", true},
    {&stats_referral_state, "referral_state", "紹介の状況(件数)", false},
    {&stats_referral_body, "referral_body", "紹介先別(紹介済み)", false},
    {&stats_flow, "flow", "対応状況の推移", false},
    {&stats_timing, "timing", "対応時間", false},
    {&stats_staff, "staff", "担当者別", false},
    {&stats_guidebook_plan, "guidebook_plan", "ガイドブック請求(対応方法)", false},
    {&stats_guidebook_copies, "guidebook_copies", "ガイドブック発送部数", false},
    {&stats_guidebook_parcels, "guidebook_parcels", "ガイドブック発送荷物", false},
    {&stats_guidebook_declines, "guidebook_declines", "ガイドブックお断りの理由", false},
    {&stats_trend_total, "trend_total", "月別推移 受付件数", false},
    {&stats_trend_incident, "trend_incident", "月別推移 インシデント対応(緊急の相談)", false},
    {&stats_trend_preparation, "trend_preparation", "月別推移 平時の対策", false},
    {&stats_trend_other, "trend_other", "月別推移 その他", false},
};

static int read_table(PGconn *conn, const struct stats_def *d, const char *const *p,
		      struct stats_table *t)
{
	/* P holds five parameters; a statement reads as many as it declares. */
	PGresult *res = db_run_rows(conn, d->stmt, p, 3);

	memset(t, 0, sizeof(*t));
	t->name = d->name;
	t->title = d->title;
	t->partition = d->partition;
	t->trend = strncmp(d->name, "trend_", 6) == 0;
	if (res == NULL)
		return -1;
	t->rows = db_result_rows(res, sizeof(*t->rows));
	for (int r = 0; r < PQntuples(res); r++) {
		struct stats_row *row = &t->rows[t->n++];

		row->key = db_result_text(res, r, 0);
		row->label = db_result_text(res, r, 1);
		row->count = db_result_int64(res, r, 2);
	}
	PQclear(res);
	return 0;
}

DB_STATEMENT(stats_bounds, 3,
	     "SELECT (($1::date)::timestamp AT TIME ZONE $3::text)::text,"
	     " (($2::date)::timestamp AT TIME ZONE $3::text)::text");

int db_stats_report(PGconn *conn, const char *from, const char *to, const char *tz,
		    struct stats_report *out)
{
	char s[64], e[64];
	const char *p[5] = {from, to, tz, s, e};
	PGresult *res;
	size_t n = sizeof(defs) / sizeof(defs[0]);

	memset(out, 0, sizeof(*out));
	out->tables = calloc(n, sizeof(*out->tables));
	if (out->tables == NULL)
		return -1;
	/* One snapshot: every table counts the same cases. */
	if (db_begin(conn) == -1)
		return -1;
	if (db_run_exec(conn, &stats_snapshot, NULL) == -1 ||
	    (res = db_run_rows(conn, &stats_bounds, p, 2)) == NULL) {
		db_rollback(conn);
		return -1;
	}
	snprintf(s, sizeof(s), "%s", PQgetvalue(res, 0, 0));
	snprintf(e, sizeof(e), "%s", PQgetvalue(res, 0, 1));
	PQclear(res);
	for (size_t i = 0; i < n; i++) {
		if (read_table(conn, &defs[i], p, &out->tables[out->n++]) == -1) {
			db_rollback(conn);
			return -1;
		}
	}
	db_rollback(conn);
	return 0;
}

void stats_report_free(struct stats_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		for (size_t k = 0; k < r->tables[i].n; k++) {
			free(r->tables[i].rows[k].key);
			free(r->tables[i].rows[k].label);
		}
		free(r->tables[i].rows);
	}
	free(r->tables);
	memset(r, 0, sizeof(*r));
}

DB_STATEMENT(stats_month, 2,
	     "SELECT to_char(m, 'YYYY-MM-DD'), to_char(m + interval '1 month', 'YYYY-MM-DD')"
	     " FROM (SELECT coalesce(to_date($1, 'YYYY-MM'),"
	     "  date_trunc('month', now() AT TIME ZONE tz.name) - interval '1 month') AS m"
	     "  FROM pg_timezone_names tz WHERE tz.name = $2) x");

int db_stats_month(PGconn *conn, const char *month, const char *tz, char from[11], char to[11])
{
	const char *p[2] = {month, tz};
	PGresult *res = db_run_rows(conn, &stats_month, p, 2);
	int found;

	if (res == NULL)
		return -1;
	found = PQntuples(res) == 1;
	if (found) {
		snprintf(from, 11, "%s", PQgetvalue(res, 0, 0));
		snprintf(to, 11, "%s", PQgetvalue(res, 0, 1));
	}
	PQclear(res);
	return found;
}
