#!/usr/bin/env bash
# e2e_material.sh BUILD_DIR KB_DIR FAX_DIR - guidebook requests through
# madoctl classify --json, as outside evaluation calls it: every quantity
# threshold of the manual, requests from Osaka and for profit, a missing
# quantity, numbers written in kanji and full width, fax images read by OCR,
# and the same plan stored with the case by a worker.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
KB=$2
FAX=$3
t_require_stack
t_setup material
t_ctl migrate >/dev/null
t_ctl kb import "$KB" >/dev/null

# request FILE BODY [SUBJECT]: a guidebook request mail in ISO-2022-JP, as most Japanese mailers send it.
n=0
request() {
	n=$((n + 1))
	{
		printf 'From: =?UTF-8?B?%s?= <req%d@example.jp>\n' "$(printf '総務 田中' | base64 -w0)" "$n"
		printf 'To: soudan@madoguchi.example\n'
		printf 'Subject: =?UTF-8?B?%s?=\n' "$(printf '%s' "${3:-ガイドブック送付のお願い}" | base64 -w0)"
		printf 'Date: Mon, 16 Nov 2026 10:00:00 +0900\nMessage-ID: <material-%d@example.jp>\n' "$n"
		printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=ISO-2022-JP\n'
		printf 'Content-Transfer-Encoding: 7bit\n\n'
		printf '%s\n' "$2" | iconv -f UTF-8 -t ISO-2022-JP
	} >"$1"
}

tokyo_body() {
	printf 'いつもお世話になっております。株式会社みどり製作所（従業員25名）の田中と申します。\n'
	printf '社員研修で使いたいので、貴窓口のガイドブック「中小企業向けサイバーセキュリティ対策の極意」を%s送っていただけますでしょうか。\n' "$1"
	printf '〒160-0023 東京都新宿区西新宿9-9-9\nTEL 03-0000-1111\nよろしくお願いいたします。'
}

# Every threshold boundary, through the real command and the JSON contract.
while read -r copies method packages; do
	request "$T_DIR/q$copies.eml" "$(tokyo_body "${copies}冊")"
	out=$(t_ctl classify --json "$T_DIR/q$copies.eml")
	t_eq "$copies copies: kind" "$(jq -r .kind <<<"$out")" material_request
	t_eq "$copies copies: category" "$(jq -r .category <<<"$out")" material_request
	t_eq "$copies copies: copies" "$(jq -r .material_request.copies <<<"$out")" "$copies"
	t_eq "$copies copies: method" "$(jq -r .material_request.method <<<"$out")" "$method"
	t_eq "$copies copies: packages" \
		"$(jq -r '[.material_request.packages[] | "\(.type)\(.size)x\(.count)"] | join(",")' <<<"$out")" \
		"${packages#-}"
done <<'EOF'
0 needs_info -
1 mail_free envelope60x1
10 mail_free envelope60x1
11 pickup_or_cod box80x1
49 pickup_or_cod box80x1
50 deferred box80x1
51 deferred box100x1
99 deferred box100x1
100 deferred box100x1
101 deferred box100x1,box80x1
150 deferred box100x1,box80x1
250 deferred box100x2,box80x1
EOF

# Numbers as people write them.
while read -r words copies; do
	request "$T_DIR/w.eml" "$(tokyo_body "$words")"
	t_eq "「$words」" "$(t_ctl classify --json "$T_DIR/w.eml" | jq -r .material_request.copies)" "$copies"
done <<'EOF'
五十冊 50
５０部 50
50冊程度 50
1箱 50
百部ほど 100
三十部 30
EOF

out_of() { t_ctl classify --json "$1" | jq -r "$2"; }

request "$T_DIR/osaka.eml" "$(printf '大阪市の有限会社なにわ商会です。社員教育に使うため、ガイドブックを20冊お送りください。\n〒530-0001 大阪府大阪市北区梅田9-9\n電話 06-0000-1122')"
t_eq "Osaka: declined" "$(out_of "$T_DIR/osaka.eml" .material_request.method)" decline
t_eq "Osaka: not a Tokyo SME" "$(out_of "$T_DIR/osaka.eml" .material_request.tokyo_sme)" false
t_check "Osaka: the reason points to the PDF" grep -q "PDF" <<<"$(out_of "$T_DIR/osaka.eml" .material_request.reason)"

request "$T_DIR/profit.eml" "$(printf '渋谷区で研修会社を経営しています。有料セミナーの受講者に配布したいので、ガイドブックを100冊いただけますか。')"
t_eq "for profit: declined" "$(out_of "$T_DIR/profit.eml" .material_request.method)" decline
t_eq "for profit: flagged" "$(out_of "$T_DIR/profit.eml" .material_request.for_profit)" true

request "$T_DIR/nocount.eml" "$(printf '中央区の従業員20名の会社です。社員研修に使いたいので、ガイドブックを送っていただけますか。')"
t_eq "missing quantity: asked" "$(out_of "$T_DIR/nocount.eml" .material_request.method)" needs_info
t_eq "missing quantity: what to ask" "$(out_of "$T_DIR/nocount.eml" '.material_request.needs_info | join(",")')" copies
t_eq "missing quantity: not guessed" "$(out_of "$T_DIR/nocount.eml" .material_request.copies)" null

# The organisation and address in the signature block count; its size is asked, not guessed.
request "$T_DIR/signed.eml" "$(printf 'ガイドブックを6冊お願いします。社内の勉強会で読みます。\n\n━━━━━━━━━━━━━━━━\n株式会社あさひ印刷　総務課\n〒130-0012 東京都墨田区太平9-9-9\nTEL 03-0000-4444\n━━━━━━━━━━━━━━━━')"
t_eq "signature: address read" "$(out_of "$T_DIR/signed.eml" .material_request.postal_code)" 130-0012
t_eq "signature: only the size asked" \
	"$(out_of "$T_DIR/signed.eml" '[.material_request.method] + .material_request.needs_info | join(" ")')" \
	"needs_info business_size"

t_eq "a consultation has no material object" \
	"$(request "$T_DIR/virus.eml" "$(printf '至急ご相談です。社内のパソコンのファイルが全部開けなくなり、身代金を払えという画面が出ています。')" ご相談; out_of "$T_DIR/virus.eml" .material_request)" null

# Fax images: OCR, then the same reading.
out=$(t_ctl classify --fax --json "$FAX/fax01.tif")
t_eq "fax01: a guidebook request" "$(jq -r .kind <<<"$out")" material_request
t_eq "fax01: 50 copies from 「５０冊」" "$(jq -r .material_request.copies <<<"$out")" 50
# A company that does not say its size is asked it: the rest of the fax is read.
t_eq "fax01: size of the business asked, nothing else" \
	"$(jq -r '[.material_request.method] + .material_request.needs_info | join(" ")' <<<"$out")" \
	"needs_info business_size"
t_eq "fax01: Tokyo from the address (its place name, which OCR reads more surely than digits)" "$(jq -r .material_request.from.tokyo <<<"$out")" "「東京都」"
t_eq "fax02: Osaka declined" "$(t_ctl classify --fax --json "$FAX/fax02.tif" | jq -r .material_request.method)" decline
t_eq "several files, one JSON line each" \
	"$(t_ctl classify --json "$T_DIR/q1.eml" "$T_DIR/q50.eml" | jq -r .material_request.method | paste -sd,)" \
	"mail_free,deferred"
status=0
t_ctl classify --json 2>/dev/null || status=$?
t_eq "no file: usage" "$status" 2

# A worker stores the same plan with the case.
t_imap append "$T_MAILBOX" "$T_DIR/q150.eml"
t_start_worker W
t_daemon --once
t_check "the request became a case" t_wait_for 60 t_has_cases 1
stored() { [ -n "$(t_sql -c "SELECT triage->'material_request'->>'method' FROM cases")" ]; }
t_check "triaged" t_wait_for 30 stored
t_eq "stored plan = madoctl classify" \
	"$(t_sql -c "SELECT triage->'material_request' FROM cases" | jq -c -S '[.method, .copies, .packages]')" \
	"$(t_ctl classify --json "$T_DIR/q150.eml" | jq -c -S '.material_request | [.method, .copies, .packages]')"
t_stop "$W"
t_done
