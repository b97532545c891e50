#!/usr/bin/env bash
# e2e_purge.sh BUILD_DIR KB_DIR - madoctl purge: the cases closed more than
# five years ago lose their raw mail (hashes kept), attachments list,
# texts, contact details and mail sent, and their requester becomes a
# pseudonym, the same for the same address; a recent case, an open one and
# another period's report are untouched; the statistics report of the
# purged year is the same before and after, to the byte; --dry-run changes
# nothing; a second purge finds nothing; the purge is audited.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
KB=$2
t_require_stack
t_setup purge
t_ctl migrate >/dev/null
t_ctl kb import "$KB" >/dev/null
rc() { local s=0; t_ctl "$@" >"$T_DIR/out" 2>"$T_DIR/err" || s=$?; echo "$s"; }

# Two cases of one requester and one of another closed in 2019, one still
# open from 2019, one closed last month; each filed from a raw mail, with a
# message, an attachment, a fax document, a note, a shipment, mail sent and
# a guidebook plan with contact details.
t_sql >/dev/null <<'SQL'
INSERT INTO inbound_messages (mailbox, uidvalidity, uid, message_id, raw, size, raw_sha256)
SELECT 'test', 1, g, '<m' || g || '@example.jp>', convert_to('raw mail ' || g || ' 山田', 'UTF8'), 20,
       sha256(convert_to('raw mail ' || g || ' 山田', 'UTF8'))
FROM generate_series(1, 5) g;
INSERT INTO cases (number, status, channel, category, category_confirmed, subject, requester_name,
                   requester_address, organisation, fax_number, received_at, closed_at, resolution,
                   caller_role, source, triage)
SELECT '2019-00000' || g, CASE WHEN g = 4 THEN 'open' ELSE 'closed' END,
       CASE WHEN g = 3 THEN 'fax' ELSE 'mail' END, 'material_request', true, '資料の件 ' || g,
       CASE WHEN g = 3 THEN '佐藤 花子' ELSE '山田 太郎' END,
       CASE WHEN g = 3 THEN 'sato@example.jp' ELSE 'Yamada@example.co.jp' END,
       '山田製作所', '03-1111-2222',
       CASE WHEN g = 5 THEN now() - interval '20 days' ELSE timestamptz '2019-06-01 10:00+09' + g * interval '1 day' END,
       CASE WHEN g = 4 THEN NULL WHEN g = 5 THEN now() - interval '10 days'
            ELSE timestamptz '2019-07-01 10:00+09' + g * interval '1 day' END,
       CASE WHEN g = 4 THEN NULL ELSE 'answered' END, 'owner', 'ホームページ',
       jsonb_build_object('kind', 'material_request', 'referrals', '["ipa_anshin"]'::jsonb,
         'material_request', jsonb_build_object('method', 'mail_free', 'copies', 5,
           'needs_info', '[]'::jsonb, 'reason', '', 'contact', '山田 太郎', 'phone', '03-1111-2222',
           'address', '東京都新宿区西新宿2-8-1', 'postal_code', '163-8001',
           'organization', '山田製作所', 'purpose', '社内研修'))
FROM generate_series(1, 5) g;
INSERT INTO case_messages (case_id, inbound_id, direction, kind, from_name, from_address, subject,
                           body_text, own_words, created_at)
SELECT c.id, i.id, 'in', 'request', c.requester_name, c.requester_address, c.subject,
       '山田です。電話は03-1111-2222です。合言葉パープル' || right(c.number, 1), '合言葉パープル', c.received_at
FROM cases c JOIN inbound_messages i ON i.uid = right(c.number, 1)::int;
INSERT INTO case_messages (case_id, direction, kind, from_name, from_address, subject, body_text,
                           author, created_at)
SELECT id, 'out', 'reply', '窓口', 'soudan@desk.example.jp', 'Re: ' || subject, '山田様 ご回答です。',
       'alice', received_at + interval '2 hours'
FROM cases WHERE status = 'closed';
INSERT INTO attachments (case_message_id, part, filename, content_type, declared_type, size, sha256)
SELECT id, 2, '山田見積書.pdf', 'application/pdf', 'application/pdf', 10, sha256('a'::bytea)
FROM case_messages WHERE direction = 'in';
INSERT INTO case_documents (case_id, inbound_id, kind, content_type, filename, size, sha256, pages, ocr_text)
SELECT c.id, i.id, 'fax_image', 'image/tiff', '山田.tif', 20, i.raw_sha256, 1, '山田 太郎 03-1111-2222'
FROM cases c JOIN inbound_messages i ON i.uid = right(c.number, 1)::int WHERE c.channel = 'fax';
INSERT INTO case_notes (case_id, author, body) SELECT id, 'alice', '山田さんに電話 03-1111-2222' FROM cases;
INSERT INTO shipments (case_id, method, copies, packages, request, state, created_by)
SELECT id, 'mail_free', 5, '[{"type": "envelope", "size": "A4", "count": 1}]',
       triage->'material_request', 'done', 'alice' FROM cases WHERE status = 'closed';
INSERT INTO outbox (case_id, kind, rcpt, message_id, raw, state, sent_at)
SELECT id, 'ack', requester_address, '<ack' || id || '@desk>', convert_to('受付しました 山田様', 'UTF8'),
       'sent', received_at FROM cases;
INSERT INTO case_referrals (case_id, code, state, updated_by) SELECT id, 'ipa_anshin', 'made', 'alice' FROM cases;
INSERT INTO audit_log (case_id, actor, action, at) SELECT id, 'alice', 'close', closed_at FROM cases WHERE closed_at IS NOT NULL;
SQL
report() { t_ctl stats range --from 2019-01-01 --to 2019-12-31 --format json; }
report >"$T_DIR/before.json"
t_eq "the report of 2019 counts its four cases" \
	"$(jq '.tables[] | select(.name == "received") | .rows[0].count' "$T_DIR/before.json")" 4
t_eq "... three of them closed, with replies and guidebooks" \
	"$(jq -r '[.tables[] | select(.name == "timing" or .name == "guidebook_copies") | .rows[0].count] | join(" ")' "$T_DIR/before.json")" \
	"3 15"
old_raw=$(t_sql -c "SELECT string_agg(encode(raw_sha256, 'hex'), ',' ORDER BY uid) FROM inbound_messages")

t_eq "--dry-run" "$(rc purge --older-than 5y --dry-run --as admin)" 0
t_check "... says what it would do" grep -q "^would purge 3 cases closed more than 5 years ago: 3 originals" "$T_DIR/out"
t_eq "... and changes nothing" "$(t_sql -c "SELECT count(*) FROM cases WHERE purged_at IS NOT NULL")" 0
t_eq "a duration it cannot read: misuse" "$(rc purge --older-than 5 --as admin)" 2

t_eq "purge" "$(rc purge --older-than 5y --as admin)" 0
t_check "... says what it did" grep -q "^purged 3 cases closed more than 5 years ago: 3 originals (.* bytes), 3 attachments listed, 6 messages" "$T_DIR/out"
P="SELECT %s FROM cases WHERE number IN ('2019-000001', '2019-000002', '2019-000003')"
t_eq "the three old closed cases are purged" \
	"$(t_sql -c "SELECT string_agg(number, ' ' ORDER BY number) FROM cases WHERE purged_at IS NOT NULL")" \
	"2019-000001 2019-000002 2019-000003"
t_eq "their raw mail is gone" \
	"$(t_sql -c "SELECT string_agg(uid || ':' || length(raw), ' ' ORDER BY uid) FROM inbound_messages")" \
	"1:0 2:0 3:0 4:$(t_sql -c "SELECT length(raw) FROM inbound_messages WHERE uid = 4") 5:$(t_sql -c "SELECT length(raw) FROM inbound_messages WHERE uid = 5")"
t_eq "... its hashes kept" \
	"$(t_sql -c "SELECT string_agg(encode(raw_sha256, 'hex'), ',' ORDER BY uid) FROM inbound_messages")" "$old_raw"
t_eq "one requester, one pseudonym" \
	"$(t_sql -c "SELECT count(DISTINCT requester_name) || ' ' || count(DISTINCT requester_address) FROM cases WHERE number IN ('2019-000001', '2019-000002')")" "1 1"
t_check "... and it is a pseudonym" eval "t_sql -c \"SELECT requester_name || ' ' || requester_address FROM cases WHERE number = '2019-000001'\" | grep -Eq '^p-[0-9a-f]{12} p-[0-9a-f]{12}@pseudonym.invalid$'"
t_eq "another requester, another pseudonym" \
	"$(t_sql -c "SELECT count(DISTINCT requester_name) FROM cases WHERE number IN ('2019-000001', '2019-000003')")" 2
t_eq "nothing of 山田 or the phone number is left in a purged case" \
	"$(t_sql -c "SELECT count(*) FROM cases c WHERE c.purged_at IS NOT NULL AND (
		c::text ~ '山田|1111-2222|新宿'
		OR EXISTS (SELECT 1 FROM case_messages m WHERE m.case_id = c.id AND m::text ~ '山田|1111-2222|パープル')
		OR EXISTS (SELECT 1 FROM case_documents d WHERE d.case_id = c.id AND d::text ~ '山田|1111-2222')
		OR EXISTS (SELECT 1 FROM case_notes n WHERE n.case_id = c.id AND n::text ~ '山田|1111-2222')
		OR EXISTS (SELECT 1 FROM shipments s WHERE s.case_id = c.id AND s::text ~ '山田|1111-2222|新宿')
		OR EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.id AND (o.rcpt ~* 'yamada' OR length(o.raw) > 0)))")" 0
t_eq "their attachments' list is gone, the others' kept" "$(t_sql -c "SELECT count(*) FROM attachments")" 2
t_eq "the guidebook plan keeps what the report counts" \
	"$(t_sql -c "SELECT triage->'material_request'->>'method' || ' ' || (triage->'material_request' ? 'contact') FROM cases WHERE number = '2019-000001'")" \
	"mail_free false"
t_eq "the search no longer finds their words" "$(t_ctl list --search パープル --json | jq -r '[.[].number] | sort | join(" ")')" \
	"2019-000004 2019-000005"
t_eq "the open case and the recent one are untouched" \
	"$(t_sql -c "SELECT string_agg(requester_name, ',' ORDER BY number) FROM cases WHERE number IN ('2019-000004', '2019-000005')")" \
	"山田 太郎,山田 太郎"
report >"$T_DIR/after.json"
t_check "the report of 2019 is the same, to the byte" cmp "$T_DIR/before.json" "$T_DIR/after.json"
t_eq "the purge is audited" \
	"$(t_sql -c "SELECT actor || ' ' || (detail->>'older_than') || ' ' || (detail->>'cases') FROM audit_log WHERE action = 'purge'")" \
	"admin 5 years 3"
t_eq "a second purge" "$(rc purge --older-than 5y --as admin)" 0
t_check "... finds nothing left" grep -q "^purged 0 cases" "$T_DIR/out"
t_done
