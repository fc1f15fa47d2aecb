#!/usr/bin/env bash
# The README's Groth16 examples, run as a reader would paste them: every
# line of the two ```sh blocks after "Groth16 on BN254" in a fresh
# directory, with ./zkcave the program under test and circuits/ the
# repository's. Only the ceremony's power is lowered (12 to 8) to keep the
# run short under the sanitizers. Each command must succeed, the proof
# must verify, and no command on this honest path may warn.
set -u
build=${1:-build/asan}
root=$(cd "$(dirname "$0")/../.." && pwd)
case "$build" in /*) ;; *) build="$root/$build" ;; esac
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# The two blocks: from the paragraph that opens the section to the line
# about ceremonies nobody contributed to.
awk '/^Groth16 on BN254/ {on = 1} /^A ceremony nobody contributed to/ {on = 0}
     on && /^```/ {inblock = !inblock; next} on && inblock' "$root/README.md" >"$dir/commands"
[ "$(grep -c '^\./zkcave' "$dir/commands")" -ge 15 ] ||
  fail "the README's Groth16 commands were not found: $(cat "$dir/commands")"
grep -q 'ptau new 12 pot.ptau --contribute' "$dir/commands" || fail "no one-command ceremony"

ln -s "$build/zkcave" "$dir/zkcave"
ln -s "$root/circuits" "$dir/circuits"
cd "$dir" || exit 1
n=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  n=$((n + 1))
  cmd=${line//ptau new 12/ptau new 8}
  timeout 60 bash -c "$cmd" >"out.$n" 2>"err.$n" </dev/null
  rc=$?
  [ "$rc" = 0 ] || fail "README line $n exited $rc: $line: $(cat "err.$n")"
  ! grep -qE 'WARNING|Sanitizer|runtime error' "err.$n" || fail "README line $n: $line: $(cat "err.$n")"
  case "$line" in
    *"groth16 verify"*) grep -q "OK: the proof is valid" "out.$n" || fail "no OK from: $line" ;;
  esac
done <commands
# The ceremony named for the CNN's 2^22 domain: setup refuses one of exactly
# the domain's size above 2^14 (the key's hash, as snarkjs computes it,
# reads powers of tau up to twice the domain), and the README named
# powersOfTau28_hez_final_22.
grep -o 'hez_final_[0-9]*' "$root/README.md" >"$dir/named" || fail "the README names no Hermez ceremony"
while IFS= read -r c; do
  [ "${c#hez_final_}" -ge 23 ] || fail "the README names $c for a 2^22 domain: setup refuses it"
done <"$dir/named"
echo "README Groth16 examples: $n commands run"
