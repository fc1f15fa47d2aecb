#!/usr/bin/env bash
# The constant-time claims, checked (src/core/ctime.h):
#  1. build/ctime/tests/test_ctime under valgrind's memcheck: secrets marked
#     undefined, no conditional jump or address may depend on them, and the
#     answers must match the variable-time twins;
#  2. the same harness with one deliberate branch on a secret must fail,
#     or the check above proves nothing;
#  3. the assembly kernels valgrind cannot run (it hides ADX and AVX-512
#     from the program) read from their disassembly: the BN254 field
#     routines have no conditional jump and no indexed address.
# Skipped, with the reason, where valgrind or its headers are absent
# (scripts/install-deps.sh installs them).
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$here" || exit 2
bin=build/ctime/tests/test_ctime

command -v valgrind >/dev/null 2>&1 || { echo "SKIP: valgrind is not installed"; exit 0; }
[ -x "$bin" ] || { echo "SKIP: $bin not built (valgrind's headers are missing)"; exit 0; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# 1. Single-threaded: valgrind runs threads one at a time anyway.
ZKCAVE_THREADS=1 valgrind -q --error-exitcode=42 "$bin" >"$log" 2>&1
rc=$?
sed -n 's/^ctime: kernels checked: /checked under valgrind with kernels: /p' "$log"
if [ $rc -ne 0 ]; then
  echo "constant-time check failed (exit $rc):"
  grep -E "^==[0-9]+== +(at|by) |depends on|uninitialised|WRONG" "$log" | head -40
  exit 1
fi

# 2. The harness sees a branch on a secret.
ZKCAVE_THREADS=1 valgrind -q --error-exitcode=42 "$bin" --leak-demo >"$log" 2>&1
rc=$?
if [ $rc -ne 42 ] || ! grep -q "leak_demo" "$log"; then
  echo "the deliberate branch on a secret was not reported (exit $rc): the check is blind"
  head -20 "$log"
  exit 1
fi

# 3. The assembly: every routine of these objects is claimed constant-time.
[ "$(uname -m)" = x86_64 ] || exit 0
command -v objdump >/dev/null 2>&1 || { echo "SKIP: objdump is not installed (binutils)"; exit 0; }
bad=0
for obj in build/ctime/src/field/mont256_x86_64.o build/ctime/src/curve/fq2_x86_64.o \
           build/ctime/src/field/mont52x8_x86_64.o; do
  [ -f "$obj" ] || { echo "missing $obj"; bad=1; continue; }
  # "func: insn" for every conditional jump and every (base,index) address.
  found=$(objdump -d --no-show-raw-insn "$obj" | awk '
    /^[0-9a-f]+ <.*>:$/ { fn = $2; next }
    /^ *[0-9a-f]+:\t/ {
      insn = $0; sub(/^ *[0-9a-f]+:\t/, "", insn)
      if (insn ~ /nop/) next   # alignment padding
      if (insn ~ /^j[a-z]+ / && insn !~ /^jmp /) print fn, insn
      else if (insn ~ /\(%[a-z0-9]+,%[a-z0-9]+/) print fn, insn
    }')
  n=$(objdump -d "$obj" | grep -c '^[0-9a-f]* <')
  if [ -n "$found" ]; then
    echo "$obj: secret-dependent control flow or addressing possible:"
    echo "$found" | head -10
    bad=1
  else
    echo "$obj: $n routines, no conditional jump, no indexed address"
  fi
done
exit $bad
