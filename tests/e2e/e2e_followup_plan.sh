#!/usr/bin/env bash
# e2e_followup_plan.sh BUILD_DIR - follow-ups whose subject was typed again
# by hand (a name in brackets, 先日の…の件, …について) or that refer back in
# their words, follow-ups filed before the mail they continue, unrelated
# mail of the same sender left alone; and what a follow-up changes in a
# guidebook request: the plan read again from both mails, audited, except
# where staff already made a shipment of it.
source "$(dirname "$0")/lib.sh"
[ -n "${T_TRACE:-}" ] && set -x
T_BUILD=$1
t_require_stack
t_setup followup_plan
t_ctl migrate >/dev/null
t_ctl kb import "$(dirname "$0")/../../config/kb" >/dev/null

mail() { # mail MSGID FROM-ADDRESS DAY SUBJECT BODY (UTF-8)
	{
		printf 'From: <%s>\r\nTo: soudan@desk.example.jp\r\n' "$2"
		printf 'Subject: =?UTF-8?B?%s?=\r\nMessage-ID: <%s>\r\n' "$(printf '%s' "$4" | base64 -w0)" "$1"
		printf 'Date: %s Nov 2026 10:00:00 +0900\r\n' "$3"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n%s\r\n' "$5"
	} >"$T_DIR/$1.eml"
}
filed() { [ -n "$(t_sql -c "SELECT disposition FROM inbound_messages WHERE message_id = '$1'")" ]; }
send() { # send MSGID FROM DAY SUBJECT BODY: delivers one mail and waits until it is filed
	mail "$@"
	t_imap append "$T_MAILBOX" "$T_DIR/$1.eml"
	t_daemon --once
	t_check "$1 is filed" t_wait_for 30 filed "$1"
}
case_of() { t_sql -c "SELECT c.number FROM cases c JOIN case_messages m ON m.case_id = c.id WHERE m.message_id = '$1'"; }
audits() { # audits CASE ACTION
	t_sql -c "SELECT count(*) FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '$1' AND a.action = '$2'"
}
plan() { t_sql -c "SELECT (triage->'material_request'->>'method') || '|' || coalesce(triage->'material_request'->>'copies', '-') FROM cases WHERE number = '$1'"; }

t_start_worker W

# The matter typed again by hand, with a name in brackets and 先日の…の件.
send v1@example.jp mori@shop.example.jp 2 "ランサムウェア感染の相談" \
	"事務所のパソコンでファイルが開けなくなり、身代金を要求する画面が出ています。"
V=$(case_of v1@example.jp)
send v2@example.jp mori@shop.example.jp 4 "先日のランサムウェア感染の件（森文具店）" \
	"その後、バックアップから復元できました。警察への届出は必要でしょうか。"
t_eq "a retyped subject joins" "$(case_of v2@example.jp)" "$V"
t_eq "audited as a heuristic join" "$(audits "$V" heuristic_join)" 1
# A mail that refers back, whose subject names what the first mail said.
send v3@example.jp mori@shop.example.jp 6 "身代金画面の続報" \
	"先日ご相談した森です。身代金の画面はもう出ていませんが、念のため確認したいです。"
t_eq "a mail referring back joins" "$(case_of v3@example.jp)" "$V"
# Unrelated mail of the same sender starts a case of its own, even when polite about the last one.
send v4@example.jp mori@shop.example.jp 8 "ガイドブック送付のお願い" \
	"先日はありがとうございました。社員研修用の冊子をいただけますか。"
t_check "a new matter is a new case" test "$(case_of v4@example.jp)" != "$V"
send v5@example.jp mori@shop.example.jp 9 "身代金の画面について" \
	"別件ですが、先日の画面とは別に、取引先のパソコンでも同じ画面が出たそうです。"
t_check "別件 is a new case" test "$(case_of v5@example.jp)" != "$V"
# Requests of one sender whose subjects share words but differ in what or which are two matters.
send w1@example.jp kato@parts.example.jp 10 "見積書 No.2031 の送付" "見積書No.2031を添付しました。ご確認ください。"
send w2@example.jp kato@parts.example.jp 11 "見積書 No.2032 の送付" "見積書No.2032を添付しました。ご確認ください。"
t_check "another number is another matter" test "$(case_of w2@example.jp)" != "$(case_of w1@example.jp)"
send w3@example.jp kato@parts.example.jp 12 "不審メールの相談" "不審なメールを受信しました。添付は開いていません。"
send w4@example.jp kato@parts.example.jp 13 "不審メールの相談と社内研修の資料" "社内研修で使える資料はありますか。"
t_check "a longer subject without a reply or a reference back is a new matter" \
	test "$(case_of w4@example.jp)" != "$(case_of w3@example.jp)"
send w5@example.jp kato@parts.example.jp 14 "RE:社内研修の資料" "研修は来月です。資料の件、よろしくお願いします。"
t_eq "a reply prefix typed by hand joins the matter it names" "$(case_of w5@example.jp)" "$(case_of w4@example.jp)"

# A follow-up filed before the mail it continues (workers run in parallel):
# the earlier mail joins the follow-up's case.
send late2@example.jp ueno@cafe.example.jp 12 "Re: 通販サイトのなりすまし" \
	"先ほどの件、偽サイトのURLを追記します。"
L=$(case_of late2@example.jp)
send late1@example.jp ueno@cafe.example.jp 11 "通販サイトのなりすまし" \
	"当店の名前をかたる通販サイトがあり、お客様から問い合わせが来ています。"
t_eq "the earlier mail joins the later one's case" "$(case_of late1@example.jp)" "$L"

# A guidebook request completed by its follow-up is planned again.
send g1@example.jp kiyo@print.example.jp 3 "冊子送付のお願い" \
	"中小企業向けのセキュリティガイドブックを送っていただけますか。部数は社内で相談してからご連絡します。"
G=$(case_of g1@example.jp)
t_eq "first: facts missing" "$(plan "$G" | cut -d'|' -f1)" needs_info
send g2@example.jp kiyo@print.example.jp 5 "Re: 冊子送付のお願い" \
	"江東区で印刷業を営む清水印刷（従業員12名）です。社内研修で読むためで、販売はいたしません。5部お願いします。送付先は〒135-0016 東京都江東区東陽1-2-3 清水印刷 清水です。"
t_eq "the follow-up joins" "$(case_of g2@example.jp)" "$G"
t_eq "the plan is made from both" "$(plan "$G")" "mail_free|5"
t_eq "the change is audited" \
	"$(t_sql -c "SELECT (detail->'old'->>'method') || '>' || (detail->'new'->>'method') || '|' || (detail->'new'->>'copies') FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '$G' AND a.action = 'followup_replan'")" \
	"needs_info>mail_free|5"
# The number changed by a later mail.
send g3@example.jp kiyo@print.example.jp 7 "Re: 冊子送付のお願い" \
	"たびたび失礼します。やはり8部でお願いします。"
t_eq "the later number wins" "$(plan "$G")" "mail_free|8"
# Once staff made a shipment of the plan, it stands.
t_ctl ship plan "$G" >/dev/null
send g4@example.jp kiyo@print.example.jp 9 "Re: 冊子送付のお願い" \
	"度々すみません、3部に減らしてください。"
t_eq "a shipped plan is kept" "$(plan "$G")" "mail_free|8"
t_eq "no replan audited after the shipment" "$(audits "$G" followup_replan)" 2

t_stop "$W"
t_done
