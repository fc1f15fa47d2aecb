#!/usr/bin/env bash
# The labs in a real terminal (tmux) at 80×24, where their work runs on
# the job thread: a STARK of a 16,384-row Poseidon chain (seconds) shows
# its phase with "Esc stops", and Esc stops it with nothing proven, the
# lab still open; the window resized to 100×30 and back lays the lab out
# again; the Groth16 lab proves cubic.circom through the thread and t makes
# the verifier fail; q goes back to the map from each lab (at once, while
# proving too), and q on the map quits with status 0.
set -u
build=${1:-build/asan}
bin=$(cd "$(dirname "$build/zkcave")" && pwd)/zkcave
. "$(dirname "$0")/../support/screen.bash"
screen_require_tmux

screen_start 80 24 "$bin"
screen_wait "zero knowledge, by running it" || fail "title never appeared"
screen_keys s
screen_wait "STARK lab" || fail "s did not open the STARK lab"
screen_keys Right Right Down 1 6 3 8 4
screen_wait "◂ 16384 ▸" || fail "rows were not typed"
screen_has "poseidon-chain" || fail "→ → did not choose poseidon-chain"
screen_keys Enter
screen_wait "Esc stops" || fail "no running phase shown"
screen_has "proving on the job thread" || fail "the result column does not say it is running"
screen_keys Escape
screen_wait "Stopped; nothing was proven." || fail "Esc did not stop the proof"
screen_has "STARK lab" || fail "Esc while proving left the lab"
screen_has "✔ valid" && fail "a stopped proof is shown as valid"
# q while proving leaves at once; the proof stops behind the map.
screen_keys Enter
screen_wait "Esc stops" || fail "no running phase shown the second time"
screen_keys q
screen_wait "FOUNDATIONS" || fail "q while proving did not go back to the map"
screen_has "Stopped" && fail "the stopped proof's news is shown on the map"
screen_keys s
screen_wait "STARK lab" || fail "s did not reopen the STARK lab"
screen_wait_gone "Esc stops" || fail "the proof q stopped is still running"
screen_resize 100 30
screen_wait "settings  ↑↓ choose  ←→ change" || fail "the lab is not drawn at 100x30"
[ "$(screen_text | head -1 | wc -L)" -le 100 ] || fail "the header is wider than 100 columns"
screen_resize 80 24
screen_keys Up Left Left Down 1 0 2 4 Enter
screen_wait "✔ valid: stark verify exits 0" || fail "fibonacci at 1024 rows did not verify"
screen_has "fibonacci, 1024 rows" || fail "the run shown is not fibonacci at 1024 rows"
screen_keys q
screen_wait "FOUNDATIONS" || fail "q did not go back to the map from the STARK lab"

screen_keys g
screen_wait "lessons/cubic.circom" || fail "g did not list the circuits"
screen_keys Enter
screen_wait "inputs, from" || fail "cubic.circom did not open"
screen_keys Enter
screen_wait "✔ OK: the proof is valid (exit 0)" || fail "the proof made on the job thread does not verify"
screen_keys t
screen_wait "out 35 → 36: ✘ FAIL (exit 1)" || fail "t did not make the verifier fail"
screen_keys q
screen_wait "FOUNDATIONS" || fail "q did not go back to the map from the Groth16 lab"
screen_keys c
screen_wait "Circuits lab" || fail "c did not open the circuits lab"
screen_keys Enter
screen_wait "✔ all 3 rows hold" || fail "the circuits lab did not check cubic's rows"
screen_keys Escape
screen_wait "FOUNDATIONS" || fail "Esc did not go back to the map from the circuits lab"
screen_keys q
screen_wait_exit || fail "q on the map did not quit"
[ "$(screen_status)" = 0 ] || fail "exit status $(screen_status), want 0"
echo "labs in a terminal: ok"
