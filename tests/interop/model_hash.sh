#!/usr/bin/env bash
# The model hash recomputed outside zkcave (model_hash.mjs: the
# quantization, slot widths, header, packing and sponge written again in
# JavaScript from the README, circomlib's PoseidonEx(16, 17) run by circom2's
# witness calculator) equals `zkcave mnist hash` for the shipped model and
# settings, for the whole CNN and for fc2 alone.
. "$(dirname "$0")/lib.bash"
need_tools
LIB=$(cd "$INTEROP/node_modules/circomlib/circuits" 2>/dev/null && pwd -P) ||
  fail "circomlib is not installed in tests/interop"
cd "$WORK" || exit 1
printf 'pragma circom 2.0.0;\ninclude "poseidon.circom";\ncomponent main = PoseidonEx(16, 17);\n' >perm.circom
circom2 "$WORK/perm.circom" --wasm -l "$LIB" -o "$WORK" >perm.txt 2>&1 ||
  fail "circom2 could not compile PoseidonEx(16, 17): $(cat perm.txt)"
"$ZKCAVE" mnist settings -o fc2.json --first-layer 3 >/dev/null 2>&1 || fail "mnist settings"
for s in "$ROOT/assets/mnist-settings.json 0" "$WORK/fc2.json 3"; do
  set -- $s
  (cd "$INTEROP" && node model_hash.mjs "$WORK/perm_js/perm.wasm" "$WORK/perm_js/witness_calculator.js" \
    "$ROOT/assets/mnist-cnn.zkw" "$1" "$2") >ref.txt 2>&1 || fail "model_hash.mjs: $(cat ref.txt)"
  "$ZKCAVE" mnist hash --settings "$1" >ours.txt 2>&1 || fail "mnist hash: $(cat ours.txt)"
  cmp -s <(tail -1 ref.txt) <(head -1 ours.txt) && cmp -s <(head -1 ref.txt) <(tail -1 ours.txt) ||
    fail "first layer $2: the reference says $(tail -1 ref.txt), zkcave $(head -1 ours.txt)"
done
echo "ok"
