#!/usr/bin/env bash
# zkcave against circom2 on the same sources (tests/interop/circuits, using
# the circuits/ library) at --O0, --O1 and --O2:
#  * at --O0 and --O1 both give the same numbers of non-linear and linear
#    constraints, wires, labels, public and private inputs and outputs, and
#    map every signal to the same wire (their .sym files agree);
#  * at --O2 the same number of non-linear constraints;
#  * at --O0, for the circuits with inputs (tests/interop/inputs), zkcave's
#    .wtns satisfies circom's .r1cs and circom's witness (its wasm run by
#    snarkjs) satisfies zkcave's, both by `snarkjs wtns check`, the two are
#    byte for byte equal, and snarkjs reads zkcave's .r1cs.
. "$(dirname "$0")/lib.bash"
need_tools

# circom2 is slow WebAssembly: run two at a time (the machine has 2 cores).
jobs_running=0
run_circom() {
  local src=$1 level=$2 dir=$3 extra=()
  [ "$level" = O0 ] && extra=(--wasm)
  mkdir -p "$dir/theirs"
  ( "$CIRCOM" "$src" --r1cs --sym "${extra[@]}" "--$level" -l "$ROOT/circuits" -o "$dir/theirs" \
      >"$dir/theirs.txt" 2>&1 || echo failed >"$dir/theirs.failed" ) &
  jobs_running=$((jobs_running + 1))
  if [ "$jobs_running" -ge 2 ]; then
    wait -n
    jobs_running=$((jobs_running - 1))
  fi
}

cases=()
for src in "$INTEROP"/circuits/*.circom; do
  name=$(basename "$src" .circom)
  for level in O0 O1 O2; do
    dir="$WORK/$name-$level"
    mkdir -p "$dir/ours"
    "$ZKCAVE" circuit compile "$src" -o "$dir/ours" "--$level" -l "$ROOT/circuits" >"$dir/ours.txt" 2>&1 ||
      fail "zkcave could not compile $name at --$level: $(cat "$dir/ours.txt")"
    run_circom "$src" "$level" "$dir"
    cases+=("$name $level")
  done
done
wait

n=0
for c in "${cases[@]}"; do
  read -r name level <<<"$c"
  dir="$WORK/$name-$level"
  [ -f "$dir/theirs.failed" ] && fail "circom2 could not compile $name at --$level: $(cat "$dir/theirs.txt")"
  read -r a_nl a_l a_pi a_pr a_po a_w a_lb < <(counts "$dir/ours.txt")
  read -r b_nl b_l b_pi b_pr b_po b_w b_lb < <(counts "$dir/theirs.txt")
  if [ "$level" = O2 ]; then
    [ "$a_nl" = "$b_nl" ] || fail "$name --O2: $a_nl non-linear constraints, circom2 has $b_nl"
  else
    [ "$a_nl $a_l $a_pi $a_pr $a_po $a_w $a_lb" = "$b_nl $b_l $b_pi $b_pr $b_po $b_w $b_lb" ] ||
      fail "$name --$level: zkcave has '$a_nl $a_l $a_pi $a_pr $a_po $a_w $a_lb', circom2 '$b_nl $b_l $b_pi $b_pr $b_po $b_w $b_lb' (non-linear linear public-in private-in outputs wires labels)"
    cmp -s <(cut -d, -f1,2,4 "$dir/ours/$name.sym") <(cut -d, -f1,2,4 "$dir/theirs/$name.sym") ||
      fail "$name --$level: the .sym files map signals to different wires"
  fi
  n=$((n + 1))
done
[ "$n" -ge 30 ] || fail "only $n comparisons ran"
echo "$n compilations agree with circom2"

dirs=()
for input in "$INTEROP"/inputs/*.json; do
  name=$(basename "$input" .json)
  dir="$WORK/$name-O0"
  [ -d "$dir" ] || fail "no circuit for inputs $input"
  cp "$input" "$dir/input.json"
  "$ZKCAVE" circuit witness "$dir/ours" "$input" "$dir/ours.wtns" >"$dir/w.txt" 2>&1 ||
    fail "zkcave witness for $name: $(cat "$dir/w.txt")"
  dirs+=("$dir")
done
[ "${#dirs[@]}" -ge 10 ] || fail "only ${#dirs[@]} circuits have inputs"
(cd "$INTEROP" && node check_witness.mjs "${dirs[@]}") >"$WORK/check.txt" 2>&1 ||
  fail "witness cross-checks: $(cat "$WORK/check.txt")"
[ "$(grep -c '^ok ' "$WORK/check.txt")" = "${#dirs[@]}" ] || fail "witness cross-checks: $(cat "$WORK/check.txt")"
echo "${#dirs[@]} witnesses cross-check with circom's"
