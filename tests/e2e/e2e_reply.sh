#!/usr/bin/env bash
# e2e_reply.sh BUILD_DIR KB_DIR - staff answer requesters with madoctl reply:
# the mail's headers and stored message, the requester's answer threading
# back into the case, the SMTP server down while replying (delivered exactly
# once when it is back), a 5xx shown on the case and handled with madoctl
# outbox, a fax case's letter read back with pdftotext, --edit and --close.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
KB=$2
t_require_stack
t_setup reply
t_ctl migrate >/dev/null
t_ctl kb import "$KB" >/dev/null
rc() { local s=0; t_ctl "$@" >"$T_DIR/out" 2>"$T_DIR/err" </dev/null || s=$?; echo "$s"; }

SINK=$T_DIR/sink
mkdir -p "$SINK"
start_sink() { # start_sink PORT: 0 picks one; mail to reject-me@ is refused with 550
	rm -f "$T_DIR/sink.port"
	"$T_BUILD/tests/smtp_sink" "$T_DIR/sink.port" "$SINK" "$1" reject-me 2>>"$T_DIR/smtp_sink.log" &
	SINK_PID=$!
	t_track "$SINK_PID" smtp_sink
	t_check "the SMTP sink listens" t_wait_for 10 test -s "$T_DIR/sink.port"
}
start_sink 0
PORT=$(cat "$T_DIR/sink.port")
t_config_set "$T_CONFIG" smtp url "smtp://127.0.0.1:$PORT"
t_config_set "$T_CONFIG" smtp from "相談窓口 <soudan@desk.example.jp>"
t_config_set "$T_CONFIG" smtp retry_interval 1
printf '\n[staff.tanaka]\nname = 田中 花子\nsignature = 東京都 相談窓口\\n相談員 田中 花子\n' >>"$T_CONFIG"

mail() { # mail FILE FROM MESSAGE-ID SUBJECT BODY [IN-REPLY-TO]
	{
		printf 'From: %s\r\nTo: soudan@desk.example.jp\r\nSubject: %s\r\n' "$2" "$4"
		printf 'Date: Mon, 2 Nov 2026 10:00:00 +0900\r\nMessage-ID: <%s>\r\n' "$3"
		[ -n "${6:-}" ] && printf 'In-Reply-To: <%s>\r\nReferences: <%s>\r\n' "$6" "$6"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n%s\r\n' "$5"
	} >"$1"
}
mkdir -p "$T_DIR/mail"
mail "$T_DIR/mail/1.eml" "=?UTF-8?B?5bGx5pys?= <yamamoto@example.co.jp>" req-1@example.co.jp \
	"=?UTF-8?B?5oyv6L6844G/5YWI44Gu5aSJ5pu0?=" \
	'取引先を名乗るメールで振込先が変わったと連絡があり、100万円を振り込んでしまいました。どうすればよいでしょうか。'
mail "$T_DIR/mail/2.eml" "reject-me@example.jp" req-2@example.jp "question" \
	'ウイルス対策ソフトの選び方を教えてください。'
t_imap append "$T_MAILBOX" "$T_DIR"/mail/*.eml
t_start_worker W
t_daemon --once
t_check "2 cases filed" t_wait_for 60 t_has_cases 2
A=$(t_sql -c "SELECT number FROM cases WHERE requester_address = 'yamamoto@example.co.jp'")
R=$(t_sql -c "SELECT number FROM cases WHERE requester_address = 'reject-me@example.jp'")
sent() { find "$SINK" -name '*.eml' | wc -l; }
before=$(sent)

# Not on a terminal, reply asks for --yes; --dry-run shows the text and sends nothing.
t_eq "no terminal, no --yes: misuse" "$(rc reply "$A" --answer bec.1)" 2
t_eq "--dry-run" "$(rc reply "$A" --answer bec.1 --dry-run --as tanaka)" 0
t_check "... shows the filled-in answer" grep -q "受付番号 $A" "$T_DIR/out"
t_eq "... sends nothing" "$(sent)" "$before"
t_eq "... files nothing" "$(t_sql -c "SELECT count(*) FROM case_messages WHERE direction = 'out' AND kind = 'reply'")" 0

# The reply: standard answer, signed, threaded, stored, the case waiting.
t_eq "reply with the standard answer" "$(rc reply "$A" --answer bec.1 --yes --as tanaka)" 0
t_check "... sent at once" grep -q "reply sent to yamamoto@example.co.jp" "$T_DIR/out"
t_eq "... one mail more" "$(sent)" $((before + 1))
M=$(find "$SINK" -name "*.eml" | sort | tail -1)
hdr() { sed -n '/^\r$/q;p' "$M" | grep -i "^$1:" | head -1 | cut -d' ' -f2- | tr -d '\r'; }
msgid=$(hdr Message-ID | tr -d '<>')
t_eq "From: the desk" "$(hdr From)" "相談窓口 <soudan@desk.example.jp>"
t_eq "To: the requester" "$(hdr To)" "yamamoto@example.co.jp"
t_eq "In-Reply-To: the request" "$(hdr In-Reply-To)" "<req-1@example.co.jp>"
t_check "References: the request" grep -q "req-1@example.co.jp" <<<"$(hdr References)"
t_eq "the case header" "$(hdr X-Madoguchi-Case)" "$A"
t_check "Subject: the case tag, then Re:" \
	grep -q "^\[相談#$A\] Re: " <<<"$(hdr Subject | sed 's/^=?UTF-8?B?\([^?]*\)?=.*/\1/' | base64 -d)"
t_eq "... then the request's subject, as stored" \
	"$(t_sql -c "SELECT m.subject FROM case_messages m JOIN cases c ON c.id = m.case_id WHERE c.number = '$A' AND m.kind = 'reply'")" \
	"[相談#$A] Re: 振込み先の変更"
body=$(sed '1,/^\r$/d' "$M" | tr -d '\r' | base64 -d)
t_check "body: the requester by name" grep -q "山本 様" <<<"$body"
t_check "body: the case number" grep -q "受付番号 $A" <<<"$body"
t_check "body: the referral directory in force" grep -q "IPA 情報セキュリティ安心相談窓口" <<<"$body"
t_check "body: tanaka's signature" grep -q "相談員 田中 花子" <<<"$body"
t_check "body: the marker threading finds" grep -q "\[madoguchi:$A\]" <<<"$body"
t_eq "stored as the case's outbound reply" \
	"$(t_sql -c "SELECT m.via || '|' || m.author || '|' || m.message_id FROM case_messages m JOIN cases c ON c.id = m.case_id WHERE c.number = '$A' AND m.kind = 'reply'")" \
	"mail|tanaka|$msgid"
t_eq "the outbox has it sent" "$(t_sql -c "SELECT state || '|' || staff FROM outbox WHERE message_id = '$msgid'")" "sent|tanaka"
t_eq "the case waits a week, tanaka's" \
	"$(t_sql -c "SELECT status || '|' || owner || '|' || (wait_until = (now() AT TIME ZONE 'Asia/Tokyo')::date + 7) FROM cases WHERE number = '$A'")" \
	"waiting|tanaka|true"
t_eq "audited" "$(t_sql -c "SELECT detail->>'via' || '|' || (detail->>'message_id') FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '$A' AND a.action = 'reply'")" \
	"mail|$msgid"
t_check "show marks the reply sent" grep -q "reply by mail from tanaka, .*, sent" <(t_ctl show "$A")
t_check "show names the owner as [staff.tanaka] does" grep -q "^Owner:      tanaka (田中 花子)$" <(t_ctl show "$A")

# The requester answers the reply: it joins the case, which is open again.
mail "$T_DIR/mail/3.eml" "yamamoto@example.co.jp" ans-1@example.co.jp "Re: reply" \
	'ご連絡ありがとうございます。警察に相談しました。' "$msgid"
t_imap append "$T_MAILBOX" "$T_DIR/mail/3.eml"
t_daemon --once
joined() { [ "$(t_sql -c "SELECT count(*) FROM case_messages m JOIN cases c ON c.id = m.case_id WHERE c.number = '$A' AND m.message_id = 'ans-1@example.co.jp'")" = 1 ]; }
t_check "the answer joins the case" t_wait_for 60 joined
t_eq "still two cases" "$(t_cases)" 2
t_eq "the case is open again" "$(t_sql -c "SELECT status FROM cases WHERE number = '$A'")" open

# The mail server is down while replying: queued, then delivered exactly once.
kill "$SINK_PID"
t_reap 0 "stops" "$SINK_PID"
before=$(sent)
t_eq "reply while the server is down" \
	"$(printf '追加のご案内です。\n' | t_ctl reply "$A" --file - --yes --as tanaka >"$T_DIR/out" 2>"$T_DIR/err"; echo $?)" 0
t_check "... says queued" grep -q "reply queued" "$T_DIR/out"
msgid2=$(t_sql -c "SELECT m.message_id FROM case_messages m JOIN cases c ON c.id = m.case_id WHERE c.number = '$A' AND m.kind = 'reply' ORDER BY m.id DESC LIMIT 1")
t_eq "... queued in the outbox" "$(t_sql -c "SELECT state FROM outbox WHERE message_id = '$msgid2'")" queued
start_sink "$PORT"
delivered() { [ "$(t_sql -c "SELECT state FROM outbox WHERE message_id = '$msgid2'")" = sent ]; }
t_check "delivered when the server is back" t_wait_for 60 delivered
t_eq "... exactly once" "$(grep -l "^Message-ID: <$msgid2>" "$SINK"/*.eml | wc -l)" 1
t_eq "... and nothing else sent" "$(sent)" $((before + 1))

# A 5xx: failed at once, shown on the case, in list --failed and madoctl outbox.
t_eq "a reply the server refuses for good" "$(rc reply "$R" --file /dev/null --yes --as tanaka)" 1
t_check "... says so" grep -q "refused the reply for good: .*550" "$T_DIR/err"
t_eq "... failed in the outbox" "$(t_sql -c "SELECT o.state || '|' || o.attempts FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.number = '$R'")" "failed|1"
t_check "... shown on the case" grep -q "reply by mail from tanaka, .*FAILED: .*550" <(t_ctl show "$R")
t_eq "... show --json too" "$(t_ctl show "$R" --json | jq -r '.messages[] | select(.kind == "reply") | .delivery')" failed
t_eq "... in list --failed" "$(t_ctl list --failed -i)" "$R"
t_ctl outbox >"$T_DIR/outbox.txt"
t_check "... in madoctl outbox" grep -q "$R  reply   failed" "$T_DIR/outbox.txt"
oid=$(t_sql -c "SELECT o.id FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.number = '$R'")
t_eq "outbox cancel" "$(rc outbox cancel "$oid" --as tanaka)" 0
t_eq "... cancelled" "$(t_sql -c "SELECT state FROM outbox WHERE id = $oid")" cancelled
t_eq "... and no longer listed" "$(t_ctl outbox --json | jq length)" 0
t_eq "a cancelled mail is not retried" "$(rc outbox retry "$oid")" 1
t_eq "an unknown id" "$(rc outbox retry 999999)" 1

# --edit: $EDITOR changes the text before it is sent; --close closes the case.
printf '#!/bin/sh\nprintf "エディタで書き足しました。\\n" >>"$1"\n' >"$T_DIR/editor.sh"
chmod +x "$T_DIR/editor.sh"
t_eq "reply --edit --close to the address that fails" "$(EDITOR=$T_DIR/editor.sh rc reply "$R" --edit --close spam --yes --as tanaka)" 1
t_eq "... the edited text is what was sent" "$(t_sql -c "SELECT count(*) FROM case_messages m JOIN cases c ON c.id = m.case_id WHERE c.number = '$R' AND m.kind = 'reply' AND m.body_text LIKE '%エディタで書き足しました。%'")" 1
t_eq "... refused for good, so not closed" "$(t_sql -c "SELECT status FROM cases WHERE number = '$R'")" waiting
t_eq "reply --close to a good address" "$(printf 'ご確認ください。\n' | t_ctl reply "$A" --file - --close spam --yes --as tanaka >"$T_DIR/out" 2>&1; echo $?)" 0
t_eq "... sent and closed" "$(t_sql -c "SELECT status || '|' || resolution FROM cases WHERE number = '$A'")" "closed|spam"
t_eq "--close with the review missing is refused before sending" "$(rc reply "$R" --file /dev/null --close answered --yes)" 1
t_check "... says what is missing" grep -q "would be refused, nothing sent: .*not confirmed" "$T_DIR/err"

# A fax case: the letter for the fax machine, read back.
t_sql -c "INSERT INTO cases (number, channel, subject, requester_name, received_at, fax_number)
	VALUES ('2026-900002', 'fax', 'FAX', '中村工業', now(), '03-1234-5678')" >/dev/null
t_eq "reply to a fax case" "$(printf 'ガイドブックは来週お送りします。\n' | t_ctl reply 2026-900002 --file - --yes --pdf "$T_DIR/letter.pdf" --as tanaka >"$T_DIR/out" 2>&1; echo $?)" 0
pdftotext -layout "$T_DIR/letter.pdf" "$T_DIR/letter.txt"
t_check "the letter: addressed to the fax number" grep -q "03-1234-5678" "$T_DIR/letter.txt"
t_check "the letter: the case number" grep -q "2026-900002" "$T_DIR/letter.txt"
t_check "the letter: the text" grep -q "ガイドブックは来週お送りします" "$T_DIR/letter.txt"
t_check "the letter: the signature" grep -q "相談員 田中 花子" "$T_DIR/letter.txt"
t_eq "filed as sent by fax" "$(t_sql -c "SELECT m.via || '|' || c.status FROM case_messages m JOIN cases c ON c.id = m.case_id WHERE c.number = '2026-900002' AND m.kind = 'reply'")" "fax|waiting"

# Refusals.
t_sql -c "INSERT INTO cases (number, channel, subject, requester_name, received_at) VALUES ('2026-900003', 'phone', 'call', '佐藤', now())" >/dev/null
t_eq "a phone case has no address" "$(rc reply 2026-900003 --file /dev/null --yes)" 1
t_check "... says to call" grep -q "no mail address" "$T_DIR/err"
t_eq "no such case" "$(rc reply 2026-999999 --file /dev/null --yes)" 1
t_eq "a closed case" "$(rc reply "$A" --file /dev/null --yes)" 1
t_check "... reopen first" grep -q "reopen it first" "$T_DIR/err"
t_eq "an unknown template" "$(rc reply "$R" --answer nothing.1 --yes)" 1
t_eq "an unknown --close resolution is misuse" "$(rc reply "$R" --close solved --yes)" 2
t_done
