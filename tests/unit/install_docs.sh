#!/usr/bin/env bash
# install_docs.sh SOURCE_DIR BUILD_DIR - `cmake --install` puts madoctl's
# man page and bash completion where man and bash-completion look, and the
# man page describes every command madoctl has (so the two never drift).
set -euo pipefail
src=$1
build=$2
fail=0
say() { echo "install_docs: $*" >&2; fail=1; }
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

cmake --install "$build" --prefix "$dest" >/dev/null
man=$dest/share/man/man1/madoctl.1
comp=$dest/share/bash-completion/completions/madoctl
[ -f "$dest/bin/madoctl" ] || say "bin/madoctl not installed"
[ -f "$man" ] || say "share/man/man1/madoctl.1 not installed"
[ -f "$comp" ] || say "share/bash-completion/completions/madoctl not installed"
[ "$fail" = 0 ] || exit 1

# Every command of `madoctl --help` has its entry in the man page.
n=0
while read -r cmd; do
	n=$((n + 1))
	grep -Eq "^\.B (\\\\fR)?$cmd( |\\\\|$)|^\.B [a-z\\\\fRB, ]*\\\\fB$cmd" "$man" ||
		grep -Eq "^\.B $cmd\b" "$man" || say "the man page has no entry for: $cmd"
done < <("$dest/bin/madoctl" --help | awk '/^  [a-z]/ { print $1 }')
[ "$n" -ge 20 ] || say "only $n commands in madoctl --help"

# The page is well-formed roff, where a formatter is installed.
if command -v groff >/dev/null; then
	warnings=$(groff -k -man -Tutf8 -ww -z "$man" 2>&1 || true)
	[ -z "$warnings" ] || say "groff: $warnings"
fi

# The completion loads in bash and completes a command name.
got=$(bash -c "source '$comp'; COMP_WORDS=('$dest/bin/madoctl' rep); COMP_CWORD=1; _madoctl; echo \"\${COMPREPLY[*]}\"")
[ "$got" = "reply" ] || say "completing 'rep': got [$got], want [reply]"
got=$(bash -c "source '$comp'; COMP_WORDS=('$dest/bin/madoctl' close --re); COMP_CWORD=2; _madoctl; echo \"\${COMPREPLY[*]}\"")
[ "$got" = "--resolution" ] || say "completing 'close --re': got [$got], want [--resolution]"
got=$(bash -c "source '$comp'; COMP_WORDS=('$dest/bin/madoctl' list --status w); COMP_CWORD=3; _madoctl; echo \"\${COMPREPLY[*]}\"")
[ "$got" = "waiting" ] || say "completing 'list --status w': got [$got], want [waiting]"
got=$(bash -c "source '$comp'; COMP_WORDS=('$dest/bin/madoctl' kb ''); COMP_CWORD=2; _madoctl; echo \"\${COMPREPLY[*]}\"")
[ "$got" = "import categories referrals" ] || say "completing 'kb ': got [$got], want [import categories referrals]"
exit $fail
