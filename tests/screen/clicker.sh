#!/usr/bin/env bash
# A clicker in presenter mode (headless, 80×24 and 120×40): Space brings
# the step's actions to the top of the view one by one, then goes to the
# next step; outside presenter mode Space still scrolls, and once an
# answer is being typed Space is a space in it. Lesson 04's third step has
# two actions (BIP-340's signing and verifying vectors) and an exercise.
. "$(dirname "$0")/../support/headless.bash"
run() { out=$("$bin" --headless --size "$1" --transcript "$state/t" --keys "n n $2" lesson 4) ||
  fail "'$2' at $1: exit $?"; }
top() { printf '%s\n' "$out" | sed -n 3,4p; }   # at the top, or as near as the page's end allows
# At 80×24 the step is taller than the screen: each action comes up.
run 80x24 "F2 Space"
top | grep -q "┌ Signing test vector 1" || fail "the first Space does not bring the first action up: $out"
grep -q "Space: action 1 of the step" "$state/t" || fail "no transcript line: $(cat "$state/t")"
run 80x24 "F2 Space Space"
top | grep -q "┌ Verifying test vector 6" || fail "the second Space does not bring the second action up: $out"
for size in 80x24 120x40; do
  run "$size" "F2 Space Space"
  head -1 <<<"$out" | grep -q "step 3/6" || fail "$size: Space left the step before its last action: $out"
  run "$size" "F2 Space Space Space"
  head -1 <<<"$out" | grep -q "step 4/6" || fail "$size: after the last action Space does not go on: $out"
  # Typing an answer: the space is part of it, and the step stays.
  run "$size" "F2 '6 Space '7"
  head -1 <<<"$out" | grep -q "step 3/6" || fail "$size: Space while typing left the step: $out"
  grep -q "> 6 7" <<<"$out" || fail "$size: the space is not in the answer: $out"
  # Outside presenter mode Space keeps its meaning (the answer field has
  # focus, so it types; Esc leaves the field and Space pages down).
  run "$size" "Esc Space Space Space"
  head -1 <<<"$out" | grep -q "step 3/6" || fail "$size: Space left the step outside presenter mode: $out"
done
echo "clicker: ok"
