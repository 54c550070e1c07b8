#!/bin/sh
# Run by `deno task test` before the tests: installs the Debian packages the
# tests use when they are missing.
#   tmux        drives the wizard in a real terminal (terminal test)
#   time        GNU time, for peak memory in the bench
#   ShellCheck  lints the shell scripts (package: shellcheck)
#   chromium    headless browser for the Control UI test (tests/gateway/control_ui_test.ts)
#   systemd     systemd-analyze verifies the rendered gateway unit (daemon tests)
#   dash        install.sh is tested under dash (Debian's sh) as well as bash
#   wget        install.sh's fallback downloader when curl is missing
#   zbar-tools  zbarimg reads back the terminal QR code (tests/platform/qr_test.ts)
# As root with apt-get, missing packages are installed quietly. Otherwise a
# one-line notice names each one and the tests that need it skip themselves.
set -eu

# Collect the missing packages as the positional parameters.
set --
command -v tmux >/dev/null 2>&1 || set -- "$@" tmux
# `time` is a shell keyword in some shells, so look for GNU time's file.
[ -x /usr/bin/time ] || set -- "$@" time
command -v shellcheck >/dev/null 2>&1 || set -- "$@" shellcheck
[ -x /usr/bin/chromium ] || set -- "$@" chromium
command -v systemd-analyze >/dev/null 2>&1 || set -- "$@" systemd
command -v dash >/dev/null 2>&1 || set -- "$@" dash
command -v wget >/dev/null 2>&1 || set -- "$@" wget
command -v zbarimg >/dev/null 2>&1 || set -- "$@" zbar-tools

if [ "$#" -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test-deps: installing $* (apt-get)"
  log=$(mktemp)
  if DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$log" 2>&1 &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >"$log" 2>&1; then
    rm -f "$log"
    exit 0
  fi
  tail -n 5 "$log" >&2
  rm -f "$log"
  echo "test-deps: could not install $*; the tests that need them will be skipped." >&2
  exit 0
fi

for pkg in "$@"; do
  echo "test-deps: '$pkg' is missing; install it (e.g. sudo apt-get install $pkg) or the tests that need it will be skipped." >&2
done
