#!/usr/bin/env bash
# e2e_kb.sh BUILD_DIR KB_DIR - madoctl kb import: the knowledge base loads
# as a version, an identical import changes nothing, an edited answer gets
# a new template version, and a broken file is refused with file:line.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
KB=$2
t_require_stack
t_setup kb
t_ctl migrate >/dev/null
rows() { grep -v '^#' "$KB/$1" | sed 1d | grep -c .; }

out=$(t_ctl kb import "$KB")
t_check "first import is version 1 ($out)" grep -q "^knowledge base version 1:" <<<"$out"
t_eq "categories" "$(t_sql -c 'SELECT count(*) FROM kb_categories WHERE version_id = 1')" "$(rows categories.tsv)"
t_eq "40 categories, as the taxonomy has" "$(t_sql -c 'SELECT count(DISTINCT code) FROM kb_categories')" 40
t_eq "phrases" "$(t_sql -c 'SELECT count(*) FROM kb_phrases')" "$(rows phrases.tsv)"
t_eq "examples" "$(t_sql -c 'SELECT count(*) FROM kb_examples')" "$(rows examples.tsv)"
t_eq "referral rows" "$(t_sql -c 'SELECT count(*) FROM kb_referrals')" "$(rows referrals.tsv)"
t_eq "answer templates" "$(t_sql -c 'SELECT count(*) FROM answer_templates')" "$(ls "$KB"/answers/*.txt | wc -l)"
t_eq "conflicting numbers flagged for staff" \
	"$(t_sql -c "SELECT bool_and(needs_verification) FROM kb_referrals WHERE code = 'mpd_cyber'")" t
t_eq "list columns are arrays" \
	"$(t_sql -c "SELECT default_referrals[1] FROM kb_categories WHERE code = 'malware.ransomware'")" ipa_anshin
t_eq "identical import" "$(t_ctl kb import "$KB" | head -1)" "knowledge base unchanged: version 1"

cp -r "$KB" "$T_DIR/kb"
printf '追記: 夜間・休日は警察の相談窓口もご利用ください。\n' >>"$T_DIR/kb/answers/malware.ransomware.txt"
out=$(t_ctl kb import "$T_DIR/kb")
t_check "an edited answer makes version 2 ($out)" grep -q "^knowledge base version 2: .*(1 new or changed)" <<<"$out"
t_eq "the template has two versions" \
	"$(t_sql -c "SELECT max(version) FROM answer_templates WHERE id = 'malware.ransomware.1'")" 2

printf 'malware.virus\t9\tbad weight\nnot.a.code\t3\tx\n' >>"$T_DIR/kb/phrases.tsv"
status=0
t_ctl kb import "$T_DIR/kb" 2>"$T_DIR/err" || status=$?
t_eq "a broken file is refused" "$status" 1
t_check "with file:line for the weight" grep -q "phrases.tsv:[0-9]*: weight 1..5" "$T_DIR/err"
t_check "and for the unknown code" grep -q 'phrases.tsv:[0-9]*: unknown category "not.a.code"' "$T_DIR/err"
t_eq "nothing imported" "$(t_sql -c 'SELECT max(id) FROM kb_versions')" 2
status=0
t_ctl kb 2>/dev/null || status=$?
t_eq "misuse exits 2" "$status" 2
t_done
