/*
 * db_stats.c - SQL for the statistics report; see db_stats.h.
 *
 * Every breakdown counts the cases of one set, so each sums to that set's
 * total: the cases received in [from, to) of the desk's time zone, merged
 * cases left out (their messages count in the case they were merged into).
 * Parameters are the same for all: $1 from, $2 to (exclusive; dates), $3
 * the time zone, $4 and $5 the instants those dates begin at there.
 */
#include "db_stats.h"

#include "db.h"
#include "db_result.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Three statements make the report, each reading what it counts once: the
 * period's cases (every breakdown of them, and the desk's flow), the staff's
 * work in the period, and the thirteen months' trend. Each returns rows of
 * (table, position, key, label, count), which db_stats_report puts into the
 * tables of defs[] by name.
 *
 * The period's bounds come as instants ($4, $5) that db_stats_report
 * computed once: parameters, unlike a CTE, are constants to the planner,
 * which then estimates the range from the statistics and picks the index.
 */

/* The manual's four groups, by the taxonomy's seed reference. */
#define GROUP_OF(ref)                                                                              \
	"CASE WHEN " ref " IS NULL THEN 'unclassified'"                                            \
	" WHEN " ref " LIKE '02%' THEN 'preparation'"                                              \
	" WHEN " ref " = '09.03' THEN 'material'"                                                  \
	" WHEN " ref " LIKE '09%' THEN 'non_security'"                                             \
	" ELSE 'incident' END"

/* The categories of the knowledge base in force. */
#define KB_CATEGORIES                                                                              \
	" k AS (SELECT * FROM kb_categories WHERE version_id = (SELECT max(id) FROM kb_versions))"

DB_STATEMENT(stats_snapshot, 0, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");

/*
 * The breakdowns with a fixed list of keys: every key is shown, zero or
 * not, in this order, under its label.
 */
#define FIXED_KEYS                                                                                 \
	" l(t, o, v, label) AS (VALUES"                                                            \
	" ('channel', 1, 'mail', 'メール'), ('channel', 2, 'fax', 'FAX'),"                          \
	" ('channel', 3, 'eapp', '電子申請'), ('channel', 4, 'phone', '電話'),"                     \
	" ('channel', 5, 'visit', '来所'),"                                                        \
	" ('kind', 1, 'consultation', '相談'), ('kind', 2, 'material_request', '資料請求'),"        \
	" ('kind', 3, 'other', 'その他'), ('kind', 4, 'unclassified', '未分類'),"                   \
	" ('group', 1, 'incident', '緊急の相談'), ('group', 2, 'preparation', '平時の備え'),"       \
	" ('group', 3, 'non_security', 'セキュリティ以外'), ('group', 4, 'material', '資料請求'),"  \
	" ('group', 5, 'unclassified', '未分類'),"                                                 \
	" ('confirmed', 1, 'confirmed', 'スタッフが確定'),"                                        \
	" ('confirmed', 2, 'predicted', '自動分類のみ(未確定)'),"                                  \
	" ('confirmed', 3, 'unclassified', '未分類'),"                                             \
	" ('urgent', 1, 'urgent', '緊急'), ('urgent', 2, 'normal', '通常'),"                        \
	" ('state_at_end', 1, 'closed', '期間内に終了'),"                                          \
	" ('state_at_end', 2, 'open', '期末時点で対応中'),"                                        \
	" ('role', 1, 'owner', '経営者'), ('role', 2, 'admin', 'システム管理者'),"                  \
	" ('role', 3, 'staff', '一般の従業員'), ('role', 4, 'unknown', '不明'),"                    \
	" ('elsewhere', 1, 'yes', '他で相談済み'), ('elsewhere', 2, 'no', '初めての相談'),"         \
	" ('elsewhere', 3, 'unknown', '不明'),"                                                    \
	" ('referral_state', 1, 'suggested', '提案のみ'), ('referral_state', 2, 'made', '紹介済み')," \
	" ('referral_state', 3, 'confirmed', '相談者が連絡済み'),"                                 \
	" ('referral_state', 4, 'dismissed', '不要と判断'),"                                       \
	" ('guidebook_plan', 1, 'mail_free', '無料郵送'),"                                         \
	" ('guidebook_plan', 2, 'pickup_or_cod', '来所受取・着払い'),"                             \
	" ('guidebook_plan', 3, 'deferred', '料金後納'), ('guidebook_plan', 4, 'decline', 'お断り')," \
	" ('guidebook_plan', 5, 'needs_info', '情報待ち'), ('guidebook_plan', 6, 'unknown', '未判定')," \
	" ('guidebook_copies', 1, 'mail_free', '無料郵送(冊)'),"                                   \
	" ('guidebook_copies', 2, 'pickup_or_cod', '来所受取・着払い(冊)'),"                       \
	" ('guidebook_copies', 3, 'deferred', '料金後納(冊)'))"

/*
 * Every breakdown of the cases received in [$4, $5), merged cases left out
 * (their messages count in the case they were merged into), so each that
 * counts every case once sums to the total. The cases are read once, into
 * r, from the index that holds their keys (sql/020_stats_columns.sql);
 * one grouped pass over them (g1) counts them by every combination of the
 * keys with few values, from which each breakdown's counts are summed (g);
 * categories and days, with many values, have a pass of their own.
 */
DB_STATEMENT(stats_cases, 7,
	     "WITH r AS MATERIALIZED (SELECT c.id, c.channel, c.category, c.category_confirmed,"
	     "  c.urgent, c.received_at, c.closed_at, c.resolution, c.caller_role, c.source,"
	     "  c.consulted_elsewhere, c.triage_kind, c.triage_referrals, c.triage_plan,"
	     "  c.triage_decline_reason"
	     "  FROM cases c WHERE c.received_at >= $4::timestamptz AND c.received_at < $5::timestamptz"
	     "  AND c.merged_into IS NULL),"
	     KB_CATEGORIES ","
	     /* Each case's key in each breakdown; a key outside a fixed list falls in its catch-all. */
	     " g1 AS (SELECT r.channel,"
	     "  CASE WHEN r.triage_kind IS NULL THEN 'unclassified'"
	     "   WHEN r.triage_kind IN ('consultation', 'material_request') THEN r.triage_kind"
	     "   ELSE 'other' END AS kind,"
	     "  CASE WHEN r.category IS NULL THEN 'unclassified' WHEN r.category_confirmed"
	     "   THEN 'confirmed' ELSE 'predicted' END AS conf,"
	     "  CASE WHEN r.urgent THEN 'urgent' ELSE 'normal' END AS urg,"
	     "  CASE WHEN r.closed_at < $5::timestamptz THEN 'closed' ELSE 'open' END AS st,"
	     "  r.resolution, coalesce(r.caller_role, 'unknown') AS role, r.source,"
	     "  CASE WHEN r.consulted_elsewhere IS NULL THEN 'unknown'"
	     "   WHEN r.consulted_elsewhere = 'no' THEN 'no' ELSE 'yes' END AS els,"
	     "  CASE WHEN r.triage_plan IN ('mail_free', 'pickup_or_cod', 'deferred', 'decline',"
	     "   'needs_info') THEN r.triage_plan WHEN r.triage_plan IS NOT NULL THEN 'unknown' END AS plan,"
	     "  r.triage_decline_reason AS decline, count(*) AS n"
	     "  FROM r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),"
	     " gc AS (SELECT r.category, count(*) AS n FROM r GROUP BY r.category),"
	     " g AS (SELECT CASE WHEN GROUPING(g1.channel) = 0 THEN 'channel'"
	     "  WHEN GROUPING(g1.kind) = 0 THEN 'kind' WHEN GROUPING(g1.conf) = 0 THEN 'confirmed'"
	     "  WHEN GROUPING(g1.urg) = 0 THEN 'urgent' WHEN GROUPING(g1.st) = 0 THEN 'state_at_end'"
	     "  WHEN GROUPING(g1.resolution) = 0 THEN 'resolution' WHEN GROUPING(g1.role) = 0 THEN 'role'"
	     "  WHEN GROUPING(g1.source) = 0 THEN 'source' WHEN GROUPING(g1.els) = 0 THEN 'elsewhere'"
	     "  WHEN GROUPING(g1.plan) = 0 THEN 'guidebook_plan' ELSE 'guidebook_declines' END AS t,"
	     "  CASE WHEN GROUPING(g1.channel) = 0 THEN g1.channel WHEN GROUPING(g1.kind) = 0 THEN g1.kind"
	     "  WHEN GROUPING(g1.conf) = 0 THEN g1.conf WHEN GROUPING(g1.urg) = 0 THEN g1.urg"
	     "  WHEN GROUPING(g1.st) = 0 THEN g1.st WHEN GROUPING(g1.resolution) = 0 THEN g1.resolution"
	     "  WHEN GROUPING(g1.role) = 0 THEN g1.role WHEN GROUPING(g1.source) = 0 THEN g1.source"
	     "  WHEN GROUPING(g1.els) = 0 THEN g1.els WHEN GROUPING(g1.plan) = 0 THEN g1.plan"
	     "  ELSE g1.decline END AS key, sum(g1.n)::bigint AS n"
	     "  FROM g1 GROUP BY GROUPING SETS ((g1.channel), (g1.kind), (g1.conf), (g1.urg), (g1.st),"
	     "  (g1.resolution), (g1.role), (g1.source), (g1.els), (g1.plan), (g1.decline))"
	     "  UNION ALL SELECT 'group', " GROUP_OF("k.seed_ref") ", sum(gc.n)::bigint"
	     "  FROM gc LEFT JOIN k ON k.code = gc.category GROUP BY 2),"
	     /*
	      * The decisions on the period's cases' referrals, and their
	      * shipments, read once. Cases are numbered as they come, so the
	      * period's cases are a range of ids ($6, $7: the lowest and the
	      * highest), which the tables' keys read as a range.
	      */
	     " rd AS MATERIALIZED (SELECT d.case_id, d.code, d.state FROM case_referrals d"
	     "  JOIN r ON r.id = d.case_id WHERE d.case_id BETWEEN $6::bigint AND $7::bigint),"
	     /*
	      * Each case once per state its referrals reached: a case with two
	      * made counts once under made; a suggestion without a decision is
	      * suggested.
	      */
	     " rc AS (SELECT rd.case_id, jsonb_agg(rd.code) AS codes,"
	     "  bool_or(rd.state = 'made') AS made, bool_or(rd.state = 'confirmed') AS confirmed,"
	     "  bool_or(rd.state = 'dismissed') AS dismissed FROM rd GROUP BY rd.case_id),"
	     " rs AS (SELECT count(*) FILTER (WHERE NOT (coalesce(r.triage_referrals, '[]'::jsonb)"
	     "  <@ coalesce(rc.codes, '[]'::jsonb))) AS suggested,"
	     "  count(*) FILTER (WHERE rc.made) AS made, count(*) FILTER (WHERE rc.confirmed) AS confirmed,"
	     "  count(*) FILTER (WHERE rc.dismissed) AS dismissed"
	     "  FROM r LEFT JOIN rc ON rc.case_id = r.id),"
	     " sh AS (SELECT s.method, s.copies, s.packages FROM shipments s JOIN r ON r.id = s.case_id"
	     "  WHERE s.case_id BETWEEN $6::bigint AND $7::bigint AND s.state <> 'cancelled'),"
	     " cnt AS (SELECT g.t, g.key, g.n FROM g"
	     "  UNION ALL SELECT 'referral_state', x.state, x.n FROM rs CROSS JOIN LATERAL (VALUES"
	     "  ('suggested', rs.suggested), ('made', rs.made), ('confirmed', rs.confirmed),"
	     "  ('dismissed', rs.dismissed)) x(state, n)"
	     "  UNION ALL SELECT 'guidebook_copies', sh.method, sum(sh.copies) FROM sh GROUP BY sh.method),"
	     FIXED_KEYS ","
	     /* Minutes from receipt to the first staff reply and to closing: count, median, 90th. */
	     " fr AS (SELECT count(*) AS n, percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP"
	     "  (ORDER BY extract(epoch FROM m.at - r.received_at) / 60) AS p FROM r"
	     "  JOIN (SELECT m.case_id, min(m.created_at) AS at FROM case_messages m"
	     "  WHERE m.direction = 'out' AND m.kind = 'reply' AND m.case_id BETWEEN $6::bigint"
	     "  AND $7::bigint GROUP BY m.case_id) m ON m.case_id = r.id),"
	     " cl AS (SELECT count(*) AS n, percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP"
	     "  (ORDER BY extract(epoch FROM r.closed_at - r.received_at) / 60) AS p FROM r"
	     "  WHERE r.closed_at IS NOT NULL)"
	     " SELECT 'received', 1::bigint, 'total', '受付件数', (SELECT count(*) FROM r)"
	     " UNION ALL SELECT l.t, l.o, l.v, l.label, coalesce(cnt.n, 0) FROM l"
	     "  LEFT JOIN cnt ON cnt.t = l.t AND cnt.key = l.v"
	     /* Every category of the knowledge base, zero or not, then codes it no longer has. */
	     " UNION ALL SELECT 'category', row_number() OVER (ORDER BY k.seed_ref NULLS LAST,"
	     "  coalesce(k.code, gc.category, 'unclassified')),"
	     "  coalesce(k.code, gc.category, 'unclassified'),"
	     "  coalesce(k.label_ja, gc.category, '未分類'), coalesce(gc.n, 0)"
	     "  FROM k FULL JOIN gc ON gc.category = k.code"
	     /* Each day of the period in the desk's time zone, days without cases too. */
	     " UNION ALL SELECT 'day', row_number() OVER (ORDER BY d.d), to_char(d.d, 'YYYY-MM-DD'),"
	     "  to_char(d.d, 'FMMM月FMDD日'), coalesce(n.n, 0)"
	     "  FROM generate_series($1::date, $2::date - 1, interval '1 day') d(d)"
	     "  LEFT JOIN (SELECT (r.received_at AT TIME ZONE $3::text)::date AS d, count(*) AS n"
	     "  FROM r GROUP BY 1) n ON n.d = d.d"
	     " UNION ALL SELECT 'resolution', row_number() OVER (ORDER BY g.n DESC,"
	     "  coalesce(g.key, 'open')), coalesce(g.key, 'open'), coalesce(g.key, '対応中'), g.n"
	     "  FROM g WHERE g.t = 'resolution'"
	     " UNION ALL SELECT 'source', row_number() OVER (ORDER BY g.key IS NULL, g.n DESC, g.key),"
	     "  coalesce(g.key, 'unknown'), coalesce(g.key, '不明'), g.n FROM g WHERE g.t = 'source'"
	     /* Why requests were declined, as the plan said it. */
	     " UNION ALL SELECT 'guidebook_declines', row_number() OVER (ORDER BY g.n DESC, g.key),"
	     "  md5(g.key), g.key, g.n FROM g WHERE g.t = 'guidebook_declines' AND g.key IS NOT NULL"
	     /* Referrals made or confirmed, by body: a case counts once per body. */
	     " UNION ALL SELECT 'referral_body', row_number() OVER (ORDER BY count(*) DESC, rd.code),"
	     "  rd.code, coalesce((SELECT kr.name_ja FROM kb_referrals kr WHERE kr.code = rd.code"
	     "  AND kr.version_id = (SELECT max(id) FROM kb_versions)"
	     "  ORDER BY kr.needs_verification LIMIT 1), rd.code), count(*)"
	     "  FROM rd WHERE rd.state IN ('made', 'confirmed') GROUP BY rd.code"
	     /* Parcels of the shipments by size (the count is parcels). */
	     " UNION ALL SELECT 'guidebook_parcels', row_number() OVER (ORDER BY pk->>'type', pk->>'size'),"
	     "  (pk->>'type') || ':' || (pk->>'size'),"
	     "  CASE pk->>'type' WHEN 'envelope' THEN '封筒 ' ELSE 'ゆうパック ' END"
	     "  || (pk->>'size') || 'サイズ', sum((pk->>'count')::int)"
	     "  FROM sh, jsonb_array_elements(sh.packages) pk GROUP BY pk->>'type', pk->>'size'"
	     /*
	      * The desk's flow in the period, whatever the cases' received date:
	      * what was still open at its start, what came in, what was closed,
	      * what was open at its end, what was reopened. "Open at instant T"
	      * is split in two, never closed and closed after T, so that each
	      * half has an index (sql/019_stats.sql).
	      */
	     " UNION ALL SELECT 'flow', x.o, x.f, x.l, CASE x.f"
	     "  WHEN 'carried_over' THEN (SELECT count(*) FROM cases a WHERE a.received_at < $4::timestamptz"
	     "   AND a.closed_at IS NULL AND a.merged_into IS NULL) + (SELECT count(*) FROM cases a"
	     "   WHERE a.closed_at >= $4::timestamptz AND a.received_at < $4::timestamptz"
	     "   AND a.merged_into IS NULL)"
	     "  WHEN 'received' THEN (SELECT count(*) FROM r)"
	     "  WHEN 'closed' THEN (SELECT count(*) FROM cases a WHERE a.closed_at >= $4::timestamptz"
	     "   AND a.closed_at < $5::timestamptz AND a.merged_into IS NULL)"
	     "  WHEN 'open_at_end' THEN (SELECT count(*) FROM cases a WHERE a.received_at < $5::timestamptz"
	     "   AND a.closed_at IS NULL AND a.merged_into IS NULL) + (SELECT count(*) FROM cases a"
	     "   WHERE a.closed_at >= $5::timestamptz AND a.received_at < $5::timestamptz"
	     "   AND a.merged_into IS NULL)"
	     "  ELSE (SELECT count(DISTINCT l.case_id) FROM audit_log l WHERE l.action = 'reopen'"
	     "   AND l.at >= $4::timestamptz AND l.at < $5::timestamptz) END"
	     " FROM (VALUES (1, 'carried_over', '前期からの繰越'), (2, 'received', '期間内の受付'),"
	     " (3, 'closed', '期間内に終了'), (4, 'open_at_end', '期末の対応中(残件)'),"
	     " (5, 'reopened', '再開')) x(o, f, l)"
	     " UNION ALL SELECT 'timing', x.o, x.k, x.l, coalesce(round(x.v), 0)::bigint"
	     " FROM fr, cl, LATERAL (VALUES (1, 'reply_count', '返信した件数', fr.n::float8),"
	     " (2, 'reply_median_min', '初回返信まで 中央値(分)', fr.p[1]),"
	     " (3, 'reply_p90_min', '初回返信まで 90パーセンタイル(分)', fr.p[2]),"
	     " (4, 'close_count', '終了した件数', cl.n::float8),"
	     " (5, 'close_median_min', '終了まで 中央値(分)', cl.p[1]),"
	     " (6, 'close_p90_min', '終了まで 90パーセンタイル(分)', cl.p[2])) x(o, k, l, v)"
	     " ORDER BY 1, 2");

/* Per staff member in the period: cases taken, replies sent, cases closed. */
DB_STATEMENT(stats_staff, 5,
	     "WITH ev AS (SELECT l.actor AS who, 'taken' AS what FROM audit_log l"
	     "  WHERE l.action IN ('take', 'steal') AND l.at >= $4::timestamptz AND l.at < $5::timestamptz"
	     "  UNION ALL SELECT l.detail->'to'->>'owner', 'taken' FROM audit_log l"
	     "  WHERE l.action = 'assign' AND l.at >= $4::timestamptz AND l.at < $5::timestamptz"
	     "  UNION ALL SELECT m.author, 'replies' FROM case_messages m WHERE m.kind = 'reply'"
	     "  AND m.author IS NOT NULL AND m.created_at >= $4::timestamptz"
	     "  AND m.created_at < $5::timestamptz"
	     "  UNION ALL SELECT l.actor, 'closed' FROM audit_log l WHERE l.action = 'close'"
	     "  AND l.at >= $4::timestamptz AND l.at < $5::timestamptz)"
	     /* The dates and the zone are the instants': read for the statement's shape only. */
	     " SELECT 'staff', row_number() OVER (ORDER BY who, what), who || ':' || what,"
	     " who || ' ' || CASE what WHEN 'taken' THEN '担当' WHEN 'replies' THEN '返信'"
	     " ELSE '終了' END, count(*) FROM ev"
	     " WHERE $1::date IS NOT NULL AND $2::date IS NOT NULL AND $3::text IS NOT NULL"
	     " GROUP BY who, what ORDER BY 2");

/*
 * Thirteen months ending with the period's last: the month in question and
 * the twelve before, for 前月比 and 前年同月比, in the IPA's three groups,
 * counted in one pass.
 */
DB_STATEMENT(stats_trend, 3,
	     "WITH m AS (SELECT gs::date AS d FROM generate_series("
	     "  date_trunc('month', $2::date - 1) - interval '12 months',"
	     "  date_trunc('month', $2::date - 1), interval '1 month') gs),"
	     KB_CATEGORIES ","
	     " c AS (SELECT date_trunc('month', c.received_at AT TIME ZONE $3::text)::date AS d, "
	     GROUP_OF("k.seed_ref") " AS g FROM cases c LEFT JOIN k ON k.code = c.category"
	     "  WHERE c.merged_into IS NULL"
	     "  AND c.received_at >= (date_trunc('month', $2::date - 1) - interval '12 months')"
	     "  AT TIME ZONE $3::text AND c.received_at < (date_trunc('month', $2::date - 1)"
	     "  + interval '1 month') AT TIME ZONE $3::text),"
	     " n AS (SELECT c.d, count(*) AS total, count(*) FILTER (WHERE c.g = 'incident') AS incident,"
	     "  count(*) FILTER (WHERE c.g = 'preparation') AS preparation,"
	     "  count(*) FILTER (WHERE c.g NOT IN ('incident', 'preparation')) AS other"
	     "  FROM c GROUP BY c.d)"
	     " SELECT t.name, row_number() OVER (PARTITION BY t.name ORDER BY m.d),"
	     " to_char(m.d, 'YYYY-MM'), to_char(m.d, 'YYYY年FMMM月'),"
	     " coalesce(CASE t.name WHEN 'trend_total' THEN n.total WHEN 'trend_incident'"
	     " THEN n.incident WHEN 'trend_preparation' THEN n.preparation ELSE n.other END, 0)"
	     " FROM (VALUES ('trend_total'), ('trend_incident'), ('trend_preparation'), ('trend_other'))"
	     " t(name) CROSS JOIN m LEFT JOIN n ON n.d = m.d WHERE $1::date IS NOT NULL ORDER BY 1, 2");

/* The report's statements, in the order they run. */
static const struct db_stmt *const statements[] = {&stats_cases, &stats_staff, &stats_trend};

static const struct stats_def {
	const char *name;
	const char *title;
	bool partition; /* sums to the total (every case once) */
} defs[] = {
    {"received", "受付件数", true},
    {"channel", "受付経路別", true},
    {"kind", "種別", true},
    {"group", "相談区分別", true},
    {"category", "相談内容別", true},
    {"confirmed", "分類の確度", true},
    {"urgent", "緊急度", true},
    {"day", "日別受付件数", true},
    {"state_at_end", "対応状況(期末)", true},
    {"resolution", "終了理由別", true},
    {"role", "相談者の立場", true},
    {"source", "窓口を知ったきっかけ", true},
    {"elsewhere", "他機関への相談", true},
    {"referral_state", "紹介の状況(件数)", false},
    {"referral_body", "紹介先別(紹介済み)", false},
    {"flow", "対応状況の推移", false},
    {"timing", "対応時間", false},
    {"staff", "担当者別", false},
    {"guidebook_plan", "ガイドブック請求(対応方法)", false},
    {"guidebook_copies", "ガイドブック発送部数", false},
    {"guidebook_parcels", "ガイドブック発送荷物", false},
    {"guidebook_declines", "ガイドブックお断りの理由", false},
    {"trend_total", "月別推移 受付件数", false},
    {"trend_incident", "月別推移 インシデント対応(緊急の相談)", false},
    {"trend_preparation", "月別推移 平時の対策", false},
    {"trend_other", "月別推移 その他", false},
};

#define NDEFS (sizeof(defs) / sizeof(defs[0]))

static struct stats_table *table_named(struct stats_report *out, const char *name)
{
	for (size_t i = 0; i < out->n; i++)
		if (strcmp(out->tables[i].name, name) == 0)
			return &out->tables[i];
	return NULL;
}

/*
 * The rows of RES, (table, position, key, label, count) in position order,
 * appended to their tables: counted first, then copied. A table no def
 * names is a bug in a statement: -1.
 */
static int read_rows(PGresult *res, struct stats_report *out)
{
	size_t room[NDEFS] = {0};

	for (int r = 0; r < PQntuples(res); r++) {
		struct stats_table *t = table_named(out, PQgetvalue(res, r, 0));

		if (t == NULL) {
			log_warnx("op=stats table=%s error=\"no table of that name\"", PQgetvalue(res, r, 0));
			return -1;
		}
		room[t - out->tables]++;
	}
	for (size_t i = 0; i < out->n; i++) {
		struct stats_table *t = &out->tables[i];
		struct stats_row *rows;

		if (room[i] == 0)
			continue;
		rows = realloc(t->rows, (t->n + room[i]) * sizeof(*rows));
		if (rows == NULL)
			return -1;
		t->rows = rows;
	}
	for (int r = 0; r < PQntuples(res); r++) {
		struct stats_table *t = table_named(out, PQgetvalue(res, r, 0));
		struct stats_row *row = &t->rows[t->n++];

		row->key = db_result_text(res, r, 2);
		row->label = db_result_text(res, r, 3);
		row->count = db_result_int64(res, r, 4);
	}
	return 0;
}

/* The period's instants, and the lowest and highest id of its cases (NULL when none). */
DB_STATEMENT(stats_bounds, 3,
	     "SELECT b.s::text, b.e::text, min(c.id), max(c.id)"
	     " FROM (SELECT ($1::date)::timestamp AT TIME ZONE $3::text AS s,"
	     "  ($2::date)::timestamp AT TIME ZONE $3::text AS e) b"
	     " LEFT JOIN cases c ON c.received_at >= b.s AND c.received_at < b.e"
	     "  AND c.merged_into IS NULL GROUP BY b.s, b.e");

/*
 * The report reads a year of cases at once: in memory rather than in
 * temporary files, and without JIT compilation, which costs a report's
 * statements more (seconds, on a million cases) than it saves them.
 */
DB_STATEMENT(stats_settings, 0, "SELECT set_config('work_mem', '128MB', true),"
	     " set_config('jit', 'off', true)");

int db_stats_report(PGconn *conn, const char *from, const char *to, const char *tz,
		    struct stats_report *out)
{
	char s[64], e[64], lo[24], hi[24];
	const char *p[7] = {from, to, tz, s, e, lo, hi};
	PGresult *res;

	memset(out, 0, sizeof(*out));
	out->tables = calloc(NDEFS, sizeof(*out->tables));
	if (out->tables == NULL)
		return -1;
	for (size_t i = 0; i < NDEFS; i++) {
		struct stats_table *t = &out->tables[out->n++];

		t->name = defs[i].name;
		t->title = defs[i].title;
		t->partition = defs[i].partition;
		t->trend = strncmp(defs[i].name, "trend_", 6) == 0;
	}
	/* One snapshot: every table counts the same cases. */
	if (db_begin(conn) == -1)
		return -1;
	if (db_run_exec(conn, &stats_snapshot, NULL) == -1 ||
	    (res = db_run_rows(conn, &stats_settings, NULL, 2)) == NULL) {
		db_rollback(conn);
		return -1;
	}
	PQclear(res);
	if ((res = db_run_rows(conn, &stats_bounds, p, 4)) == NULL) {
		db_rollback(conn);
		return -1;
	}
	snprintf(s, sizeof(s), "%s", PQgetvalue(res, 0, 0));
	snprintf(e, sizeof(e), "%s", PQgetvalue(res, 0, 1));
	snprintf(lo, sizeof(lo), "%s", PQgetvalue(res, 0, 2));
	snprintf(hi, sizeof(hi), "%s", PQgetvalue(res, 0, 3));
	/* No cases: no ids either, and nothing of the tables' keys is read. */
	if (PQgetisnull(res, 0, 2))
		p[5] = p[6] = NULL;
	PQclear(res);
	for (size_t i = 0; i < sizeof(statements) / sizeof(statements[0]); i++) {
		int rc = (res = db_run_rows(conn, statements[i], p, 5)) == NULL ? -1 : read_rows(res, out);

		PQclear(res);
		if (rc == -1) {
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
