#!/usr/bin/env bash
# A student's path through the real program in tmux: from the map into
# lesson 03 with the keyboard, the first exercise answered, Esc q quits from
# the next exercise's field; progress is
# in the state directory, `zkcave check` reports it, a new session continues
# where it stopped, and a terminal shrunk to 60x15 and grown back shows the
# lesson intact. Never skipped under CI=true.
set -u
build=${1:-build/asan}
bin=$(cd "$(dirname "$build/zkcave")" && pwd)/zkcave
. "$(dirname "$0")/../support/screen.bash"
screen_require_tmux
state=$SCREEN_STATE
run() { screen_start "$1" "$2" "$bin"; }

run 100 30
screen_wait "PART 1  FOUNDATIONS" || fail "the map never appeared"
screen_keys Down Down
screen_wait "03 Schnorr — Prove you know x" || fail "Down Down did not select lesson 03"
screen_keys Enter
screen_wait "03 Schnorr ─ step 1/8" || fail "Enter did not open lesson 03"
screen_keys n n n
screen_wait "step 4/8: Compute it yourself" || fail "n n n did not reach step 4"
screen_has "exercise 1 of 4" || fail "the first exercise is not on screen"
screen_wait "▶ Exercise 1: type your answer" || fail "the next thing to do is not said"
screen_keys 1 7 Enter
screen_wait "that is r + c·x; now reduce it mod q" || fail "17 did not get the checker's hint"
screen_keys 6 Enter
screen_wait "exercise 1 of 4 ✔" || fail "6 was not accepted"
screen_has "exercises 1/4" || fail "the header does not count the solved exercise"
# Exercise 2 has the field now, where q is a letter: Esc leaves it first.
screen_keys Escape q
screen_wait_exit || fail "Esc q did not quit"
[ "$(screen_status)" = 0 ] || fail "exit status $(screen_status), want 0"

grep -q '"03-schnorr"' "$state/zkcave/progress.json" || fail "no progress for lesson 03 saved"
grep -q '"solved":.*"1"' "$state/zkcave/progress.json" || fail "exercise 1 not saved as solved"
out=$(XDG_STATE_HOME="$state" "$bin" check); rc=$?
[ "$rc" = 1 ] || fail "zkcave check exit $rc with exercises left, want 1"
printf '%s\n' "$out" | grep -q "03 Schnorr .* 1/4" || fail "zkcave check does not report 1/4: $out"

run 100 30
screen_wait "03 Schnorr — step 4 of 8" || fail "the map does not offer to continue lesson 03"
screen_keys Space
screen_wait "> 6 ✔ solved" || fail "the solved exercise is not shown as solved"
screen_resize 60 15
screen_wait "needs at least 80x24" || fail "no too-small message at 60x15"
screen_resize 100 30
screen_wait "> 6 ✔ solved" || fail "the lesson did not come back after growing"
screen_has "03 Schnorr ─ step 4/8" || fail "the step changed across the resize"
screen_keys Escape q
screen_wait_exit || fail "Esc q did not quit"
echo "lesson 03 in tmux: ok"
