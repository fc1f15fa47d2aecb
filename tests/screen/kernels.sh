#!/usr/bin/env bash
# The program reports the kernels it chose: the fast ones when /proc/cpuinfo
# shows the CPU has them, and only portable C under ZKCAVE_KERNEL=portable.
set -u
build=${1:-build/asan}
bin=$build/zkcave
out=$(ZKCAVE_KERNEL=portable "$bin" version) || { echo "version failed"; exit 1; }
echo "$out" | grep -q "kernels: mont256=portable goldilocks=portable mont52x8=portable" ||
  { echo "ZKCAVE_KERNEL=portable not honoured: $out"; exit 1; }
out=$("$bin" version)
if grep -qw adx /proc/cpuinfo 2>/dev/null && grep -qw bmi2 /proc/cpuinfo; then
  echo "$out" | grep -q "mont256=adx" || { echo "ADX CPU but: $out"; exit 1; }
fi
if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
  echo "$out" | grep -q "goldilocks=avx512" || { echo "AVX-512 CPU but: $out"; exit 1; }
fi
if grep -qw avx512ifma /proc/cpuinfo 2>/dev/null && grep -qw avx512f /proc/cpuinfo; then
  echo "$out" | grep -q "mont52x8=ifma" || { echo "AVX-512 IFMA CPU but: $out"; exit 1; }
fi
echo "kernels: ok"
