#!/usr/bin/env bash
# e2e_eapp.sh BUILD_DIR KB_DIR DATA_DIR - requests through the Tokyo
# e-application service: its notifications (Auto-Submitted, from a no-reply
# address, in five layouts, ISO-2022-JP and UTF-8) become cases of channel
# eapp whose requester is the applicant, with the copies and the address
# read for the shipping plan; acknowledgements go to the applicant's mail
# address, never to the service; the service's other mail and an ordinary
# auto-reply stay robots'.
source "$(dirname "$0")/lib.sh"
[ -n "${T_TRACE:-}" ] && set -x
T_BUILD=$1
KB=$2
DATA=$3
t_require_stack
t_setup eapp
t_ctl migrate >/dev/null
t_ctl kb import "$KB" >/dev/null
t_smtp_sink
# [eapp] is left at its defaults: they must recognise the service's addresses.

t_imap append "$T_MAILBOX" "$DATA"/*.eml
t_start_worker W
t_daemon --once
t_check "5 cases" t_wait_for 60 t_has_cases 5
settled() { [ "$(t_sql -c "SELECT count(*) FROM inbound_messages WHERE disposition IS NULL")" = 0 ]; }
t_check "every message decided" t_wait_for 60 settled
t_eq "exactly 5 cases" "$(t_cases)" 5

# One line per notification: number|channel|requester_name|requester_address, by Message-ID.
row() {
	t_sql -c "SELECT c.number || '|' || c.channel || '|' || c.requester_name || '|' || c.requester_address
		FROM cases c JOIN case_messages m ON m.case_id = c.id WHERE m.message_id = '$1'"
}
while IFS='|' read -r id name address; do
	r=$(row "$id")
	t_eq "$id: a case of channel eapp, requester the applicant" "${r#*|}" "eapp|$name|$address"
done <<'EOF'
eapp-1@shinsei.e-tokyo.lg.jp|山田 太郎|taro@midori.example.jp
eapp-2@shinsei.e-tokyo.lg.jp|鈴木 花子|hanako@suzuki.example.jp
eapp-3@shinsei.e-tokyo.lg.jp|佐藤 一郎|
eapp-4@shinsei.e-tokyo.lg.jp|高橋 健|ken@takahashi.example.jp
eapp-5@shinsei.e-tokyo.lg.jp|伊藤 美咲|misaki@ito.example.jp
EOF
t_eq "the message keeps the service as its sender" \
	"$(t_sql -c "SELECT from_address FROM case_messages WHERE message_id = 'eapp-1@shinsei.e-tokyo.lg.jp'")" \
	no-reply@shinsei.e-tokyo.lg.jp

# madoctl show, as staff see it.
c1=$(row eapp-1@shinsei.e-tokyo.lg.jp | cut -d'|' -f1)
t_eq "show --json: channel and requester" \
	"$(t_ctl show "$c1" --json | jq -r '[.channel, .requester_name, .requester_address] | join("|")')" \
	"eapp|山田 太郎|taro@midori.example.jp"
t_check "show names the channel" grep -q eapp <<<"$(t_ctl show "$c1")"

# The guidebook facts the triage read from the entries: copies, place, plan.
facts() {
	t_sql -c "SELECT c.triage->>'kind' || '|' || (c.triage->'material_request'->>'copies') || '|'
		|| (c.triage->'material_request'->>'tokyo_sme') || '|' || (c.triage->'material_request'->>'method')
		|| '|' || coalesce(c.triage->'material_request'->>'postal_code', '') || '|'
		|| coalesce(c.triage->'material_request'->>'address', '')
		FROM cases c JOIN case_messages m ON m.case_id = c.id WHERE m.message_id = '$1'"
}
while IFS='#' read -r id want; do
	t_eq "$id: guidebook facts" "$(facts "$id")" "$want"
done <<'EOF'
eapp-1@shinsei.e-tokyo.lg.jp#material_request|30|true|pickup_or_cod|160-0023|東京都新宿区西新宿9-9-9
eapp-2@shinsei.e-tokyo.lg.jp#material_request|10|true|mail_free|190-0012|東京都立川市曙町1-1
eapp-3@shinsei.e-tokyo.lg.jp#material_request|50|true|deferred|130-0001|東京都墨田区吾妻橋1-2-3
eapp-4@shinsei.e-tokyo.lg.jp#material_request|100|true|deferred|101-0047|東京都千代田区内神田2-2-2
EOF
t_eq "a 屋号 is the organisation" \
	"$(t_sql -c "SELECT c.triage->'material_request'->>'organization' FROM cases c JOIN case_messages m ON m.case_id = c.id WHERE m.message_id = 'eapp-2@shinsei.e-tokyo.lg.jp'")" \
	すずき商店
t_eq "a consultation through the service is no guidebook request" \
	"$(t_sql -c "SELECT c.triage->>'kind' || '|' || (c.triage->'material_request' = 'null'::jsonb) FROM cases c JOIN case_messages m ON m.case_id = c.id WHERE m.message_id = 'eapp-5@shinsei.e-tokyo.lg.jp'")" \
	"consultation|true"

# The shipping plan follows the entries: 50 copies, 後納 in one 80-size box.
c3=$(row eapp-3@shinsei.e-tokyo.lg.jp | cut -d'|' -f1)
t_ctl ship plan "$c3" >/dev/null
t_eq "ship plan from the entries" \
	"$(t_ctl ship show "$c3" --json | jq -c '[.method, .copies, [.packages[] | [.size, .count]]]')" \
	'["deferred",50,[[80,1]]]'

# Acknowledgements: to the applicants who gave an address, none to the service.
sent() { [ "$(t_sql -c "SELECT count(*) FROM outbox WHERE state = 'sent'")" = "$1" ]; }
t_check "4 acknowledgements sent" t_wait_for 30 sent 4
t_eq "to the applicants' addresses" \
	"$(t_sql -c "SELECT string_agg(rcpt, ',' ORDER BY rcpt) FROM outbox")" \
	"hanako@suzuki.example.jp,ken@takahashi.example.jp,misaki@ito.example.jp,taro@midori.example.jp"
t_eq "four mails reached the SMTP server" "$(ls "$SINK"/*.eml 2>/dev/null | wc -l)" 4
t_eq "none to the service" "$(cat "$SINK"/*.env | grep -ci 'rcpt to:.*\(no-\?reply\|shinsei\)')" 0
t_check "the applicant's envelope" grep -q 'RCPT TO:<taro@midori.example.jp>' "$SINK"/*.env
t_eq "no ack for the applicant without an address" \
	"$(t_sql -c "SELECT count(*) FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.number = '$c3'")" 0

# The service's other mail and an ordinary auto-reply stay robots'.
t_eq "the service's maintenance notice is a robot's" \
	"$(t_sql -c "SELECT disposition FROM inbound_messages WHERE message_id = 'eapp-50@shinsei.e-tokyo.lg.jp'")" autoreply
t_eq "an ordinary auto-reply is a robot's" \
	"$(t_sql -c "SELECT disposition FROM inbound_messages WHERE message_id = 'autoreply-1@example.jp'")" autoreply
t_check "the worker logged the channel" t_log_has "$T_DIR/worker.log" "result=case channel=eapp"

# madoctl classify reads a notification the same way.
t_eq "classify: a guidebook request of 100 copies" \
	"$(t_ctl classify --json "$DATA/04-numbered-utf8.eml" | jq -r '[.kind, .material_request.copies, .material_request.method] | join("|")')" \
	"material_request|100|deferred"
# The service's rule lines (━━━, ===) are no signature: the entries below them are read.
t_eq "classify: a consultation below the service's rule lines" \
	"$(t_ctl classify --json "$DATA/classify/06-rules-consultation-utf8.eml" | jq -r '[.kind, .category, .urgent] | join("|")')" \
	"consultation|malware.ransomware|true"
t_eq "classify: the size entries below them, a bare employee count" \
	"$(t_ctl classify --json "$DATA/classify/07-equals-sizes-utf8.eml" | jq -r '[.kind, .material_request.sme, .material_request.copies, .material_request.method] | join("|")')" \
	"material_request|true|150|deferred"
# A notice whose subject names no application (申請内容の控え) carries one when it holds the entries.
t_eq "classify: entries under a subject that names no application" \
	"$(t_ctl classify --json "$DATA/classify/08-copy-subject-utf8.eml" | jq -r '[.kind, .material_request.copies, .material_request.method] | join("|")')" \
	"material_request|8|mail_free"

t_stop "$W"
t_done
