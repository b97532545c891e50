#!/usr/bin/env bash
# e2e_statements.sh BUILD_DIR - every SQL statement the programs can run
# prepares against a freshly migrated database (test_statements).
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
t_require_stack
t_setup statements
t_ctl migrate >/dev/null
out=$("$T_BUILD/tests/test_statements" "$T_CONNINFO")
echo "$out"
n=$(sed -n 's/^\([0-9]*\) statements prepared$/\1/p' <<<"$out")
t_eq "some statements prepared" "$([ "${n:-0}" -gt 0 ] && echo yes)" yes
t_done
