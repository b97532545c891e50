#!/usr/bin/env bash
# e2e_store.sh BUILD_DIR - the intake's store statements on a freshly
# migrated database (test_store): which one a batch gets, and what each
# mail becomes.
source "$(dirname "$0")/lib.sh"
T_BUILD=$1
t_require_stack
t_setup store
t_ctl migrate >/dev/null
rc=0
"$T_BUILD/tests/test_store" "$T_CONNINFO" || rc=$?
t_eq "test_store passes" "$rc" 0
t_done
