#!/usr/bin/env bash
# Groth16 and powers of tau against snarkjs, both ways, on circomlib's
# Poseidon(2) (240 constraints, a 2^8 domain; every ceremony here is 2^8,
# exactly the domain and far under CI's 2^12 limit for snarkjs):
#  * snarkjs's ceremony and key -> our prove -> snarkjs verify; snarkjs's
#    proof -> our verify; our export-vk is snarkjs's verification key;
#  * our prepare of snarkjs's ceremony is snarkjs's prepared file, byte for
#    byte;
#  * our ceremony (new, contribute, beacon, prepare) -> snarkjs powersoftau
#    verify, and ours accepts snarkjs's; our setup without a contribution is
#    byte for byte snarkjs's; with its contribution, and after zkey
#    contribute and beacon, snarkjs zkey verify accepts it, and we accept
#    snarkjs's key after its zkey contribute and beacon; our prove on our
#    key -> snarkjs verify;
#  * a key from secrets (setup --secrets, no ceremony): snarkjs proves and
#    verifies with it, and says whom it trusts;
#  * the Solidity verifier compiled with npm's solc on an in-process EVM:
#    our proof verifies, a changed public input or proof does not (our
#    calldata text is snarkjs's, byte for byte);
#  * rejection: changed public input, swapped or invalid proof points, a key
#    of another circuit, malformed JSON, a truncated .zkey, each with its
#    exit code (1 read fine but false: a failed pairing check, a forgeable
#    key; 2 unreadable or malformed: a point off the curve, outside the
#    subgroup or at infinity) and a message.
#  * snarkjs's own fresh key (δ = γ, like the shared triple) is one anyone
#    can forge for: we refuse it ("forgeable key", exit 1) and check the
#    same facts about it with --insecure.
. "$(dirname "$0")/lib.bash"
need_tools
[ -d "$INTEROP/node_modules/solc" ] && [ -d "$INTEROP/node_modules/@ethereumjs/evm" ] ||
  { [ "${CI:-}" = true ] && fail "solc / @ethereumjs/evm missing"; echo "SKIP: solc or @ethereumjs/evm not installed"; exit 0; }

S() { "$SNARKJS" "$@"; }
Z() { "$ZKCAVE" "$@"; }
cd "$WORK" || exit 1


# ---- the shared snarkjs vector ----------------------------------------------------
V="$ROOT/../shared/data/vectors/snarkjs_groth16"
[ -n "${ZKCAVE_SHARED_DATA:-}" ] && V="$ZKCAVE_SHARED_DATA/vectors/snarkjs_groth16"
# Its key has δ = γ (snarkjs's setup without a contribution): refused as
# forgeable, and with --insecure the proof checks, loudly.
expect 1 "the shared snarkjs key (delta = gamma)" Z groth16 verify "$V/verification_key.json" "$V/public.json" "$V/proof.json"
grep -q "forgeable key" "$WORK/out.txt" || fail "no 'forgeable key' for the shared key: $(cat "$WORK/out.txt")"
expect 0 "the shared snarkjs triple, --insecure" Z groth16 verify --insecure "$V/verification_key.json" "$V/public.json" "$V/proof.json"
grep -q "WARNING: .* is FORGEABLE: delta = gamma" "$WORK/out.txt" ||
  fail "no warning for the shared key's delta = gamma"
echo '["34"]' >pub34.json
expect 1 "the shared proof with public 34" Z groth16 verify --insecure "$V/verification_key.json" pub34.json "$V/proof.json"

# ---- circuit and witness ------------------------------------------------------------
Z circuit compile "$INTEROP/circuits/poseidon2.circom" -o c -l "$ROOT/circuits" >c.txt 2>&1 ||
  fail "compile poseidon2: $(cat c.txt)"
Z circuit witness c "$INTEROP/inputs/poseidon2.json" w.wtns >w.txt 2>&1 || fail "witness: $(cat w.txt)"
R1CS=c/poseidon2.r1cs

# ---- snarkjs's ceremony and key, our prover and verifier -----------------------------
S powersoftau new bn128 8 s0.ptau >/dev/null 2>&1 || fail "snarkjs powersoftau new"
S powersoftau contribute s0.ptau s1.ptau --name=one -e=entropy >/dev/null 2>&1 || fail "snarkjs contribute"
S powersoftau beacon s1.ptau s2.ptau 0102030405060708090a0b0c0d0e0f10 10 -n=beacon >/dev/null 2>&1 ||
  fail "snarkjs beacon"
S powersoftau prepare phase2 s2.ptau s.ptau >/dev/null 2>&1 || fail "snarkjs prepare phase2"
S groth16 setup "$R1CS" s.ptau s0.zkey >/dev/null 2>&1 || fail "snarkjs groth16 setup"
S zkey contribute s0.zkey s1.zkey --name=two -e=more >/dev/null 2>&1 || fail "snarkjs zkey contribute"
S zkey beacon s1.zkey s2.zkey 0102030405060708 10 -n=final >/dev/null 2>&1 || fail "snarkjs zkey beacon"
S zkey export verificationkey s2.zkey svk.json >/dev/null 2>&1 || fail "snarkjs export vk"

expect 0 "our ptau verify on snarkjs's ceremony" Z ptau verify s.ptau
# Our prepare of snarkjs's ceremony is snarkjs's prepared file, byte for byte.
Z ptau prepare -q s2.ptau zs.ptau || fail "ptau prepare of snarkjs's ceremony"
cmp -s zs.ptau s.ptau || fail "our prepared file differs from snarkjs's on the same ceremony"
expect 0 "our zkey verify on snarkjs's key" Z zkey verify "$R1CS" s.ptau s2.zkey
expect 0 "our prove on snarkjs's key" Z groth16 prove -q s2.zkey w.wtns p1.json u1.json
S groth16 verify svk.json u1.json p1.json >v1.txt 2>&1
snarkjs_ok v1.txt || fail "snarkjs does not verify our proof: $(cat v1.txt)"
S groth16 prove s2.zkey w.wtns p2.json u2.json >/dev/null 2>&1 || fail "snarkjs prove"
expect 0 "our verify of snarkjs's proof" Z groth16 verify svk.json u2.json p2.json
Z zkey export-vk s2.zkey zvk.json 2>/dev/null || fail "export-vk"
(cd "$INTEROP" && node -e '
  const fs = require("fs");
  const a = JSON.parse(fs.readFileSync(process.argv[1])), b = JSON.parse(fs.readFileSync(process.argv[2]));
  process.exit(JSON.stringify(a) === JSON.stringify(b) ? 0 : 1);' "$WORK/svk.json" "$WORK/zvk.json") ||
  fail "our export-vk differs from snarkjs's verification key"
echo "snarkjs -> zkcave: verify, prove, export-vk agree"

# ---- our ceremony and key, snarkjs's checks ------------------------------------------
Z ptau new 8 z0.ptau >/dev/null || fail "ptau new"
Z ptau contribute -q z0.ptau z1.ptau --name=alice -e=zkcave >/dev/null || fail "ptau contribute"
Z ptau contribute -q z1.ptau z2.ptau --name=bob >/dev/null || fail "ptau contribute 2"
Z ptau beacon -q z2.ptau z3.ptau 0102030405060708090a0b0c0d0e0f10 10 --name=beacon >/dev/null ||
  fail "ptau beacon"
Z ptau prepare -q z3.ptau z.ptau || fail "ptau prepare"
S powersoftau verify z.ptau >pv.txt 2>&1
grep -q "Powers of Tau Ok!" pv.txt && ! grep -q "\[ERROR\]" pv.txt ||
  fail "snarkjs powersoftau verify rejects our ceremony: $(tail -5 pv.txt)"
expect 0 "our ptau verify" Z ptau verify z.ptau

Z groth16 setup -q --no-contribution "$R1CS" z.ptau zinit.zkey 2>/dev/null || fail "setup --no-contribution"
S groth16 setup "$R1CS" z.ptau sinit.zkey >/dev/null 2>&1 || fail "snarkjs setup on our ptau"
cmp -s zinit.zkey sinit.zkey || fail "our initial key differs from snarkjs's on the same files"
# snarkjs's initial key is valid history but forgeable (delta = gamma).
expect 1 "our zkey verify on snarkjs's initial key" Z zkey verify "$R1CS" z.ptau sinit.zkey
grep -q "forgeable key" out.txt || fail "no 'forgeable key': $(cat out.txt)"
expect 0 "our zkey verify --insecure on snarkjs's initial key" Z zkey verify --insecure "$R1CS" z.ptau sinit.zkey
expect 1 "export-vk of snarkjs's initial key" Z zkey export-vk sinit.zkey sinit_vk.json
[ ! -e sinit_vk.json ] || fail "export-vk wrote the key of a refused zkey"
# A ceremony nobody contributed to, and one of beacons alone: snarkjs
# verifies the second; we refuse both.
Z ptau new 8 fresh.ptau >/dev/null 2>&1 || fail "ptau new"
expect 2 "ptau prepare of a fresh ptau" Z ptau prepare fresh.ptau fresh_p.ptau
grep -q "ptau contribute" out.txt || fail "prepare does not say to contribute: $(cat out.txt)"
Z ptau beacon -q fresh.ptau beacon.ptau 0102030405060708090a0b0c0d0e0f10 10 >/dev/null 2>&1 || fail "ptau beacon"
S powersoftau verify beacon.ptau >pv.txt 2>&1
grep -q "Powers of Tau Ok!" pv.txt || fail "snarkjs no longer accepts a beacon-only ceremony: $(tail -5 pv.txt)"
expect 1 "our ptau verify of a beacon-only ceremony" Z ptau verify beacon.ptau
expect 2 "groth16 setup on a beacon-only ceremony" Z groth16 setup -q "$R1CS" beacon.ptau b.zkey
Z groth16 setup -q "$R1CS" z.ptau z1.zkey || fail "setup"
Z zkey contribute -q z1.zkey z2.zkey --name=carol -e=x >/dev/null || fail "zkey contribute"
Z zkey beacon -q z2.zkey z3.zkey 0a0b0c0d 10 --name=final >/dev/null || fail "zkey beacon"
for k in z1 z3; do
  S zkey verify "$R1CS" z.ptau $k.zkey >kv.txt 2>&1
  grep -q "ZKey Ok!" kv.txt || fail "snarkjs zkey verify rejects our $k.zkey: $(tail -5 kv.txt)"
done
expect 0 "our zkey verify" Z zkey verify "$R1CS" z.ptau z3.zkey
expect 0 "our prove on our key" Z groth16 prove -q z3.zkey w.wtns p3.json u3.json
S zkey export verificationkey z3.zkey vk3.json >/dev/null 2>&1 || fail "snarkjs export vk of our key"
S groth16 verify vk3.json u3.json p3.json >v3.txt 2>&1
snarkjs_ok v3.txt || fail "snarkjs does not verify our proof on our key: $(cat v3.txt)"
echo "zkcave -> snarkjs: ptau, setup, contributions, proof accepted"

# ---- a key from secrets, no ceremony: snarkjs proves and verifies with it ----------------
expect 0 "groth16 setup --secrets" Z groth16 setup -q "$R1CS" --secrets zsec.zkey
grep -q "TRUST: .*tau alone" out.txt || fail "setup --secrets does not say whom it trusts: $(cat out.txt)"
S groth16 prove zsec.zkey w.wtns ps.json us.json >/dev/null 2>&1 || fail "snarkjs prove with our key from secrets"
S zkey export verificationkey zsec.zkey svsec.json >/dev/null 2>&1 || fail "snarkjs export vk of our key from secrets"
S groth16 verify svsec.json us.json ps.json >vs.txt 2>&1
snarkjs_ok vs.txt || fail "snarkjs does not verify its proof on our key from secrets: $(cat vs.txt)"
expect 0 "our verify of snarkjs's proof on the key from secrets" Z groth16 verify svsec.json us.json ps.json
Z groth16 prove -q zsec.zkey w.wtns pz.json uz.json || fail "our prove on the key from secrets"
S groth16 verify svsec.json uz.json pz.json >vs.txt 2>&1
snarkjs_ok vs.txt || fail "snarkjs does not verify our proof on our key from secrets: $(cat vs.txt)"
expect 1 "the key from secrets, proof against public 34" Z groth16 verify svsec.json pub34.json pz.json
# No phase-2 record is no ceremony, not a forgeable one of beacons only: our
# own export reads the key's records and must take it (it refused it once).
expect 0 "our export-vk of the key from secrets" Z zkey export-vk zsec.zkey zvsec.json
expect 0 "our verify with our vk of the key from secrets" Z groth16 verify zvsec.json uz.json pz.json
expect 2 "setup --secrets with a ceremony too" Z groth16 setup "$R1CS" z.ptau --secrets x.zkey
echo "setup from secrets: snarkjs proves and verifies with our key"

# ---- Solidity ------------------------------------------------------------------------
Z zkey export solidityverifier z3.zkey v.sol || fail "export solidityverifier"
Z zkey export soliditycalldata u3.json p3.json >cd.txt || fail "export soliditycalldata"
S zkey export soliditycalldata u3.json p3.json >cds.txt 2>/dev/null
cmp -s <(tr -d '\n' <cd.txt) <(tr -d '\n' <cds.txt) || fail "our calldata differs from snarkjs's"
# A public signal plus one, and the proof's C from another proof.
node -e '
  const fs = require("fs"); const a = JSON.parse("[" + fs.readFileSync(process.argv[1]) + "]");
  a[3][0] = "0x" + (BigInt(a[3][0]) + 1n).toString(16);
  fs.writeFileSync(process.argv[2], JSON.stringify(a).slice(1, -1));
  const b = JSON.parse("[" + fs.readFileSync(process.argv[1]) + "]");
  const c = JSON.parse("[" + fs.readFileSync(process.argv[3]) + "]");
  b[2] = c[2]; fs.writeFileSync(process.argv[4], JSON.stringify(b).slice(1, -1));' \
  cd.txt bad_pub.txt <(Z zkey export soliditycalldata u1.json p1.json) bad_proof.txt || fail "tampering"
(cd "$INTEROP" && node evm_verify.mjs "$WORK/v.sol" "$WORK/cd.txt" "$WORK/bad_pub.txt" "$WORK/bad_proof.txt") \
  >evm.txt 2>&1 || fail "EVM: $(cat evm.txt)"
[ "$(tr '\n' ' ' <evm.txt)" = "true false false " ] || fail "EVM verdicts (valid, bad public, bad proof): $(cat evm.txt)"
echo "Solidity: our verifier accepts the proof and rejects tampered ones on the EVM"

# ---- rejection -------------------------------------------------------------------------
jsed() { node -e "const fs=require('fs');const j=JSON.parse(fs.readFileSync('$1'));$2;fs.writeFileSync('$3',JSON.stringify(j))"; }
jsed u3.json 'j[0]=(BigInt(j[0])+1n).toString()' bad_u.json
expect 1 "changed public input" Z groth16 verify vk3.json bad_u.json p3.json
jsed p3.json 'const t=j.pi_a;j.pi_a=j.pi_c;j.pi_c=t' swapped.json
expect 1 "swapped A and C" Z groth16 verify vk3.json u3.json swapped.json
jsed p3.json 'j.pi_a[1]=(BigInt(j.pi_a[1])+1n).toString()' offcurve.json
expect 2 "A off the curve" Z groth16 verify vk3.json u3.json offcurve.json
grep -q "not on the curve" out.txt || fail "no 'not on the curve' message: $(cat out.txt)"
jsed p3.json 'j.pi_b=[["2424652685884836586797999972959119327004275212543164435343319363946632278429","20892803242875368545736819190044475512638092592562062690720105405523698561531"],["3347465089735938105866833708145358136118290869843783338129743849694224253629","7329232443839281574356976017771133060766546200015562320666804580638503161227"],["1","0"]]' twist.json
expect 2 "B on the twist but outside G2" Z groth16 verify vk3.json u3.json twist.json
grep -q "subgroup" out.txt || fail "no subgroup message: $(cat out.txt)"
# C at infinity: snarkjs reads it as a point and checks the pairing; we
# refuse the proof as malformed.
jsed p3.json 'j.pi_c=["0","1","0"]' cinf.json
expect 2 "C at infinity" Z groth16 verify vk3.json u3.json cinf.json
grep -q "infinity" out.txt || fail "no infinity message: $(cat out.txt)"
# pi_a twice: snarkjs reads the last member, cJSON the first; refused.
node -e 'const fs=require("fs");const t=fs.readFileSync(process.argv[1],"utf8");
  fs.writeFileSync(process.argv[2], t.replace("{", "{\"pi_a\": [\"1\", \"2\", \"1\"], "))' p3.json dup.json
S groth16 verify vk3.json u3.json dup.json >sd.txt 2>&1
snarkjs_ok sd.txt || fail "snarkjs no longer reads the last of two pi_a: $(cat sd.txt)"
expect 2 "pi_a twice" Z groth16 verify vk3.json u3.json dup.json
grep -q "same key twice" out.txt || fail "no duplicate-key message: $(cat out.txt)"
expect 1 "the key of another circuit" Z groth16 verify --insecure "$V/verification_key.json" u3.json p3.json
expect 1 "snarkjs's key for our proof" Z groth16 verify svk.json u3.json p3.json
echo '{"pi_a": [' >broken.json
expect 2 "malformed JSON" Z groth16 verify vk3.json u3.json broken.json
expect 2 "missing proof file" Z groth16 verify vk3.json u3.json nothing.json
head -c 3000 z3.zkey >short.zkey
expect 2 "truncated zkey" Z groth16 prove -q short.zkey w.wtns px.json ux.json
grep -q "malformed or truncated" out.txt || fail "no truncation message: $(cat out.txt)"
Z circuit compile "$INTEROP/circuits/num2bits32.circom" -o n -l "$ROOT/circuits" >/dev/null 2>&1 &&
  Z circuit witness n "$INTEROP/inputs/num2bits32.json" n.wtns >/dev/null 2>&1 || fail "num2bits32 witness"
expect 2 "a witness of another circuit" Z groth16 prove -q z3.zkey n.wtns px.json ux.json
head -c 2000 z.ptau >short.ptau
expect 2 "truncated ptau" Z ptau verify short.ptau
echo "rejections: exit codes and messages as documented"
