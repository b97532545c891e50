#!/usr/bin/env bash
# e2e_stats.sh BUILD_DIR KB_DIR - madoctl stats: a month of cases with known
# properties (channels, categories, confirmations, states, callers,
# referrals, a merged case, the time-zone edges) and every number of the
# report checked against SQL written here, independently of lib/db; each
# breakdown sums to the total; CSV as UTF-8 with BOM and as CP932; an
# empty month.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
KB=$2
t_require_stack
t_setup stats
t_ctl migrate >/dev/null
t_ctl kb import "$KB" >/dev/null
rc() { local s=0; t_ctl "$@" >"$T_DIR/out" 2>"$T_DIR/err" || s=$?; echo "$s"; }

# 240 cases over November 2026 (Tokyo), every property cycling at its own
# period, and the edges: 23:30 on 31 October and 00:00 on 1 December
# belong to the months around, 00:00 on 1 November and 23:59 on 30
# November to November.
t_sql >/dev/null <<'SQL'
WITH codes AS (SELECT array_agg(code ORDER BY code) AS a FROM kb_categories
               WHERE version_id = (SELECT max(id) FROM kb_versions))
INSERT INTO cases (number, status, channel, category, category_confirmed, urgent, subject,
                   requester_name, received_at, closed_at, resolution, caller_role, source,
                   consulted_elsewhere, triage)
SELECT '2026-' || to_char(i, 'FM000000'),
       CASE WHEN i % 3 = 0 THEN 'closed' WHEN i % 3 = 1 THEN 'open' ELSE 'new' END,
       (ARRAY['mail', 'fax', 'eapp', 'phone', 'visit'])[1 + i % 5],
       CASE WHEN i % 11 = 0 THEN NULL ELSE codes.a[1 + i % array_length(codes.a, 1)] END,
       i % 11 <> 0 AND i % 2 = 0,
       i % 4 = 0,
       'case ' || i, 'requester ' || i,
       timestamptz '2026-11-01 00:00:00+09' + (i * interval '2 hours 59 minutes'),
       CASE WHEN i % 3 = 0 THEN timestamptz '2026-11-01 00:00:00+09' + (i * interval '3 hours') END,
       CASE WHEN i % 3 = 0 THEN (ARRAY['answered', 'referred', 'spam'])[1 + i % 7 % 3] END,
       (ARRAY['owner', 'admin', 'staff', NULL])[1 + i % 4],
       (ARRAY['ホームページ', '区の広報誌', NULL])[1 + i % 3],
       (ARRAY['no', 'IPA', NULL, 'no'])[1 + i % 4],
       jsonb_build_object('kind', (ARRAY['consultation', 'material_request', 'other'])[1 + i % 3],
                          'referrals', CASE WHEN i % 5 = 0 THEN '["ipa_anshin","local_police"]'::jsonb
                                       ELSE '[]'::jsonb END)
FROM generate_series(1, 240) i, codes;
-- The edges, and a case merged into another (counted once, in that case).
INSERT INTO cases (number, channel, subject, received_at) VALUES
    ('2026-900001', 'mail', 'edge: 31 Oct 23:30 JST', '2026-10-31 23:30:00+09'),
    ('2026-900002', 'fax', 'edge: 1 Nov 00:00 JST', '2026-11-01 00:00:00+09'),
    ('2026-900003', 'phone', 'edge: 30 Nov 23:59 JST', '2026-11-30 23:59:59+09'),
    ('2026-900004', 'mail', 'edge: 1 Dec 00:00 JST', '2026-12-01 00:00:00+09');
-- A year before, for 前年同月比: 40 cases in November 2025 and 7 in October 2026.
INSERT INTO cases (number, channel, subject, received_at)
SELECT '2025-' || to_char(i, 'FM000000'), 'mail', 'last year', timestamptz '2025-11-03 10:00:00+09' + i * interval '10 hours'
FROM generate_series(1, 40) i;
INSERT INTO cases (number, channel, subject, received_at)
SELECT '2026-8' || to_char(i, 'FM00000'), 'mail', 'october', timestamptz '2026-10-05 10:00:00+09' + i * interval '1 day'
FROM generate_series(1, 7) i;
INSERT INTO cases (number, channel, subject, received_at, status, resolution, closed_at, merged_into)
SELECT '2026-900005', 'fax', 'merged', '2026-11-10 10:00:00+09', 'closed', 'merged',
       '2026-11-10 11:00:00+09', id FROM cases WHERE number = '2026-000010';
-- Replies, the audit of taking, closing and reopening, guidebook plans and shipments.
INSERT INTO case_messages (case_id, direction, kind, via, author, subject, body_text, created_at)
SELECT id, 'out', 'reply', 'mail', (ARRAY['tanaka', 'sato'])[1 + (id % 2)::int], 're', 'r',
       received_at + (id % 50) * interval '37 minutes'
FROM cases WHERE number LIKE '2026-0%' AND substr(number, 6)::int % 6 = 0;
INSERT INTO audit_log (case_id, actor, action, detail, at)
SELECT id, 'tanaka', 'take', '{}'::jsonb, received_at + interval '1 hour' FROM cases
WHERE number LIKE '2026-0%' AND substr(number, 6)::int % 8 = 0
UNION ALL SELECT id, 'sato', 'close', '{}', closed_at FROM cases
WHERE number LIKE '2026-0%' AND closed_at IS NOT NULL
UNION ALL SELECT id, 'madoguchi', 'reopen', '{}', received_at + interval '2 hours' FROM cases
WHERE number LIKE '2026-0%' AND substr(number, 6)::int % 40 = 0;
UPDATE cases SET triage = triage || jsonb_build_object('material_request', jsonb_build_object(
    'method', (ARRAY['mail_free', 'pickup_or_cod', 'deferred', 'decline'])[1 + substr(number, 6)::int % 4],
    'needs_info', CASE WHEN substr(number, 6)::int % 7 = 0 THEN '["address"]'::jsonb ELSE '[]'::jsonb END,
    'reason', CASE WHEN substr(number, 6)::int % 4 = 3 THEN
        (ARRAY['都外の事業者', 'PDFのみ希望'])[1 + substr(number, 6)::int / 4 % 2] ELSE 'ok' END))
WHERE number LIKE '2026-0%' AND triage->>'kind' = 'material_request';
INSERT INTO shipments (case_id, method, copies, packages, request, created_by)
SELECT id, m, c, CASE m WHEN 'mail_free' THEN '[{"type":"envelope","size":60,"count":1}]'::jsonb
                 ELSE '[{"type":"box","size":80,"count":1},{"type":"box","size":100,"count":2}]'::jsonb END,
       '{}'::jsonb, 'tanaka'
FROM (SELECT id, triage->'material_request'->>'method' AS m, 5 + substr(number, 6)::int % 90 AS c
      FROM cases WHERE number LIKE '2026-0%' AND triage->'material_request'->>'method' <> 'decline'
      AND substr(number, 6)::int % 5 <> 0) x;
INSERT INTO case_referrals (case_id, code, state, updated_by)
SELECT id, 'ipa_anshin', (ARRAY['made', 'confirmed', 'dismissed'])[1 + (id % 3)::int], 'test'
FROM cases WHERE number LIKE '2026-0%' AND substr(number, 6)::int % 10 = 0;
INSERT INTO case_referrals (case_id, code, state, updated_by)
SELECT id, 'local_police', 'made', 'test' FROM cases
WHERE number LIKE '2026-0%' AND substr(number, 6)::int % 20 = 0;
SQL
# The month, independently: its instants written out in JST.
M="received_at >= timestamptz '2026-11-01 00:00:00+09' AND received_at < timestamptz '2026-12-01 00:00:00+09' AND merged_into IS NULL"
total=$(t_sql -c "SELECT count(*) FROM cases WHERE $M")
t_check "the month has the generated cases and two edges" test "$total" -gt 200

t_eq "stats monthly --format json" "$(rc stats monthly --month 2026-11 --format json)" 0
cp "$T_DIR/out" "$T_DIR/report.json"
# by EXPR: the count of the month's cases for each value of EXPR, as rows() prints them.
by() { t_sql -c "SELECT k || '|' || n FROM (SELECT $1 AS k, count(*) AS n FROM cases WHERE $M GROUP BY 1) x" | sort; }
rows() { jq -r --arg t "$1" '.tables[] | select(.name == $t) | .rows[] | select(.count > 0) | "\(.key)|\(.count)"' "$T_DIR/report.json" | sort; }
t_eq "the total" "$(jq .total "$T_DIR/report.json")" "$total"
t_eq "the period" "$(jq -r '.from + " " + .to + " " + .timezone' "$T_DIR/report.json")" "2026-11-01 2026-11-30 Asia/Tokyo"
t_eq "every breakdown that partitions sums to the total" \
	"$(jq -r '.total as $t | [.tables[] | select(.partition) | select(([.rows[].count] | add) != $t) | .name] | join(",")' "$T_DIR/report.json")" ""
t_check "... and there are at least twelve of them" test "$(jq '[.tables[] | select(.partition)] | length' "$T_DIR/report.json")" -ge 12

t_eq "by channel" "$(rows channel)" "$(by "channel")"
t_eq "by kind" "$(rows kind)" "$(by "coalesce(triage->>'kind', 'unclassified')")"
t_eq "by category" "$(rows category)" "$(by "coalesce(category, 'unclassified')")"
t_eq "by the manual's groups" "$(rows group)" "$(t_sql -c "SELECT g || '|' || count(*) FROM (SELECT CASE WHEN k.seed_ref IS NULL THEN 'unclassified' WHEN k.seed_ref LIKE '02%' THEN 'preparation' WHEN k.seed_ref = '09.03' THEN 'material' WHEN k.seed_ref LIKE '09%' THEN 'non_security' ELSE 'incident' END AS g FROM cases c LEFT JOIN kb_categories k ON k.code = c.category AND k.version_id = (SELECT max(id) FROM kb_versions) WHERE $M) x GROUP BY g" | sort)"
t_eq "how sure the categories are" "$(rows confirmed)" "$(by "CASE WHEN category IS NULL THEN 'unclassified' WHEN category_confirmed THEN 'confirmed' ELSE 'predicted' END")"
t_eq "urgency" "$(rows urgent)" "$(by "CASE WHEN urgent THEN 'urgent' ELSE 'normal' END")"
t_eq "by day, in Tokyo" "$(rows day)" "$(by "to_char(received_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD')")"
t_eq "... every day of the month a row" "$(jq '.tables[] | select(.name == "day") | .rows | length' "$T_DIR/report.json")" 30
t_eq "state at the end" "$(rows state_at_end)" "$(by "CASE WHEN closed_at < timestamptz '2026-12-01 00:00:00+09' THEN 'closed' ELSE 'open' END")"
t_eq "by resolution" "$(rows resolution)" "$(by "coalesce(resolution, 'open')")"
t_eq "by the caller's role" "$(rows role)" "$(by "coalesce(caller_role, 'unknown')")"
t_eq "how they found the desk" "$(rows source)" "$(by "coalesce(source, 'unknown')")"
t_eq "consulted elsewhere" "$(rows elsewhere)" "$(by "CASE WHEN consulted_elsewhere IS NULL THEN 'unknown' WHEN consulted_elsewhere = 'no' THEN 'no' ELSE 'yes' END")"
t_eq "referrals made, by body" "$(rows referral_body)" "$(t_sql -c "SELECT r.code || '|' || count(DISTINCT r.case_id) FROM case_referrals r JOIN cases c ON c.id = r.case_id WHERE $M AND r.state IN ('made', 'confirmed') GROUP BY r.code" | sort)"
t_eq "referrals by state" "$(rows referral_state)" "$(t_sql -c "SELECT st || '|' || count(DISTINCT id) FROM (SELECT c.id, coalesce(d.state, 'suggested') AS st FROM cases c CROSS JOIN LATERAL jsonb_array_elements_text(coalesce(c.triage->'referrals', '[]')) s(code) LEFT JOIN case_referrals d ON d.case_id = c.id AND d.code = s.code WHERE $M UNION SELECT c.id, d.state FROM case_referrals d JOIN cases c ON c.id = d.case_id WHERE $M) x GROUP BY st" | sort)"

# The desk's flow, times, staff and guidebooks, each against its own SQL.
S="timestamptz '2026-11-01 00:00:00+09'"
E="timestamptz '2026-12-01 00:00:00+09'"
flow=$(t_sql -c "SELECT 'carried_over|' || count(*) FILTER (WHERE received_at < $S AND (closed_at IS NULL OR closed_at >= $S))
	|| E'\nclosed|' || count(*) FILTER (WHERE closed_at >= $S AND closed_at < $E)
	|| E'\nopen_at_end|' || count(*) FILTER (WHERE received_at < $E AND (closed_at IS NULL OR closed_at >= $E))
	|| E'\nreceived|' || count(*) FILTER (WHERE received_at >= $S AND received_at < $E)
	FROM cases WHERE merged_into IS NULL")
flow=$(printf '%s\nreopened|%s\n' "$flow" "$(t_sql -c "SELECT count(DISTINCT case_id) FROM audit_log WHERE action = 'reopen' AND at >= $S AND at < $E")")
t_eq "the flow: carried over, received, closed, open at the end, reopened" "$(rows flow)" "$(grep -v '|0$' <<<"$flow" | sort)"
t_check "... some were reopened" grep -q "^reopened|[1-9]" <<<"$(rows flow)"
t_eq "times to the first reply and to closing, in minutes" "$(jq -r '.tables[] | select(.name == "timing") | .rows[] | "\(.key)|\(.count)"' "$T_DIR/report.json" | sort)" \
	"$(t_sql -c "WITH f AS (SELECT extract(epoch FROM min(m.created_at) - c.received_at) / 60 AS v FROM cases c JOIN case_messages m ON m.case_id = c.id AND m.kind = 'reply' AND m.direction = 'out' WHERE $M GROUP BY c.id, c.received_at),
		cl AS (SELECT extract(epoch FROM closed_at - received_at) / 60 AS v FROM cases WHERE $M AND closed_at IS NOT NULL)
		SELECT 'close_count|' || (SELECT count(*) FROM cl) || E'\nclose_median_min|' || (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY v)) FROM cl)
		|| E'\nclose_p90_min|' || (SELECT round(percentile_cont(0.9) WITHIN GROUP (ORDER BY v)) FROM cl) || E'\nreply_count|' || (SELECT count(*) FROM f)
		|| E'\nreply_median_min|' || (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY v)) FROM f) || E'\nreply_p90_min|' || (SELECT round(percentile_cont(0.9) WITHIN GROUP (ORDER BY v)) FROM f)" | sort)"
t_eq "per staff member" "$(rows staff)" "$(t_sql -c "SELECT who || ':' || what || '|' || count(*) FROM (
		SELECT actor AS who, 'taken' AS what FROM audit_log WHERE action = 'take' AND at >= $S AND at < $E
		UNION ALL SELECT actor, 'closed' FROM audit_log WHERE action = 'close' AND at >= $S AND at < $E
		UNION ALL SELECT author, 'replies' FROM case_messages WHERE kind = 'reply' AND created_at >= $S AND created_at < $E) x GROUP BY who, what" | sort)"
t_eq "guidebook requests by plan" "$(rows guidebook_plan)" \
	"$(by "CASE WHEN jsonb_array_length(triage->'material_request'->'needs_info') > 0 THEN 'needs_info' ELSE triage->'material_request'->>'method' END" | grep -v '^$')"
t_eq "guidebook copies by method" "$(rows guidebook_copies)" "$(t_sql -c "SELECT s.method || '|' || sum(s.copies) FROM shipments s JOIN cases c ON c.id = s.case_id WHERE $M GROUP BY s.method" | sort)"
t_eq "guidebook parcels by size" "$(rows guidebook_parcels)" "$(t_sql -c "SELECT (p->>'type') || ':' || (p->>'size') || '|' || sum((p->>'count')::int) FROM shipments s JOIN cases c ON c.id = s.case_id, jsonb_array_elements(s.packages) p WHERE $M GROUP BY p->>'type', p->>'size'" | sort)"
t_eq "guidebook declines by reason" "$(jq -r '.tables[] | select(.name == "guidebook_declines") | .rows[] | "\(.label)|\(.count)"' "$T_DIR/report.json" | sort)" \
	"$(t_sql -c "SELECT (triage->'material_request'->>'reason') || '|' || count(*) FROM cases WHERE $M AND triage->'material_request'->>'method' = 'decline' GROUP BY triage->'material_request'->>'reason'" | sort)"

for t in channel kind category group confirmed urgent day state_at_end resolution role source elsewhere \
	referral_body referral_state flow timing staff guidebook_plan guidebook_copies guidebook_parcels guidebook_declines; do
	[ "$(rows "$t" | wc -l)" -ge 2 ] || t_fail "table $t has fewer than two non-zero rows: the data does not test it"
done

# The time-zone edges: 23:30 JST on 31 October is October's, 00:00 on 1 December December's.
t_eq "1 Nov 00:00 and 30 Nov 23:59 JST are November's" \
	"$(jq -r '.tables[] | select(.name == "day") | .rows[] | select(.key == "2026-11-01" or .key == "2026-11-30") | .count' "$T_DIR/report.json" | tr '\n' ' ')" \
	"$(t_sql -c "SELECT count(*) FILTER (WHERE (received_at AT TIME ZONE 'Asia/Tokyo')::date = '2026-11-01') || ' ' || count(*) FILTER (WHERE (received_at AT TIME ZONE 'Asia/Tokyo')::date = '2026-11-30') || ' ' FROM cases WHERE $M")"
t_eq "31 Oct 23:30 JST is October's" "$(t_ctl stats monthly --month 2026-10 --format json | jq .total)" 8
t_eq "the trend: thirteen months, from November 2025" \
	"$(jq -r '.tables[] | select(.name == "trend_total") | [.rows[0].key, .rows[-1].key, (.rows | length)] | join(" ")' "$T_DIR/report.json")" "2025-11 2026-11 13"
t_eq "... each month's total" "$(jq -r '.tables[] | select(.name == "trend_total") | .rows[] | select(.count > 0) | "\(.key)|\(.count)"' "$T_DIR/report.json")" \
	"$(printf '2025-11|40\n2026-10|8\n2026-11|%s' "$total")"
t_eq "... 前月比 and 前年同月比 of the month" \
	"$(jq -r '.tables[] | select(.name == "trend_total") | .rows[-1] | "\(.prev_month_pct) \(.prev_year_pct)"' "$T_DIR/report.json")" \
	"$(t_sql -c "SELECT round(100.0 * $total / 8, 1)::float8 || ' ' || round(100.0 * $total / 40, 1)::float8")"
t_eq "... the three groups add up to it" \
	"$(jq -r '[.tables[] | select(.name | test("trend_(incident|preparation|other)")) | .rows[-1].count] | add' "$T_DIR/report.json")" "$total"
t_eq "1 Dec 00:00 JST is December's" "$(t_ctl stats monthly --month 2026-12 --format json | jq .total)" 1
t_eq "a range is both days included" "$(t_ctl stats range --from 2026-10-31 --to 2026-12-01 --format json | jq .total)" $((total + 2))

# CSV for Excel: a BOM, CRLF, one section per breakdown; CP932 for older tools.
t_eq "stats monthly -o FILE" "$(rc stats monthly --month 2026-11 -o "$T_DIR/report.csv")" 0
t_eq "... starts with the UTF-8 BOM" "$(head -c 3 "$T_DIR/report.csv" | od -An -tx1 | tr -d ' ')" efbbbf
t_eq "... every line ends with CRLF" "$(grep -c $'\r$' "$T_DIR/report.csv")" "$(wc -l <"$T_DIR/report.csv")"
t_check "... has the channel section" grep -q "^受付経路別 (channel)" "$T_DIR/report.csv"
t_check "... with the total's share" grep -q "^受付件数,total,$total,100.0" "$T_DIR/report.csv"
t_check "... the trend with its ratios" grep -q "^2026年11月,2026-11,$total,$(t_sql -c "SELECT round(100.0 * $total / 8, 1)"),$(t_sql -c "SELECT round(100.0 * $total / 40, 1)")" "$T_DIR/report.csv"
t_eq "--table channel: that table alone" "$(t_ctl stats monthly --month 2026-11 --table channel | tail -n +1 | wc -l)" 6
t_eq "--encoding cp932" "$(rc stats monthly --month 2026-11 --encoding cp932 -o "$T_DIR/report-sjis.csv")" 0
t_eq "... reads back as CP932, the same text" \
	"$(iconv -f CP932 -t UTF-8 "$T_DIR/report-sjis.csv" | md5sum)" "$(tail -c +4 "$T_DIR/report.csv" | md5sum)"
t_sql -c "UPDATE cases SET source = '知人の紹介🙂' WHERE number = '2026-000001'" >/dev/null
t_eq "a character CP932 lacks" "$(rc stats monthly --month 2026-11 --encoding cp932 -o "$T_DIR/x.csv")" 0
t_check "... is reported" grep -q 'CP932 has no "🙂"' "$T_DIR/err"
t_check "... and written as ?" grep -q "知人の紹介?" <(iconv -f CP932 -t UTF-8 "$T_DIR/x.csv")

# XLSX, read back with openpyxl: a summary sheet first, a sheet per
# breakdown with its Japanese headers and numbers, and the two charts.
t_eq "--format xlsx" "$(rc stats monthly --month 2026-11 --format xlsx -o "$T_DIR/report.xlsx")" 0
# Debian's python3, where python3-openpyxl is installed (not one earlier on PATH).
/usr/bin/python3 - "$T_DIR/report.xlsx" >"$T_DIR/xlsx.txt" <<'PY'
import sys, zipfile, openpyxl
path = sys.argv[1]
wb = openpyxl.load_workbook(path)
print("sheets", len(wb.sheetnames), wb.sheetnames[0])
s = wb["概要"]
print("total", s["A4"].value, s["B4"].value)
c = wb["受付経路別"]
print("header", c["A4"].value, c["B4"].value, c["C4"].value, c["D4"].value)
for row in c.iter_rows(min_row=5, values_only=True):
    print("channel", row[1], row[2], round(row[3], 4))
t = wb["月別推移 受付件数"]
print("trend header", t["D4"].value, t["E4"].value)
print("trend last", t["B17"].value, t["C17"].value, round(t["E17"].value, 4))
print("pct format", c["D5"].number_format)
z = zipfile.ZipFile(path)
charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
print("charts", len(charts))
kinds = [("barChart" in z.read(n).decode()) for n in charts] + [("lineChart" in z.read(n).decode()) for n in charts]
print("bar", any(kinds[:len(charts)]), "line", any(kinds[len(charts):]))
PY
t_check "... the summary sheet first, with the total" grep -q "^total 受付件数 $total$" "$T_DIR/xlsx.txt"
t_eq "... a sheet per breakdown after it" "$(awk '/^sheets/ {print $2, $3}' "$T_DIR/xlsx.txt")" "$(( $(jq '.tables | length' "$T_DIR/report.json") + 1 )) 概要"
t_eq "... Japanese headers" "$(grep '^header' "$T_DIR/xlsx.txt")" "header 項目 キー 件数 構成比"
t_eq "... the channel counts and shares as numbers" "$(grep '^channel' "$T_DIR/xlsx.txt" | awk '$3 > 0 {print $2 "|" $3}' | sort)" "$(rows channel)"
t_eq "... shares formatted as per cent" "$(grep '^pct format' "$T_DIR/xlsx.txt")" "pct format 0.0%"
t_eq "... the trend with 前年同月比" "$(grep '^trend' "$T_DIR/xlsx.txt" | tr '\n' ' ')" \
	"trend header 前月比 前年同月比 trend last 2026-11 $total $(t_sql -c "SELECT round($total / 40.0, 4)::float8") "
t_eq "... a bar chart and a line chart" "$(grep -E '^(charts|bar)' "$T_DIR/xlsx.txt" | tr '\n' ' ')" "charts 2 bar True line True "
t_eq "xlsx needs -o" "$(rc stats monthly --format xlsx)" 2

# PDF: one A4 page for the meeting, read back with pdftotext and rendered with pdftoppm.
t_eq "--format pdf" "$(rc stats monthly --month 2026-11 --format pdf -o "$T_DIR/report.pdf")" 0
t_eq "... one A4 page" "$(pdfinfo "$T_DIR/report.pdf" | awk '/^Pages:/ {p = $2} /^Page size:/ {s = $3 "x" $5} END {print p, s}')" "1 595x842"
pdftotext -layout "$T_DIR/report.pdf" "$T_DIR/report.txt"
t_check "... the title and period" grep -q "対象期間: 2026-11-01 〜 2026-11-30" "$T_DIR/report.txt"
t_check "... the total under its label" grep -A1 "受付件数" "$T_DIR/report.txt" | grep -qw "$total"
top=$(jq -r '.tables[] | select(.name == "category") | .rows | max_by(.count) | .label' "$T_DIR/report.json")
t_check "... the largest category in the bar chart ($top)" grep -q "$top" "$T_DIR/report.txt"
t_check "... the trend" grep -q "月別推移" "$T_DIR/report.txt"
t_check "... the referrals" grep -q "紹介先別" "$T_DIR/report.txt"
t_check "... the guidebooks" grep -q "ガイドブック発送部数" "$T_DIR/report.txt"
t_check "... rendered by pdftoppm" pdftoppm -r 40 -png -singlefile "$T_DIR/report.pdf" "$T_DIR/report"
t_check "... into a picture" test "$(stat -c %s "$T_DIR/report.png")" -gt 5000
t_eq "an empty month's page too" "$(rc stats monthly --month 2025-01 --format pdf -o "$T_DIR/empty.pdf")" 0
t_check "... says there was nothing" grep -q "この期間の受付はありません" <(pdftotext "$T_DIR/empty.pdf" -)

# An empty month: every table there, every count 0.
t_eq "an empty month" "$(rc stats monthly --month 2025-01 --format json)" 0
t_eq "... total 0, all tables" "$(jq -c '[.total, (.tables | length), ([.tables[].rows[].count] | add)]' "$T_DIR/out")" \
	"[0,$(jq '.tables | length' "$T_DIR/report.json"),0]"

t_eq "a bad month is misuse" "$(rc stats monthly --month 2026-13)" 2
t_eq "a reversed range is misuse" "$(rc stats range --from 2026-12-01 --to 2026-11-01)" 2
t_eq "an unknown table is misuse" "$(rc stats monthly --table nothing)" 2
t_config_set "$T_CONFIG" stats timezone Mars/Olympus
t_eq "an unknown time zone" "$(rc stats monthly)" 1
t_check "... says so" grep -q "no time zone PostgreSQL knows" "$T_DIR/err"
t_done
