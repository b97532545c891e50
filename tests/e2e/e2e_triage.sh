#!/usr/bin/env bash
# e2e_triage.sh BUILD_DIR KB_DIR TRIAGE_DIR HOLDOUT_DIR - madoctl classify
# --json on the labelled sets: the JSON contract holds for every mail, and
# accuracy on the held-out set stays above floors that catch regressions
# (the targets are reported by tools/bench); the workers store the same
# result; staff corrections and answer edits take effect.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
KB=$2
SET=$3
HOLDOUT=$4
t_require_stack
t_setup triage
t_ctl migrate >/dev/null
t_ctl kb import "$KB" >/dev/null
# score DIR: classify every labelled mail of DIR in one call (one JSON line
# per file, in order) and set total/scored/top1/top3/urg/ok_json.
score() {
	local dir=$1 files=()
	while IFS=$'\t' read -r file _; do
		[ "$file" = file ] || files+=("$dir/$file")
	done <"$dir/labels.tsv"
	t_ctl classify --json "${files[@]}" | jq -r '[
		((.kind | type) == "string" and (.category | type) == "string" and
		 (.confidence >= 0 and .confidence <= 1) and (.alternatives | type) == "array" and
		 (.urgent | type) == "boolean" and (.referrals | type) == "array" and
		 (.answers | type) == "array" and has("material_request")),
		.category, (([.category] + [.alternatives[].category])[0:3] | join(",")),
		(if .urgent then "yes" else "no" end)] | @tsv' >"$T_DIR/got.tsv"
	read -r total scored top1 top3 urg ok_json < <(sed 1d "$dir/labels.tsv" | paste - "$T_DIR/got.tsv" |
		awk -F'\t' '{ n++; ok += $7 == "true" }
			$2 != "autoreply" && $2 != "bounce" { s++; t1 += $3 == $8; u += $4 == $10
				t3 += index("," $9 ",", "," $3 ",") > 0 }
			END { print n, s, t1, t3, u, ok }')
	echo "triage $(basename "$dir"): $total mails; top-1 $top1/$scored, top-3 $top3/$scored, urgency $urg/$scored"
}

score "$SET"
t_eq "the JSON contract holds for every mail of the development set" "$ok_json" "$total"
# Mail by mail: each auto-reply and each bounce gets its own kind.
mapfile -t robots < <(awk -F'\t' '$2 == "autoreply" || $2 == "bounce" {print $1}' "$SET/labels.tsv")
t_check "the development set has auto-replies and bounces" test "${#robots[@]}" -ge 2
t_eq "auto-replies and bounces are told apart, mail by mail" \
	"$(t_ctl classify --json "${robots[@]/#/$SET/}" | jq -r .kind | paste -sd,)" \
	"$(awk -F'\t' '$2 == "autoreply" || $2 == "bounce" {print $2}' "$SET/labels.tsv" | paste -sd,)"
# The held-out set is never trained on: the floors sit just under what this
# version measured there (89% / 98% / 95%), so a drop is a regression. The
# targets themselves are reported by tools/bench.
score "$HOLDOUT"
t_eq "the JSON contract holds for every held-out mail" "$ok_json" "$total"
t_check "held-out top-1 at least 85% ($top1/$scored)" test $((top1 * 100)) -ge $((scored * 85))
t_check "held-out top-3 at least 94% ($top3/$scored)" test $((top3 * 100)) -ge $((scored * 94))
t_check "held-out urgency at least 90% ($urg/$scored)" test $((urg * 100)) -ge $((scored * 90))

# How a request is read, one rule at a time, on mails written for it.
# request NAME SUBJECT BODY: a plain UTF-8 mail in $T_DIR/NAME.eml.
request() {
	{
		printf 'From: =?UTF-8?B?%s?= <%s@example.jp>\nTo: soudan@madoguchi.example\n' \
			"$(printf '相談者' | base64 -w0)" "$1"
		printf 'Subject: =?UTF-8?B?%s?=\nMessage-ID: <rule-%s@example.jp>\n' \
			"$(printf '%s' "$2" | base64 -w0)" "$1"
		printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n'
		printf 'Content-Transfer-Encoding: 8bit\n\n%s\n' "$3"
	} >"$T_DIR/$1.eml"
	t_ctl classify --json --explain "$T_DIR/$1.eml" >"$T_DIR/$1.json"
}
# A question about the desk itself is a consultation (the manual answers it, 09.01).
request desk '窓口の受付時間' 'はじめてご連絡します。そちらの窓口は土曜日も相談を受け付けていますか。電話と来所のどちらがよいかも教えてください。'
t_eq "a question about the desk: a consultation" "$(jq -r '.kind + " " + .category' "$T_DIR/desk.json")" \
	"consultation desk.about"
# A question off the desk's subject is still a consultation it answers (category other).
request offtopic '補助金について' '荒川区で印刷業を個人でしております。事務所のパソコンを買い替えたいのですが、購入に使える補助金や助成金の申請窓口を教えていただけますか。'
t_eq "a question off the subject: a consultation" "$(jq -r '.kind' "$T_DIR/offtopic.json")" consultation
# Books asked for a seminar are a guidebook request, not a question about the desk's seminars.
request seminar '講習会の資料について' '当会では来月、会員の皆さま向けに参加無料の講習会を開きます。セミナーのテーマは情報セキュリティで、講師は地元のITベンダーの方にお願いしました。その際の配布資料として、冊子を70部いただくことはできますでしょうか。'
t_eq "books for a seminar: a guidebook request" "$(jq -r '.kind + " " + .category' "$T_DIR/seminar.json")" \
	"material_request material_request"
# A guidebook request refers nowhere, whatever incidents it names as topics.
request books 'ガイドブック送付のお願い' '社員研修で、顧客の個人情報が漏えいした事例や、偽の請求書で代金を振り込んでしまった事例を紹介したいと考えています。つきましてはガイドブックを5冊お送りいただけますでしょうか。社内研修のみで使用し、販売などはいたしません。'
t_eq "a guidebook request naming leaks and payments: no referrals" \
	"$(jq -r '.category + " " + (.referrals | length | tostring)' "$T_DIR/books.json")" "material_request 0"
# A fraudster's 「至急」 quoted by a sender who hung up in time is not the sender's hurry.
request quoted '銀行を名乗る電話' '昨日、銀行の者だという男から「至急、暗証番号の確認が必要です」と電話がありました。おかしいと思って何も答えずに切りました。口座にも変わった動きはなく、実害はありません。社員にどう注意を呼びかければよいでしょうか。'
t_check "「至急」 in quotes is someone else's word" jq -e '.explain | any(test("urgent 「至急」 only in quotes"))' "$T_DIR/quoted.json"
t_eq "a fraud call hung up in time: not urgent" "$(jq -r .urgent "$T_DIR/quoted.json")" false
# A preparation question with an incident told in the middle: the incident's code, urgent.
request mixed '研修の件と、もう一件' 'お世話になります。来月の新人研修で情報セキュリティの基本ルールを説明する予定で、社内規程のひな形や研修の教材を探しています。テレワークの規程も見直したいと考えております。それと別件ですが、本日昼に営業の者が取引先を装ったメールの添付ファイルを開いてしまい、そのパソコンが社内のネットワークにつながったままです。研修の件は急ぎませんので、こちらをどうすべきか教えてください。'
t_eq "preparation and an incident: the incident's category, urgent" \
	"$(jq -r '(.category | startswith("measures.") | not | tostring) + " " + (.urgent | tostring)' "$T_DIR/mixed.json")" "true true"
# 「〜されないように」: what the sender wants to avoid did not happen.
request avoid '退職者対策' '従業員が辞めるときに顧客名簿を持ち出されないようにしたいです。誓約書のほかに、パソコンの設定でできることがあれば教えてください。'
t_check "a negated incident is no incident" jq -e '(.explain | any(startswith("incident")) | not) and (.urgent | not)' "$T_DIR/avoid.json"

# The workers triage every new case and keep the answer with it.
# A held-out mail: the model was not trained on it, as on real traffic.
NEW=$HOLDOUT/001.eml
t_imap append "$T_MAILBOX" "$NEW" "$SET/003.eml"
t_start_worker W
t_daemon --once
t_check "two cases" t_wait_for 60 t_has_cases 2
triaged() { [ "$(t_sql -c "SELECT count(*) FROM cases WHERE category IS NOT NULL AND triage IS NOT NULL")" = 2 ]; }
t_check "both triaged by the worker" t_wait_for 30 triaged
n2=$(t_sql -c "SELECT number FROM cases c JOIN case_messages m ON m.case_id = c.id WHERE m.message_id = (SELECT message_id FROM inbound_messages ORDER BY uid LIMIT 1)")
t_eq "stored triage = madoctl classify" "$(t_sql -c "SELECT triage->>'category' FROM cases WHERE number = '$n2'")" \
	"$(t_ctl classify --json "$NEW" | jq -r .category)"

# Staff keep the standard answers: an edit is a new version, kept across
# imports; rendering fills in the requester, the case number and the
# referral directory in force.
printf 'title: 偽サイト被害(窓口改訂)\n\n{{requester}} 様\n受付番号 {{case_no}}\n相談先: {{referral:narisumashi_ec}}\n警察: {{referral:mpd_cyber}}\n{{guidebook:18;34}}\n' >"$T_DIR/answer.txt"
out=$(t_ctl answer edit phishing.fake_ec_site.1 "$T_DIR/answer.txt" --note "相談先を整理")
t_eq "edit saved as version 2" "$out" "phishing.fake_ec_site.1: version 2 saved"
t_eq "history: import, then the staff edit with its note" \
	"$(t_ctl answer history phishing.fake_ec_site.1 | awk '{print $1, $2}' | paste -sd,)" "1 import,2 staff"
t_check "the old version stays readable" bash -c "'$T_BUILD/tools/madoctl' -c '$T_CONFIG' answer show phishing.fake_ec_site.1 --version 1 | grep -q '^version: 1'"
cp -r "$KB" "$T_DIR/kb"
printf '\n(改訂)\n' >>"$T_DIR/kb/answers/phishing.fake_ec_site.txt"
t_ctl kb import "$T_DIR/kb" >/dev/null
t_eq "an import leaves the staff edit in force" \
	"$(t_sql -c "SELECT max(version) || ' ' || (array_agg(origin ORDER BY version DESC))[1] FROM answer_templates WHERE id = 'phishing.fake_ec_site.1'")" "2 staff"
rendered=$(t_ctl answer render phishing.fake_ec_site.1 "$n2")
t_check "rendered: case number" grep -q "受付番号 $n2" <<<"$rendered"
t_check "rendered: requester" grep -q "^$(t_sql -c "SELECT CASE WHEN requester_name <> '' THEN requester_name ELSE requester_address END FROM cases WHERE number = '$n2'") 様" <<<"$rendered"
t_check "rendered: referral from the directory" grep -q "なりすましECサイト対策協議会" <<<"$rendered"
t_check "rendered: a number the sources disagree on is marked" grep -q "警察: .*要確認" <<<"$rendered"
t_check "rendered: guidebook pages" grep -q "p.18、p.34" <<<"$rendered"
t_check "no placeholder left" bash -c "! grep -q '{{' <<<'$rendered'"
printf 'title: x\n\n{{referral:no_such_body}}\n' >"$T_DIR/bad.txt"
status=0
t_ctl answer edit phishing.fake_ec_site.1 "$T_DIR/bad.txt" 2>"$T_DIR/err" || status=$?
t_eq "an unknown referral is refused" "$status" 1
t_check "with file:line" grep -q "bad.txt:3: {{referral:no_such_body}}" "$T_DIR/err"
t_eq "add numbers the next template" "$(t_ctl answer add phishing.fake_ec_site "$T_DIR/answer.txt")" \
	"phishing.fake_ec_site.2: version 1 saved"
t_eq "classify offers both answers" \
	"$(t_ctl classify --json "$SET/002.eml" | jq -r '.answers | join(",")')" \
	"phishing.fake_ec_site.1,phishing.fake_ec_site.2"
status=0
t_ctl answer 2>/dev/null || status=$?
t_eq "answer misuse: usage" "$status" 2

# A staff correction. A request near-identical to the corrected case (80%
# of its n-grams) follows the decision at once; a merely similar one
# follows it only once the model is trained again.
NEAR=$T_DIR/again.eml
sed 's/^Message-ID: <\(.*\)>/Message-ID: <again-\1>/' "$NEW" >"$NEAR"
before=$(t_ctl classify --json "$NEW" | jq -r .category)
decided=desk.about
[ "$before" = desk.about ] && decided=other
out=$(t_ctl recategorize "$n2" "$decided")
t_check "recategorize ($out)" grep -q "is now $decided" <<<"$out"
t_eq "audited" "$(t_sql -c "SELECT detail->>'to' FROM audit_log WHERE action = 'recategorize'")" "$decided"
t_eq "without train, the near-identical mail goes to $decided (was $before)" \
	"$(t_ctl classify --json "$NEAR" | jq -r .category)" "$decided"
t_check "because staff decided it" grep -q "decided $decided like case $n2" \
	<<<"$(t_ctl classify --explain "$NEAR")"
# Similar: one request written four ways by four senders (another name,
# company and closing each time; less than 80% of n-grams in common). Staff
# correct three of them; after train, the fourth follows.
variant() { # variant N NAME COMPANY CLOSING
	{
		printf 'From: %s <v%d@example.jp>\nTo: soudan@madoguchi.example\n' "$2" "$1"
		printf 'Subject: =?UTF-8?B?%s?=\n' "$(printf '勉強会の資料について' | base64 -w0)"
		printf 'Message-ID: <variant-%d@example.jp>\nMIME-Version: 1.0\n' "$1"
		printf 'Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n'
		printf '%sの%sです。\n' "$3" "$2"
		printf '来月、社内で勉強会を開く予定です。そちらで作られている資料を使ってもよいか、'
		printf '使うときに出典をどう書けばよいか教えてください。\n%s\n' "$4"
	} >"$T_DIR/variant$1.eml"
}
variant 1 佐藤 株式会社あおば商事 よろしくお願いいたします。
variant 2 鈴木 有限会社ひかり工務店 お手数ですがご回答をお待ちしております。
variant 3 高橋 みなと印刷株式会社 急ぎませんので、お時間のあるときにお返事ください。
variant 4 田中 さくら運輸合同会社 何卒よろしくお願い申し上げます。
similar_before=$(t_ctl classify --json "$T_DIR/variant4.eml" | jq -r .category)
target=desk.about
[ "$similar_before" = desk.about ] && target=other
t_imap append "$T_MAILBOX" "$T_DIR"/variant[1-3].eml
t_daemon --once
t_check "three more cases" t_wait_for 60 t_has_cases 5
for k in 1 2 3; do
	c=$(t_sql -c "SELECT c.number FROM cases c JOIN case_messages m ON m.case_id = c.id WHERE m.message_id = 'variant-$k@example.jp'")
	t_check "variant $k recategorized" grep -q "is now $target" <<<"$(t_ctl recategorize "$c" "$target")"
done
t_eq "without train, the fourth stays $similar_before" \
	"$(t_ctl classify --json "$T_DIR/variant4.eml" | jq -r .category)" "$similar_before"
t_check "it is not near-identical to any of them" bash -c "! grep -q 'decided' <<<\"\$1\"" _ \
	"$(t_ctl classify --explain "$T_DIR/variant4.eml")"
t_check "train" bash -c "'$T_BUILD/tools/madoctl' -c '$T_CONFIG' train | grep -q '4 confirmed cases'"
t_eq "after train, the fourth goes to $target (was $similar_before)" \
	"$(t_ctl classify --json "$T_DIR/variant4.eml" | jq -r .category)" "$target"
status=0
t_ctl recategorize "$n2" no.such.code 2>/dev/null || status=$?
t_eq "unknown category refused" "$status" 1
t_stop "$W"
t_done
