#!/usr/bin/env bash
# Runs every test against one build directory, lists what was skipped and
# why, and ends with the line "N passed, M failed, K skipped" (exit status 1
# when M > 0).
#
#   tests/run.sh build/asan
#
# Unit tests are cmocka programs (build/asan/tests/test_*) speaking TAP.
# Screen tests (tests/screen/*.sh) drive the real program in tmux, and
# interop tests (tests/interop/*.sh) hold it against circom2 and snarkjs;
# each script is one test. How passes, failures and skips (each with the
# reason the test gave) are counted is in tests/support/tap.bash, which
# tests/screen/run_sh.sh tests.
#
# Then the unit programs that reach every kernel family (PORTABLE_UNITS) run
# again under ZKCAVE_KERNEL=portable, so the portable C kernels stay tested
# on machines whose CPU would never choose them. PORTABLE_PASS=0 leaves it
# out. ZKCAVE_CPU_MASK=avx512f (see src/core/cpu.h) runs the whole suite as
# an AVX2-only CPU would.
set -u

# Programs whose tests go through the field, curve/MSM, Goldilocks, NN GEMM,
# STARK and Groth16 code: about a minute under ZKCAVE_KERNEL=portable.
PORTABLE_UNITS="test_fq2 test_fq12 test_mont52x8 test_goldilocks test_poly test_g1 test_g2 test_glv
  test_ptau_prepare
  test_fixed_base test_msm test_pairing test_nn_quant test_stark test_stark101 test_groth16
  test_snark_kzg"

source "$(dirname "${BASH_SOURCE[0]}")/support/tap.bash"

main() {
  build=${1:-build/asan}
  local here
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  cd "$here" || exit 2

  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/tests/lsan.supp:print_suppressions=0}

  logdir=$(mktemp -d)
  trap 'rm -rf "$logdir"' EXIT

  shopt -s nullglob
  local units=("$build"/tests/test_*) scripts=(tests/screen/*.sh tests/interop/*.sh) t s
  if [ ${#units[@]} -eq 0 ]; then
    echo "no test programs in $build/tests; build them with 'make test'" >&2
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
  fi
  [ -n "${ZKCAVE_CPU_MASK:-}" ] && echo "# as a CPU without: $ZKCAVE_CPU_MASK (ZKCAVE_CPU_MASK)"
  for t in "${units[@]}"; do [ -x "$t" ] && run_unit "$t"; done
  for s in "${scripts[@]}"; do run_script "$s"; done
  if [ "${PORTABLE_PASS:-1}" != 0 ] && [ "${ZKCAVE_KERNEL:-}" != portable ]; then
    echo "# again with ZKCAVE_KERNEL=portable:"
    export ZKCAVE_KERNEL=portable
    for t in $PORTABLE_UNITS; do
      [ -x "$build/tests/$t" ] || { echo "$t: missing"; failed=$((failed + 1)); continue; }
      run_unit "$build/tests/$t" "$t/portable"
    done
  fi
  summary
  [ "$failed" -eq 0 ]
}

main "$@"
