#!/usr/bin/env bash
# Lesson 06 in the headless workbench at 80x24: the R1CS of x³ + x + 5 with
# sym_1 edited to 10 shows rows 0 and 1 failing (✘, whole rows on screen),
# and typing sym_1:9 into the panel re-checks every row, which all hold.
. "$(dirname "$0")/../support/headless.bash"

out=$("$bin" --headless --size 80x24 --keys "n n n" lesson 6) || fail "headless exit $?"
printf '%s\n' "$out" | grep -q "step 4/6: Break it" || fail "n n n did not reach step 4: $out"
printf '%s\n' "$out" | grep -qF "│ ✘ 0  [0 1 0 0 0 0] [0 1 0 0 0 0] [0 0 0 1 0 0]  3 · 3 = 9 ≠ 10 " ||
  fail "row 0 is not shown failing, whole, at 80 columns: $out"
printf '%s\n' "$out" | grep -qF "✘ 1  [0 0 0 1 0 0]" || fail "row 1 is not shown failing: $out"
printf '%s\n' "$out" | grep -qF "✔ 2  [0 1 0 0 1 0]" || fail "row 2 is not shown holding: $out"

out=$("$bin" --headless --size 80x24 --keys "n n n Enter BSpace BSpace '9 Enter" lesson 6) ||
  fail "headless exit $?"
printf '%s\n' "$out" | grep -qF "set = [ sym_1:9 ]" || fail "the edit was not typed: $out"
printf '%s\n' "$out" | grep -qF "✔ all 4 rows hold" || fail "the edited witness was not re-checked: $out"
printf '%s\n' "$out" | grep -qF "✘" && fail "a row still fails after the repair: $out"
echo "lesson 06 headless: ok"
