#!/usr/bin/env bash
# The whole CNN proven with the STARK from the command line (stark/air_cnn.h:
# weights private, raw pixels, logits and the model's digest public):
# `stark prove cnn` on a shipped digit, `stark verify` valid with the
# statement's shape, the logits those of `mnist predict --settings` bit for
# bit; verified against its own model digest (exit 0) and another (1), a
# malformed one bad usage (2); any of a few flipped bytes refused (exit 1 or
# 2, never 0); a digit that is not a PNG is bad usage (2). Seconds in a
# release build, tens under the sanitizers.
set -u
build=${1:-build/asan}
z="$build/zkcave"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
digit=assets/digits/3_0030.png

"$z" stark prove cnn --digit "$digit" -o "$dir/c.bin" >"$dir/out" 2>&1 || fail "prove cnn: $(cat "$dir/out")"
grep -q "^AIR cnn: 32768 rows x 183 columns + 170 fixed + 72 extension" "$dir/out" || fail "cnn's shape: $(cat "$dir/out")"
grep -q "^public: 834 values (in the public-input column)" "$dir/out" || fail "cnn's statement: $(cat "$dir/out")"
out=$("$z" stark verify "$dir/c.bin" 2>&1) || fail "verify cnn: $out"
printf '%s\n' "$out" | grep -q "^valid: cnn, 32768 rows; 1[0-9][0-9] bits conjectured (minimum 100)" ||
  fail "no 'valid' line: $out"
printf '%s\n' "$out" | grep -qx "statement: cnn(input exp = 5, shifts by layer = 5/6/6/6, sign bits by layer = 9/13/19/23)" ||
  fail "cnn's statement shape: $out"

# The proven logits are the quantized network's (the integer column of
# mnist predict's table).
want=$("$z" mnist predict "$digit" --settings assets/mnist-settings.json 2>&1 |
  awk '/^  [0-9]/ { printf "%s ", $(NF-1) }')
got=$(printf '%s\n' "$out" | sed -n 's/^logits (integers, public values 784..793): \(.*\) -> class .*/\1/p')
[ -n "$want" ] && [ "$got " = "$want" ] || fail "logits: proven '$got', mnist predict '$want'"
printf '%s\n' "$out" | grep -q -- "-> class 3$" || fail "the proof's class is not 3: $out"

# The model: the digest prove printed is the statement's; verify accepts
# the proof for it and refuses it for another model's (one digit changed,
# still four elements below p): exit 1; a digest that is not 64 hex digits,
# or an element >= p, is bad usage.
digest=$(sed -n 's/^model digest: \([0-9a-f]\{64\}\)$/\1/p' "$dir/out")
[ -n "$digest" ] || fail "prove printed no model digest: $(cat "$dir/out")"
printf '%s\n' "$out" | grep -qx "model digest: $digest" || fail "verify's digest is not prove's: $out"
out2=$("$z" stark verify "$dir/c.bin" --model-digest "$digest" 2>&1) || fail "own digest: $out2"
printf '%s\n' "$out2" | grep -qx "model: the digest is --model-digest's" || fail "own digest: $out2"
other="${digest:0:32}$(printf "%x" $(( (16#${digest:32:1} + 1) % 8 )))${digest:33}"
[ "$other" != "$digest" ] || fail "the other digest is the same"
out2=$("$z" stark verify "$dir/c.bin" --model-digest "$other" 2>&1); rc=$?
[ "$rc" = 1 ] || fail "another model's digest: exit $rc ($out2)"
printf '%s\n' "$out2" | grep -q "valid for another model" || fail "another model's digest: $out2"
for bad in "${digest:0:63}" "${digest:0:63}g" "ffffffffffffffff${digest:16}"; do
  "$z" stark verify "$dir/c.bin" --model-digest "$bad" >/dev/null 2>&1; rc=$?
  [ "$rc" = 2 ] || fail "--model-digest '$bad': exit $rc"
done

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

# The digest changed inside the proof (the low byte of its first element,
# 32 bytes little-endian): a proof for another model, invalid (exit 1).
pat=""; for k in 0 1 2 3; do e=${digest:$((16 * k)):16}
  for i in 7 6 5 4 3 2 1 0; do pat="$pat\\x${e:$((2 * i)):2}"; done; done
at=$(LC_ALL=C grep -obUaP "$pat" "$dir/c.bin" | head -1 | cut -d: -f1)
[ -n "$at" ] || fail "the digest $digest not found in the proof"
cp "$dir/c.bin" "$dir/cd.bin"
printf '\x5a' | dd of="$dir/cd.bin" bs=1 seek="$at" conv=notrunc 2>/dev/null
cmp -s "$dir/c.bin" "$dir/cd.bin" && fail "the digest's low byte was 0x5a already"
out=$("$z" stark verify "$dir/cd.bin" 2>&1); rc=$?
[ "$rc" = 1 ] || fail "the digest changed: exit $rc ($out)"

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
