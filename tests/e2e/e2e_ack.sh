#!/usr/bin/env bash
# e2e_ack.sh BUILD_DIR - acknowledgements over real SMTP (libcurl to a
# local SMTP sink): sent for new cases only, marked as machine-made,
# threaded back, capped per sender per day; robots get none.
source "$(dirname "$0")/lib.sh"
[ -n "${T_TRACE:-}" ] && set -x
T_BUILD=$1
t_require_stack
t_setup ack
t_close_freely
t_ctl migrate >/dev/null
t_smtp_sink
t_config_set "$T_CONFIG" ack daily_cap 2

mail() { # mail FILE MSGID SUBJECT-UTF8 [EXTRA-HEADER]
	{
		printf 'From: =?UTF-8?B?5bGx55Sw?= <yamada@example.jp>\r\nTo: soudan@desk.example.jp\r\n'
		printf 'Subject: =?UTF-8?B?%s?=\r\nMessage-ID: <%s>\r\n' "$(printf '%s' "$3" | base64 -w0)" "$2"
		[ -n "${4:-}" ] && printf '%s\r\n' "$4"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nパソコンの相談です。\r\n'
	} >"$1"
}
mail "$T_DIR/1.eml" first@example.jp "ウイルス感染の相談"
mail "$T_DIR/2.eml" second@example.jp "別件の相談"
mail "$T_DIR/3.eml" third@example.jp "三件目の相談"
mail "$T_DIR/robot.eml" robot@example.jp "不在通知" "Auto-Submitted: auto-replied"
t_imap append "$T_MAILBOX" "$T_DIR/1.eml" "$T_DIR/2.eml" "$T_DIR/3.eml" "$T_DIR/robot.eml"
t_start_worker W
t_daemon --once
t_check "3 cases" t_wait_for 30 t_has_cases 3
sent() { [ "$(t_sql -c "SELECT count(*) FROM outbox WHERE state = 'sent'")" = "$1" ]; }
t_check "2 acknowledgements sent" t_wait_for 30 sent 2
t_eq "the third is over the daily cap" "$(t_sql -c "SELECT count(*) FROM outbox")" 2
t_eq "two mails reached the SMTP server" "$(ls "$SINK"/*.eml 2>/dev/null | wc -l)" 2
ack=$SINK/0001.eml
number=$(t_sql -c "SELECT c.number FROM cases c JOIN case_messages m ON m.case_id = c.id WHERE m.message_id = 'first@example.jp'")
t_check "Auto-Submitted: auto-replied" grep -q '^Auto-Submitted: auto-replied' "$ack"
t_check "In-Reply-To the request" grep -q '^In-Reply-To: <first@example.jp>' "$ack"
t_check "X-Madoguchi-Case header" grep -q "^X-Madoguchi-Case: $number" "$ack"
t_check "envelope to the sender" grep -q 'RCPT TO:<yamada@example.jp>' "$SINK/0001.env"
body=$(sed '1,/^\r*$/d' "$ack" | tr -d '\r' | base64 -d)
t_check "body carries the number and the marker" grep -aq "\[madoguchi:$number\]" <<<"$body"
t_eq "ack stored with the case" \
	"$(t_sql -c "SELECT count(*) FROM case_messages m JOIN cases c ON c.id = m.case_id WHERE c.number = '$number' AND m.direction = 'out' AND m.kind = 'ack'")" 1
t_eq "no case (and no ack) for the robot" "$(t_sql -c "SELECT disposition FROM inbound_messages WHERE message_id = 'robot@example.jp'")" autoreply

# The requester answers the acknowledgement: the reply joins the case through the ack's Message-ID.
ackid=$(sed -n 's/^Message-ID: <\(.*\)>\r*$/\1/p' "$ack")
mail "$T_DIR/reply.eml" reply@example.jp "Re: 受付のお知らせ" "In-Reply-To: <$ackid>"
t_imap append "$T_MAILBOX" "$T_DIR/reply.eml"
t_daemon --once
followup() { [ "$(t_sql -c "SELECT disposition FROM inbound_messages WHERE message_id = 'reply@example.jp'")" = followup ]; }
t_check "the reply is a follow-up" t_wait_for 30 followup
t_eq "of the acknowledged case" \
	"$(t_sql -c "SELECT c.number FROM cases c JOIN case_messages m ON m.case_id = c.id WHERE m.message_id = 'reply@example.jp'")" "$number"
t_eq "and gets no second acknowledgement" "$(t_sql -c "SELECT count(*) FROM outbox")" 2

# A delivery failure of our acknowledgement goes with its case.
{
	printf 'From: Mail Delivery System <MAILER-DAEMON@mx.example.jp>\r\nTo: soudan@desk.example.jp\r\n'
	printf 'Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn-1@mx.example.jp>\r\n'
	printf 'MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="r"\r\n\r\n'
	printf -- '--r\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n'
	printf -- '--r\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; yamada@example.jp\r\nAction: failed\r\nStatus: 5.1.1\r\n'
	printf -- '--r\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <%s>\r\nSubject: ack\r\n' "$ackid"
	printf -- '--r--\r\n'
} >"$T_DIR/dsn.eml"
t_imap append "$T_MAILBOX" "$T_DIR/dsn.eml"
t_daemon --once
bounced() { [ "$(t_sql -c "SELECT disposition FROM inbound_messages WHERE message_id = 'dsn-1@mx.example.jp'")" = bounce ]; }
t_check "the bounce is recognised" t_wait_for 30 bounced
t_eq "and filed with the acknowledged case" \
	"$(t_sql -c "SELECT c.number || '|' || m.kind FROM case_messages m JOIN cases c ON c.id = m.case_id WHERE m.message_id = 'dsn-1@mx.example.jp'")" "$number|bounce"

# Mail to a closed case: reopened within the window (the default policy) ...
t_ctl close "$number" --resolution answered >/dev/null
mail "$T_DIR/late.eml" late@example.jp "Re: [相談#$number] 追加の質問"
t_imap append "$T_MAILBOX" "$T_DIR/late.eml"
t_daemon --once
reopened() { [ "$(t_sql -c "SELECT status FROM cases WHERE number = '$number'")" = open ]; }
t_check "a closed case is reopened by its requester's mail" t_wait_for 30 reopened
t_eq "reopen audited" "$(t_sql -c "SELECT count(*) FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '$number' AND a.action = 'reopen'")" 1

# ... a new case linked to it with closed_policy = new_linked ...
t_stop "$W"
t_ctl close "$number" --resolution answered >/dev/null
t_config_set "$T_CONFIG" imap closed_policy new_linked
t_start_worker W
mail "$T_DIR/late2.eml" late2@example.jp "Re: [相談#$number] また質問"
t_imap append "$T_MAILBOX" "$T_DIR/late2.eml"
t_daemon --once
linked() { [ "$(t_sql -c "SELECT count(*) FROM cases c JOIN cases o ON o.id = c.linked_case_id WHERE o.number = '$number'")" = 1 ]; }
t_check "with new_linked, a new case linked to the closed one" t_wait_for 30 linked
t_eq "the closed case stays closed" "$(t_sql -c "SELECT status FROM cases WHERE number = '$number'")" closed

# ... or refused with a notice with closed_policy = reject.
t_stop "$W"
t_config_set "$T_CONFIG" imap closed_policy reject
t_config_set "$T_CONFIG" ack daily_cap 10
t_start_worker W
mail "$T_DIR/late3.eml" late3@example.jp "Re: [相談#$number] 三度目"
t_imap append "$T_MAILBOX" "$T_DIR/late3.eml"
t_daemon --once
rejected() { [ "$(t_sql -c "SELECT disposition FROM inbound_messages WHERE message_id = 'late3@example.jp'")" = rejected ]; }
t_check "with reject, the mail joins nothing" t_wait_for 30 rejected
notice_sent() { [ "$(t_sql -c "SELECT count(*) FROM outbox WHERE kind = 'notice' AND state = 'sent'")" = 1 ]; }
t_check "and the sender gets a notice" t_wait_for 30 notice_sent
t_check "the notice is machine-made" grep -lq '^Auto-Submitted: auto-replied' "$(ls -t "$SINK"/*.eml | head -1)"

t_done
