#!/usr/bin/env bash
# Mutation fuzzing of the CLI's file readers through the ASan build.
#
#   tests/fuzz/mutate.sh ZKCAVE SEEDDIR COUNT [TARGET...]
#
# SEEDDIR holds valid files: tests/fixtures/harden has them all but a PNG
# (d.png, dp.png: copy two from assets/digits), multiplier.zkwc and in.json
# (zkcave circuit compile/witness of circuits/lessons/multiplier.circom) and
# progress.json (a small valid one, see src/lesson/progress.h), p0.ptau
# (unprepared) and settings.json (zkcave mnist calibrate). Each target
# mutates one of them COUNT times (tests/support/zk_mutate.c, seeded) and
# runs one command on the result under a timeout, with one thread. A
# finding is a sanitizer report, a signal, a timeout, an exit code outside
# 0/1/2, or exit 2 without exactly one "zkcave:" line; its input is kept as
# $FINDINGS/TARGET-SEED (default ./findings) and its stderr in $FINDINGS/log.
# SEED_BASE=N shifts the seeds for a fresh sample. Not part of `make test`
# (it takes minutes); run it under nice after changing a reader.
set -u
zk=$1 seeds=$2 count=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mut=${MUTATE:-$root/build/fuzz/mutate}
if [ -z "${MUTATE:-}" ]; then
  mkdir -p "$root/build/fuzz"
  ${CC:-gcc} -std=c17 -O2 -Wall -Wextra -Werror -I"$root/tests/support" -o "$mut" \
    "$here/mutate.c" "$root/tests/support/zk_mutate.c" || exit 2
fi
out=${FINDINGS:-findings}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=halt_on_error=1:exitcode=98:print_stacktrace=1
export ZKCAVE_THREADS=1

# target NAME: sets seed file and the command (X stands for the mutant).
target() {
  case $1 in
    r1cs-info)      seed=multiplier.r1cs; cmd=(circuit info X) ;;
    r1cs-zkeyver)   seed=multiplier.r1cs; cmd=(zkey verify X S/p.ptau S/m.zkey) ;;
    wtns-prove)     seed=w.wtns;          cmd=(groth16 prove -q S/m.zkey X W/p.json W/u.json) ;;
    zkey-prove)     seed=m.zkey;          cmd=(groth16 prove -q X S/w.wtns W/p.json W/u.json) ;;
    zkey-verify)    seed=m.zkey;          cmd=(zkey verify S/multiplier.r1cs S/p.ptau X) ;;
    zkey-vk)        seed=m.zkey;          cmd=(zkey export-vk X W/vk.json) ;;
    ptau-verify)    seed=p.ptau;          cmd=(ptau verify -q X) ;;
    ptau-zkeyver)   seed=p.ptau;          cmd=(zkey verify S/multiplier.r1cs X S/m.zkey) ;;
    vk-verify)      seed=vk.json;         cmd=(groth16 verify -q X S/public.json S/proof.json) ;;
    proof-verify)   seed=proof.json;      cmd=(groth16 verify -q S/vk.json S/public.json X) ;;
    public-verify)  seed=public.json;     cmd=(groth16 verify -q S/vk.json X S/proof.json) ;;
    stark-verify)   seed=proof.bin;       cmd=(stark verify X) ;;
    png-predict)    seed=d.png;           cmd=(mnist predict X) ;;
    png-palette)    seed=dp.png;          cmd=(mnist predict X) ;;
    input-witness)  seed=in.json;         cmd=(circuit witness S/multiplier.zkwc X W/w.wtns) ;;
    zkwc-witness)   seed=multiplier.zkwc; cmd=(circuit witness X S/in.json W/w.wtns) ;;
    progress-check) seed=progress.json;   cmd=(check) ;;
    settings)       seed=settings.json;   cmd=(mnist predict S/d.png --settings X) ;;
    r1cs-setup)     seed=multiplier.r1cs; cmd=(groth16 setup X S/p.ptau W/k.zkey) ;;
    ptau-setup)     seed=p.ptau;          cmd=(groth16 setup S/multiplier.r1cs X W/k.zkey) ;;
    ptau-prepare)   seed=p0.ptau;         cmd=(ptau prepare -q X W/q.ptau) ;;
    *) echo "unknown target $1" >&2; exit 2 ;;
  esac
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(r1cs-info wtns-prove zkey-prove zkey-verify zkey-vk ptau-verify
  vk-verify proof-verify public-verify stark-verify png-predict png-palette progress-check)
findings=0
for t in "${targets[@]}"; do
  target "$t"
  n_ok=0 n_bad=0
  for ((i = 1; i <= count; i++)); do
    s=$((i * 7919 + ${#t} * 104729 + ${SEED_BASE:-0}))
    m="$work/$t.mut"
    "$mut" "$seeds/$seed" "$m" "$s" || continue
    args=()
    for a in "${cmd[@]}"; do
      a=${a/#S\//$seeds/}
      a=${a/#W\//$work/}
      [ "$a" = X ] && a=$m
      args+=("$a")
    done
    if [ "$t" = progress-check ]; then
      mkdir -p "$work/state/zkcave"
      cp "$m" "$work/state/zkcave/progress.json"
      XDG_STATE_HOME=$work/state timeout 20 "$zk" "${args[@]}" >"$work/o" 2>"$work/e" </dev/null
    else
      timeout 20 "$zk" "${args[@]}" >"$work/o" 2>"$work/e" </dev/null
    fi
    rc=$?
    why=
    if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error' "$work/e"; then why=sanitizer
    elif [ $rc -eq 124 ]; then why=timeout
    elif [ $rc -gt 2 ]; then why="exit $rc"
    elif [ $rc -eq 2 ] && [ "$(grep -c '^zkcave:' "$work/e")" -ne 1 ]; then why="message"
    fi
    if [ -n "$why" ]; then
      n_bad=$((n_bad + 1))
      cp "$m" "$out/$t-$s"
      { echo "== $t seed $s: $why (rc $rc)"; head -c 3000 "$work/e"; echo; } >>"$out/log"
    else
      n_ok=$((n_ok + 1))
      echo "$rc" >>"$work/$t.rcs"
    fi
  done
  printf '%-16s %5d ok %4d findings  exits: %s\n' "$t" "$n_ok" "$n_bad" \
    "$(sort "$work/$t.rcs" 2>/dev/null | uniq -c | tr -s ' \n' ' ')"
  findings=$((findings + n_bad))
done
echo "$findings findings"
[ "$findings" -eq 0 ]
