#!/usr/bin/env bash
# The constraint counter (v) and the drawing pad (d) in a real terminal
# (tmux) at 80×24: the counter's total is `zkcave mnist compile`'s count of
# the circuit, ← → change the weights' visibility; the pad draws with the
# arrows and Space and with a mouse click and drag (xterm mouse reports
# typed into the pane, as a terminal sends them), predicts, and c clears.
set -u
build=${1:-build/asan}
bin=$(cd "$(dirname "$build/zkcave")" && pwd)/zkcave
. "$(dirname "$0")/../support/screen.bash"
screen_require_tmux
export XDG_CACHE_HOME="$SCREEN_DIR/cache"

# The count the command line reports for the shipped settings.
settings=$("$bin" mnist compile -o "$SCREEN_DIR/mnist.r1cs" 2>&1) || fail "mnist compile: $settings"
total=$(printf '%s\n' "$settings" | grep -oE '[0-9]+ constraints' | head -1 | cut -d' ' -f1)
[ -n "$total" ] || fail "mnist compile printed no constraint count: $settings"
total=$(printf '%s\n' "$total" | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta')   # 3,016,737

screen_start 80 24 "$bin"
screen_wait "zero knowledge, by running it" || fail "title never appeared"
screen_keys v
# The counter compiles the whole CNN: seconds in a release build, more
# under the sanitizers on a loaded machine.
screen_wait "total $total · 2^22 domain" 120 || fail "v did not show the compiled total $total"
screen_has "weights [hashed]" || fail "the counter does not start at hashed weights"
screen_has "…" && fail "something is cut at 80x24"
screen_keys Right
screen_wait "weights  hashed [fixed]" || fail "→ did not switch to fixed weights"
screen_keys Escape
screen_wait "FOUNDATIONS" || fail "Esc did not return to the map"

screen_keys d
screen_wait "Nothing to read yet" || fail "d did not open an empty pad"
screen_keys Up Up Up Up Up Up Space Down Down Down Down Down Down Down Down Down Down Down Down
screen_wait "prediction 1" || fail "a vertical stroke was not read as a 1"
screen_keys c
screen_wait "Nothing to read yet" || fail "c did not clear the pad"
# Mouse: button 1 pressed at column 9, row 6 (1-based, + 32 in X10
# encoding), dragged down to row 16 with the button held, released.
press=$'\e[M'" )&"
drag1=$'\e[M'"@)+"
drag2=$'\e[M'"@)0"
release=$'\e[M'"#)0"
screen_keys -l "$press$drag1$drag2$release"
screen_wait "prediction 1" || fail "a stroke drawn with the mouse was not read as a 1"
screen_has "drawn: its" || fail "the mouse stroke is not on the pad"
for row in 6 11 16; do   # ink where the button went down, on the way, and where it rose
  line=$(screen_text | sed -n "${row}p")
  case "${line:8:1}" in █|▀|▄) ;; *) fail "no ink at column 9, row $row after the drag" ;; esac
done
screen_keys q
screen_wait_exit || fail "q did not quit"
[ "$(screen_status)" = 0 ] || fail "exit status $(screen_status), want 0"
echo "constraint counter and drawing pad: ok"
