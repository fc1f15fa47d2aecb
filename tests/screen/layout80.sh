#!/usr/bin/env bash
# The lesson screen at 80×24 (issue 17, deliver 7), read from the rendered
# terminal, headless:
# * no table row broken across lines: the tables of lesson 10 (the keys),
#   11 (the FRI layers) and 14 (the network) are read at 200 columns, where
#   nothing wraps, and each of their rows must then be found whole on one
#   line of the step at 80×24, paged through with PgDn;
# * a step title is never cut ("step 3/8: Complet…"): every step of lessons
#   07 and 08, whose titles are the longest;
# * a code line wider than the page is wrapped, not cut: lesson 14's
#   rounding rule ends on a continuation line marked ↪;
# * the ? overlay fits 80×24, scrolls, and lists every key: c g s v on the
#   map, BTab, F2, F3 and : in a lesson, t l e in the explorer.
. "$(dirname "$0")/../support/headless.bash"
run() { "$bin" --headless --size "$1" --keys "$2" lesson "$3" || fail "lesson $3 '$2' at $1: exit $?"; }
# One line a row: box edges gone, spaces collapsed.
flat() { sed -E 's/[│┌┐└┘]/ /g; s/[[:space:]]+/ /g; s/^ //; s/ $//'; }

# pages N STEP: every page of lesson N's step at 80×24, PgDn after PgDn.
pages() {
  local n=$1 step=$2 keys=": $2 Enter" k out
  [ "$step" = 1 ] && keys="Home"
  for k in $(seq 12); do
    out=$(run 80x24 "$keys" "$n")
    printf '%s\n' "$out"
    printf '%s\n' "$out" | grep -q "↓ more" || return 0
    keys="$keys PgDn"
  done
  fail "lesson $n step $step: more than 12 pages at 80x24"
}

# table N STEP HEAD ROW COUNT: the rows (lines starting with the ERE ROW
# after the line matching HEAD) of lesson N's step, at 200 columns, are
# whole on lines at 80×24.
table() {
  local n=$1 step=$2 head=$3 row=$4 count=$5 wide narrow r found=0
  wide=$(run 200x200 ": $step Enter" "$n" | flat |
         awk -v h="$head" -v r="^($row) " '$0 ~ h {on = 1; next} on && $0 ~ r {print; next} on {exit}')
  [ "$(printf '%s\n' "$wide" | grep -c .)" -eq "$count" ] ||
    fail "lesson $n step $step: not $count rows under '$head' at 200 columns:
$wide"
  narrow=$(pages "$n" "$step" | flat)
  while IFS= read -r r; do
    printf '%s\n' "$narrow" | grep -qxF -- "$r" ||
      fail "lesson $n step $step: the row '$r' is not whole on one line at 80x24:
$(pages "$n" "$step")"
    found=$((found + 1))
  done <<< "$wide"
  echo "# lesson $n step $step: $found rows whole at 80x24"
}
# A row's first cell is its key: a wire, a layer number, a layer name.
table 10 2 "^wire A_j" "one|x|out|sym_[0-9]" 6
table 11 6 "^layer deg < domain Merkle root" "[0-9]+" 11
table 14 2 "^layer shape weights" "conv1|conv2|fc1|fc2" 4

# Step titles, whole, at 80×24.
for n in 7 8; do
  f=$(ls lessons/$(printf %02d "$n")-*.md)
  s=0
  grep '^## ' "$f" | sed 's/^## //' | while IFS= read -r title; do
    s=$((s + 1))
    head=$(run 80x24 ": $((s + 1)) Enter" "$n" | head -1)
    case $head in
      *"step $((s + 1))/"*": $title "*) ;;
      *) fail "lesson $n step $((s + 1)): the header does not hold '$title' whole: '$head'" ;;
    esac
  done || exit 1
done

# A code line wider than the page goes on, marked, on the next line.
out=$(pages 14 4)
printf '%s\n' "$out" | grep -qE '^ *↪ += -1$' || fail "lesson 14's rounding rule is cut:
$out"

# The help at 80×24: a box within the screen, scrolled to its end.
helped() { # KEYS WHERE: every page of the help opened by KEYS
  local keys=$1 k
  for k in $(seq 0 6); do
    out=$("$bin" --headless --size 80x24 --keys "$keys$(printf ' Down%.0s' $(seq 0 $((k * 5))) | cut -c6-)" $2) ||
      fail "help '$keys': exit $?"
    printf '%s\n' "$out" | grep -q "┌ Keys" || fail "help '$keys': no box:
$out"
    printf '%s\n' "$out" | grep -qE '└─+( (↓ more|end) [0-9/]+ ─)?─*┘' || fail "help '$keys': its bottom edge is off screen:
$out"
    printf '%s\n' "$out"
    printf '%s\n' "$out" | grep -q "└.* end [0-9]" && return 0
    printf '%s\n' "$out" | grep -q "↓ more" || return 0
  done
  fail "help '$keys' does not reach its end"
}
lesson_help=$(helped "?" "lesson 3")
for key in "c g s " "v   " "Tab BTab" "F2 " "F3 " ": N Enter" "Esc " "e   "; do
  printf '%s\n' "$lesson_help" | grep "│" | grep -qF -- "  $key" || fail "the help does not list '$key':
$lesson_help"
done
printf '%s\n' "$lesson_help" | grep -q "✘ failed" || fail "the help's last row (the marks) is never shown"
explorer_help=$(helped "m ?" "")
for key in "t " "l " "e " "Esc "; do
  printf '%s\n' "$explorer_help" | grep "│" | grep -qF -- "  $key" || fail "the explorer's help does not list '$key':
$explorer_help"
done
echo "layout at 80x24: ok"
