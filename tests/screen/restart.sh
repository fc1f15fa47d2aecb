#!/usr/bin/env bash
# Starting a lesson again (issue 17, item 3), headless: `lesson N --restart`
# opens N at its first step with its exercises unsolved and keeps the other
# lessons; r on the map resets the selected lesson only after y; `lessons
# --reset` asks y/N unless --yes; `:` N Enter goes to step N, out of an
# answer field (in one, ':' is text).
. "$(dirname "$0")/../support/headless.bash"
prog="$state/zkcave"   # the file both the workbench and `zkcave lessons` use
run() { "$bin" --headless --state "$prog" --size 80x24 --keys "$@" || fail "'$*': exit $?"; }
has() { printf '%s\n' "$out" | grep -qF -- "$1" || fail "$2: no '$1' in:
$out"; }
lacks() { ! printf '%s\n' "$out" | grep -qF -- "$1" || fail "$2: '$1' in:
$out"; }
# seed: exercise 1 of lesson 01 (step 4) and 02's step 2 seen.
seed() {
    rm -rf "$prog"
    run "Right Right Right '1/2 Enter" lesson 1 >/dev/null
    run "Right" lesson 2 >/dev/null
    out=$("$bin" lessons)
    has "01 The cave                                   in progress, 1/4" "seed: lesson 01"
}

# --restart: first step, 0/4, and the file says so; lesson 02 kept.
seed
out=$(run "" lesson 1)
has "01 The cave ─ step 4/6" "without --restart the lesson resumes"
out=$(run "" lesson 1 --restart)
has "01 The cave ─ step 1/6" "--restart: not the first step"
has "exercises 0/4" "--restart: exercises still solved"
out=$(run "Right Right Right" lesson 1)
has "exercises 0/4" "after --restart exercise 1 is solved"
has "▶ Exercise 1" "after --restart exercise 1 is not open on step 4"
out=$("$bin" lessons)
has "01 The cave                                   in progress, 0/4" "--restart not saved"
has "02 Completeness, soundness, zero knowledge    in progress" "--restart dropped lesson 02"
out=$("$bin" lesson 1 --restart --bogus 2>&1)
[ $? -eq 2 ] || fail "lesson 1 --restart --bogus: not exit 2"

# r on the map: a question; anything but y keeps the progress.
seed
out=$(run "Esc Up r" lesson 1)   # the map selects the lesson opened last
has "Reset progress of lesson 01?" "r: no question"
has "The cave: 1 of 4 exercises solved." "r: the question does not say what is lost"
out=$(run "Esc Up r q" lesson 1)
has "Lesson 01 keeps its progress." "r q: not kept"
lacks "Quit zkcave?" "q while asked opened the quit dialog"
out=$(run "Esc Up r n" lesson 1)
out=$("$bin" lessons)
has "01 The cave                                   in progress, 1/4" "r n reset the lesson"
out=$(run "Esc Up r y" lesson 1)
has "Lesson 01 starts afresh." "r y: no word of the reset"
out=$("$bin" lessons)
has "01 The cave                                   new, 0/4" "r y: not reset"
has "02 Completeness, soundness, zero knowledge    in progress" "r y dropped lesson 02"
out=$(run "r" lesson 1)
has "01 The cave ─ step 1/6" "after r y the lesson does not open at step 1"

# zkcave lessons --reset: y/N on stdin, --yes, bad numbers.
seed
out=$(echo n | "$bin" lessons --reset 1 2>&1)
[ $? -eq 1 ] || fail "lessons --reset 1, answered n: not exit 1"
has "Reset progress of lesson 01, The cave (1/4 exercises solved)? [y/N]" "--reset: no question"
has "Nothing was reset." "--reset n: says nothing"
out=$("$bin" lessons --reset 1 </dev/null 2>&1)
[ $? -eq 1 ] || fail "lessons --reset 1 without an answer: not exit 1"
out=$("$bin" lessons)
has "01 The cave                                   in progress, 1/4" "--reset without y reset"
out=$(echo y | "$bin" lessons --reset 1 2>/dev/null) || fail "lessons --reset 1, y: exit $?"
out=$("$bin" lessons)
has "01 The cave                                   new, 0/4" "--reset 1 y: not reset"
has "02 Completeness, soundness, zero knowledge    in progress" "--reset 1 dropped lesson 02"
"$bin" lessons --reset all --yes >/dev/null </dev/null || fail "--reset all --yes: exit $?"
out=$("$bin" lessons)
lacks "in progress" "--reset all left progress"
for bad in "--reset 21 --yes" "--reset x --yes" "--yes" "--reset"; do
    # shellcheck disable=SC2086
    "$bin" lessons $bad >/dev/null 2>&1 </dev/null
    [ $? -eq 2 ] || fail "lessons $bad: not exit 2"
done

# : N Enter goes to step N; bounded; ':' inside an answer field is text
# (step 5 opens in one: Esc leaves it, then ':' jumps).
fresh() { "$bin" --headless --size 80x24 --keys "$@" || fail "'$*': exit $?"; }
# at KEYS STEP WHY: the keys end on step STEP of lesson 01.
at() { out=$(fresh "$1" lesson 1); has "01 The cave ─ step $2/6" "$3"; }
at ": 5 Enter" 5 ": 5 Enter"
at ": 9 Enter" 1 ": 9 moved"
has "✘ No step 9: this lesson has steps 1 to 6." ": 9: no status line"
at ": 5 Esc" 1 ": 5 Esc moved"
at ": 5 q" 1 ": 5 q moved"
lacks "Quit zkcave?" ": q quit"
at "Right Right Right ': '4 Enter" 4 "':' in an answer field jumped"
at ": 5 Enter ': 2 Enter" 5 "':' in step 5's field jumped"
has "> :2" "':' in step 5's field is not text"
at ": 5 Enter Esc : 2 Enter" 2 "Esc : 2 Enter from a field"
echo "restart: ok"
