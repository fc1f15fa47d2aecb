#!/usr/bin/env bash
# A lesson's title, part and summary live in its front matter (headless):
# the map and `zkcave lessons` show each file's own words, and a lesson
# whose front matter is broken (an unknown key, a key twice, a field
# missing) is refused by check-lessons and shown as such, naming its file
# and line, while the other lessons still open.
. "$(dirname "$0")/../support/headless.bash"
front() { sed -n '2,/^---$/p' "$1" | sed -n "s/^$2: //p"; }

list=$("$bin" lessons) || fail "lessons: exit $?"
map80=$("$bin" --headless --size 80x24 --keys Home) || fail "map: exit $?"
map120=$("$bin" --headless --size 120x40 --keys Home) || fail "map: exit $?"
for f in lessons/[0-9][0-9]-*.md; do
  n=$(basename "$f" | cut -c1-2)
  title=$(front "$f" title) heading=$(grep -m1 '^# ' "$f" | cut -c3-)
  part=$(front "$f" part | cut -c3- | tr a-z A-Z)
  [ -n "$title" ] && [ -n "$(front "$f" summary)" ] || fail "$f: no title or summary"
  # The map shows the heading when it fits a column (20 columns), else the
  # front matter's short title; `lessons` the heading.
  [ ${#heading} -le 20 ] && want=$heading || want=$title
  grep -qF "$n $want" <<<"$map80" || fail "80x24 map lacks '$n $want'"
  grep -qF " $n $heading " <<<"$list" || fail "lessons lacks '$n $heading'"
  grep -q "^Part [0-9]  $part\$" <<<"$list" || fail "lessons lacks the part '$part' of $f"
  grep -qF "$part" <<<"$map120" || fail "120x40 map lacks the part '$part' of $f"
done
# The map's description line is the summary of the selected lesson (01).
summary=$(front lessons/01-*.md summary)
grep -qF "${summary:0:40}" <<<"$map120" || fail "the map lacks 01's summary: $map120"

# Broken front matter: one error naming the file and line.
dir=$state/lessons
cp -r lessons "$dir"
f5=$(ls "$dir"/05-*.md)
f9=$(ls "$dir"/09-*.md)
f12=$(ls "$dir"/12-*.md)
sed -i '3a\tilte: Oops' "$f5"
sed -i '2a\title: Again' "$f9"
sed -i '/^summary: /d' "$f12"
out=$("$bin" check-lessons --no-run "$dir" 2>&1); rc=$?
[ "$rc" = 1 ] || fail "check-lessons with broken front matter: exit $rc, want 1: $out"
for want in "$(basename "$f5"): line 4: unknown key 'tilte' in the front matter" \
            "$(basename "$f9"): line 3: 'title' given twice (first on line 2)" \
            "$(basename "$f12"): line 4: the front matter has no 'summary'"; do
  grep -qF "$want" <<<"$out" || fail "check-lessons does not say '$want': $out"
done
grep -q "^ok .*/06-" <<<"$out" || fail "the lessons after a broken one are not checked: $out"
out=$(ZKCAVE_LESSONS=$dir "$bin" lessons 2>&1) || fail "lessons with a broken file: exit $?"
grep -qF "cannot be read: $(basename "$f9"): line 3:" <<<"$out" || fail "lessons: $out"
grep -q "Part 3  ZK MEETS AI" <<<"$out" || fail "the parts are lost: $out"
out=$(ZKCAVE_LESSONS=$dir "$bin" --headless --size 120x40 --keys "Right Down Down Down" 2>&1) ||
  fail "map with a broken file: exit $?"
grep -qF "09 cannot be opened: $(basename "$f9"): line 3" <<<"$out" ||
  fail "the map does not show why 09 is refused: $out"
echo "front matter: ok"
