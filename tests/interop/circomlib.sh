#!/usr/bin/env bash
# circomlib's own circuits (installed here with npm) through zkcave and
# circom2: the same constraint, wire and input counts and the same .sym at
# --O1 (Poseidon also at --O2), and zkcave's witnesses, for several inputs
# each, satisfy circom's .r1cs (`snarkjs wtns check`). The EdDSA-Poseidon
# signatures and the sparse Merkle trees are real, made with circom2's own
# witness calculator for signer.circom (circomlibjs is not installed), and
# a forged signature gets no witness from zkcave.
. "$(dirname "$0")/lib.bash"
need_tools
LIB=$(cd "$INTEROP/node_modules/circomlib/circuits" 2>/dev/null && pwd -P) ||
  fail "circomlib is not installed in tests/interop"

IN="$WORK/inputs"
mkdir -p "$IN" "$WORK/signer"
circom2 "$INTEROP/signer.circom" --wasm -l "$LIB" -o "$WORK/signer" >"$WORK/signer.txt" 2>&1 ||
  fail "circom2 could not compile signer.circom: $(cat "$WORK/signer.txt")"
(cd "$INTEROP" && node circomlib_inputs.mjs "$WORK/signer/signer_js/signer.wasm" "$IN") \
  >"$WORK/inputs.txt" 2>&1 || fail "cannot make the inputs: $(cat "$WORK/inputs.txt")"

checks=()
# check NAME INCLUDE MAIN LEVEL: compiles with both, compares, and makes
# zkcave's witness for every $IN/NAME.*.json.
check() {
  local name=$1 include=$2 main=$3 level=$4 dir="$WORK/$1-$4" n=0
  # Not NAME.circom: it would include itself instead of circomlib's file.
  local src=main_$name
  mkdir -p "$dir/ours" "$dir/theirs"
  printf 'pragma circom 2.0.0;\ninclude "%s";\ncomponent main = %s;\n' "$include" "$main" >"$dir/$src.circom"
  "$ZKCAVE" circuit compile "$dir/$src.circom" -o "$dir/ours" "--$level" -l "$LIB" >"$dir/ours.txt" 2>&1 ||
    fail "zkcave could not compile circomlib's $main: $(cat "$dir/ours.txt")"
  circom2 "$dir/$src.circom" --r1cs --sym "--$level" -l "$LIB" -o "$dir/theirs" >"$dir/theirs.txt" 2>&1 ||
    fail "circom2 could not compile circomlib's $main: $(cat "$dir/theirs.txt")"
  [ "$(counts "$dir/ours.txt")" = "$(counts "$dir/theirs.txt")" ] ||
    fail "circomlib $main --$level: zkcave '$(counts "$dir/ours.txt")', circom2 '$(counts "$dir/theirs.txt")'"
  cmp -s <(cut -d, -f1,2,4 "$dir/ours/$src.sym") <(cut -d, -f1,2,4 "$dir/theirs/$src.sym") ||
    fail "circomlib $main --$level: the .sym files differ"
  checks+=(-- "$dir/theirs/$src.r1cs")
  for input in "$IN/$name".[0-9]*.json; do
    [ -f "$input" ] || continue
    local w="$dir/$(basename "$input" .json).wtns"
    "$ZKCAVE" circuit witness "$dir/ours" "$input" "$w" >"$dir/w.txt" 2>&1 ||
      fail "zkcave witness for circomlib's $main on $(cat "$input"): $(cat "$dir/w.txt")"
    checks+=("$w")
    n=$((n + 1))
  done
  [ "$n" -ge 2 ] || fail "circomlib $main: only $n inputs"
}
check iszero comparators.circom "IsZero()" O1
check isequal comparators.circom "IsEqual()" O1
check lessthan comparators.circom "LessThan(16)" O1
check mimc7 mimc.circom "MiMC7(91)" O1
check mimc mimcsponge.circom "MiMCSponge(2, 220, 1)" O1
check poseidon3 poseidon.circom "Poseidon(3)" O1
check poseidon3 poseidon.circom "Poseidon(3)" O2
check pedersen pedersen.circom "Pedersen(8)" O1
check escalarmulany escalarmulany.circom "EscalarMulAny(254)" O1
check sha256 sha256/sha256.circom "Sha256(64)" O1
check smtverifier smt/smtverifier.circom "SMTVerifier(10)" O1
check eddsaposeidon eddsaposeidon.circom "EdDSAPoseidonVerifier()" O1

(cd "$INTEROP" && node wtns_check.mjs "${checks[@]:1}") >"$WORK/check.txt" 2>&1 ||
  fail "zkcave's witnesses against circom's .r1cs: $(grep -v '^ok ' "$WORK/check.txt" | head -n 5)"
n=$(grep -c '^ok ' "$WORK/check.txt")
[ "$n" -ge 30 ] || fail "only $n witnesses were checked: $(cat "$WORK/check.txt")"

# A signature on another message is no signature: zkcave finds no witness.
"$ZKCAVE" circuit witness "$WORK/eddsaposeidon-O1/ours" "$IN/eddsaposeidon.forged.json" "$WORK/forged.wtns" \
  >"$WORK/forged.txt" 2>&1
rc=$?
[ "$rc" = 1 ] || fail "a forged EdDSA signature: exit $rc, want 1: $(cat "$WORK/forged.txt")"
echo "circomlib's circuits agree; $n of zkcave's witnesses satisfy circom's constraints"
