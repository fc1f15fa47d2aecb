#!/usr/bin/env bash
# The program reports the kernels it chose: the fast ones when /proc/cpuinfo
# shows the CPU has them (less what ZKCAVE_CPU_MASK turns off), and only
# portable C under ZKCAVE_KERNEL=portable. ZKCAVE_CPU_MASK makes this
# machine choose as a smaller one would, and refuses a feature it does not
# know rather than test the wrong machine.
set -u
build=${1:-build/asan}
bin=$build/zkcave
out=$(ZKCAVE_KERNEL=portable "$bin" version) || { echo "version failed"; exit 1; }
echo "$out" | grep -q "kernels: mont256=portable goldilocks=portable mont52x8=portable" ||
  { echo "ZKCAVE_KERNEL=portable not honoured: $out"; exit 1; }

# has FLAG: the CPU has it and the mask in force (shown by version) leaves it.
out=$(env -u ZKCAVE_KERNEL "$bin" version) || { echo "version failed"; exit 1; }
masked=$(echo "$out" | sed -n 's/^masked: \(.*\) (ZKCAVE_CPU_MASK)$/\1/p')
has() {
  grep -qw "$1" /proc/cpuinfo 2>/dev/null && ! [[ " $masked " == *" $1 "* ]]
}
if has adx && has bmi2; then
  echo "$out" | grep -q "mont256=adx" || { echo "ADX CPU but: $out"; exit 1; }
fi
if has avx512f; then
  echo "$out" | grep -q "goldilocks=avx512" || { echo "AVX-512 CPU but: $out"; exit 1; }
fi
if has avx512ifma && has avx512f; then
  echo "$out" | grep -q "mont52x8=ifma" || { echo "AVX-512 IFMA CPU but: $out"; exit 1; }
fi

# An AVX2-only CPU without ADX, as ZKCAVE_CPU_MASK describes it: IFMA goes
# with AVX-512F, and nothing fast that the mask names is chosen.
out=$(env -u ZKCAVE_KERNEL ZKCAVE_CPU_MASK="avx512f, adx" "$bin" version) ||
  { echo "version with a mask failed"; exit 1; }
echo "$out" | grep -qx "masked: adx avx512f avx512ifma (ZKCAVE_CPU_MASK)" ||
  { echo "mask not reported: $out"; exit 1; }
want=portable
grep -qw avx2 /proc/cpuinfo 2>/dev/null && want=avx2
echo "$out" | grep -q "kernels: mont256=x86-64 goldilocks=$want mont52x8=portable" ||
  { echo "ZKCAVE_CPU_MASK=avx512f,adx not honoured: $out"; exit 1; }
out=$(env -u ZKCAVE_KERNEL ZKCAVE_CPU_MASK=avx2 "$bin" version)
echo "$out" | grep -q "goldilocks=portable mont52x8=portable" ||
  { echo "ZKCAVE_CPU_MASK=avx2 left AVX-512 on: $out"; exit 1; }

# A feature the mask does not know is a usage error, in one line.
err=$(ZKCAVE_CPU_MASK=avx513 "$bin" version 2>&1 >/dev/null)
rc=$?
[ "$rc" -eq 2 ] || { echo "unknown mask feature: exit $rc, want 2"; exit 1; }
[ "$(echo "$err" | wc -l)" -eq 1 ] && echo "$err" | grep -q "'avx513'" ||
  { echo "unknown mask feature: $err"; exit 1; }
echo "kernels: ok"
