#!/usr/bin/env bash
# Lesson 13's rollup circuit through the command line and the ecosystem's
# tools: RollupBatch(2, 2) (tests/interop/circuits/rollup_batch.circom, its
# inputs from src/circuit/rollup.c in tests/interop/inputs) compiled by
# zkcave, a key from secrets, a proof; snarkjs verifies it and refuses it
# with another new root; the Solidity verifier on an in-process EVM accepts
# it and refuses the other root, and its gas is the figure lesson 13 gives
# (3 public signals, so the same for any batch). circom.sh compares the
# circuit's counts and witness with circom2's.
. "$(dirname "$0")/lib.bash"
need_tools
cd "$WORK" || exit 1
Z() { "$ZKCAVE" "$@"; }
C="$INTEROP/circuits/rollup_batch.circom"

Z circuit compile "$C" -o . -l "$ROOT/circuits" >c.txt 2>&1 || fail "compile: $(cat c.txt)"
Z circuit witness rollup_batch.zkwc "$INTEROP/inputs/rollup_batch.json" w.wtns >w.txt 2>&1 ||
  fail "witness: $(cat w.txt)"
Z groth16 setup rollup_batch.r1cs --secrets k.zkey >s.txt 2>&1 || fail "setup: $(cat s.txt)"
Z zkey export-vk k.zkey vk.json >/dev/null 2>&1 || fail "export-vk"
Z groth16 prove k.zkey w.wtns proof.json public.json -q >p.txt 2>&1 || fail "prove: $(cat p.txt)"
expect 0 "zkcave verify" Z groth16 verify vk.json public.json proof.json -q

# The public signals are the old root, the new root and the batch hash.
node -e 'const p = JSON.parse(require("fs").readFileSync(process.argv[1]));
  const i = JSON.parse(require("fs").readFileSync(process.argv[2]));
  if (p.length !== 3 || p[0] !== i.oldRoot || p[1] !== i.newRoot || p[2] !== i.txHash) process.exit(1);
  p[1] = (BigInt(p[1]) + 1n).toString();
  require("fs").writeFileSync(process.argv[3], JSON.stringify(p));' \
  public.json "$INTEROP/inputs/rollup_batch.json" other.json || fail "public.json: $(cat public.json)"

"$SNARKJS" groth16 verify vk.json public.json proof.json >sj.txt 2>&1
snarkjs_ok sj.txt || fail "snarkjs refuses the rollup proof: $(cat sj.txt)"
"$SNARKJS" groth16 verify vk.json other.json proof.json >sj2.txt 2>&1
snarkjs_ok sj2.txt && fail "snarkjs accepts another new root"

if have_evm; then
  evm_verify k.zkey proof.json public.json other.json "other root"
  gas=$EVM_GAS
  echo "# rollup verifier on the EVM: $(head -1 evm.err); verifyProof $gas gas"
  commas=$(sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta' <<<"$gas")
  tr '\n' ' ' <"$ROOT/lessons/13-zk-rollups.md" | grep -q "verifyProof call at $commas gas" ||
    fail "lesson 13 does not give the measured $commas gas of verifyProof"
fi
echo "ok: the rollup proof verifies in zkcave, snarkjs and the EVM, and another root in none"
