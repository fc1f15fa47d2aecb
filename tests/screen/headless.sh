#!/usr/bin/env bash
# The command line around the lessons, without a terminal: headless
# screens, `lessons`, `check` (exit 1 while anything is open, 0 when all is
# done, 2 when progress cannot be saved), a damaged progress file set aside,
# and bad usage with exit 2. A headless run keeps progress only in the
# directory --state names: without it the user's progress is not touched.
. "$(dirname "$0")/../support/headless.bash"
keep="--state $state/zkcave"

out=$("$bin" $keep --headless --size 100x30 --keys "n n n '6 Enter" lesson 3) ||
  fail "headless exit $?"
printf '%s\n' "$out" | grep -q "exercise 1 of 4 ✔" || fail "headless answer not accepted: $out"
[ "$(printf '%s\n' "$out" | wc -l)" = 30 ] || fail "headless screen is not 30 rows"
out=$("$bin" --headless --size 80x24 --keys "resize:60x15" lesson 3)
printf '%s\n' "$out" | grep -q "needs at least 80x24; this terminal is 60x15" || fail "no too-small text"

out=$("$bin" lessons) || fail "lessons exit $?"
printf '%s\n' "$out" | grep -q "03 Schnorr .*in progress, 1/4 exercises" || fail "lessons: $out"
printf '%s\n' "$out" | grep -q "20 The frontier .*\(not written yet\|exercises\)" || fail "lessons lacks lesson 20: $out"

out=$("$bin" check); rc=$?
[ "$rc" = 1 ] || fail "check with open exercises: exit $rc, want 1"
printf '%s\n' "$out" | grep -q "next: exercise 1 in step 4" || fail "check does not say what is next: $out"
printf '%s\n' "$out" | grep -q "Keep going: zkcave lesson 1" || fail "check does not say where to go: $out"

# Everything solved: check exits 0.
. "$(dirname "$0")/../support/progress.bash"
progress_all_solved > "$state/zkcave/progress.json"
lessons=$(ls lessons/[0-9][0-9]-*.md | wc -l)
exercises=$(cat lessons/[0-9][0-9]-*.md | grep -c '^```exercise')
out=$("$bin" check); rc=$?
[ "$rc" = 0 ] || fail "check with everything solved: exit $rc, want 0: $out"
printf '%s\n' "$out" | grep -q "$lessons of $lessons lessons complete, $exercises of $exercises exercises solved" ||
  fail "check: $out"

# A damaged progress file is reported and set aside, never lost.
printf '{"version": 1, "lessons": ' > "$state/zkcave/progress.json"
err=$("$bin" lessons 2>&1 >/dev/null) || fail "lessons with a damaged file: exit $?"
printf '%s\n' "$err" | grep -q "was damaged; it was moved to" || fail "no note about the damaged file: $err"
ls "$state/zkcave/" | grep -q "progress.json.corrupt-" || fail "the damaged file was not kept"

# Bad usage: one line, exit 2. Opening a lesson not written yet is one.
unwritten=$(for n in $(seq 1 20); do
  compgen -G "lessons/$(printf %02d "$n")-*.md" >/dev/null || { echo "$n"; break; }; done)
for args in "lesson 99" "lesson" "--size 10 --headless" "--headless --keys Foo" \
            "--headless lesson $unwritten" "--keys n" "--bogus"; do
  out=$("$bin" $args 2>&1 >/dev/null); rc=$?
  [ "$rc" = 2 ] || fail "'$args': exit $rc, want 2"
  [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || fail "'$args': want one line, got: $out"
done
out=$(ZKCAVE_LESSONS=/nonexistent "$bin" lessons 2>&1); rc=$?
[ "$rc" = 2 ] || fail "missing lessons directory: exit $rc, want 2"

# Progress that cannot be saved: check and the workbench say so in one line
# and exit 2 (they exited 0 or 1 as if all was kept). A regular file where
# the state directory should be stops writes even for root.
: > "$state/file"
for args in "check" "--state $state/file/zkcave --headless --keys n lesson 1"; do
  err=$(XDG_STATE_HOME="$state/file" "$bin" $args 2>&1 >/dev/null); rc=$?
  [ "$rc" = 2 ] || fail "'$args' with no place for progress: exit $rc, want 2: $err"
  [ "$(printf '%s\n' "$err" | wc -l)" = 1 ] || fail "'$args', no place for progress: $err"
  printf '%s\n' "$err" | grep -q "file/zkcave/progress.json.*\(not\|Not\)" ||
    fail "'$args', no place for progress: $err"
done
# The file reads, but a save cannot take the lock beside it.
rm -f "$state/zkcave/progress.json.lock"
mkdir "$state/zkcave/progress.json.lock"
for args in "check" "$keep --headless --keys n lesson 1"; do
  err=$("$bin" $args 2>&1 >/dev/null); rc=$?
  [ "$rc" = 2 ] || fail "'$args' with a save that fails: exit $rc, want 2: $err"
  [ "$err" = "zkcave: cannot save progress to $state/zkcave/progress.json: Is a directory" ] ||
    fail "'$args' with a save that fails: $err"
done
rmdir "$state/zkcave/progress.json.lock"
out=$("$bin" check); rc=$?
[ "$rc" = 1 ] || fail "check once progress saves again: exit $rc, want 1"

# Headless runs used to answer into $XDG_STATE_HOME's progress.json, the
# user's real one. Without --state they start empty and leave it, and
# their temporary directory, as they were.
tmp="$state/tmp"
mkdir "$tmp"
cp "$state/zkcave/progress.json" "$state/before.json"
touch -d '2001-01-01' "$state/zkcave/progress.json"
was=$(stat -c %Y "$state/zkcave/progress.json")
out=$(TMPDIR="$tmp" "$bin" --headless --size 100x30 --keys "n n n '6 Enter" lesson 3) ||
  fail "headless without --state: exit $?"
printf '%s\n' "$out" | grep -q "exercise 1 of 4 ✔" || fail "headless answer not accepted: $out"
cmp -s "$state/before.json" "$state/zkcave/progress.json" || fail "a headless run changed progress"
[ "$(stat -c %Y "$state/zkcave/progress.json")" = "$was" ] || fail "a headless run rewrote progress"
[ -z "$(ls -A "$tmp")" ] || fail "a headless run left $(ls -A "$tmp") behind"
out=$(TMPDIR="$tmp" "$bin" --headless --size 100x30 --keys "" lesson 3) || fail "second run: exit $?"
printf '%s\n' "$out" | grep -q "step 1/" || fail "a headless run kept the last one's step: $out"
# --state DIR: DIR/progress.json, created, kept, and read by the next run.
out=$("$bin" --state "$state/class" --headless --keys "n n n '6 Enter" lesson 3) || fail "--state: exit $?"
grep -q '"03-schnorr"' "$state/class/progress.json" || fail "--state did not keep progress"
out=$("$bin" --state "$state/class" --headless --size 100x30 --keys "" lesson 3) || fail "--state again"
printf '%s\n' "$out" | grep -q "step 4/" || fail "--state: the next run did not resume: $out"
cmp -s "$state/before.json" "$state/zkcave/progress.json" || fail "--state DIR changed the other file"
for args in "--state" "--exports" "--data" "--state '' --headless"; do
  out=$(eval "\"$bin\" $args" 2>&1 >/dev/null); rc=$?
  [ "$rc" = 2 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || fail "'$args': exit $rc: $out"
done
# `print` in a key script: the screen then, a form feed line, and the
# final screen, here at two sizes.
out=$("$bin" --headless --size 80x24 --keys "Home print resize:100x30 ?" 2>&1) || fail "print: exit $?"
[ "$(printf '%s\n' "$out" | grep -c $'^\f$')" = 1 ] || fail "print: not one form feed line: $out"
first=$(printf '%s\n' "$out" | awk '/^\f$/ {exit} {print}')
[ "$(printf '%s\n' "$first" | wc -l)" = 24 ] || fail "print: the first screen is not 24 rows"
printf '%s\n' "$first" | head -1 | grep -q "progress" || fail "print: the first screen is not the map"
[ "$(printf '%s\n' "$out" | awk '/^\f$/ {p = 1; next} p' | wc -l)" = 30 ] ||
  fail "print: the last screen is not 30 rows"
echo "headless and lesson commands: ok"
