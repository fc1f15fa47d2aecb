#!/usr/bin/env bash
# make check-lessons, as one test of `make test`: every lesson loads, every
# action resolves and runs, every exercise accepts its own answer.
set -u
build=${1:-build/asan}
out=$("$build/zkcave" check-lessons lessons 2>&1); rc=$?
printf '%s\n' "$out"
[ "$rc" = 0 ] || { echo "FAIL: check-lessons exit $rc"; exit 1; }
printf '%s\n' "$out" | grep -q "all good" || { echo "FAIL: no 'all good'"; exit 1; }
