#!/usr/bin/env bash
# e2e_export.sh BUILD_DIR - madoctl export: everything held about one
# requester. Their cases are found by the address on the case, by a message
# from it or by mail sent to it, letter case aside; each comes with its
# messages and their attachments list, documents, notes, referrals,
# shipments, mail sent and audit trail; another person's case is not in
# it; the file is the owner's alone; the export is audited; misuse is
# refused.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
t_require_stack
t_setup export
t_ctl migrate >/dev/null
rc() { local s=0; t_ctl "$@" >"$T_DIR/out" 2>"$T_DIR/err" || s=$?; echo "$s"; }

t_sql >/dev/null <<'SQL'
INSERT INTO cases (number, channel, subject, requester_name, requester_address, received_at)
VALUES ('2026-000001', 'mail', 'ウイルス', '山田 太郎', 'Yamada@Example.co.jp', '2026-11-02 10:00+09'),
       ('2026-000002', 'phone', '電話相談', '山田 太郎', '', '2026-11-05 10:00+09'),
       ('2026-000003', 'mail', '他人の相談', '佐藤 花子', 'sato@example.jp', '2026-11-06 10:00+09');
INSERT INTO case_messages (case_id, direction, kind, from_name, from_address, subject, body_text)
SELECT id, 'in', 'request', '山田 太郎', 'yamada@example.co.jp', 'ウイルス', 'ウイルス相談の本文です。'
FROM cases WHERE number = '2026-000001'
UNION ALL
SELECT id, 'in', 'followup', '山田 太郎', 'YAMADA@example.co.jp', '追伸', '電話の件の追伸です。'
FROM cases WHERE number = '2026-000002'
UNION ALL
SELECT id, 'in', 'request', '佐藤 花子', 'sato@example.jp', '他人の相談', 'SECRET-OF-SATO'
FROM cases WHERE number = '2026-000003';
INSERT INTO attachments (case_message_id, part, filename, content_type, declared_type, size, sha256)
SELECT m.id, 2, 'invoice.pdf', 'application/pdf', 'application/pdf', 1234, sha256('x'::bytea)
FROM case_messages m JOIN cases c ON c.id = m.case_id WHERE c.number = '2026-000001';
INSERT INTO case_documents (case_id, kind, content_type, filename, size, sha256, pages, ocr_text)
SELECT id, 'fax_image', 'image/tiff', 'fax.tif', 5000, sha256('y'::bytea), 1, 'FAXOCR本文'
FROM cases WHERE number = '2026-000002';
INSERT INTO shipments (case_id, method, copies, packages, request, created_by)
SELECT id, 'mail_free', 5, '[]', '{"address": "東京都新宿区"}', 'alice' FROM cases WHERE number = '2026-000001';
INSERT INTO outbox (case_id, kind, rcpt, message_id, raw, state)
SELECT id, 'ack', 'yamada@example.co.jp', '<ack-1@desk>', 'raw'::bytea, 'sent'
FROM cases WHERE number = '2026-000001';
SQL
t_eq "a note on the first case" "$(rc note 2026-000001 -m '折り返し電話済み' --as alice)" 0

t_eq "export" "$(rc export --requester yamada@EXAMPLE.co.jp -o "$T_DIR/yamada.json" --as alice)" 0
t_check "... says how many cases" grep -q "2 cases of yamada@EXAMPLE.co.jp written to" "$T_DIR/err"
t_eq "the file is the owner's alone" "$(stat -c %a "$T_DIR/yamada.json")" 600
J=$T_DIR/yamada.json
t_eq "the two cases of the address, in the order received" \
	"$(jq -r '[.cases[].number] | join(" ")' "$J")" "2026-000001 2026-000002"
t_eq "the requester and who exported" "$(jq -r '.requester + " " + .exported_by' "$J")" \
	"yamada@EXAMPLE.co.jp alice"
t_eq "a case's messages, with their text" "$(jq -r '.cases[0].messages[0].body' "$J")" \
	"ウイルス相談の本文です。"
t_eq "... and the list of their attachments" \
	"$(jq -r '.cases[0].messages[0].attachments[0] | .filename + " " + (.size | tostring) + " " + .sha256' "$J")" \
	"invoice.pdf 1234 $(printf x | sha256sum | cut -d' ' -f1)"
t_eq "the case found by a message from the address" "$(jq -r '.cases[1].messages[0].body' "$J")" \
	"電話の件の追伸です。"
t_eq "documents with their OCR text" "$(jq -r '.cases[1].documents[0].ocr_text' "$J")" "FAXOCR本文"
t_eq "notes" "$(jq -r '.cases[0].notes[0] | .author + " " + .body' "$J")" "alice 折り返し電話済み"
t_eq "shipments, with the address they went to" "$(jq -r '.cases[0].shipments[0].request.address' "$J")" \
	"東京都新宿区"
t_eq "mail sent" "$(jq -r '.cases[0].mail_sent[0] | .kind + " " + .to + " " + .state' "$J")" \
	"ack yamada@example.co.jp sent"
t_eq "the audit trail" "$(jq -r '[.cases[0].audit[].action] | join(" ")' "$J")" "note"
t_check "another person's case is not in it" eval '! grep -q "SECRET-OF-SATO\|2026-000003" "$J"'
t_eq "the export is audited" \
	"$(t_sql -c "SELECT actor || ' ' || (detail->>'requester') || ' ' || (detail->>'cases') FROM audit_log WHERE action = 'export'")" \
	"alice yamada@EXAMPLE.co.jp 2"

t_eq "an address the desk does not know" "$(rc export --requester nobody@example.jp --as alice)" 0
t_eq "... has no case" "$(jq -r '.cases | length' "$T_DIR/out")" 0
t_check "... and says so" grep -q "0 cases of nobody@example.jp" "$T_DIR/err"
t_eq "no --requester: misuse" "$(rc export --as alice)" 2
t_eq "not an address: misuse" "$(rc export --requester yamada --as alice)" 2
t_done
