#!/usr/bin/env bash
# The issue's acceptance run, as a new user types it: compile the article's
# ReLU (corrected) with zkcave, compute a witness for an input, and let
# snarkjs check it; a negative input gives 0 and a positive one itself; an
# input that breaks no rule of the circuit but a broken witness is refused.
. "$(dirname "$0")/lib.bash"
need_tools
cd "$WORK" || exit 1
cat >relu_main.circom <<'CIRCOM'
pragma circom 2.0.0;
include "neurons.circom";
component main = ReLU();
CIRCOM
ZKCAVE_CIRCUITS="$ROOT/circuits" "$ZKCAVE" circuit compile relu_main.circom -o build >compile.txt 2>&1 ||
  fail "compile: $(cat compile.txt)"
grep -q "^wires: " compile.txt || fail "compile printed no statistics"
for v in 5 -5; do
  echo "{\"in\": \"$v\"}" >in.json
  "$ZKCAVE" circuit witness build in.json w.wtns >w.txt 2>&1 || fail "witness for $v: $(cat w.txt)"
  "$SNARKJS" wtns check build/relu_main.r1cs w.wtns >check.txt 2>&1
  grep -q "WITNESS IS CORRECT" check.txt || fail "snarkjs rejects the witness for $v: $(cat check.txt)"
  "$SNARKJS" wtns export json w.wtns w.json >/dev/null 2>&1 || fail "snarkjs cannot export the witness"
  out=$(node -e 'console.log(JSON.parse(require("fs").readFileSync("w.json"))[1])')
  want=$([ "$v" = 5 ] && echo 5 || echo 0)
  [ "$out" = "$want" ] || fail "ReLU($v) = $out, want $want"
done
"$SNARKJS" r1cs info build/relu_main.r1cs >info.txt 2>&1 || fail "snarkjs r1cs info: $(cat info.txt)"
grep -q "# of Wires" info.txt || fail "snarkjs r1cs info printed: $(cat info.txt)"
"$ZKCAVE" circuit info build/relu_main.r1cs >zinfo.txt 2>&1 || fail "circuit info: $(cat zinfo.txt)"
grep -q "^constraints: 35 (33 non-linear, 2 linear)" zinfo.txt || fail "circuit info printed: $(cat zinfo.txt)"
grep -q "^wires: 36" zinfo.txt || fail "circuit info printed: $(cat zinfo.txt)"

# 2^40 does not fit the 32-bit ReLU: exit status 1 and the failing component named.
echo '{"in": "1099511627776"}' >big.json
"$ZKCAVE" circuit witness build big.json big.wtns >big.txt 2>&1
rc=$?
[ "$rc" = 1 ] || fail "witness for 2^40 exited with $rc, want 1: $(cat big.txt)"
grep -q "constraint does not hold" big.txt || fail "no broken constraint reported: $(cat big.txt)"
grep -q "in main.bits, Num2Bits(32)" big.txt || fail "the component is not named: $(cat big.txt)"
[ ! -e big.wtns ] || fail "a witness file was written for inputs that break the circuit"
# Bad usage and unreadable files exit with 2.
"$ZKCAVE" circuit info nothing.r1cs >/dev/null 2>&1
[ $? = 2 ] || fail "circuit info on a missing file must exit 2"
"$ZKCAVE" circuit compile >/dev/null 2>&1
[ $? = 2 ] || fail "circuit compile without a file must exit 2"
echo "new-user run passes"
