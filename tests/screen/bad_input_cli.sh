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
