#!/usr/bin/env bash
# circomlib's own circuits (installed here with npm) through zkcave and
# circom2 at --O1 (Poseidon also at --O2): the same constraint, wire and
# input counts, the same .sym, and zkcave's witness satisfies circom's .r1cs.
. "$(dirname "$0")/lib.bash"
need_tools
LIB="$INTEROP/node_modules/circomlib/circuits"
[ -d "$LIB" ] || fail "circomlib is not installed in tests/interop"
check() {
  local name=$1 include=$2 main=$3 level=$4 input=$5 dir="$WORK/$1-$4"
  mkdir -p "$dir/ours" "$dir/theirs"
  printf 'pragma circom 2.0.0;\ninclude "%s";\ncomponent main = %s;\n' "$include" "$main" >"$dir/$name.circom"
  "$ZKCAVE" circuit compile "$dir/$name.circom" -o "$dir/ours" "--$level" -l "$LIB" >"$dir/ours.txt" 2>&1 ||
    fail "zkcave could not compile circomlib's $main: $(cat "$dir/ours.txt")"
  "$CIRCOM" "$dir/$name.circom" --r1cs --sym "--$level" -l "$LIB" -o "$dir/theirs" >"$dir/theirs.txt" 2>&1 ||
    fail "circom2 could not compile circomlib's $main: $(cat "$dir/theirs.txt")"
  [ "$(counts "$dir/ours.txt")" = "$(counts "$dir/theirs.txt")" ] ||
    fail "circomlib $main --$level: zkcave '$(counts "$dir/ours.txt")', circom2 '$(counts "$dir/theirs.txt")'"
  cmp -s <(cut -d, -f1,2,4 "$dir/ours/$name.sym") <(cut -d, -f1,2,4 "$dir/theirs/$name.sym") ||
    fail "circomlib $main --$level: the .sym files differ"
  echo "$input" >"$dir/input.json"
  "$ZKCAVE" circuit witness "$dir/ours" "$dir/input.json" "$dir/w.wtns" >"$dir/w.txt" 2>&1 ||
    fail "zkcave witness for circomlib's $main: $(cat "$dir/w.txt")"
  "$SNARKJS" wtns check "$dir/theirs/$name.r1cs" "$dir/w.wtns" >"$dir/check.txt" 2>&1
  grep -q "WITNESS IS CORRECT" "$dir/check.txt" ||
    fail "circomlib $main --$level: zkcave's witness does not satisfy circom's r1cs: $(cat "$dir/check.txt")"
}
check poseidon3 poseidon.circom "Poseidon(3)" O1 '{"inputs": ["1", "2", "3"]}'
check poseidon3 poseidon.circom "Poseidon(3)" O2 '{"inputs": ["1", "2", "3"]}'
check mimc mimcsponge.circom "MiMCSponge(2, 220, 1)" O1 '{"ins": ["1", "2"], "k": "0"}'
check lessthan comparators.circom "LessThan(16)" O1 '{"in": ["3", "4"]}'
echo "circomlib's circuits agree"
