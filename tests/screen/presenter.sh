#!/usr/bin/env bash
# Presenter mode (issue 17, deliver 3), headless at 80×24 and 120×40: F2
# shows the presenter layout (its mark in the header, F2 in the footer, the
# step's big: figures in large type, the page's whole width); on every
# exercise step of lessons 03, 10 and 18 no answer and no hint is on the
# screen before F3 reveals it, not even for an exercise solved before
# (which outside presenter mode shows its answer); F3 reveals them, in
# order, and F3 after the last hides them again; `:` N and --restart keep
# working. The whole step is read at each width (laid out the same, only
# taller), as a presenter scrolls through it.
. "$(dirname "$0")/../support/headless.bash"
lessons=${LESSONS:-lessons}
has() { printf '%s\n' "$out" | grep -qF -- "$1" || fail "$2: no '$1' in:
$out"; }
lacks() { ! printf '%s\n' "$out" | grep -qF -- "$1" || fail "$2: '$1' in:
$out"; }

# show N STEP SOLVED COLSxROWS KEYS [AT]: lesson N opened on STEP (0-based)
# with the exercises SOLVED ("", or a JSON list of ids) in a progress file,
# after KEYS on step AT (1-based; default STEP + 1).
show() {
  local n=$1 step=$2 solved=$3 size=$4 keys=$5 at=${6:-$(($2 + 1))} slug
  slug=$(basename "$(ls "$lessons"/$(printf %02d "$n")-*.md)" .md)
  rm -rf "$state/p" && mkdir -p "$state/p"
  printf '{"version": 1, "lessons": {"%s": {"step": %d, "seen": %d, "solved": [%s]}}}\n' \
    "$slug" "$step" $((step + 1)) "$solved" > "$state/p/progress.json"
  out=$("$bin" --state "$state/p" --lessons "$lessons" --headless --size "$size" --keys "$keys" \
        lesson "$n") || fail "lesson $n step $((step + 1)) '$keys' at $size: exit $?"
  printf '%s\n' "$out" | grep -q "step $at/" || fail "lesson $n is not on step $at:
$out"
}

# The layout, at both sizes: lesson 03's round (two big: figures) and
# lesson 10's BN254 proof (a figure with its unit).
for size in 80x24 120x40; do
  cols=${size%x*}
  show 3 2 "" "$size" "Home"
  lacks "▣ presenter" "$size: presenter mode before F2"
  has "F2 presenter" "$size: the footer does not offer F2"
  show 3 2 "" "$size" "F2 Home"
  has "▣ presenter" "$size: F2 shows no presenter mark"
  printf '%s\n' "$out" | grep -qE '│ g\^s = +t·y\^c = ' ||
    fail "$size: the round's figures are not labelled side by side:
$out"
  printf '%s\n' "$out" | grep -qE '│ +[▀▄█ ]*[▀▄█]{2}' || fail "$size: no large type in:
$out"
  # The page takes the whole width: its box reaches the last column but one.
  box=$(printf '%s\n' "$out" | grep -m1 '┌ One round')
  [ "${#box}" -eq $((cols - 1)) ] || fail "$size: the panel is ${#box} columns wide, not $((cols - 1))"
  show 3 2 "" "$size" "F2 F2 Home"
  lacks "▣ presenter" "$size: F2 twice leaves presenter mode on"
  show 10 4 "" "$size" "F2 Home"
  has "prove with x = 3 (private), out = 35:" "$size: lesson 10's proving time is not a figure"
  printf '%s\n' "$out" | grep -qE '[▀▄█] +ms +' || fail "$size: the figure's unit is not beside it:
$out"
  # : N and --restart in presenter mode.
  show 3 0 "" "$size" "F2 : 4 Enter" 4
  has "▣ presenter" "$size: ': 4 Enter' left presenter mode"
  out=$("$bin" --headless --size "$size" --keys "F2" lesson 3 --restart) || fail "--restart: exit $?"
  has "03 Schnorr ─ step 1/8" "$size: --restart in presenter mode"
  has "▣ presenter" "$size: --restart with F2"
done

# Every exercise of 03, 10 and 18: the token scan of answers_hidden.sh on
# the whole screen (exercise boxes included), before and after F3.
token() {
  local f
  f=$(printf '%s' "$1" | sed -E 's/[][\\.^$*+?(){}|/]/\\&/g')
  printf '(^|[^0-9A-Za-z_.,^/-])%s([^0-9A-Za-z_^/.,]|[.,]([^0-9]|$)|$)' "$f"
}
checked=0
for n in 3 10 18; do
  f=$(ls "$lessons"/$(printf %02d "$n")-*.md)
  # step, exercise number within its step, id, first answer, hint count
  while IFS=$'\t' read -r step k id answer hints; do
    checked=$((checked + 1))
    for size in 80x24 120x40; do
      tall="${size%x*}x400"
      for solved in "" "\"$id\""; do
        what="lesson $n step $((step + 1)) exercise $k at $size${solved:+, solved before}"
        show "$n" "$step" "$solved" "$tall" "F2 Home"
        lacks "answer:" "$what: an answer line before F3"
        lacks "hint 1:" "$what: a hint before F3"
        if [ ${#answer} -ge 2 ] && printf '%s\n' "$out" | grep -qE "$(token "$answer")"; then
          fail "$what: the answer '$answer' is on screen before F3:
$out"
        fi
        # h shows no hint in presenter mode (an open exercise has the
        # field, which Esc leaves).
        show "$n" "$step" "$solved" "$tall" "F2 $([ -n "$solved" ] || echo Esc) h"
        lacks "hint 1:" "$what: h showed a hint"
        keys="F2"
        for _ in $(seq "$k"); do keys="$keys F3"; done
        show "$n" "$step" "$solved" "$tall" "$keys"
        has "answer: $answer" "$what: F3 × $k does not reveal it"
        [ "$hints" -eq 0 ] || has "hint $hints:" "$what: F3 × $k does not show its hints"
      done
    done
    # At 80×24 the revealed answer's field keeps the focus: it can be typed.
    show "$n" "$step" "" 80x24 "$keys '$answer Enter"
    has "exercises 1/" "lesson $n exercise $id: the revealed answer, typed, is not taken"
  done < <(awk '/^```exercise/ {inx = 1; k++; n++; id = ""; a = ""; h = 0; next}
                /^```/ && !inx {inf = !inf; next}
                inx && /^```/ {inx = 0; printf "%d\t%d\t%s\t%s\t%d\n", step, k, id == "" ? n : id, a, h; next}
                inx && /^answer:/ && a == "" {a = $0; sub(/^answer:[ \t]*/, "", a); sub(/[ \t]+$/, "", a)}
                inx && /^id:/ {id = $0; sub(/^id:[ \t]*/, "", id); sub(/[ \t]+$/, "", id)}
                inx && /^hint:/ {h++}
                inx {next}
                !inf && /^## / {step++; k = 0}' "$f")
done
[ "$checked" -ge 7 ] || fail "only $checked exercises checked in 03, 10 and 18"
echo "presenter: ok ($checked exercises at 80x24 and 120x40)"
