#!/usr/bin/env bash
# The debug build's assertions (ZK_VERIFY in src/core/ctime.h, `make debug`):
# build/debug/tests/verify — the field and curve layers built with ZK_DEBUG —
# runs correct arithmetic without tripping any, and aborts with the
# invariant named when an element is not reduced, a point is off the curve,
# or a Goldilocks value is not canonical.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$here" || exit 2
bin=build/debug/tests/verify
[ -x "$bin" ] || { echo "$bin not built (make test builds it)"; exit 1; }
export ASAN_OPTIONS=abort_on_error=0:detect_leaks=0

out=$("$bin" 2>&1) || { echo "correct use tripped an assertion:"; echo "$out" | head; exit 1; }
echo "$out" | grep -q "every invariant held" || { echo "unexpected: $out"; exit 1; }

expect_abort() {   # mode, the condition's text
  local out rc
  out=$("$bin" "$1" 2>&1)
  rc=$?
  if [ $rc -eq 0 ] || ! echo "$out" | grep -q "zkcave: invariant failed at .*$2"; then
    echo "$1: not caught (exit $rc): $out" | head -5
    return 1
  fi
  echo "$1: caught: $(echo "$out" | grep -m1 'invariant failed')"
}
expect_abort unreduced "mont256_reduced" || exit 1
expect_abort offcurve "is_on_curve" || exit 1
expect_abort goldilocks "GL_P" || exit 1
