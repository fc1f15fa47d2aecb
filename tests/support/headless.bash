# The preamble of a headless screen test: sourced with the build directory
# as $1 (default build/asan). Sets bin and a throwaway state directory,
# removed on exit, as XDG_STATE_HOME (for the commands that read progress
# there; a headless run keeps progress only where --state says), and fail
# MESSAGE.
set -u
build=${1:-build/asan}
bin="$build/zkcave"
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
export XDG_STATE_HOME="$state" LANG=C.UTF-8 LC_ALL=C.UTF-8
fail() { echo "FAIL: $*" >&2; exit 1; }
