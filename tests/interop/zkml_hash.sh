#!/usr/bin/env bash
# The model hash of the shipped model recomputed outside zkcave: settings
# from `zkcave mnist calibrate`, then tests/interop/zkml_hash.mjs, which
# implements the README's definition and Poseidon from circomlibjs's
# constants with none of zkcave's code, must print the hash test_zkml pins
# (and the circuit outputs). A salt changes it.
. "$(dirname "$0")/lib.bash"
need_tools
cd "$WORK" || exit 1
want=$(sed -n 's/^ *"\([0-9]\{70,\}\)"$/\1/p' "$ROOT/tests/unit/test_zkml.c" | head -1)
[ -n "$want" ] || fail "no SHIPPED_MODEL_HASH in tests/unit/test_zkml.c"
data=${ZKCAVE_SHARED_DATA:-$ROOT/../shared/data}/mnist
"$ZKCAVE" mnist calibrate --data "$data" -o settings.json >cal.txt 2>&1 || {
  grep -q "MNIST" cal.txt && [ "${CI:-}" != true ] && { echo "SKIP: no MNIST data: $(head -1 cal.txt)"; exit 0; }
  fail "calibrate: $(cat cal.txt)"
}
got=$(node "$INTEROP/zkml_hash.mjs" "$ROOT/assets/mnist-cnn.zkw" settings.json 2>&1) ||
  fail "zkml_hash.mjs: $got"
[ "$got" = "$want" ] || fail "the reference computes $got, zkcave $want"
salted=$(node "$INTEROP/zkml_hash.mjs" "$ROOT/assets/mnist-cnn.zkw" settings.json 12345 2>&1) ||
  fail "zkml_hash.mjs with a salt: $salted"
[ "$salted" != "$want" ] || fail "a salt left the hash unchanged"
echo "ok: the shipped model's hash is $want"
