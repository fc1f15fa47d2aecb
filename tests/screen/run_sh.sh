#!/usr/bin/env bash
# tests/run.sh's counting (tests/support/tap.bash) against programs with
# known output: a cmocka skip ("not ok N # SKIP name") is a skip with the
# reason the test printed, not a failure; a skip with no reason, a failed
# test and a crash are failures; a script that prints "SKIP: why" is a skip.
# Also a real cmocka program, skipping under ZKCAVE_CPU_MASK, counted the
# same way. The closing line is "N passed, M failed, K skipped".
set -u
build=${1:-build/asan}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
fail() {
  echo "FAIL: $*"
  exit 1
}
[ -f "$here/tests/support/tap.bash" ] || fail "no tests/support/tap.bash"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
logdir=$work/logs
mkdir -p "$logdir"
# shellcheck source=../support/tap.bash
source "$here/tests/support/tap.bash"

# fake NAME EXIT-CODE: a program printing the TAP that follows on stdin.
fake() {
  { echo '#!/bin/sh'; echo "cat <<'TAP'"; cat; echo 'TAP'; echo "exit $2"; } >"$work/$1"
  chmod +x "$work/$1"
}
# expect P F S: the counters so far.
expect() {
  [ "$passed $failed $skipped" = "$1 $2 $3" ] ||
    fail "counted $passed passed, $failed failed, $skipped skipped; want $1, $2, $3"
}

fake skips 0 <<'EOF'
1..3
ok 1 - test_a
# skip reason: no widget on this CPU
not ok 2 # SKIP test_b
ok 3 - test_c
# ok - skips.c
EOF
run_unit "$work/skips" >/dev/null
expect 2 0 1
[ "${skip_list[0]}" = "skips: test_b: no widget on this CPU" ] ||
  fail "skip listed as '${skip_list[0]}'"
[ "$(summary | tail -n 1)" = "2 passed, 0 failed, 1 skipped" ] || fail "closing line: $(summary)"
summary | grep -qx "  skips: test_b: no widget on this CPU" || fail "skip not listed: $(summary)"
# The same program again (as under ZKCAVE_KERNEL=portable): counted twice,
# listed once with the count.
run_unit "$work/skips" skips/again >/dev/null
expect 4 0 2
summary | grep -qx "  skips: test_b: no widget on this CPU (2 runs)" || fail "second run: $(summary)"
passed=2 skipped=1 skip_list=("${skip_list[0]}")

# A reason belongs to the skip right after it, not to a later one.
fake unexplained 0 <<'EOF'
1..3
# skip reason: left over
ok 1 - test_d
not ok 2 # SKIP test_e
ok 3 - test_f
EOF
run_unit "$work/unexplained" >/dev/null
expect 4 1 1

fake failing 1 <<'EOF'
1..2
not ok 1 - test_g
# tests/unit/test_g.c:3: error: Failure!
ok 2 - test_h
EOF
run_unit "$work/failing" >/dev/null
expect 5 2 1

fake crashing 134 <<'EOF'
1..2
ok 1 - test_i
EOF
run_unit "$work/crashing" >/dev/null
expect 6 3 1

printf 'echo "SKIP: no gadget installed"\n' >"$work/skipping.sh"
printf 'echo fine\n' >"$work/passing.sh"
printf 'exit 1\n' >"$work/failing.sh"
for s in skipping passing failing; do run_script "$work/$s.sh" >/dev/null; done
expect 7 4 2
[ "${skip_list[1]}" = "skipping.sh: no gadget installed" ] || fail "script skip: '${skip_list[1]}'"
[ "$(summary | tail -n 1)" = "7 passed, 4 failed, 2 skipped" ] || fail "closing line: $(summary)"

# cmocka's own output: the IFMA tests skip, with their reason, when the mask
# takes AVX-512 (and with it IFMA) away.
prog=$build/tests/test_mont52x8
[ -x "$prog" ] || fail "no $prog"
passed=0 failed=0 skipped=0 skip_list=()
ZKCAVE_CPU_MASK=avx512f run_unit "$prog" >/dev/null
expect 3 0 2
[[ "${skip_list[0]}" == "test_mont52x8: test_m52x8_bn254_ifma: "*"ZKCAVE_CPU_MASK turns avx512f off" ]] ||
  fail "cmocka skip listed as '${skip_list[0]}'"
echo "run.sh counting: ok"
