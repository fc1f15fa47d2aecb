#!/usr/bin/env bash
# A class, presented: drives the workbench headless through lessons (03, 10
# and 18 unless named) in presenter mode, as an instructor would in front
# of a projector — F2, every step in turn (each step's actions run as it is
# shown), F3 to reveal each exercise's answer and hints, the answer typed
# and checked — and prints the transcript (--transcript) with a summary:
# steps shown, actions run with their measured times, answers revealed and
# accepted.
#
#   scripts/class.sh [BUILD_DIR] [LESSON...]      e.g. scripts/class.sh build/rel 3 10 18
#
# Exit 1 when a step is missing, an action fails or an answer is refused.
set -u
build=${1:-build/rel}
shift || true
lessons=("$@")
[ ${#lessons[@]} -gt 0 ] || lessons=(3 10 18)
bin="$build/zkcave"
[ -x "$bin" ] || { echo "class.sh: no $bin (make zkcave, or name a build directory)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8

# keys FILE: F2, then for each step (Right moves on; arrows work in a
# field too) F3 and the first answer of each exercise, typed, Enter.
keys() {
  awk 'function typed(a,   out, n, i, w) {
         n = split(a, w, " ")
         out = "\x27" w[1]
         for (i = 2; i <= n; i++) out = out " Space \x27" w[i]
         return out
       }
       BEGIN {printf "F2"}
       /^```exercise/ {inx = 1; a = ""; next}
       /^```/ && !inx {inf = !inf; next}
       inx && /^```/ {inx = 0; printf " F3 %s Enter", typed(a); next}
       inx && /^answer:/ && a == "" {a = $0; sub(/^answer:[ \t]*/, "", a); sub(/[ \t]+$/, "", a)}
       inx {next}
       !inf && /^## / {printf " Right"}' "$1"
}

status=0
total_steps=0 total_actions=0 total_ms=0 total_revealed=0 total_right=0
for n in "${lessons[@]}"; do
  f=$(ls lessons/$(printf %02d "$n")-*.md 2>/dev/null | head -1)
  [ -n "$f" ] || { echo "class.sh: no lesson $n" >&2; exit 2; }
  t="$work/$n.txt"
  start=$(date +%s.%N)
  "$bin" --headless --size 120x40 --transcript "$t" --keys "$(keys "$f")" lesson "$n" >"$work/$n.screen" ||
    { echo "class.sh: lesson $n: exit $?" >&2; status=1; }
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  cat "$t"
  steps=$(grep -c '^[0-9][0-9] step' "$t")
  want=$(( $(grep -c '^## ' "$f") + 1 ))
  exercises=$(grep -c '^```exercise' "$f")
  actions=$(grep -c '^  action ' "$t")
  failed=$(grep '^  action ' "$t" | grep -vc ': ran in ')
  ms=$(grep -o 'in [0-9.]* ms' "$t" | awk '{s += $2} END {printf "%.0f", s}')
  slow=$(grep '^  action ' "$t" | sed -E 's/^  action ([^:]*): ran in ([0-9.]*) ms.*/\2 \1/' |
         sort -rn | awk 'NR == 1 {print $2 " " $1}')
  revealed=$(grep -c ' revealed: ' "$t")
  right=$(grep -c "' correct$" "$t")
  printf '# lesson %02d: %d/%d steps, %d actions (%d failed, %.1f s in actions, slowest %s ms), %d/%d answers revealed, %d accepted, %.1f s wall\n' \
    "$n" "$steps" "$want" "$actions" "$failed" "$(echo "$ms / 1000" | bc -l)" "${slow:-none 0}" \
    "$revealed" "$exercises" "$right" "$wall"
  [ "$steps" -ge "$want" ] && [ "$failed" -eq 0 ] && [ "$revealed" -eq "$exercises" ] &&
    [ "$right" -eq "$exercises" ] || status=1
  total_steps=$((total_steps + steps)) total_actions=$((total_actions + actions))
  total_ms=$((total_ms + ms)) total_revealed=$((total_revealed + revealed))
  total_right=$((total_right + right))
done
printf '# class: %d steps, %d actions run in %.1f s, %d answers revealed, %d accepted%s\n' \
  "$total_steps" "$total_actions" "$(echo "$total_ms / 1000" | bc -l)" "$total_revealed" \
  "$total_right" "$([ $status = 0 ] || echo ' — INCOMPLETE')"
exit $status
