#!/usr/bin/env bash
# A command killed while it writes leaves no temporary behind (issue 13's
# review: SIGTERM during `ptau prepare` left a 12 MB b15p.ptau.tmp.1552 for
# good). SIGTERM, SIGINT and SIGHUP remove the staged temporaries and end the
# program by the same signal; what SIGKILL leaves is swept the next time that
# output is staged, and so are device outputs' temporaries in $TMPDIR.
set -u
build=${1:-build/asan}
z="$build/zkcave"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# Job control: a background job of a script otherwise ignores SIGINT.
set -m

"$z" ptau new 10 "$dir/p.ptau" --contribute -q >/dev/null 2>&1 || fail "ptau new"

# kill_prepare SIG: prepare (seconds of work) once its temporary exists.
kill_prepare() {
  local sig=$1 pid rc
  "$z" ptau prepare -q "$dir/p.ptau" "$dir/out.ptau" >/dev/null 2>"$dir/err" &
  pid=$!
  for _ in $(seq 1 200); do
    compgen -G "$dir/out.ptau.tmp.*" >/dev/null && break
    sleep 0.05
  done
  compgen -G "$dir/out.ptau.tmp.*" >/dev/null || fail "SIG$sig: no temporary appeared"
  kill -"$sig" "$pid"
  wait "$pid"
  rc=$?
  echo "$rc"
}

for sig in TERM INT HUP; do
  rc=$(kill_prepare $sig)
  want=$((128 + $(kill -l $sig)))
  [ "$rc" = "$want" ] || fail "SIG$sig: exit $rc, want $want (ended by the signal)"
  ! compgen -G "$dir/out.ptau*" >/dev/null || fail "SIG$sig left $(ls "$dir" | grep out.ptau)"
done

# SIGKILL cannot be caught: its temporary stays until out.ptau is staged
# again (here by a quick command), when the dead process's is swept; a live
# process's is kept.
rc=$(kill_prepare KILL)
[ "$rc" = 137 ] || fail "SIGKILL: exit $rc"
compgen -G "$dir/out.ptau.tmp.*" >/dev/null || fail "SIGKILL left nothing to sweep"
sleep 60 &
live=$!
: >"$dir/out.ptau.tmp.$live"
: >"$dir/out.ptau.tmp.$live.2"
"$z" zkey export-vk tests/fixtures/harden/m.zkey "$dir/out.ptau" 2>"$dir/err" || fail "stage out.ptau again: $(cat "$dir/err")"
left=$(cd "$dir" && ls | grep '^out\.ptau\.tmp' | sort | tr '\n' ' ')
[ "$left" = "out.ptau.tmp.$live out.ptau.tmp.$live.2 " ] || fail "after the sweep: $left"
kill "$live" 2>/dev/null
wait "$live" 2>/dev/null

# A device output's temporary lives in $TMPDIR: a dead process's is swept.
mkdir "$dir/tmp"
sh -c 'exit 0' &
dead=$!
wait "$dead"
: >"$dir/tmp/zkcave-out.$dead.0.tmp"
: >"$dir/tmp/zkcave-out.$$.0.tmp"
: >"$dir/tmp/zkcave-out.$dead.0.tmp.keep"
TMPDIR="$dir/tmp" "$z" zkey export-vk tests/fixtures/harden/m.zkey /dev/null 2>"$dir/err" || fail "export-vk to /dev/null: $(cat "$dir/err")"
left=$(ls "$dir/tmp" | sort | tr '\n' ' ')
[ "$left" = "zkcave-out.$$.0.tmp zkcave-out.$dead.0.tmp.keep " ] || fail "device temporaries after the sweep: $left"
echo "killed commands: no temporary left"
