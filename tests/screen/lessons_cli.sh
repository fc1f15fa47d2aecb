#!/usr/bin/env bash
# `zkcave lessons` says what exists, in the map's words: a lesson with no
# file is "not written yet" (never "coming"), and its closing line counts
# progress as the map's header does ("progress 0/17, 3 unwritten"), from
# one progress file, before and after an answer.
. "$(dirname "$0")/../support/headless.bash"
total=20
written=$(ls lessons/[0-9][0-9]-*.md | wc -l)
unwritten=$((total - written))
want="progress 0/$written"
[ "$unwritten" -gt 0 ] && want="$want, $unwritten unwritten"
out=$("$bin" lessons) || fail "lessons: exit $?"
printf '%s\n' "$out" | grep -q "coming" && fail "lessons still says 'coming': $out"
[ "$(printf '%s\n' "$out" | tail -1)" = "$want" ] || fail "lessons does not end with '$want': $out"
[ "$(printf '%s\n' "$out" | grep -c "not written yet$")" -eq "$unwritten" ] ||
  fail "not $unwritten lessons said to be unwritten: $out"
for n in $(seq 1 $total); do
  compgen -G "lessons/$(printf %02d "$n")-*.md" >/dev/null && continue
  printf '%s\n' "$out" | grep -q "^  · $(printf %02d "$n") .* not written yet$" ||
    fail "lesson $n has no file and is not said to be unwritten: $out"
done
# The map's header says the same, from the same file.
map=$("$bin" --state "$XDG_STATE_HOME/zkcave" --headless --size 120x30 --keys Home | head -1)
printf '%s\n' "$map" | grep -qE "${want#progress }( |$)" ||
  fail "the map says '$map', lessons '$want'"
# Every lesson there done: both count all of them.
mkdir -p "$XDG_STATE_HOME/zkcave"
. "$(dirname "$0")/../support/progress.bash"
progress_all_solved > "$XDG_STATE_HOME/zkcave/progress.json"
out=$("$bin" lessons)
done="progress $written/$written"
[ "$unwritten" -gt 0 ] && done="$done, $unwritten unwritten"
[ "$(printf '%s\n' "$out" | tail -1)" = "$done" ] || fail "all done, lessons does not end with '$done': $out"
map=$("$bin" --state "$XDG_STATE_HOME/zkcave" --headless --size 120x30 --keys Home | head -1)
printf '%s\n' "$map" | grep -qE "${done#progress }( |$)" || fail "all done, the map says '$map', lessons '$done'"
echo "lessons on the command line: ok ($done)"
