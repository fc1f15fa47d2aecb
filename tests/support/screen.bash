# Helpers for screen tests: run a program in a detached tmux session of a
# given size and read what a person would see. Sourced by tests/screen/*.sh.

SCREEN_SOCK="zkcave-test-$$-0"
SCREEN_DIR=$(mktemp -d)
# Programs started here keep their progress in a throw-away state
# directory, never in the user's ~/.local/state.
SCREEN_STATE="$SCREEN_DIR/state"
export LANG=C.UTF-8 LC_ALL=C.UTF-8

screen_cleanup() {
  tmux -L "$SCREEN_SOCK" kill-server >/dev/null 2>&1
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/zkcave-test-$$-"*   # the sockets left behind
  rm -rf "$SCREEN_DIR"
}
trap screen_cleanup EXIT

# Exits 0 with the reason when tmux is missing, except under CI=true, where
# screen tests are never skipped and a missing tmux is a failure.
screen_require_tmux() {
  command -v tmux >/dev/null 2>&1 && return 0
  if [ "${CI:-}" = true ]; then
    echo "FAIL: tmux is missing, and CI=true does not allow skipping" >&2
    exit 1
  fi
  echo "SKIP: tmux is not installed (scripts/install-deps.sh installs it)"
  exit 0
}

fail() {
  echo "FAIL: $*" >&2
  echo "--- screen ---" >&2
  screen_text >&2
  exit 1
}

# screen_start COLS ROWS CMD...: a fresh session running CMD; its exit
# status lands in $SCREEN_DIR/status.
screen_start() {
  local cols=$1 rows=$2
  shift 2
  tmux -L "$SCREEN_SOCK" kill-server >/dev/null 2>&1
  # A server of its own for each session: kill-server returns before the
  # old server has gone, and a session started on its socket meanwhile went
  # down with it ("server exited unexpectedly") on a busy machine.
  SCREEN_SOCK="zkcave-test-$$-$((${SCREEN_SOCK##*-} + 1))"
  rm -f "$SCREEN_DIR/status"
  local env_prefix=""
  [ -n "${NO_COLOR:-}" ] && env_prefix="NO_COLOR=$NO_COLOR"
  tmux -L "$SCREEN_SOCK" -u -f /dev/null new-session -d -x "$cols" -y "$rows" \
    "env $env_prefix XDG_STATE_HOME=$SCREEN_STATE TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 ASAN_OPTIONS=${ASAN_OPTIONS:-} LSAN_OPTIONS=${LSAN_OPTIONS:-} UBSAN_OPTIONS=${UBSAN_OPTIONS:-} $*; echo \$? > $SCREEN_DIR/status; sleep 30"
  tmux -L "$SCREEN_SOCK" set-option -g window-size manual >/dev/null 2>&1
}

screen_text() {
  tmux -L "$SCREEN_SOCK" capture-pane -p -t 0 2>/dev/null
}

screen_has() {
  screen_text | grep -qF -- "$1"
}

# True when the pane shows any colour (SGR 3x/4x/38/48) escapes.
screen_colors() {
  tmux -L "$SCREEN_SOCK" capture-pane -p -e -t 0 2>/dev/null | grep -qE $'\e\\[([0-9;]*;)?(3[0-7]|38|4[0-7]|48|9[0-7])[;m]'
}

# Waits up to 10 s (or the seconds given second) for text to appear.
screen_wait() {
  for _ in $(seq $((${2:-10} * 10))); do
    screen_has "$1" && return 0
    sleep 0.1
  done
  return 1
}

screen_wait_gone() {
  for _ in $(seq 100); do
    screen_has "$1" || return 0
    sleep 0.1
  done
  return 1
}

screen_keys() {
  tmux -L "$SCREEN_SOCK" send-keys -t 0 "$@"
}

screen_resize() {
  tmux -L "$SCREEN_SOCK" resize-window -t 0 -x "$1" -y "$2"
}

screen_wait_exit() {
  for _ in $(seq 100); do
    [ -s "$SCREEN_DIR/status" ] && return 0
    sleep 0.1
  done
  return 1
}

screen_status() {
  cat "$SCREEN_DIR/status" 2>/dev/null
}
