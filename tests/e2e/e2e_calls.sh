#!/usr/bin/env bash
# e2e_calls.sh BUILD_DIR KB_DIR - consultations by telephone and at the desk:
# madoctl new files them as cases with the manual's intake questions, the
# summary triaged at once like a mail; misuse exits 2 with usage.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
KB=$2
t_require_stack
t_setup calls
t_ctl migrate >/dev/null
rc() { local s=0; t_ctl "$@" >"$T_DIR/out" 2>"$T_DIR/err" || s=$?; echo "$s"; }

# Without a knowledge base the call is still a case, untriaged.
t_eq "a call before any knowledge base" \
	"$(rc new --channel phone --requester '佐藤' -m 'ガイドブックの送り先を確認したいとの電話')" 0
t_check "... says it is not triaged" grep -q "not triaged" "$T_DIR/out"

t_ctl kb import "$KB" >/dev/null
summary='社長から電話。今朝から社内のパソコンのファイルが開けなくなり、画面に身代金を要求する英語のメッセージが出ている。共有フォルダのファイルも暗号化されているようだ。'
t_eq "a call with every intake answer" \
	"$(rc new --channel phone --requester '山田 一郎' --organisation '山田工業株式会社' \
		--source 'ホームページ' --elsewhere no --role 経営者 --vendor yes -m "$summary" --as alice --json)" 0
number=$(jq -r .number "$T_DIR/out")
t_check "a case number" test -n "$number"
t_eq "triaged at once: ransomware, urgent" "$(jq -r '.triage.category + " " + (.triage.urgent | tostring)' "$T_DIR/out")" \
	"malware.ransomware true"
t_eq "stored with its intake" \
	"$(t_sql -c "SELECT channel || '|' || status || '|' || requester_name || '|' || organisation || '|' || source || '|' || consulted_elsewhere || '|' || caller_role || '|' || it_vendor || '|' || category || '|' || urgent FROM cases WHERE number = '$number'")" \
	"phone|new|山田 一郎|山田工業株式会社|ホームページ|no|owner|true|malware.ransomware|true"
t_eq "the summary is its first message" "$(t_ctl show "$number" --json | jq -r '.messages[0].text')" "$summary"
t_eq "audited by alice" "$(t_sql -c "SELECT actor FROM audit_log a JOIN cases c ON c.id = a.case_id WHERE c.number = '$number' AND a.action = 'new'")" alice
t_eq "listed by channel" "$(t_ctl list --channel phone -i | wc -l)" 2

# A visit, the summary from standard input.
s=0
printf '来所。取引先を名乗るメールで振込先の変更を求められた。まだ振り込んでいない。\n' |
	t_ctl new --channel visit --requester '鈴木' -m - >"$T_DIR/out" 2>&1 || s=$?
t_eq "a visit from stdin" "$s" 0
t_check "... printed its triage" grep -q "^category: " "$T_DIR/out"
t_eq "... a visit" "$(t_ctl list --channel visit -i | wc -l)" 1

# Misuse: usage and exit 2, nothing filed.
before=$(t_cases)
t_eq "no channel" "$(rc new --requester x -m y)" 2
t_eq "a channel the desk has not" "$(rc new --channel pigeon --requester x -m y)" 2
t_eq "no caller" "$(rc new --channel phone -m y)" 2
t_eq "no summary" "$(rc new --channel phone --requester x)" 2
t_eq "an empty summary" "$(rc new --channel phone --requester x -m ' ')" 2
t_eq "a role the manual has not" "$(rc new --channel phone --requester x --role boss -m y)" 2
t_check "... names the roles" grep -q "owner (経営者)" "$T_DIR/err"
t_eq "vendor is yes or no" "$(rc new --channel phone --requester x --vendor maybe -m y)" 2
t_eq "nothing filed by misuse" "$(t_cases)" "$before"

# On a terminal, what the options leave out is asked, as the manual asks it;
# a wrong role is asked again.
printf '%s\n' '' '高橋 次郎' '高橋運輸' '区の広報誌' 'no' 'boss' '経営者' 'yes' \
	'来所。メールの添付ファイルを開いたらパソコンの動きが遅くなった。' '.' |
	script -qec "'$T_BUILD/tools/madoctl' -c '$T_CONFIG' new --channel visit --as alice" /dev/null \
		>"$T_DIR/prompt.txt" 2>&1
t_check "the prompts ask for the requester" grep -q "Requester (相談者)" "$T_DIR/prompt.txt"
t_check "... again when none is given" grep -q "the caller's name is needed" "$T_DIR/prompt.txt"
t_check "... and a valid role" grep -q "owner, admin, staff, or blank" "$T_DIR/prompt.txt"
t_eq "the visit is filed with every answer" \
	"$(t_sql -c "SELECT channel || '|' || requester_name || '|' || organisation || '|' || source || '|' || consulted_elsewhere || '|' || caller_role || '|' || it_vendor FROM cases WHERE requester_name = '高橋 次郎'")" \
	"visit|高橋 次郎|高橋運輸|区の広報誌|no|owner|true"
t_eq "... and the summary typed" \
	"$(t_sql -c "SELECT m.body_text FROM case_messages m JOIN cases c ON c.id = m.case_id WHERE c.requester_name = '高橋 次郎'")" \
	"来所。メールの添付ファイルを開いたらパソコンの動きが遅くなった。"
t_done
