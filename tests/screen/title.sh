#!/usr/bin/env bash
# The workbench in a real terminal (tmux): it opens on the title screen with
# live checks, shows help on ?, says when the terminal is too small and
# recovers when it grows, drops colour under NO_COLOR, and q exits with 0.
set -u
build=${1:-build/asan}
bin=$(cd "$(dirname "$build/zkcave")" && pwd)/zkcave
. "$(dirname "$0")/../support/screen.bash"

screen_start 100 30 "$bin"
screen_wait "zero knowledge, by running it" || fail "title never appeared"
screen_has "✔ BN254 Fr" || fail "the Fr root-of-unity check is not shown as passing"
screen_has "✔ Goldilocks" || fail "the Goldilocks check is not shown as passing"
screen_has "q quit" || fail "the key line is missing"
screen_colors || fail "expected colour escapes with colours on"
screen_keys "?"
screen_wait "show or hide this help" || fail "? did not open help"
screen_keys "?"
screen_wait_gone "show or hide this help" || fail "? did not close help"
screen_keys q
screen_wait_exit || fail "q did not quit"
[ "$(screen_status)" = 0 ] || fail "exit status $(screen_status), want 0"

# Too small, then resized back.
screen_start 60 15 "$bin"
screen_wait "needs at least 80x24" || fail "no too-small message at 60x15"
screen_resize 100 30
screen_wait "zero knowledge, by running it" || fail "title did not come back after resize"
screen_keys q
screen_wait_exit || fail "q did not quit from the resized screen"

# NO_COLOR: same text, no colour escapes.
NO_COLOR=1 screen_start 100 30 "$bin"
screen_wait "zero knowledge, by running it" || fail "title missing under NO_COLOR"
screen_colors && fail "colour escapes under NO_COLOR"
screen_keys q
screen_wait_exit || fail "q did not quit under NO_COLOR"

# Not a terminal: a one-line error and exit 2, no hang.
out=$("$bin" </dev/null 2>&1 >/dev/null); rc=$?
[ "$rc" = 2 ] || fail "without a terminal: exit $rc, want 2"
[ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || fail "without a terminal: want one line, got: $out"
echo "title screen: ok"
