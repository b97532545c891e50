#!/usr/bin/env bash
# e2e_ship.sh BUILD_DIR KB_DIR - guidebook shipments end to end: requests
# arrive by mail, the workers triage them, staff plan the shipment, work the
# manual's checklist step by step (illegal moves refused), override a plan
# with a reason (audited), cancel, and print the forms, whose text is read
# back with pdftotext and whose pages render with pdftoppm.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
KB=$2
t_require_stack
t_setup ship
t_ctl migrate >/dev/null
t_ctl kb import "$KB" >/dev/null

request() { # request N BODY: the guidebook request mail $T_DIR/rN.eml
	local n=$1
	shift
	{
		printf 'From: =?UTF-8?B?%s?= <req%d@example.jp>\n' "$(printf '依頼者%d' "$n" | base64 -w0)" "$n"
		printf 'To: soudan@madoguchi.example\nSubject: =?UTF-8?B?%s?=\n' "$(printf 'ガイドブック送付のお願い' | base64 -w0)"
		printf 'Date: Mon, 16 Nov 2026 10:0%d:00 +0900\nMessage-ID: <ship-%d@example.jp>\n' "$((n % 10))" "$n"
		printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n'
		printf '%s\n' "$1"
	} >"$T_DIR/r$n.eml"
}
tokyo() {
	printf 'いつもお世話になっております。株式会社みどり製作所（従業員25名） 総務の田中と申します。\n'
	printf '社員研修で使うため、ガイドブック「中小企業向けサイバーセキュリティ対策の極意」を%s冊お送りください。\n' "$1"
	printf '〒160-0023 東京都新宿区西新宿9-9-9 みどりビル3F\nTEL 03-0000-1111\n'
}
request 1 "$(tokyo 150)"
request 2 "$(tokyo 5)"
request 3 "$(tokyo 20)"
request 4 "$(printf '大阪市の有限会社なにわ商会です。社員教育用にガイドブックを20冊お願いします。\n〒530-0001 大阪府大阪市北区梅田9-9')"
t_imap append "$T_MAILBOX" "$T_DIR"/r[1-4].eml
t_start_worker W
t_daemon --once
t_check "four requests filed" t_wait_for 60 t_has_cases 4
triaged() { [ "$(t_sql -c "SELECT count(*) FROM cases WHERE triage IS NOT NULL")" = 4 ]; }
t_check "and triaged" t_wait_for 60 triaged
t_stop "$W"
case_of() { t_sql -c "SELECT c.number FROM cases c JOIN case_messages m ON m.case_id = c.id WHERE m.message_id = '$1'"; }
c150=$(case_of ship-1@example.jp)
c5=$(case_of ship-2@example.jp)
c20=$(case_of ship-3@example.jp)
cosaka=$(case_of ship-4@example.jp)

# Deferred postage: the full checklist.
out=$(t_ctl ship plan "$c150")
t_check "150 copies planned as deferred ($out)" grep -q "deferred, 150 copies" <<<"$out"
t_eq "boxes: one 100-size, one 80-size" \
	"$(t_ctl ship show "$c150" --json | jq -c '[.packages[] | [.size, .count]]')" "[[100,1],[80,1]]"
t_eq "the 後納 checklist" "$(t_ctl ship show "$c150" --json | jq -r '[.steps[].step] | join(",")')" \
	"destination,label,request_form,deferred_slip,bizcard,post_office,receipt,admin,keep"
status=0
t_ctl ship plan "$c150" 2>"$T_DIR/err" || status=$?
t_eq "planned twice: refused" "$status" 1
status=0
t_ctl ship advance "$c150" post_office 2>"$T_DIR/err" || status=$?
t_eq "a step out of order: refused" "$status" 1
t_check "with the step that is next" grep -q "the next step is destination" "$T_DIR/err"
t_ctl ship advance "$c150" destination --note "FAXで住所確認" >/dev/null
t_ctl ship advance "$c150" >/dev/null
t_eq "who and when per step" \
	"$(t_ctl ship show "$c150" --json | jq -r '[.steps[0].done_by != null, .steps[0].done_at != null, .steps[0].note, .steps[2].done_at] | map(tostring) | join(",")')" \
	"true,true,FAXで住所確認,null"
for step in request_form deferred_slip bizcard post_office receipt admin; do
	t_ctl ship advance "$c150" "$step" >/dev/null
done
out=$(t_ctl ship advance "$c150" keep)
t_check "the last step completes it ($out)" grep -q "complete" <<<"$out"
t_eq "state done" "$(t_ctl ship show "$c150" --json | jq -r .state)" done
status=0
t_ctl ship advance "$c150" 2>/dev/null || status=$?
t_eq "a complete shipment cannot advance" "$status" 1
status=0
t_ctl ship cancel "$c150" --reason x 2>/dev/null || status=$?
t_eq "a complete shipment cannot be cancelled" "$status" 1
t_eq "every step audited" "$(t_sql -c "SELECT count(*) FROM audit_log WHERE action = 'ship_step'")" 9

# The forms: text read back, pages rendered.
out=$(t_ctl ship forms "$c150" -o "$T_DIR/forms")
t_eq "three PDFs" "$(wc -l <<<"$out")" 3
req=$(pdftotext -layout "$T_DIR/forms/$c150-request-form.pdf" -)
t_check "郵送依頼票: title" grep -q "郵送依頼票" <<<"$req"
t_check "郵送依頼票: quantity" grep -q "150冊" <<<"$req"
t_check "郵送依頼票: sizes in the remarks" grep -q "備考.*100サイズ 1個、80サイズ 1個" <<<"$req"
t_check "郵送依頼票: the destination" grep -q "東京都新宿区西新宿9-9-9" <<<"$req"
t_check "郵送依頼票: no unit price or amount" bash -c "! grep -qE '単価|金額|円' <<<'$req'"
slip=$(pdftotext -layout "$T_DIR/forms/$c150-deferred-slip.pdf" -)
t_eq "差出票: two copies" "$(pdfinfo "$T_DIR/forms/$c150-deferred-slip.pdf" | awk '/^Pages:/ {print $2}')" 2
t_check "差出票: title" grep -q "料金後納郵便物差出票" <<<"$slip"
t_check "差出票: 2 parcels" grep -q "個数 *2個" <<<"$slip"
t_check "差出票: both copies marked" bash -c "grep -q '(1/2)' <<<'$slip' && grep -q '(2/2)' <<<'$slip'"
t_eq "one label per parcel" "$(pdfinfo "$T_DIR/forms/$c150-label.pdf" | awk '/^Pages:/ {print $2}')" 2
t_check "label: addressee" grep -q "株式会社みどり製作所" <<<"$(pdftotext "$T_DIR/forms/$c150-label.pdf" -)"
pdftoppm -r 50 -png "$T_DIR/forms/$c150-request-form.pdf" "$T_DIR/forms/page"
t_check "the form renders to PNG" test -s "$T_DIR/forms/page-1.png"
# Ink on the page: the share of dark pixels in a grey rendering (P5 PGM).
pdftoppm -r 50 -gray "$T_DIR/forms/$c150-request-form.pdf" "$T_DIR/forms/gray"
read -r w h < <(sed -n 2p "$T_DIR/forms/gray-1.pgm")
dark=$(tail -c $((w * h)) "$T_DIR/forms/gray-1.pgm" | od -An -tu1 -v | tr -s ' ' '\n' |
	awk '$1 != "" && $1 < 128 { n++ } END { print n + 0 }')
t_check "and the page has ink: $dark of $((w * h)) pixels dark" test "$dark" -gt $((w * h / 100))

# Free mail: the shorter checklist and forms.
t_ctl ship plan "$c5" >/dev/null
t_eq "5 copies: free mail, one 60-size envelope" \
	"$(t_ctl ship show "$c5" --json | jq -c '[.method, .packages[0].type, .packages[0].size]')" '["mail_free","envelope",60]'
t_eq "free mail checklist" "$(t_ctl ship show "$c5" --json | jq -r '[.steps[].step] | join(",")')" \
	"destination,label,request_form,post_office,admin,keep"
t_eq "free mail forms: no 差出票" "$(t_ctl ship forms "$c5" -o "$T_DIR/f5" | grep -c deferred-slip)" 0

# Cancel, with the reason kept; then it can be planned again.
t_ctl ship plan "$c20" >/dev/null
t_eq "20 copies: pick-up or cash on delivery" "$(t_ctl ship show "$c20" --json | jq -r .method)" pickup_or_cod
status=0
t_ctl ship cancel "$c20" 2>/dev/null || status=$?
t_eq "cancel without a reason: usage" "$status" 2
t_ctl ship cancel "$c20" --reason "来所で受け取り済み" >/dev/null
t_eq "cancelled with its reason" "$(t_sql -c "SELECT state || ':' || cancel_reason FROM shipments s JOIN cases c ON c.id = s.case_id WHERE c.number = '$c20'")" "cancelled:来所で受け取り済み"
status=0
t_ctl ship advance "$c20" 2>/dev/null || status=$?
t_eq "a cancelled shipment cannot advance" "$status" 1

# Staff override: Osaka is declined; a plan anyway needs a reason, kept in the audit log.
status=0
t_ctl ship plan "$cosaka" 2>"$T_DIR/err" || status=$?
t_eq "Osaka: refused as declined" "$status" 1
t_check "with the reason" grep -q "decline" "$T_DIR/err"
status=0
t_ctl ship plan "$cosaka" --method pickup_or_cod 2>/dev/null || status=$?
t_eq "an override without a reason: usage" "$status" 2
t_ctl ship plan "$cosaka" --method pickup_or_cod --copies 20 --reason "都内支店で受け取り(所長了承)" >/dev/null
t_eq "override audited with what the request said" \
	"$(t_sql -c "SELECT detail->'requested'->>'method' || ' -> ' || (detail->>'method') || ': ' || (detail->>'reason') FROM audit_log WHERE action = 'ship_override'")" \
	"decline -> pickup_or_cod: 都内支店で受け取り(所長了承)"
t_eq "listed in progress" "$(t_ctl ship list --json | jq -r '[.[].case] | sort | join(",")')" "$(printf '%s\n' "$c5" "$cosaka" | sort | paste -sd,)"
status=0
t_ctl ship bogus 2>/dev/null || status=$?
t_eq "misuse: usage" "$status" 2
status=0
t_ctl ship plan 2026-999999 2>/dev/null || status=$?
t_eq "no such case" "$status" 1
t_done
