#!/usr/bin/env bash
# Malformed input on the command line: each case below once crashed, hung or
# was accepted (tests/unit/test_harden.c holds the readers' side). Each must
# end with its documented exit code (1 invalid, 2 unreadable) and exactly one
# "zkcave:" line on stderr, with no sanitizer report.
set -u
build=${1:-build/asan}
z="$build/zkcave"
fx=tests/fixtures/harden
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# expect CODE WHAT cmd...: exit CODE within 20 s, one "zkcave:" line unless 0.
expect() {
  local code=$1 what=$2
  shift 2
  timeout 20 "$@" >"$dir/out" 2>"$dir/err" </dev/null
  local rc=$?
  [ "$rc" = "$code" ] || fail "$what: exit $rc, want $code: $(head -c 2000 "$dir/err")"
  ! grep -qE 'Sanitizer|runtime error' "$dir/err" || fail "$what: $(head -c 2000 "$dir/err")"
  [ "$code" = 0 ] || [ "$(grep -c '^zkcave:' "$dir/err")" = 1 ] ||
    fail "$what: not one message: $(cat "$dir/err")"
}

# A 6 KB .ptau whose header claims 2^27 powers (offset 60: power, 64:
# ceremony power) once allocated ~20 GB before checking its sections.
cp "$fx/p.ptau" "$dir/big.ptau"
printf '\x1b\x00\x00\x00\x1b\x00\x00\x00' | dd of="$dir/big.ptau" bs=1 seek=60 conv=notrunc 2>/dev/null
expect 2 "ptau verify, header power 27" "$z" ptau verify "$dir/big.ptau"
grep -q "malformed" "$dir/err" || fail "ptau verify, header power 27: $(cat "$dir/err")"

# JSON: a valid proof followed by junk verified; "33\u0000junk" read as 33.
{ cat "$fx/proof.json"; echo "xyz"; } >"$dir/junk.json"
expect 2 "proof with trailing junk" "$z" groth16 verify -q "$fx/vk.json" "$fx/public.json" "$dir/junk.json"
pub=$(tr -d ' \n[]"' <"$fx/public.json")
printf '["%s\\u0000junk"]' "$pub" >"$dir/nul.json"
expect 2 "public signal with \\u0000" "$z" groth16 verify -q "$fx/vk.json" "$dir/nul.json" "$fx/proof.json"
expect 0 "the good proof" "$z" groth16 verify -q "$fx/vk.json" "$fx/public.json" "$fx/proof.json"

# Where two readers could differ, refuse (exit 2). pi_a twice, a bad value
# and the good one in either order: cJSON read the first, snarkjs the last,
# so one order verified here and the other there.
sed '1a\ "pi_a": ["1", "2", "1"],' "$fx/proof.json" >"$dir/dup1.json"
sed '/"pi_a"/a\ "pi_a": ["1", "2", "1"],' "$fx/proof.json" >"$dir/dup2.json"
for d in dup1 dup2; do
  expect 2 "proof with pi_a twice ($d)" "$z" groth16 verify -q "$fx/vk.json" "$fx/public.json" "$dir/$d.json"
  grep -q "same key twice" "$dir/err" || fail "$d: $(cat "$dir/err")"
done
# The same in a circuit's input.json: a signal named twice.
"$z" circuit compile circuits/lessons/multiplier.circom -o "$dir/mult" >/dev/null 2>&1 || fail "compile"
echo '{"a": "3", "b": "11", "a": "4"}' >"$dir/in2.json"
expect 2 "input.json naming a twice" "$z" circuit witness "$dir/mult" "$dir/in2.json" "$dir/w2.wtns"
grep -q "twice" "$dir/err" || fail "input.json with a key twice: $(cat "$dir/err")"
# Malformed is 2 everywhere (it was 1 in groth16 verify): a point at
# infinity or off the curve, a public signal not below r, a public-signal
# count that is not the key's.
sed 's/^ "pi_c": .*/ "pi_c": ["0", "1", "0"],/' "$fx/proof.json" >"$dir/cinf.json"
expect 2 "proof with C at infinity" "$z" groth16 verify -q "$fx/vk.json" "$fx/public.json" "$dir/cinf.json"
grep -q "infinity" "$dir/err" || fail "C at infinity: $(cat "$dir/err")"
sed 's/^ "pi_a": .*/ "pi_a": ["1", "3", "1"],/' "$fx/proof.json" >"$dir/offc.json"
expect 2 "proof with A off the curve" "$z" groth16 verify -q "$fx/vk.json" "$fx/public.json" "$dir/offc.json"
grep -q "not on the curve" "$dir/err" || fail "A off the curve: $(cat "$dir/err")"
echo '["21888242871839275222246405745257275088548364400416034343698204186575808495617"]' >"$dir/pub_r.json"
expect 2 "public signal = r" "$z" groth16 verify -q "$fx/vk.json" "$dir/pub_r.json" "$fx/proof.json"
echo '["33", "1"]' >"$dir/pub2.json"
expect 2 "two public signals for a key of one" "$z" groth16 verify -q "$fx/vk.json" "$dir/pub2.json" "$fx/proof.json"
echo '["34"]' >"$dir/pub34.json"
expect 1 "a false public signal" "$z" groth16 verify -q "$fx/vk.json" "$dir/pub34.json" "$fx/proof.json"

# Keys anyone can forge for: delta = gamma (snarkjs's fresh key) is
# refused (exit 1, "forgeable key") unless --insecure; alpha or an IC
# point at infinity is malformed (exit 2).
gamma=$(grep '"vk_gamma_2"' "$fx/vk.json")
sed "s|^ \"vk_delta_2\": .*|${gamma/vk_gamma_2/vk_delta_2}|" "$fx/vk.json" >"$dir/vk_dg.json"
expect 1 "verification key with delta = gamma" "$z" groth16 verify -q "$dir/vk_dg.json" "$fx/public.json" "$fx/proof.json"
grep -q "forgeable key" "$dir/err" || fail "delta = gamma: $(cat "$dir/err")"
"$z" groth16 verify -q --insecure "$dir/vk_dg.json" "$fx/public.json" "$fx/proof.json" 2>"$dir/err"
[ $? = 1 ] && grep -q "is FORGEABLE" "$dir/err" || fail "delta = gamma, --insecure: $(cat "$dir/err")"
sed 's/^ "vk_alpha_1": .*/ "vk_alpha_1": ["0", "1", "0"],/' "$fx/vk.json" >"$dir/vk_ainf.json"
expect 2 "verification key with alpha at infinity" "$z" groth16 verify -q "$dir/vk_ainf.json" "$fx/public.json" "$fx/proof.json"
sed 's/\], \[[^]]*\]\]$/], ["0", "1", "0"]]/' "$fx/vk.json" >"$dir/vk_icinf.json"
expect 2 "verification key with IC[1] at infinity" "$z" groth16 verify -q "$dir/vk_icinf.json" "$fx/public.json" "$fx/proof.json"
grep -q "IC\[1\]" "$dir/err" || fail "IC at infinity: $(cat "$dir/err")"

# A ceremony nobody contributed to (tau = alpha = beta = 1), or one of
# beacons alone: prepare and setup refuse it (exit 2) unless --insecure,
# and the key made with --insecure is refused as forgeable (exit 1) by
# export-vk and verify, and said to be by prove.
"$z" ptau new 3 "$dir/p0.ptau" >/dev/null 2>&1 || fail "ptau new"
expect 2 "ptau prepare of a fresh ptau" "$z" ptau prepare -q "$dir/p0.ptau" "$dir/pp.ptau"
grep -q "ptau contribute" "$dir/err" || fail "prepare, fresh: $(cat "$dir/err")"
[ ! -e "$dir/pp.ptau" ] || fail "prepare wrote a file it refused"
expect 2 "groth16 setup on a fresh ptau" "$z" groth16 setup -q "$fx/multiplier.r1cs" "$dir/p0.ptau" "$dir/k.zkey"
"$z" ptau beacon -q "$dir/p0.ptau" "$dir/pb.ptau" 0102 10 >/dev/null 2>&1 || fail "ptau beacon"
expect 2 "ptau prepare of a beacon-only ptau" "$z" ptau prepare -q "$dir/pb.ptau" "$dir/pp.ptau"
grep -q "beacon" "$dir/err" || fail "prepare, beacon-only: $(cat "$dir/err")"
expect 1 "ptau verify of a beacon-only ptau" "$z" ptau verify -q "$dir/pb.ptau"
"$z" ptau prepare -q --insecure "$dir/p0.ptau" "$dir/pp.ptau" 2>"$dir/err" && grep -q "FORGEABLE" "$dir/err" ||
  fail "prepare --insecure: $(cat "$dir/err")"
"$z" groth16 setup -q --insecure "$fx/multiplier.r1cs" "$dir/pp.ptau" "$dir/k.zkey" 2>"$dir/err" ||
  fail "setup --insecure: $(cat "$dir/err")"
"$z" groth16 prove -q "$dir/k.zkey" "$fx/w.wtns" "$dir/p.json" "$dir/u.json" 2>"$dir/err" &&
  grep -q "k.zkey is FORGEABLE: alpha and beta are the generators" "$dir/err" || fail "prove: $(cat "$dir/err")"
expect 1 "export-vk of a key from a fresh ptau" "$z" zkey export-vk "$dir/k.zkey" "$dir/vk.json"
grep -q "forgeable key" "$dir/err" || fail "export-vk: $(cat "$dir/err")"
"$z" zkey export-vk --insecure "$dir/k.zkey" "$dir/vk.json" 2>/dev/null || fail "export-vk --insecure"
expect 1 "verify with a key from a fresh ptau" "$z" groth16 verify -q "$dir/vk.json" "$dir/u.json" "$dir/p.json"
grep -q "forgeable key" "$dir/err" || fail "verify: $(cat "$dir/err")"
expect 1 "zkey verify of a key from a fresh ptau" "$z" zkey verify -q "$fx/multiplier.r1cs" "$dir/pp.ptau" "$dir/k.zkey"
# The honest path in one command: a ceremony with your secret, a key
# nobody can forge for.
"$z" ptau new 3 "$dir/p1.ptau" --contribute -q >/dev/null 2>&1 || fail "ptau new --contribute"
expect 0 "ptau verify after new --contribute" "$z" ptau verify -q "$dir/p1.ptau"
expect 0 "setup from new --contribute" "$z" groth16 setup -q "$fx/multiplier.r1cs" "$dir/p1.ptau" "$dir/k1.zkey"
[ ! -s "$dir/err" ] || fail "setup from new --contribute warned: $(cat "$dir/err")"

# A model whose parameter 1000 is NaN, under a valid (unkeyed) checksum,
# crashed mnist predict; now it is a malformed file.
m=assets/mnist-cnn.zkw
size=$(stat -c %s "$m")
recipe=$(od -An -tu4 -j8 -N4 "$m" | tr -d ' ')
head -c $((size - 32)) "$m" >"$dir/body"
printf '\x00\x00\xc0\x7f' | dd of="$dir/body" bs=1 seek=$((16 + recipe + 4000)) conv=notrunc 2>/dev/null
{ cat "$dir/body"; b2sum -l 256 "$dir/body" | cut -c1-64 | xxd -r -p; } >"$dir/nan.zkw"
expect 2 "model with a NaN weight" "$z" mnist predict assets/digits/7_0000.png --model "$dir/nan.zkw"
grep -q "not a finite number" "$dir/err" || fail "NaN model: $(cat "$dir/err")"

# progress.json with 300,000 exercise ids took minutes to load; now it is
# set aside as damaged at once (check itself exits 1: exercises are open).
mkdir -p "$dir/state/zkcave"
{ printf '{"version": 1, "lessons": {"01-the-cave": {"step": 0, "seen": 1, "solved": ["e0"'
  seq 1 300000 | sed 's/^/,"e/; s/$/"/' | tr -d '\n'
  printf ']}}}\n'; } >"$dir/state/zkcave/progress.json"
XDG_STATE_HOME=$dir/state ZKCAVE_LESSONS=lessons timeout 20 "$z" check >"$dir/out" 2>"$dir/err"
rc=$?
[ "$rc" = 1 ] || fail "check with a huge progress.json: exit $rc: $(head -c 500 "$dir/err")"
grep -q "was damaged; it was moved to" "$dir/err" || fail "check: no note: $(cat "$dir/err")"
ls "$dir/state/zkcave/" | grep -q '^progress.json.corrupt-' || fail "check: not set aside"
# A missing source or input file said "input/output error"; now the
# system's reason, in one line.
expect 2 "compile a missing file" "$z" circuit compile "$dir/nope.circom" -o "$dir/c"
grep -q "No such file" "$dir/err" || fail "compile a missing file: $(cat "$dir/err")"
expect 2 "witness with a missing input" "$z" circuit witness "$dir/c" "$dir/nope.json" "$dir/w.wtns"
grep -q "nope.json: No such file" "$dir/err" || fail "witness, missing input: $(cat "$dir/err")"
echo "bad input: clear errors and exit codes"
