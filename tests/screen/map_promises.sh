#!/usr/bin/env bash
# The map promises only what is there (headless): the progress counts the
# lessons that exist and says how many are not written; with all of them
# done it says so and can be complete; a lesson not written is called that,
# not "coming with Part N"; c, g and s open their labs; v opens the
# constraint counter.
. "$(dirname "$0")/../support/headless.bash"
map() { "$bin" --state "$state/zkcave" --headless --size "$1" --keys "$2" ||
  fail "headless exit $? for '$2'"; }

total=20
written=$(ls lessons/[0-9][0-9]-*.md | wc -l)
unwritten=$((total - written))
for size in 80x24 120x40; do
  out=$(map "$size" Home)
  # "0/17, 3 unwritten" while lessons are missing; "0/20" and no word of
  # unwritten lessons once all are there.
  if [ "$unwritten" -gt 0 ]; then want="progress .* 0/$written, $unwritten unwritten"
  else want="progress .* 0/$written\b"; fi
  head -1 <<<"$out" | grep -q "$want" ||
    fail "$size: progress does not count the $written lessons there: $(head -1 <<<"$out")"
  [ "$unwritten" -gt 0 ] || ! grep -q "unwritten" <<<"$out" ||
    fail "$size: all $total lessons are there, yet the map speaks of unwritten ones: $out"
  grep -q "arrive\|Part [23]\b" <<<"$out" && fail "$size: the map promises a part: $out"
done
out=$(map 100x30 v)
head -1 <<<"$out" | grep -q "Constraints ─ seed CNN" || fail "v did not open the counter: $out"
out=$(map 80x24 c)
head -1 <<<"$out" | grep -q "Circuits lab" || fail "c did not open the circuits lab: $out"
out=$(map 80x24 g)
head -1 <<<"$out" | grep -q "Groth16 lab" || fail "g did not open the Groth16 lab: $out"
out=$(map 80x24 s)
head -1 <<<"$out" | grep -q "STARK lab" || fail "s did not open the STARK lab: $out"
out=$(map 80x24 Home)
grep -q "Tools .*c circuits · g Groth16 · s STARK" <<<"$out" ||
  fail "the map does not list the labs: $out"

# A lesson not written is said to be so (the first missing number).
missing=$(for n in $(seq 1 $total); do
  compgen -G "lessons/$(printf %02d "$n")-*.md" >/dev/null || { echo "$n"; break; }; done)
if [ -n "$missing" ]; then
  # Part 2 holds lessons 05..13 in the second column, part 3 14..20.
  if [ "$missing" -le 4 ]; then keys="Home"; row=$((missing - 1))
  elif [ "$missing" -le 13 ]; then keys="Right"; row=$((missing - 5))
  else keys="Right Right"; row=$((missing - 14)); fi
  for _ in $(seq 1 "$row"); do keys="$keys Down"; done
  out=$(map 100x30 "$keys Enter")
  grep -q "$(printf %02d "$missing") .* — not written yet" <<<"$out" ||
    fail "lesson $missing is not said to be unwritten: $out"
  grep -q "Lesson $(printf %02d "$missing") is not written yet." <<<"$out" ||
    fail "Enter on lesson $missing does not say it is not written: $out"
fi

# Every lesson there done: the bar is full and the map says what is left.
mkdir -p "$state/zkcave"
. "$(dirname "$0")/../support/progress.bash"
progress_all_solved > "$state/zkcave/progress.json"
out=$(map 100x30 Home)
head -1 <<<"$out" | grep -q "progress ██████████████ $written/$written" ||
  fail "all done, the bar is not full: $(head -1 <<<"$out")"
if [ "$unwritten" -gt 0 ]; then
  grep -q "Every lesson written so far is done; $unwritten of the $total are not written yet." \
    <<<"$out" || fail "all done: the map does not say what is left: $out"
else
  grep -q "Every lesson is done." <<<"$out" || fail "all done: $out"
fi
grep -q "arrive" <<<"$out" && fail "all done, the map still promises: $out"
echo "map promises: ok"
