#!/usr/bin/env bash
# The zkML workflow of `zkcave mnist` end to end, on the reduced model of
# the shipped settings with --first-layer 3 (fc2 alone, its input fc1's
# activations of the real digit, private; 11,482 constraints, 2^14): the
# whole CNN takes minutes of setup and is measured by `make bench` and
# scripts/mnist_acceptance.sh instead.
#  * step by step: settings, compile (snarkjs reads the .r1cs with the same
#    counts), setup (its key pinned), witness (snarkjs's wtns check),
#    groth16 prove, mnist verify and snarkjs's groth16 verify; the logits
#    proven are those of `mnist predict --settings`, bit for bit;
#  * in one command: mnist prove with the pinned key (no second setup);
#  * tampering: one logit, the model hash, another image's proof, each
#    exit 1 from mnist verify and INVALID from snarkjs; a valid proof about
#    another model (--model-hash) exit 1 saying so; a proof made with a key
#    of another setup is refused by the pinned key and accepted only with
#    --vk, whose SHA-256 is shown;
#  * the Solidity verifier on an in-process EVM accepts the proof and
#    refuses a changed logit, with its gas; a key with public weights
#    (1,292 public signals) is refused an export;
#  * what each visibility means is said on screen.
. "$(dirname "$0")/lib.bash"
need_tools
export XDG_CACHE_HOME="$WORK/cache"
D="$ROOT/assets/digits"
S() { "$SNARKJS" "$@"; }
Z() { "$ZKCAVE" "$@"; }
cd "$WORK" || exit 1

# bump IN OUT INDEX: public.json with signal INDEX (0-based) plus one.
bump() {
  node -e 'const fs = require("fs"); const p = JSON.parse(fs.readFileSync(process.argv[1]));
    p[+process.argv[3]] = (BigInt(p[+process.argv[3]]) + 1n).toString();
    fs.writeFileSync(process.argv[2], JSON.stringify(p));' "$1" "$2" "$3"
}
# integers FILE: the integer logits `mnist verify` (or prove) printed.
integers() { sed -n 's/^  as integers at 2^[0-9]*: //p' "$1"; }

# ---- step by step ------------------------------------------------------------------
Z mnist settings -o fc2.json --first-layer 3 >set.txt 2>&1 || fail "settings: $(cat set.txt)"
Z mnist compile fc2.json -o fc2.r1cs >c.txt 2>&1 || fail "compile: $(cat c.txt)"
n=$(sed -n 's/^wrote fc2.r1cs: \([0-9]*\) constraints.*/\1/p' c.txt)
[ -n "$n" ] || fail "compile said no count: $(cat c.txt)"
(cd "$INTEROP" && node r1cs_info.mjs "$WORK/fc2.r1cs") >info.txt || fail "snarkjs r1cs info: $(cat info.txt)"
read -r _ _ _ cons pubin _ outs _ <info.txt
[ "$cons $pubin $outs" = "$n 0 3" ] ||
  fail "snarkjs reads $cons constraints, $pubin public inputs, $outs outputs; compile said $n, 0, 3"

Z mnist setup fc2.r1cs -o fc2.zkey --settings fc2.json >setup.txt 2>&1 || fail "setup: $(cat setup.txt)"
grep -q "pinned its verification key" setup.txt && grep -q "whoever ran this setup" setup.txt ||
  fail "setup does not say it pinned the key and whom it trusts: $(cat setup.txt)"
expect 2 "setup of a circuit the settings do not make" Z mnist setup fc2.r1cs -o other.zkey
grep -q "is not the circuit of" out.txt || fail "setup, wrong settings: $(cat out.txt)"

Z mnist witness "$D/7_0000.png" -o w.wtns --settings fc2.json >wit.txt 2>&1 || fail "witness: $(cat wit.txt)"
(cd "$INTEROP" && node wtns_check.mjs "$WORK/fc2.r1cs" "$WORK/w.wtns") >wc.txt 2>&1
grep -q "^ok" wc.txt || fail "snarkjs wtns check: $(cat wc.txt)"
Z groth16 prove -q fc2.zkey w.wtns proof.json public.json || fail "groth16 prove"
expect 0 "mnist verify, step by step" Z mnist verify proof.json public.json --settings fc2.json
grep -q "^OK: the proof is valid" out.txt && grep -q "^class 7" out.txt &&
  grep -q "= the model expected" out.txt || fail "mnist verify says: $(cat out.txt)"
integers out.txt >proven.txt
Z mnist predict "$D/7_0000.png" --settings fc2.json >pred.txt 2>&1 || fail "predict: $(cat pred.txt)"
awk '/^  [0-9]/ {printf "%s%s", sep, $(NF-1); sep=" "} END {print ""}' pred.txt >predicted.txt
cmp -s proven.txt predicted.txt || fail "proven logits $(cat proven.txt), predict $(cat predicted.txt)"
Z zkey export-vk fc2.zkey vk.json || fail "export-vk"
S groth16 verify vk.json public.json proof.json >sj.txt 2>&1
snarkjs_ok sj.txt || fail "snarkjs groth16 verify: $(cat sj.txt)"

# ---- in one command ------------------------------------------------------------------
Z mnist prove "$D/2_0001.png" --settings fc2.json -o p2 >p2.txt 2>p2.err || fail "prove: $(cat p2.err)"
grep -q "from the cache" p2.err && ! grep -q "setup" p2.err || fail "prove ran a setup again: $(cat p2.err)"
grep -q "^class 2" p2.txt || fail "prove says: $(cat p2.txt)"
S groth16 verify p2/vk.json p2/public.json p2/proof.json >sj.txt 2>&1
snarkjs_ok sj.txt || fail "snarkjs on mnist prove's files: $(cat sj.txt)"
expect 0 "mnist verify of mnist prove's files" Z mnist verify p2/proof.json p2/public.json --settings fc2.json
grep -q "^class 2" out.txt || fail "mnist verify says: $(cat out.txt)"

# ---- tampering -----------------------------------------------------------------------
bump public.json logit.json 1   # logit 0 plus one (class 7 still the largest)
expect 1 "a changed logit" Z mnist verify proof.json logit.json --settings fc2.json
grep -q "INVALID proof" out.txt || fail "changed logit: $(cat out.txt)"
S groth16 verify vk.json logit.json proof.json >sj.txt 2>&1
snarkjs_ok sj.txt && fail "snarkjs accepts a changed logit"
bump public.json hash.json 2
expect 1 "a changed model hash" Z mnist verify proof.json hash.json --settings fc2.json
grep -q "INVALID proof.*another model" out.txt || fail "changed model hash: $(cat out.txt)"
expect 1 "another image's proof" Z mnist verify p2/proof.json public.json --settings fc2.json
grep -q "INVALID proof" out.txt || fail "another image's proof: $(cat out.txt)"
expect 1 "a valid proof about another model" Z mnist verify proof.json public.json --settings fc2.json --model-hash 12345
grep -q "a valid proof, but about ANOTHER model: its model hash is 0x" out.txt ||
  fail "another model: $(cat out.txt)"
# A pinned key in a directory others may write to (a shared cache): whoever
# can write there chooses the key, and it was used.
kd=$(echo "$WORK"/cache/zkcave/mnist/*/)
chmod 777 "$kd"
expect 2 "a pinned key others may replace" Z mnist verify proof.json public.json --settings fc2.json
grep -q "writable by other users" out.txt || fail "a key directory others may write: $(cat out.txt)"
chmod 700 "$kd"
# A key of another setup (another cache: another user's machine).
XDG_CACHE_HOME="$WORK/cache2" Z mnist prove -q "$D/7_0000.png" --settings fc2.json -o p3 >/dev/null 2>&1 ||
  fail "prove with a second cache"
expect 1 "a proof of another key, with the pinned key" Z mnist verify p3/proof.json p3/public.json --settings fc2.json
grep -q "INVALID proof" out.txt || fail "another key's proof: $(cat out.txt)"
expect 0 "the same with --vk" Z mnist verify p3/proof.json p3/public.json --settings fc2.json --vk p3/vk.json
sha=$(sha256sum p3/vk.json | cut -d' ' -f1)
grep -q "SHA-256 $sha), named with --vk, not the key pinned" out.txt || fail "--vk: $(cat out.txt)"
# Two first proofs at once in one cache: each ran its own setup and pinned
# its key over the other's, so one of the proofs did not verify with the
# pinned key (or a prove read the other's half-written record and failed).
XDG_CACHE_HOME="$WORK/cache3" Z mnist prove -q "$D/7_0000.png" --settings fc2.json -o q1 >q1.txt 2>&1 &
q1=$!
XDG_CACHE_HOME="$WORK/cache3" Z mnist prove -q "$D/2_0001.png" --settings fc2.json -o q2 >q2.txt 2>&1 &
q2=$!
wait $q1 || fail "the first of two proofs at once: $(cat q1.txt)"
wait $q2 || fail "the second of two proofs at once: $(cat q2.txt)"
for q in q1 q2; do
  expect 0 "$q of two at once, with the pinned key" env XDG_CACHE_HOME="$WORK/cache3" "$ZKCAVE" mnist verify $q/proof.json $q/public.json --settings fc2.json
done
# A pinned key replaced under -q: the note saying so was silenced with the
# progress, and the proofs of the old key stopped verifying unannounced.
rm "$WORK"/cache2/zkcave/mnist/*/key.zkey
XDG_CACHE_HOME="$WORK/cache2" Z mnist prove -q "$D/7_0000.png" --settings fc2.json -o p4 >p4.txt 2>p4.err ||
  fail "prove without a proving key: $(cat p4.err)"
grep -q "a new key replaces it" p4.err || fail "mnist prove -q replaced the pinned key silently: $(cat p4.err)"

# ---- Solidity ------------------------------------------------------------------------
if have_evm; then
  evm_verify fc2.zkey proof.json public.json logit.json "changed logit"
  echo "# fc2 verifier on the EVM: $(head -1 evm.err); gas: $EVM_GAS"
fi
Z mnist settings -o pub.json --first-layer 3 --param-visibility public >set.txt 2>&1 || fail "settings, public"
grep -q "no Solidity verifier" set.txt || fail "public visibility not explained: $(cat set.txt)"
Z mnist prove -q "$D/7_0000.png" --settings pub.json -o pub >pub.txt 2>&1 || fail "prove, public: $(cat pub.txt)"
expect 0 "mnist verify, public weights" Z mnist verify pub/proof.json pub/public.json --settings pub.json
grep -q "the parameters, public, are those of" out.txt || fail "public weights: $(cat out.txt)"
# A hash to compare with, where the proof carries none, went unchecked
# ("the parameters, public, are those of --model-hash", exit 0).
expect 2 "--model-hash for public weights" Z mnist verify pub/proof.json pub/public.json --settings pub.json --model-hash 12345
grep -q "only hashed visibility does" out.txt || fail "public weights, --model-hash: $(cat out.txt)"
expect 2 "a verifier contract for 1,292 public signals" Z zkey export solidityverifier pub/vk.json pub.sol
grep -q "1292 public signals.*EIP-170" out.txt || fail "public export: $(cat out.txt)"
[ -e pub.sol ] && fail "a refused export left a file"

# ---- what each visibility means ----------------------------------------------------------
Z mnist settings -o fixed.json --first-layer 3 --param-visibility fixed >set.txt 2>&1 || fail "settings, fixed"
grep -q "every prover holds the model" set.txt || fail "fixed not explained: $(cat set.txt)"
Z mnist settings -o private.json --first-layer 3 --param-visibility private >set.txt 2>&1 || fail "settings, private"
grep -q "committed to NOTHING" set.txt || fail "private not explained: $(cat set.txt)"
Z mnist compile private.json -o private.r1cs >c.txt 2>&1 || fail "compile, private"
grep -q "committed to NOTHING" c.txt || fail "compile, private: $(cat c.txt)"
echo "ok"
