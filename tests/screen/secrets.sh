#!/usr/bin/env bash
# Private inputs are wiped before their memory is freed (issue 13, section
# 8 and its review): a free() that scans every freed block
# (tests/support/free_scan.c, preloaded) runs circuit witness, groth16
# prove and stark prove with a private input equal to a marker, and no
# freed block may hold the marker in any form zkcave keeps a value in:
# decimal text, little-endian bytes, Montgomery form. Each of these caught
# its regression when tried: input.json read without zk_file_read_secret,
# its JSON freed with cJSON_Delete, GMP's limbs freed as they were (127
# blocks in one witness), the MSM's scalars and the STARK trace freed
# unwiped.
set -u
build=${1:-build/asan}
z="$build/zkcave"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

${CC:-gcc} -std=c17 -O2 -shared -fPIC -o "$dir/scan.so" tests/support/free_scan.c -ldl -lgmp \
  2>"$dir/cc.err" || fail "cannot build the scanner: $(cat "$dir/cc.err")"
# Preloaded, the scanner comes before ASan's runtime, which then must not
# insist on coming first; its free is the real one (free_scan.c says how).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}:verify_asan_link_order=0"

# scan WANT MARKER WHAT cmd...: the command succeeds, the scanner ran over
# some blocks, and WANT (none or some) of them held the marker.
scan() {
  local want=$1 marker=$2 what=$3
  shift 3
  ZK_SCAN_MARKERS=$marker LD_PRELOAD="$dir/scan.so" timeout 60 "$@" >"$dir/out" 2>"$dir/err" ||
    fail "$what: exit $?: $(tail -c 2000 "$dir/err")"
  local line hits blocks
  line=$(grep -E '^free_scan: [0-9]+ of [0-9]+ freed blocks held a marker$' "$dir/err") ||
    fail "$what: the scanner did not report: $(tail -c 2000 "$dir/err")"
  read -r hits blocks <<<"$(echo "$line" | awk '{print $2, $4}')"
  [ "$blocks" -gt 0 ] || fail "$what: no freed block was scanned"
  if [ "$want" = none ]; then
    [ "$hits" = 0 ] || fail "$what: $hits freed blocks held the secret: $(grep -v '^free_scan: [0-9]' "$dir/err" | head -c 3000)"
  else
    [ "$hits" -gt 0 ] || fail "$what: the scanner missed a marker freed on purpose"
  fi
}

marker=1234567890123456789012345   # about 2^80: a private BN254 input
# The scanner sees what it should: a compiler frees its source text and its
# constants as they are (they are no secret), the marker among them.
printf 'template T() {\n    signal input a; // %s\n    signal output o;\n    o <== a * %s;\n}\ncomponent main = T();\n' \
  "$marker" "$marker" >"$dir/control.circom"
scan some "$marker" "control: compile" "$z" circuit compile "$dir/control.circom" -o "$dir/control"

# Num2Bits over the private input (shifts and masks in GMP), then a product.
cat >"$dir/bits.circom" <<'EOF'
template Num2Bits(n) {
    signal input in;
    signal output out[n];
    var lc = 0;
    var e = 1;
    for (var i = 0; i < n; i++) {
        out[i] <-- (in >> i) & 1;
        out[i] * (out[i] - 1) === 0;
        lc += out[i] * e;
        e = e + e;
    }
    lc === in;
}
template T() {
    signal input a;
    signal input b;
    signal output c;
    component bits = Num2Bits(254);
    bits.in <== a;
    c <== a * b;
}
component main = T();
EOF
printf '{"a": "%s", "b": "7"}\n' "$marker" >"$dir/bits.json"
scan none "$marker" "circuit witness (Num2Bits)" "$z" circuit witness "$dir/bits.circom" "$dir/bits.json" "$dir/bits.wtns"

# The multiplier's witness with the marker as a, proven with its key.
"$z" circuit compile circuits/lessons/multiplier.circom -o "$dir/mult" >/dev/null 2>&1 || fail "compile the multiplier"
printf '{"a": "%s", "b": "7"}\n' "$marker" >"$dir/mult.json"
scan none "$marker" "circuit witness (multiplier)" "$z" circuit witness "$dir/mult" "$dir/mult.json" "$dir/mult.wtns"
scan none "$marker" "groth16 prove" "$z" groth16 prove -q tests/fixtures/harden/m.zkey "$dir/mult.wtns" \
  "$dir/proof.json" "$dir/public.json"
"$z" groth16 verify -q tests/fixtures/harden/vk.json "$dir/public.json" "$dir/proof.json" ||
  fail "the proof over the marker does not verify"

# fibonacci-sq's private x, a Goldilocks element (below p, above 2^56).
secret=7262830927140193017
scan none "$secret" "stark prove" "$z" stark prove fibonacci-sq --secret "$secret" -q -o "$dir/s.bin"
# mnist prove with hashed weights: the weights, packed into field elements
# the model hash absorbs, are private witness values (wires 4 to 8 of fc2
# alone). The circuit's pass freed them unwiped, and so did the Poseidon
# gadget's basis of state values.
"$z" mnist settings -o "$dir/fc2.json" --first-layer 3 >/dev/null 2>&1 || fail "mnist settings"
XDG_CACHE_HOME="$dir/cache" "$z" mnist witness assets/digits/7_0000.png -o "$dir/fc2.wtns" \
  --settings "$dir/fc2.json" >/dev/null 2>&1 || fail "mnist witness"
# Wire i of a .wtns: 32 little-endian bytes at 76 + 32·i (sections 1 and 2's
# headers, the prime); as 0x hex, most significant byte first.
wire_hex() {
  printf '0x%s' "$(od -An -v -tx1 -j $((76 + 32 * $1)) -N 32 "$dir/fc2.wtns" | tr -s ' \n' '\n' |
    grep . | tac | tr -d '\n')"
}
packed=$(for i in 4 5 6 7 8; do wire_hex "$i"; echo; done | paste -sd, -)
XDG_CACHE_HOME="$dir/cache" scan none "$packed" "mnist prove (hashed weights)" "$z" mnist prove -q \
  assets/digits/7_0000.png --settings "$dir/fc2.json" -o "$dir/mp"
echo "secrets: no freed block held a private input"
