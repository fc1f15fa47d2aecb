#!/usr/bin/env bash
# zkcave stark prove / verify from the command line, with the exit codes
# the architecture fixes: 0 valid, 1 invalid, 2 unreadable or bad usage.
set -u
build=${1:-build/asan}
z="$build/zkcave"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$z" stark prove fibonacci-sq --steps 1024 -q -o "$dir/p.bin" \
  >"$dir/out" 2>&1 || { cat "$dir/out"; fail "prove exit $?"; }
grep -q "conjectured" "$dir/out" || fail "prove does not print the security level"
grep -q "below the 100 bits" "$dir/out" && fail "prove's defaults are below verify's minimum"
out=$("$z" stark verify "$dir/p.bin" 2>&1); rc=$?
[ "$rc" = 0 ] || fail "verify of a good proof: exit $rc ($out)"
printf '%s\n' "$out" | grep -q "^valid: fibonacci-sq, 1024 rows; 10[0-9] bits conjectured (minimum 100)" \
  || fail "no 'valid' line: $out"

# A short trace loses bits to the zero-knowledge masks (67 at 128 rows with
# the plain defaults): prove raises the blowup and queries on its own, so the
# plain verify still accepts what the plain prove made.
"$z" stark prove fibonacci --steps 128 -q -o "$dir/s.bin" >"$dir/out" 2>&1 || fail "prove 128 rows"
"$z" stark verify "$dir/s.bin" >/dev/null 2>&1 || fail "plain verify refuses plain prove's 128-row proof"

# The statement's shape is shown: range checks below 2^4 and below 2^10
# both printed "valid: range-check, 1024 rows ... public: (none)".
for b in 4 10; do
  "$z" stark prove range-check --bits $b -q -o "$dir/rc$b.bin" >/dev/null 2>&1 || fail "prove range-check --bits $b"
  out=$("$z" stark verify "$dir/rc$b.bin" 2>&1) || fail "verify range-check --bits $b: $out"
  printf '%s\n' "$out" | grep -qx "statement: range-check(rows = 1024, bits = $b)" ||
    fail "verify does not show bits = $b: $out"
done

# Below 128 rows the masks leave room for fewer queries than the default:
# 64 rows reach 100 bits with blowup 64 and 15 queries; 32 cannot, and
# prove says what works (it said "use fewer queries", whose proof verify
# rejects, for every trace under 128 rows).
"$z" stark prove fibonacci --steps 64 -q -o "$dir/r64.bin" >"$dir/out" 2>&1 || fail "prove 64 rows: $(cat "$dir/out")"
"$z" stark verify "$dir/r64.bin" >/dev/null 2>&1 || fail "plain verify refuses plain prove's 64-row proof"
"$z" stark prove fibonacci --steps 32 -q -o "$dir/r32.bin" >"$dir/out" 2>&1; rc=$?
[ "$rc" = 2 ] && [ "$(wc -l <"$dir/out")" = 1 ] && [ ! -e "$dir/r32.bin" ] || fail "prove 32 rows: exit $rc: $(cat "$dir/out")"
grep -q "32 rows are too few for 100 bits with zero knowledge.*use --steps 64 or more, or --no-zk (103 bits at 32 rows" "$dir/out" ||
  fail "prove 32 rows does not say what works: $(cat "$dir/out")"
"$z" stark prove fibonacci --steps 4 --no-zk -q -o "$dir/r4.bin" >/dev/null 2>&1 || fail "prove 4 rows --no-zk"
"$z" stark verify "$dir/r4.bin" >/dev/null 2>&1 || fail "plain verify refuses a 4-row --no-zk proof"
"$z" stark help | grep -q ">= 64 for verify's 100 bits with zero knowledge" || fail "help hides the minimum"

# The verifier decides the level it accepts, from the proof's parameters:
# an honest proof with blowup 2, 1 query and no grinding is refused (1, one
# line naming the level and the minimum) unless --min-bits lowers it.
"$z" stark prove fibonacci --queries 1 --grinding 0 --blowup 2 -q -o "$dir/w.bin" \
  >"$dir/out" 2>&1 || { cat "$dir/out"; fail "weak prove exit $?"; }
grep -q "below the 100 bits 'zkcave stark verify' asks for" "$dir/out" || fail "prove does not warn"
out=$("$z" stark verify "$dir/w.bin" 2>&1); rc=$?
[ "$rc" = 1 ] || fail "weak proof: exit $rc, want 1 ($out)"
[ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || fail "weak proof: more than one line: $out"
printf '%s\n' "$out" | grep -q "give 0 bits of conjectured security, below the minimum of 100" \
  || fail "weak proof: no level and minimum: $out"
out=$("$z" stark verify --min-bits 0 "$dir/w.bin" 2>&1); rc=$?
[ "$rc" = 0 ] || fail "weak proof with --min-bits 0: exit $rc ($out)"
printf '%s\n' "$out" | grep -q "(minimum 0, lowered by --min-bits)" || fail "no lowered minimum: $out"
"$z" stark verify "$dir/w.bin" --min-bits 129 >/dev/null 2>&1; [ $? = 2 ] || fail "--min-bits 129"
"$z" stark verify "$dir/w.bin" --min-bits >/dev/null 2>&1; [ $? = 2 ] || fail "--min-bits alone"

# 3 queries and 20 grinding bits: 7 bits conjectured, 22 / 24 proven, since
# grinding counts toward the conjectured level only from 80 query bits; both
# commands say so.
"$z" stark prove fibonacci --queries 3 -q -o "$dir/g.bin" >"$dir/out" 2>&1 || fail "prove -q 3"
grep -q "^security: 7 bits conjectured.*proven 22 (unique decoding) / 24" "$dir/out" \
  || fail "3 queries: $(grep security "$dir/out")"
grep -q "grinding not counted below 80 bits" "$dir/out" || fail "prove hides the grinding rule"
out=$("$z" stark verify --min-bits 7 "$dir/g.bin" 2>&1) || fail "--min-bits 7: $out"
printf '%s\n' "$out" | grep -q "grinding not counted below 80 bits" || fail "verify hides the rule: $out"
"$z" stark verify --min-bits 8 "$dir/g.bin" >/dev/null 2>&1; [ $? = 1 ] || fail "--min-bits 8"

# Every parameter the proof states is checked against the verifier's own
# ranges and the shape they imply: out of range or inconsistent is malformed
# (2), whatever the minimum. In this header (fibonacci: magic 8, version 2,
# name 1 + 9, params 1 + 8, public 1 + 8) the trace length is at byte 22 and
# the options start at 38: log2 blowup, queries, grinding, log2 folding,
# u32 FRI remainder target, zero knowledge, then the recorded security.
poke() { # file offset byte
  cp "$dir/w.bin" "$dir/m.bin"
  printf "\\x$(printf %02x "$3")" | dd of="$dir/m.bin" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
for case in "38 0 blowup 1" "38 7 blowup 128" "39 0 no queries" "39 201 201 queries" \
            "40 33 33 grinding bits" "41 0 folding 1" "41 5 folding 32" "41 1 other folding" \
            "42 0 remainder 0" "44 255 remainder 2^24" "46 2 zero knowledge 2" \
            "47 127 claims 127 bits" "48 99 claims proven 99" \
            "23 8 trace of 2048 rows" "22 3 trace of 1027 rows" "26 1 trace of 2^32 rows"; do
  set -- $case
  poke "$dir/w.bin" "$1" "$2"
  out=$("$z" stark verify --min-bits 0 "$dir/m.bin" 2>&1); rc=$?
  [ "$rc" = 2 ] || fail "${*:3}: exit $rc, want 2 ($out)"
  [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || fail "${*:3}: more than one line: $out"
done

# Options that ask for a huge FRI remainder (2^23 rows, folding 16, remainder
# target 2^20: 2^23 coefficients, 128 MiB) in a 199-byte file: refused as
# malformed before anything is allocated for data that is not there (with
# a 32 MiB allocation cap an allocation would show as "out of memory").
{ printf 'ZKSTARK\0\001\000\011fibonacci\001\000\000\200\000\000\000\000\000'
  printf '\001\005\000\000\000\000\000\000\000\001\001\000\004\000\000\020\000\000'
  head -c 148 /dev/zero   # recorded security, two roots, out-of-domain values, 0 FRI layers
  printf '\000\000\200\000'; } >"$dir/rem.bin"
out=$(ASAN_OPTIONS="${ASAN_OPTIONS:-}:max_allocation_size_mb=32:allocator_may_return_null=1" \
      "$z" stark verify "$dir/rem.bin" 2>&1); rc=$?
[ "$rc" = 2 ] || fail "huge remainder: exit $rc, want 2 ($out)"
printf '%s\n' "$out" | grep -q "malformed proof (malformed file)$" || fail "huge remainder: $out"

# Text from a proof reaches the terminal escaped: an AIR name that would
# set the window title, clear the screen and send a C1 CSI.
{ printf 'ZKSTARK\0\001\000\020'
  printf '\033]0;pwned\007\033[2J\233x'
  printf '\000\000\003\034\024\003\040\000\000\000\001\144\052\074'; } >"$dir/esc.bin"
out=$("$z" stark verify "$dir/esc.bin" 2>&1); rc=$?
[ "$rc" = 2 ] || fail "crafted name: exit $rc, want 2"
printf '%s' "$out" | LC_ALL=C grep -q "[[:cntrl:]]" && fail "crafted name: control bytes reach the terminal"
printf '%s' "$out" | LC_ALL=C grep -q $'\x9b' && fail "crafted name: C1 CSI reaches the terminal"
printf '%s\n' "$out" | grep -qF "'\x1b]0;pwned\x07\x1b[2J\x9bx'" || fail "crafted name not shown escaped: $out"

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

# The CNN's first slice on a digit: hundreds of public values through the
# public-input column, shown by count; a flipped byte in its fixed-column
# opening or anywhere else is invalid (1); a channel count out of range is
# bad usage (2).
"$z" stark prove cnn-conv1 --channels 1 -q -o "$dir/c.bin" >"$dir/out" 2>&1 || fail "prove cnn-conv1: $(cat "$dir/out")"
grep -q "^public: 795 values (in the public-input column)" "$dir/out" || fail "cnn-conv1's statement: $(cat "$dir/out")"
out=$("$z" stark verify "$dir/c.bin" 2>&1) || fail "verify cnn-conv1: $out"
printf '%s\n' "$out" | grep -qx "statement: cnn-conv1(channels = 1, shift = 5, sign bits = 9)" ||
  fail "cnn-conv1's statement shape: $out"
size=$(stat -c %s "$dir/c.bin")
for at in $((size / 3)) $((size / 2)) $((size - 100)); do
  cp "$dir/c.bin" "$dir/cx.bin"
  printf '\x5a' | dd of="$dir/cx.bin" bs=1 seek=$at conv=notrunc 2>/dev/null
  cmp -s "$dir/c.bin" "$dir/cx.bin" && continue
  "$z" stark verify "$dir/cx.bin" >/dev/null 2>&1; rc=$?
  [ "$rc" = 1 ] || [ "$rc" = 2 ] || fail "cnn-conv1 byte $at flipped: exit $rc"
done
"$z" stark prove cnn-conv1 --channels 17 -o "$dir/n.bin" >/dev/null 2>&1; [ $? = 2 ] || fail "--channels 17"

# Bad usage (2), and a witness that breaks its constraints (1).
"$z" stark prove nosuchair -o "$dir/n.bin" >/dev/null 2>&1; [ $? = 2 ] || fail "unknown AIR"
"$z" stark prove poseidon-chain --blowup 2 -o "$dir/n.bin" >/dev/null 2>&1; [ $? = 2 ] || fail "blowup 2"
"$z" stark prove range-check --steps 64 --bits 7 -o "$dir/n.bin" >/dev/null 2>&1; [ $? = 2 ] || fail "2^bits > steps"
echo "ok"
