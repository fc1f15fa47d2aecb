#!/usr/bin/env bash
# The quantization-error explorer at 80×24 (issue 17: its error column, its
# error map and its e/Esc keys were off screen), read from the rendered
# terminal, headless:
# * every class row shows float, quantized and |error| (three numbers), and
#   the verdict, the four layers' errors and the accuracy are whole;
# * the footer names e export and Esc back;
# * l shows the error map in the input's box (short screens have no room
#   below), through conv1 … fc2, and a fifth l brings the digit back;
# * at 120×40 the digit and the map below the summary are both on screen.
. "$(dirname "$0")/../support/headless.bash"
run() { "$bin" --headless --size "$1" --keys "m $2" || fail "explorer '$2' at $1: exit $?"; }

out=$(run 80x24 "")
rows=$(printf '%s\n' "$out" | grep -cE '^ │.*│ +[0-9] +-?[0-9]+\.[0-9]{3} +-?[0-9]+\.[0-9]{3} +[0-9]+\.[0-9]{4}')
[ "$rows" = 10 ] || fail "80x24: $rows of 10 class rows show float, quantized and |error|: $out"
printf '%s\n' "$out" | grep -q "|error|" || fail "80x24: no |error| column: $out"
body=$(printf "%s\n" "$out" | sed -n "3,21p")   # the header may shorten the path
printf "%s\n" "$body" | grep -q "…" && fail "80x24: something is cut: $(printf "%s\n" "$body" | grep "…")"
for w in "conv1 ." "conv2 ." "fc1 ." "fc2 ." "accuracy at 2^8" "label right"; do
  printf '%s\n' "$out" | grep -q "$w" || fail "80x24: '$w' missing: $out"
done
foot=$(printf '%s\n' "$out" | tail -n 1)
for k in "e export" "Esc back" "? help" "q quit"; do
  [[ "$foot" == *"$k"* ]] || fail "80x24: the footer lacks '$k': $foot"
done

keys=""
for layer in conv1 conv2 fc1 fc2; do
  keys="$keys l"
  out=$(run 80x24 "$keys")
  printf '%s\n' "$out" | grep -q "┌ error, $layer ─" || fail "80x24: l×$(echo $keys | wc -w) does not show $layer's map: $out"
done
out=$(run 80x24 "$keys l")
printf '%s\n' "$out" | grep -q "┌ input 28×28 ─" || fail "80x24: a fifth l does not bring the digit back: $out"

out=$(run 120x40 "")
printf '%s\n' "$out" | grep -q "┌ input 28×28 ─" || fail "120x40: no digit"
printf '%s\n' "$out" | grep -q "conv1 |error|" || fail "120x40: no error map below the summary: $out"
out=$(run 120x40 "l")
printf '%s\n' "$out" | grep -q "conv2 |error|" || fail "120x40: l does not move the map to conv2"
printf '%s\n' "$out" | grep -q "┌ input 28×28 ─" || fail "120x40: l hid the digit"
echo "explorer at 80x24 and 120x40: every column, the map and the keys on screen"
