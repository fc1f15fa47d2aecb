#!/usr/bin/env bash
# Runs every test against one build directory and ends with the line
# "N passed, M failed" (exit status 1 when M > 0).
#
#   tests/run.sh build/asan
#
# Unit tests are cmocka programs (build/asan/tests/test_*) speaking TAP; each
# "ok" line is a pass and each "not ok" a failure, and a program that dies
# without reporting (a sanitizer abort, a crash) counts as one more failure.
# Screen tests (tests/screen/*.sh) drive the real program in tmux, and
# interop tests (tests/interop/*.sh) hold it against circom2 and snarkjs;
# each script is one test, passing when it exits 0.
set -u
build=${1:-build/asan}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here" || exit 2

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/tests/lsan.supp:print_suppressions=0}

passed=0
failed=0
logdir=$(mktemp -d)
trap 'rm -rf "$logdir"' EXIT

# A program that runs longer than this is stuck (a loop that never ends is
# a failure to report, not a reason for CI to hang).
TEST_TIMEOUT=${TEST_TIMEOUT:-600}

# Prints a failed program's story: its TAP failure lines with the messages
# cmocka put just after them first (they are what matters, and a sanitizer's
# leak report after a failed assertion can be long), then the log's end.
show_failure() {
  local log=$1
  grep -n -A4 '^not ok ' "$log" | sed 's/^/    /' | head -n 80
  echo "    --- end of log ---"
  sed 's/^/    /' "$log" | tail -n 40
}

run_unit() {
  local bin=$1 log="$logdir/$(basename "$1").log"
  local start=$SECONDS
  timeout "$TEST_TIMEOUT" "$bin" >"$log" 2>&1
  local rc=$?
  local ok bad
  ok=$(grep -c '^ok ' "$log")
  bad=$(grep -c '^not ok ' "$log")
  if [ "$rc" -eq 124 ]; then
    echo "# timed out after ${TEST_TIMEOUT}s" >>"$log"
    bad=$((bad + 1))
  elif [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
    bad=1   # died without a TAP failure line: a crash or sanitizer report
  fi
  passed=$((passed + ok))
  failed=$((failed + bad))
  printf '%-28s %3d passed, %d failed (%ds)\n' "$(basename "$bin")" "$ok" "$bad" $((SECONDS - start))
  if [ "$bad" -ne 0 ]; then
    show_failure "$log"
  fi
}

run_script() {
  local script=$1 log="$logdir/$(basename "$1").log"
  local start=$SECONDS
  if timeout "$TEST_TIMEOUT" bash "$script" "$build" >"$log" 2>&1; then
    passed=$((passed + 1))
    printf '%-28s pass (%ds)\n' "$(basename "$script")" $((SECONDS - start))
  else
    failed=$((failed + 1))
    printf '%-28s FAIL (%ds)\n' "$(basename "$script")" $((SECONDS - start))
    show_failure "$log"
  fi
}

shopt -s nullglob
units=("$build"/tests/test_*)
scripts=(tests/screen/*.sh tests/interop/*.sh)
if [ ${#units[@]} -eq 0 ]; then
  echo "no test programs in $build/tests; build them with 'make test'" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
for t in "${units[@]}"; do [ -x "$t" ] && run_unit "$t"; done
for s in "${scripts[@]}"; do run_script "$s"; done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
