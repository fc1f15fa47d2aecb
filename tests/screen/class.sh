#!/usr/bin/env bash
# The scripted class (issue 17): scripts/class.sh presents lessons 03, 10
# and 18 headless in presenter mode — every step shown, every action run
# and timed, every answer revealed with F3, typed and accepted — and its
# transcript says so: each lesson's summary complete, F2 before the first
# reveal, and a time on every action.
. "$(dirname "$0")/../support/headless.bash"
out=$(scripts/class.sh "$build" 3 10 18 2>&1) || fail "class.sh: exit $?:
$out"
has() { printf '%s\n' "$out" | grep -qE -- "$1" || fail "$2:
$out"; }
has "^# lesson 03: 8/8 steps, [0-9]+ actions \(0 failed.*4/4 answers revealed, 4 accepted" "lesson 03"
has "^# lesson 10: 7/7 steps, [0-9]+ actions \(0 failed.*1/1 answers revealed, 1 accepted" "lesson 10"
has "^# lesson 18: 10/10 steps, [0-9]+ actions \(0 failed.*2/2 answers revealed, 2 accepted" "lesson 18"
has "^  F2: presenter mode on" "no F2 in the transcript"
has "^  exercise 4 revealed: 2\^-256$" "lesson 03's last answer not revealed"
has "^  action groth16.bn254: ran in [0-9]+\.[0-9] ms" "lesson 10's BN254 proof has no time"
printf '%s\n' "$out" | grep '^  action ' | grep -qv ' ms (' && fail "an action without a time"

# --transcript is for headless runs, and a file that cannot be made is a
# one-line error.
"$bin" --transcript "$state/t" lesson 3 >/dev/null 2>&1; [ $? -eq 2 ] || fail "--transcript without --headless: not exit 2"
err=$("$bin" --headless --transcript "$state/no/such/t" lesson 3 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "--transcript into no directory: exit $rc, '$err'"
printf "%s\n" "$out" | tail -1
