# The counting behind tests/run.sh, in a file of its own so that
# tests/screen/run_sh.sh can hold it to fake programs' output.
#
# Unit tests are cmocka programs speaking TAP; each "ok" line is a pass,
# each "not ok N # SKIP name" a skip and every other "not ok" a failure. A
# skip must say why: the test prints "# skip reason: ..." just before it
# (ZK_SKIP in tests/support/zk_test.h), and a skip that gives no reason is a
# failure. A program that dies without reporting (a sanitizer abort, a
# crash) counts as one more failure. A script is one test, passing when it
# exits 0, and skipped when it exits 0 after printing "SKIP: reason".
#
# The caller sets logdir (a scratch directory) and build (passed to
# scripts), and may set TEST_TIMEOUT.

# A program that runs longer than this is stuck (a loop that never ends is
# a failure to report, not a reason for CI to hang).
TEST_TIMEOUT=${TEST_TIMEOUT:-600}

passed=0
failed=0
skipped=0
skip_list=()   # "program: test: why", one per skip

# Prints a failed program's story: its TAP failure lines with the messages
# cmocka put just after them first (they are what matters, and a sanitizer's
# leak report after a failed assertion can be long), then the log's end.
show_failure() {
  local log=$1
  grep -n -A4 '^not ok ' "$log" | grep -v '# SKIP' | sed 's/^/    /' | head -n 80
  echo "    --- end of log ---"
  sed 's/^/    /' "$log" | tail -n 40
}

# Reads a TAP log and prints "OK BAD SKIP" on its first line, then one
# "name<TAB>reason" line per skip (reason empty when the test gave none).
# The reason is the last "# skip reason:" line since the previous result.
tap_count() {
  awk '
    /^# skip reason: / { reason = substr($0, 16); next }
    /^ok / { ok++; reason = ""; next }
    /^not ok [0-9]+ # SKIP/ {
      skip++
      name = $0; sub(/^not ok [0-9]+ # SKIP ?/, "", name)
      skips[skip] = name "\t" reason; reason = ""; next
    }
    /^not ok / { bad++; reason = ""; next }
    END {
      print ok + 0, bad + 0, skip + 0
      for (i = 1; i <= skip; i++) print skips[i]
    }' "$1"
}

# run_unit PROGRAM [LABEL]: runs one cmocka program and adds up its results;
# LABEL names it in the output (a second run of one program under other
# settings), its skips are listed under the program's name.
run_unit() {
  local bin=$1 label=${2:-$(basename "$1")}
  local log="$logdir/${label//\//_}.log" start=$SECONDS
  timeout "$TEST_TIMEOUT" "$bin" >"$log" 2>&1
  local rc=$? ok bad skip name why line
  {
    read -r ok bad skip
    while IFS=$'\t' read -r name why; do
      if [ -n "$why" ]; then
        skip_list+=("$(basename "$bin"): $name: $why")
      else
        echo "not ok - $name was skipped without a reason (use ZK_SKIP)" >>"$log"
        skip=$((skip - 1))
        bad=$((bad + 1))
      fi
    done
  } < <(tap_count "$log")
  if [ "$rc" -eq 124 ]; then
    echo "# timed out after ${TEST_TIMEOUT}s" >>"$log"
    bad=$((bad + 1))
  elif [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
    bad=1   # died without a TAP failure line: a crash or sanitizer report
  fi
  passed=$((passed + ok))
  failed=$((failed + bad))
  skipped=$((skipped + skip))
  line=$(printf '%-28s %3d passed, %d failed' "$label" "$ok" "$bad")
  [ "$skip" -ne 0 ] && line+=", $skip skipped"
  printf '%s (%ds)\n' "$line" $((SECONDS - start))
  if [ "$bad" -ne 0 ]; then
    show_failure "$log"
  fi
}

# run_script SCRIPT: one test, run against $build.
run_script() {
  local script=$1 log="$logdir/$(basename "$1").log"
  local start=$SECONDS why
  if timeout "$TEST_TIMEOUT" bash "$script" "$build" >"$log" 2>&1; then
    why=$(sed -n 's/^SKIP: //p' "$log" | head -n 1)
    if [ -n "$why" ]; then
      skipped=$((skipped + 1))
      skip_list+=("$(basename "$script"): $why")
      printf '%-28s skip (%ds)\n' "$(basename "$script")" $((SECONDS - start))
    else
      passed=$((passed + 1))
      printf '%-28s pass (%ds)\n' "$(basename "$script")" $((SECONDS - start))
    fi
  else
    failed=$((failed + 1))
    printf '%-28s FAIL (%ds)\n' "$(basename "$script")" $((SECONDS - start))
    show_failure "$log"
  fi
}

# The list of skips (one line for a test skipped in several runs, with the
# count), then the closing line CI reads.
summary() {
  if [ "$skipped" -gt 0 ]; then
    echo "skipped:"
    printf '%s\n' "${skip_list[@]}" | awk '
      !($0 in n) { order[++k] = $0 }
      { n[$0]++ }
      END { for (i = 1; i <= k; i++) print "  " order[i] (n[order[i]] > 1 ? " (" n[order[i]] " runs)" : "") }'
  fi
  echo "$passed passed, $failed failed, $skipped skipped"
}

