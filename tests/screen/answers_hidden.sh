#!/usr/bin/env bash
# No answer above its question: for every exercise of every lesson, each of
# its `answer:` texts of two or more characters must not be on the screen of
# the exercise's step, nor on the step before (whose panel the step may
# point back to), while the exercise is unsolved. Each step is rendered
# headless at 80 and at 120 columns, tall enough to hold the whole step, as
# a student sees it by scrolling through; the exercise boxes themselves (a
# question may name its own numbers) are left out.
#
# An answer matches as a whole token: "34" is not found in "1/34", "2^34",
# "340" or "3.4". Numbers of four digits and more are also sought with
# thousands separators (25214 as 25,214), lists with or without their
# brackets and spaces. Names (fc1, conv1, a choice letter) are what a
# question chooses among and are on screen by design; they are not sought.
set -u
build=${1:-build/asan}
bin="$build/zkcave"
lessons=${LESSONS:-lessons}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8
fail() { echo "FAIL: $*" >&2; exit 1; }
rows=600

# render FILE STEP COLS: the step's screen, opened through a progress file
# that puts the lesson on that step with nothing solved. One run renders
# both widths (80 columns, `print`, then 120), so a step's live provers
# (lessons 12 and 13) run once for the two.
render() {
  local f=$1 step=$2 cols=$3 name out c
  name=$(basename "$f" .md)
  out="$work/$name.$step"
  [ -f "$out.$cols" ] && { cat "$out.$cols"; return 0; }
  mkdir -p "$work/state/zkcave"
  printf '{"version": 1, "lessons": {"%s": {"step": %d, "seen": %d, "solved": []}}}\n' \
    "$name" "$step" $((step + 1)) > "$work/state/zkcave/progress.json"
  "$bin" --state "$work/state/zkcave" --lessons "$lessons" --headless --size "80x$rows" \
    --keys "Home print resize:120x$rows Home" lesson $((10#${name%%-*})) > "$out.raw" ||
    fail "$name step $step: exit $?"
  awk -v o="$out" '/^\f$/ { part = 1; next } { print > (o (part ? ".120" : ".80") ".raw") }' \
    "$out.raw"
  for c in 80 120; do
    grep -q "step $((step + 1))/" "$out.$c.raw" ||
      fail "$name did not open on step $((step + 1)) at $c columns"
    grep -q "↓ more" "$out.$c.raw" && fail "$name step $((step + 1)) is taller than $rows rows"
    # One line of text: box borders and exercise boxes dropped, spaces
    # collapsed, none around commas (so a list wrapped over lines still
    # reads as one).
    awk '/┌ exercise [0-9]+ of [0-9]+/ {skip = 1}
         skip { if (/└/) skip = 0; next }
         { gsub(/[│┌┐└┘]/, " "); printf "%s ", $0 }' "$out.$c.raw" |
      sed -E 's/[[:space:]]+/ /g; s/ ?, ?/,/g' > "$out.$c"
  done
  cat "$out.$cols"
}

# forms ANSWER: the answer as it may be printed, one a line, as extended
# regular expressions of the whole token.
forms() {
  local a=$1 f
  a=$(printf '%s' "$a" | sed -E 's/ ?, ?/,/g')
  {
    printf '%s\n' "$a"
    case $a in \[*\]) printf '%s\n' "${a:1:${#a}-2}" ;; esac
    if [[ $a =~ ^-?[0-9]{4,}$ ]]; then
      printf '%s\n' "$a" | sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta'
    fi
  } | while IFS= read -r f; do
    f=$(printf '%s' "$f" | sed -E 's/[][\\.^$*+?(){}|/]/\\&/g')
    printf '(^|[^0-9A-Za-z_.,^/-])%s([^0-9A-Za-z_^/.,]|[.,]([^0-9]|$)|$)\n' "$f"
  done
}

checked=0
found=""
for f in "$lessons"/[0-9][0-9]-*.md; do
  # step, exercise number and answer of every answer line
  while IFS=$'\t' read -r step n answer; do
    [ ${#answer} -ge 2 ] || continue
    [[ $answer =~ ^[A-Za-z][A-Za-z0-9_]*$ ]] && continue
    checked=$((checked + 1))
    for cols in 80 120; do
      for s in "$step" $((step - 1)); do
        [ "$s" -ge 0 ] || continue
        screen=$(render "$f" "$s" "$cols") || exit 1
        while IFS= read -r re; do
          if hit=$(printf '%s\n' "$screen" | grep -oE ".{0,50}$re.{0,20}" | head -1) && [ -n "$hit" ]; then
            where=$([ "$s" = "$step" ] && echo "its step" || echo "the step before")
            found="$found$(basename "$f") exercise $n (step $((step + 1))), answer '$answer', on $where at $cols columns: …$hit…"$'\n'
            break
          fi
        done < <(forms "$answer")
      done
    done
  done < <(awk '/^```/ && !inx && /^```exercise/ {inx = 1; n++; next}
                /^```/ && !inx {inf = !inf; next}
                inx && /^```/ {inx = 0; next}
                !inx && !inf && /^## / {step++}
                inx && /^answer:/ {a = $0; sub(/^answer:[ \t]*/, "", a); sub(/[ \t]+$/, "", a);
                                   printf "%d\t%d\t%s\n", step, n, a}' "$f")
done
[ "$checked" -gt 20 ] || fail "only $checked answers were checked: did the lessons change format?"
[ -z "$found" ] || fail "answers on screen before their exercise is solved:"$'\n'"$(printf '%s' "$found" | sort -u)"
echo "answers hidden: $checked answers, none on screen above its exercise"
