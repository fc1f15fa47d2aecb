#!/usr/bin/env bash
# zkcave stark prove / verify from the command line, with the exit codes
# the architecture fixes: 0 valid, 1 invalid, 2 unreadable or bad usage.
set -u
build=${1:-build/asan}
z="$build/zkcave"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$z" stark prove fibonacci-sq --steps 64 --queries 8 --grinding 4 -q -o "$dir/p.bin" \
  >"$dir/out" 2>&1 || { cat "$dir/out"; fail "prove exit $?"; }
grep -q "conjectured" "$dir/out" || fail "prove does not print the security level"
out=$("$z" stark verify "$dir/p.bin" 2>&1); rc=$?
[ "$rc" = 0 ] || fail "verify of a good proof: exit $rc ($out)"
printf '%s\n' "$out" | grep -q "^valid: fibonacci-sq, 64 rows" || fail "no 'valid' line: $out"

# A flipped byte deep in the proof: invalid (1).
size=$(stat -c %s "$dir/p.bin")
cp "$dir/p.bin" "$dir/x.bin"
printf '\x55' | dd of="$dir/x.bin" bs=1 seek=$((size - 40)) conv=notrunc 2>/dev/null
"$z" stark verify "$dir/x.bin" >/dev/null 2>&1; rc=$?
[ "$rc" = 1 ] || fail "tampered proof: exit $rc, want 1"

# Truncated, empty, missing, not a proof: unreadable (2).
head -c $((size / 2)) "$dir/p.bin" >"$dir/t.bin"
: >"$dir/e.bin"
echo "not a proof" >"$dir/g.bin"
for f in "$dir/t.bin" "$dir/e.bin" "$dir/missing.bin" "$dir/g.bin"; do
  "$z" stark verify "$f" >/dev/null 2>&1; rc=$?
  [ "$rc" = 2 ] || fail "$(basename "$f"): exit $rc, want 2"
done

# Bad usage (2), and a witness that breaks its constraints (1).
"$z" stark prove nosuchair -o "$dir/n.bin" >/dev/null 2>&1; [ $? = 2 ] || fail "unknown AIR"
"$z" stark prove poseidon-chain --blowup 2 -o "$dir/n.bin" >/dev/null 2>&1; [ $? = 2 ] || fail "blowup 2"
"$z" stark prove range-check --steps 64 --bits 7 -o "$dir/n.bin" >/dev/null 2>&1; [ $? = 2 ] || fail "2^bits > steps"
echo "ok"
