#!/usr/bin/env bash
# The whole CNN proven with the STARK from the command line (stark/air_cnn.h:
# weights private, raw pixels and logits public): `stark prove cnn` on a
# shipped digit, `stark verify` valid with the statement's shape, the logits
# those of `mnist predict --settings` bit for bit; any of a few flipped
# bytes refused (exit 1 or 2, never 0); a digit that is not a PNG is bad
# usage (2). Seconds in a release build, tens under the sanitizers.
set -u
build=${1:-build/asan}
z="$build/zkcave"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
digit=assets/digits/3_0030.png

"$z" stark prove cnn --digit "$digit" -o "$dir/c.bin" >"$dir/out" 2>&1 || fail "prove cnn: $(cat "$dir/out")"
grep -q "^AIR cnn: 32768 rows x 111 columns + 96 fixed + 56 extension" "$dir/out" || fail "cnn's shape: $(cat "$dir/out")"
grep -q "^public: 794 values (in the public-input column)" "$dir/out" || fail "cnn's statement: $(cat "$dir/out")"
out=$("$z" stark verify "$dir/c.bin" 2>&1) || fail "verify cnn: $out"
printf '%s\n' "$out" | grep -q "^valid: cnn, 32768 rows; 1[0-9][0-9] bits conjectured (minimum 100)" ||
  fail "no 'valid' line: $out"
printf '%s\n' "$out" | grep -qx "statement: cnn(input exp = 5, shifts by layer = 5/6/6/6, sign bits by layer = 9/13/19/23)" ||
  fail "cnn's statement shape: $out"

# The proven logits are the quantized network's (the integer column of
# mnist predict's table).
want=$("$z" mnist predict "$digit" --settings assets/mnist-settings.json 2>&1 |
  awk '/^  [0-9]/ { printf "%s ", $(NF-1) }')
got=$(printf '%s\n' "$out" | sed -n 's/^logits (integers, the last 10 public values): \(.*\) -> class .*/\1/p')
[ -n "$want" ] && [ "$got " = "$want" ] || fail "logits: proven '$got', mnist predict '$want'"
printf '%s\n' "$out" | grep -q -- "-> class 3$" || fail "the proof's class is not 3: $out"

# Another logit in the statement: the ten logits are found as 80 bytes
# (each a field element, 8 bytes little-endian: v, or p + v below 0), the
# low byte of the class's changed: a proof of other outputs, invalid (exit 1).
fe() { local x=$1 i; [ "$x" -lt 0 ] && x=$((x - 4294967295))   # p - 2^64 = -(2^32 - 1)
  for i in 0 1 2 3 4 5 6 7; do printf '\\x%02x' $(((x >> (8 * i)) & 255)); done; }
pat=""; for v in $got; do pat="$pat$(fe "$v")"; done
at=$(LC_ALL=C grep -obUaP "$pat" "$dir/c.bin" | head -1 | cut -d: -f1)
[ -n "$at" ] || fail "the logits '$got' not found in the proof"
at=$((at + 8 * 3))
cp "$dir/c.bin" "$dir/cz.bin"
printf '\x5a' | dd of="$dir/cz.bin" bs=1 seek="$at" conv=notrunc 2>/dev/null
cmp -s "$dir/c.bin" "$dir/cz.bin" && fail "the class's logit was 0x5a already"
out=$("$z" stark verify "$dir/cz.bin" 2>&1); rc=$?
[ "$rc" = 1 ] || fail "logit 3 changed: exit $rc ($out)"

size=$(stat -c %s "$dir/c.bin")
for at in 40 $((size / 5)) $((size / 2)) $((size - 64)); do
  cp "$dir/c.bin" "$dir/cx.bin"
  printf '\x5a' | dd of="$dir/cx.bin" bs=1 seek=$at conv=notrunc 2>/dev/null
  cmp -s "$dir/c.bin" "$dir/cx.bin" && continue
  "$z" stark verify "$dir/cx.bin" >/dev/null 2>&1; rc=$?
  [ "$rc" = 1 ] || [ "$rc" = 2 ] || fail "cnn byte $at flipped: exit $rc"
done

printf 'not a png' >"$dir/d.png"
"$z" stark prove cnn --digit "$dir/d.png" -o "$dir/n.bin" >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] || fail "a digit that is not a PNG: exit $rc"
echo "ok"
