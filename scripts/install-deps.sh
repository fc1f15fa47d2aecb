#!/usr/bin/env bash
# Installs what zkcave needs on a Debian machine, and nothing that is already there.
#
#   scripts/install-deps.sh            install missing Debian packages (and node/npm if node is absent)
#   scripts/install-deps.sh --check    exit 0 when everything is present, 1 otherwise; installs nothing
#   scripts/install-deps.sh --interop  also run `npm ci` in tests/interop when its lockfile changed
#
# Idempotent: a second run finds nothing missing and does nothing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
packages=(pkg-config libncurses-dev libgmp-dev libcjson-dev libpng-dev libsodium-dev
          libmd4c-dev libcmocka-dev tmux valgrind)

say() { printf 'install-deps: %s\n' "$*"; }
die() { printf 'install-deps: error: %s\n' "$*" >&2; exit 1; }

mode=install
interop=0
for arg in "$@"; do
  case "$arg" in
    --check) mode=check ;;
    --interop) interop=1 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$arg' (try --help)" ;;
  esac
done

installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

command -v dpkg-query >/dev/null 2>&1 ||
  die "this script installs Debian packages, but dpkg-query is not here; install by hand: ${packages[*]}"

missing=()
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
# Node is only for interop tests and benchmarks; a node already on the machine is never replaced.
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi

if [ "$mode" = check ]; then
  if [ ${#missing[@]} -gt 0 ]; then say "missing: ${missing[*]}"; exit 1; fi
  exit 0
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo)
  else
    die "missing ${missing[*]}; run as root or with sudo: apt-get install ${missing[*]}"
  fi
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install by hand: ${missing[*]}"
  say "installing ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
    die "apt-get update failed (no network or no package sources?)"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
  say "installed ${missing[*]}"
fi

if [ "$interop" -eq 1 ] && [ -f "$here/tests/interop/package-lock.json" ]; then
  stamp="$here/tests/interop/node_modules/.zkcave-lock-stamp"
  if ! cmp -s "$here/tests/interop/package-lock.json" "$stamp" 2>/dev/null; then
    command -v npm >/dev/null 2>&1 || die "npm not found; it is needed for the interop tests"
    say "npm ci in tests/interop (snarkjs, circom and friends, pinned by package-lock.json)"
    (cd "$here/tests/interop" && npm ci --no-audit --no-fund --loglevel=error) ||
      die "npm ci in tests/interop failed"
    cp "$here/tests/interop/package-lock.json" "$stamp"
  fi
fi
exit 0
