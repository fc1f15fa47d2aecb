# Progress files for screen tests. Sourced by tests/screen/*.sh.

# progress_all_solved: a progress file (on stdout) with every exercise of
# every lesson in lessons/ solved and each lesson on its last step (ids as
# the lesson format numbers them, or their id: lines), so adding a lesson
# needs no change in the tests that use it.
progress_all_solved() {
  local first=1 f name steps ids
  printf '{"version": 1, "lessons": {'
  for f in lessons/[0-9][0-9]-*.md; do
    name=$(basename "$f" .md)
    steps=$(( $(grep -c '^## ' "$f") + 1 ))
    ids=$(awk '/^```exercise/ {inx = 1; n++; id = n; next}
               inx && /^id:/ {id = $2}
               inx && /^```/ {inx = 0; printf "%s\"%s\"", sep, id; sep = ", "}' "$f")
    [ $first = 1 ] || printf ','
    first=0
    printf '\n "%s": {"step": %d, "seen": %d, "solved": [%s]}' "$name" $((steps - 1)) "$steps" "$ids"
  done
  printf '}}\n'
}
