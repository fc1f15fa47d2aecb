# Helpers for the interop tests (tests/interop/*.sh): they compare zkcave
# with circom2 and snarkjs, installed here from package-lock.json by
# `scripts/install-deps.sh --interop` (which `make test` runs).
#
# Without node or the packages the tests fail under CI=true and are skipped,
# with the reason, elsewhere.
set -u
INTEROP=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$INTEROP/../.." && pwd)
BUILD=${1:-build/asan}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
ZKCAVE="$BUILD/zkcave"
CIRCOM="$INTEROP/node_modules/.bin/circom2"
SNARKJS="$INTEROP/node_modules/.bin/snarkjs"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# snarkjs_ok LOG: snarkjs reports success with an "OK" line and no error.
snarkjs_ok() { grep -qiE "OK!|Ok!" "$1" && ! grep -qE "\[ERROR\]|INVALID" "$1"; }

# expect CODE WHAT cmd...: the command exits with CODE and says something;
# what it printed (stdout and stderr) is in $WORK/out.txt.
expect() {
  local code=$1 what=$2
  shift 2
  "$@" >"$WORK/out.txt" 2>&1
  local rc=$?
  [ "$rc" = "$code" ] || fail "$what: exit $rc, expected $code: $(cat "$WORK/out.txt")"
  [ "$code" = 0 ] || [ -s "$WORK/out.txt" ] || fail "$what: no message"
}

need_tools() {
  local why=""
  command -v node >/dev/null 2>&1 || why="node is not installed"
  [ -z "$why" ] && [ ! -x "$CIRCOM" ] && why="circom2 is not installed in tests/interop (run scripts/install-deps.sh --interop)"
  [ -z "$why" ] && [ ! -x "$SNARKJS" ] && why="snarkjs is not installed in tests/interop (run scripts/install-deps.sh --interop)"
  [ -x "$ZKCAVE" ] || fail "no zkcave program at $ZKCAVE"
  if [ -n "$why" ]; then
    if [ "${CI:-}" = true ]; then
      fail "$why (interop tests must run in CI)"
    fi
    echo "SKIP: $why"
    exit 0
  fi
}

# counts FILE: "nonlinear linear pubin prvin pubout wires labels" from a
# compiler's statistics (zkcave's and circom's print the same lines).
counts() {
  sed 's/\x1b\[[0-9;]*m//g' "$1" | awk -F': ' '
    /^non-linear constraints:/ {nl=$2} /^linear constraints:/ {l=$2}
    /^public inputs:/ {pi=$2} /^private inputs:/ {split($2, a, " "); pr=a[1]}
    /^public outputs:/ {po=$2} /^wires:/ {w=$2} /^labels:/ {lb=$2}
    END {print nl, l, pi, pr, po, w, lb}'
}

# circom2 ARGS...: circom2 run from /. It is WebAssembly (WASI) and finds
# included files only through paths that need no '..' from its working
# directory, so give it absolute paths (a symlinked node_modules, as in a
# git worktree, otherwise loses circomlib's includes).
circom2() {
  (cd / && "$CIRCOM" "$@")
}

# compile_both CIRCUIT LEVEL DIR: compiles with zkcave into DIR/ours and
# with circom2 into DIR/theirs (r1cs, sym, and circom's wasm at --O0).
compile_both() {
  local src=$1 level=$2 dir=$3
  mkdir -p "$dir/ours" "$dir/theirs"
  "$ZKCAVE" circuit compile "$src" -o "$dir/ours" "--$level" -l "$ROOT/circuits" >"$dir/ours.txt" 2>&1 ||
    fail "zkcave could not compile $src at --$level: $(cat "$dir/ours.txt")"
  local extra=()
  [ "$level" = O0 ] && extra=(--wasm)
  "$CIRCOM" "$src" --r1cs --sym "${extra[@]}" "--$level" -l "$ROOT/circuits" -o "$dir/theirs" \
    >"$dir/theirs.txt" 2>&1 || fail "circom2 could not compile $src at --$level: $(cat "$dir/theirs.txt")"
}

# have_evm: solc and the in-process EVM are installed.
have_evm() { [ -d "$INTEROP/node_modules/solc" ] && [ -d "$INTEROP/node_modules/@ethereumjs/evm" ]; }

# evm_verify ZKEY PROOF GOOD BAD WHAT: ZKEY's Solidity verifier, run on the
# in-process EVM, accepts PROOF with the public signals GOOD and refuses it
# with BAD (WHAT names the change, for the message). Run in $WORK; the
# EVM's report (code size, deployment gas, each call's gas) is left in
# evm.err, and EVM_GAS is the accepted call's gas.
evm_verify() {
  "$ZKCAVE" zkey export solidityverifier "$1" verifier.sol || fail "export solidityverifier"
  "$ZKCAVE" zkey export soliditycalldata "$3" "$2" >good.txt || fail "calldata"
  "$ZKCAVE" zkey export soliditycalldata "$4" "$2" >bad.txt || fail "calldata, $5"
  (cd "$INTEROP" && node evm_verify.mjs --gas "$WORK/verifier.sol" "$WORK/good.txt" "$WORK/bad.txt") \
    >evm.txt 2>evm.err || fail "EVM: $(cat evm.err)"
  [ "$(tr '\n' ' ' <evm.txt)" = "true false " ] || fail "EVM says $(cat evm.txt) for good, $5"
  EVM_GAS=$(sed -n 's/^gas: \([0-9]*\) (.*good.txt)$/\1/p' evm.err)
  [ -n "$EVM_GAS" ] || fail "no gas figure: $(cat evm.err)"
}
