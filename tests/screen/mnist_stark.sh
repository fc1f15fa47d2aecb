#!/usr/bin/env bash
# `zkcave mnist prove --backend stark` / `mnist verify proof.bin` (issue 16's
# acceptance): a shipped 7 proven with the STARK, verified (exit 0) with the
# logits of `mnist predict --settings` and of a Groth16 proof of the same
# digit; a byte flipped at the start, middle or end never verifies (exit 1
# or 2); a truncated proof is unreadable (2); the same proof checked against
# another model (the x² network, or another digest) is about ANOTHER model
# (1); a file of the wrong kind is refused in one line (2); the Groth16 pair
# still verifies. One STARK prove: seconds in a release build, tens under
# the sanitizers.
set -u
build=${1:-build/asan}
z="$build/zkcave"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export XDG_CACHE_HOME="$dir/cache"
fail() { echo "FAIL: $*" >&2; exit 1; }
digit=assets/digits/7_0000.png

out=$("$z" mnist prove "$digit" --backend stark -o "$dir/p.bin" -q 2>&1) || fail "prove: $out"
printf '%s\n' "$out" | grep -q "^wrote $dir/p.bin: a STARK proof (Goldilocks, FRI; zero knowledge on)" ||
  fail "prove's output: $out"
printf '%s\n' "$out" | grep -Eq "^  1[0-9][0-9] bits conjectured, proven [0-9]+ \(UDR\) / [0-9]+ \(LDR\); [0-9]+ bytes" ||
  fail "prove's security line: $out"
# Both commitments of the same model, the BN254 one as `mnist hash` gives it.
bn=$("$z" mnist hash | head -1)
printf '%s\n' "$out" | grep -q "^  model hash   $bn$" || fail "prove's BN254 hash is not mnist hash's $bn: $out"
printf '%s\n' "$out" | grep -Eq "^  model digest [0-9a-f]{64}$" || fail "prove's Goldilocks digest: $out"
printf '%s\n' "$out" | grep -q "each backend hashes in its own field" || fail "prove says not why two hashes: $out"
# The digest the proof carries is the model's, as `stark prove cnn` states it.
gl=$(printf '%s\n' "$out" | sed -n 's/^  model digest //p')

out=$("$z" mnist verify "$dir/p.bin" 2>&1) || fail "verify: exit $? ($out)"
printf '%s\n' "$out" | grep -q "^OK: the STARK proof is valid" || fail "no OK line: $out"
printf '%s\n' "$out" | grep -q "^class 7$" || fail "verify's class: $out"
printf '%s\n' "$out" | grep -Eq "^  1[0-9][0-9] bits conjectured, proven [0-9]+ \(UDR\) / [0-9]+ \(LDR\); [0-9]+ bytes" ||
  fail "verify's security line: $out"
got=$(printf '%s\n' "$out" | sed -n 's/^  as integers at 2^[0-9]*: //p')

# The proven logits are the quantized network's (mnist predict's integers).
want=$("$z" mnist predict "$digit" --settings assets/mnist-settings.json 2>&1 |
  awk '/^  [0-9]/ { printf "%s ", $(NF-1) }')
[ -n "$want" ] && [ "$got " = "$want" ] || fail "logits: STARK '$got', mnist predict '$want'"

# ... and the Groth16 proof's of the same digit: fc2 alone (a key in a
# second; its private input is fc1's output on this digit, so its logits
# are the whole network's), the pair verified with the pinned key.
"$z" mnist settings -o "$dir/fc2.json" --first-layer 3 >/dev/null || fail "mnist settings"
out=$("$z" mnist prove "$digit" --settings "$dir/fc2.json" -o "$dir/g" -q 2>&1) || fail "groth16 prove: $out"
out=$("$z" mnist verify "$dir/g/proof.json" "$dir/g/public.json" --settings "$dir/fc2.json" 2>&1) ||
  fail "the Groth16 pair: exit $? ($out)"
g=$(printf '%s\n' "$out" | sed -n 's/^  as integers at 2^[0-9]*: //p')
[ "$g" = "$got" ] || fail "logits: STARK '$got', Groth16 '$g'"

# A flipped byte anywhere: never valid.
size=$(stat -c %s "$dir/p.bin")
for at in 0 9 100 $((size / 3)) $((size / 2)) $((size - 200)) $((size - 1)); do
  cp "$dir/p.bin" "$dir/x.bin"
  printf '\x5a' | dd of="$dir/x.bin" bs=1 seek=$at conv=notrunc 2>/dev/null
  cmp -s "$dir/p.bin" "$dir/x.bin" && printf '\xa5' | dd of="$dir/x.bin" bs=1 seek=$at conv=notrunc 2>/dev/null
  "$z" mnist verify "$dir/x.bin" >/dev/null 2>&1; rc=$?
  [ "$rc" = 1 ] || [ "$rc" = 2 ] || fail "byte $at flipped: exit $rc"
done
head -c $((size / 2)) "$dir/p.bin" >"$dir/t.bin"
err=$("$z" mnist verify "$dir/t.bin" 2>&1 >/dev/null); rc=$?
[ "$rc" = 2 ] && [ "$(printf '%s\n' "$err" | wc -l)" = 1 ] || fail "truncated: exit $rc ($err)"

# Another model: the x² network with its settings; another digest; the
# model's own digest passes.
err=$("$z" mnist verify "$dir/p.bin" --model assets/mnist-cnn-square.zkw \
      --settings assets/mnist-settings-square.json 2>&1 >/dev/null); rc=$?
[ "$rc" = 1 ] && printf '%s\n' "$err" | grep -q "about ANOTHER model" || fail "the x² model expected: exit $rc ($err)"
err=$("$z" mnist verify "$dir/p.bin" --model-hash 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef 2>&1 >/dev/null)
rc=$?
[ "$rc" = 1 ] && printf '%s\n' "$err" | grep -q "about ANOTHER model" || fail "another digest: exit $rc ($err)"
out=$("$z" mnist verify "$dir/p.bin" --model-hash "$gl" 2>&1) || fail "verify --model-hash its own digest: exit $? ($out)"
printf '%s\n' "$out" | grep -q "^    = the model expected (--model-hash)" || fail "its own digest: $out"
"$z" mnist verify "$dir/p.bin" --model-hash "$bn" >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] || fail "a BN254 hash as the STARK's digest: exit $rc"

# The wrong kind of file, one line and exit 2: a Groth16 proof alone, a STARK
# proof with public signals, a STARK proof of another AIR.
for args in "$dir/g/proof.json" "$dir/p.bin $dir/g/public.json"; do
  err=$("$z" mnist verify $args 2>&1 >/dev/null); rc=$?
  [ "$rc" = 2 ] && [ "$(printf '%s\n' "$err" | wc -l)" = 1 ] || fail "mnist verify $args: exit $rc ($err)"
done
"$z" stark prove fibonacci -o "$dir/f.bin" >/dev/null 2>&1 || fail "stark prove fibonacci"
err=$("$z" mnist verify "$dir/f.bin" 2>&1 >/dev/null); rc=$?
[ "$rc" = 2 ] && printf '%s\n' "$err" | grep -q "not of the CNN" || fail "a fibonacci proof: exit $rc ($err)"
# An output never overwrites an input.
cp "$digit" "$dir/d.png"
"$z" mnist prove "$dir/d.png" --backend stark -o "$dir/d.png" >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] && cmp -s "$digit" "$dir/d.png" || fail "prove -o its own image: exit $rc"
echo "ok"
