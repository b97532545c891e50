#!/usr/bin/env bash
# layout.sh SOURCE_DIR - README.md tells the truth about the tree:
#  1. its table of folders ("| where | what |") names every folder of the
#     clone at the top level and under lib/ and tests/, and nothing else;
#  2. its table of libraries ("| library | folder | uses |") lists for each
#     library exactly the madoguchi libraries its CMakeLists.txt links;
#  3. SQL is run and read only in lib/db/, as it says: no other C file
#     declares or runs a statement or touches a PGresult (the benchmarks
#     and test_statements, which measure and check the database layer
#     itself, excepted).
set -euo pipefail
src=$1
readme=$src/README.md
fail=0
say() { echo "layout: $*" >&2; fail=1; }

# The rows of the markdown table whose header line starts with $1: the
# first cell of each, backticks removed.
rows() {
	awk -v head="$1" '
		index($0, head) == 1 { on = 1; next }
		on && /^\|---/ { next }
		on && /^\|/ { print; next }
		on { exit }' "$readme"
}
cell() { awk -F'|' -v n="$1" '{ gsub(/`| /, "", $(n + 1)); print $(n + 1) }'; }

# 1. Folders: tracked ones (build trees and other untracked folders do not count).
# Outside a git checkout, every file but build trees.
files() {
	if git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
		git -C "$src" ls-files
	else
		(cd "$src" && find . -type f -not -path './build*' | sed 's|^\./||')
	fi
}
want=$(files | awk -F/ '
	NF > 1 && $1 !~ /^\./ { print $1 "/" }
	NF > 2 && ($1 == "lib" || $1 == "tests") { print $1 "/" $2 "/" }' | sort -u)
have=$(rows "| where | what |" | cell 1 | sort -u)
[ -n "$have" ] || say "README.md has no \"| where | what |\" table"
while read -r d; do
	[ -n "$d" ] && say "folder $d is not in README.md's table of folders"
done < <(comm -23 <(echo "$want") <(echo "$have"))
while read -r d; do
	[ -n "$d" ] && say "README.md lists folder $d, which does not exist"
done < <(comm -13 <(echo "$want") <(echo "$have"))

# 2. Libraries: each target_link_libraries(madoguchi_X ...) in lib/, up to
# its ")", as "X dep,dep" with the deps sorted ("-" for none).
sorted_list() { tr ', ' '\n\n' | sed '/^$/d' | sort -u | paste -sd, - | sed 's/^$/-/'; }
linked=$(cat "$src"/lib/CMakeLists.txt "$src"/lib/*/CMakeLists.txt | sed 's/#.*//' | awk '
	/target_link_libraries\(madoguchi_/ { on = 1; sub(/.*target_link_libraries\(/, ""); t = "" }
	on { line = $0; done = sub(/\).*/, "", line); t = t " " line; if (done) { print t; on = 0 } }' |
	while read -r lib deps; do
		echo "${lib#madoguchi_} $(tr ' ' '\n' <<<"$deps" | sed -n 's/^madoguchi_//p' | sorted_list)"
	done | sort)
documented=$(rows "| library | folder | uses |" | awk -F'|' '{ print $2 "|" $4 }' |
	while IFS='|' read -r name uses; do
		uses=${uses//—/}
		echo "$(tr -d '` ' <<<"$name") $(tr -d '`' <<<"$uses" | sorted_list)"
	done | sort)
[ -n "$documented" ] || say "README.md has no \"| library | folder | uses |\" table"
while read -r l; do
	[ -n "$l" ] && say "CMake links: $l; README.md says otherwise"
done < <(comm -23 <(echo "$linked") <(echo "$documented"))
while read -r l; do
	[ -n "$l" ] && say "README.md says: $l; CMake links otherwise"
done < <(comm -13 <(echo "$linked") <(echo "$documented"))

# 3. SQL only in lib/db/.
while read -r f; do
	[ -n "$f" ] && say "$f runs SQL or reads a PGresult: that belongs in lib/db/"
done < <(files | grep '\.[ch]$' | grep -v -e '^lib/db/' -e '^tests/bench/' -e '^tests/e2e/test_statements\.c$' |
	(cd "$src" && xargs grep -l -E 'PGresult|PQexec|PQprepare|PQgetvalue|DB_STATEMENT|db_run' || true))

[ "$fail" = 0 ] && echo "layout: $(echo "$want" | wc -l) folders and $(echo "$linked" | wc -l) libraries as README.md says; SQL only in lib/db/"
exit "$fail"
