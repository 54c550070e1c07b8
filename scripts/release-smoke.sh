#!/bin/sh
# shellcheck shell=sh
#
# The release pipeline's smoke test of one built openclaw binary, on the
# runner it was built for (.github/workflows/release.yml runs it per target):
#
#   sh scripts/release-smoke.sh <openclaw binary> <version>
#
#   1. macOS: `codesign --verify` (an unsigned binary is ad-hoc signed first,
#      so the binary tested is the one published);
#   2. `openclaw --version` prints exactly <version>;
#   3. a non-interactive onboarding in a temp HOME writes the config;
#   4. `openclaw gateway run` starts and `openclaw health` answers;
#   5. Linux: steps 3-4 again with no network (`unshare -rn`: a namespace with
#      only a loopback), after checking that `health` with that loopback still
#      down says "network unreachable" instead of "not running".
#
# Every run of the binary gets a fresh HOME and only HOME, PATH and NO_COLOR.
# The binary may be any executable that behaves like openclaw (the test runs
# this on a launcher for the source checkout). OPENCLAW_SMOKE_PORT sets the
# gateway's port (default: one derived from the pid); OPENCLAW_SMOKE_WAIT the
# seconds a step may take (default 120: a cold start on a loaded runner).
set -eu

say() {
  printf 'release-smoke: %s\n' "$*" >&2
}

fail() {
  printf 'release-smoke: FAILED: %s\n' "$*" >&2
  exit 1
}

usage() {
  printf 'usage: sh scripts/release-smoke.sh <openclaw binary> <version>\n' >&2
  exit 2
}

# Run the binary as a user with nothing but a fresh HOME would.
oc() {
  env -i HOME="$SMOKE_HOME" PATH="${PATH:-/usr/bin:/bin}" NO_COLOR=1 "$BIN" "$@"
}

fresh_home() {
  SMOKE_HOME=$(mktemp -d "$WORK/home.XXXXXX")
}

check_signature() {
  [ "$(uname -s)" = Darwin ] || return 0
  # 64-bit Mach-O (cf fa ed fe): anything else (a launcher script in the tests) has no signature.
  if [ "$(head -c 4 "$BIN" | od -An -tx1 | tr -d ' \n')" != cffaedfe ]; then
    say "skipped: codesign (not a Mach-O binary)"
    return 0
  fi
  if ! codesign --verify --verbose=2 "$BIN" 2>"$WORK/codesign.err"; then
    say "not signed ($(head -n 1 "$WORK/codesign.err")): signing ad hoc"
    codesign --force --sign - "$BIN" || fail "codesign --sign - $BIN failed"
    codesign --verify --verbose=2 "$BIN" || fail "codesign --verify fails after signing"
  fi
  say "ok: codesign --verify"
}

check_version() {
  fresh_home
  out=$(oc --version 2>"$WORK/version.err") ||
    fail "openclaw --version exited $?: $(head -c 600 "$WORK/version.err")"
  [ "$out" = "$VERSION" ] ||
    fail "openclaw --version printed '$out' ($(head -c 300 "$WORK/version.err")), expected '$VERSION'"
  say "ok: --version is $VERSION"
}

onboard() {
  oc onboard --non-interactive --accept-risk --mode local --auth-choice skip \
    --skip-daemon --skip-health --skip-channels --skip-skills --no-hello \
    --gateway-port "$PORT" --workspace "$SMOKE_HOME/workspace" \
    >"$WORK/onboard.log" 2>&1 ||
    fail "non-interactive onboarding exited $?: $(tail -c 800 "$WORK/onboard.log")"
  [ -f "$SMOKE_HOME/.openclaw/openclaw.json" ] ||
    fail "onboarding exited 0 but wrote no ~/.openclaw/openclaw.json: $(tail -c 800 "$WORK/onboard.log")"
  say "ok: non-interactive onboarding ($1)"
}

stop_gateway() {
  if [ -n "${GATEWAY_PID:-}" ]; then
    kill "$GATEWAY_PID" 2>/dev/null || true
    wait "$GATEWAY_PID" 2>/dev/null || true
    GATEWAY_PID=""
  fi
}

# Start the gateway on $PORT and ask `health` until it answers.
gateway_health() {
  # Not through oc(): a backgrounded function runs in a subshell, and $! would be that
  # subshell, so stop_gateway would kill it and leave the gateway running.
  env -i HOME="$SMOKE_HOME" PATH="${PATH:-/usr/bin:/bin}" NO_COLOR=1 \
    "$BIN" gateway run --port "$PORT" >"$WORK/gateway.log" 2>&1 &
  GATEWAY_PID=$!
  waited=0
  until oc health --timeout 2000 >"$WORK/health.log" 2>&1; do
    if ! kill -0 "$GATEWAY_PID" 2>/dev/null; then
      fail "openclaw gateway run exited: $(tail -c 800 "$WORK/gateway.log")"
    fi
    waited=$((waited + 1))
    [ "$waited" -lt "$WAIT" ] ||
      fail "openclaw health got no answer within $WAIT s: $(tail -c 400 "$WORK/health.log"); gateway: $(tail -c 400 "$WORK/gateway.log")"
    sleep 1
  done
  stop_gateway
  say "ok: gateway run + health ($1)"
}

# Inside `unshare -rn`: a network namespace of our own with no interface but
# a loopback, which starts down.
offline_checks() {
  fresh_home
  onboard "no network"
  if oc health --timeout 2000 >"$WORK/health.log" 2>&1; then
    fail "openclaw health succeeded with the loopback down"
  fi
  grep -qi "network unreachable" "$WORK/health.log" ||
    fail "with the loopback down, openclaw health should say 'network unreachable'; it said: $(head -c 600 "$WORK/health.log")"
  say "ok: health with the loopback down says network unreachable"
  ip link set lo up || fail "cannot bring the namespace's loopback up (ip link set lo up)"
  gateway_health "no network"
}

main() {
  [ $# -ge 2 ] || usage
  inner=0
  if [ "$1" = --offline-inner ]; then
    inner=1
    shift
  fi
  [ $# -eq 2 ] || usage
  case $1 in
    /*) BIN=$1 ;;
    *) BIN="$(pwd)/$1" ;;
  esac
  VERSION=$2
  [ -x "$BIN" ] || fail "$BIN is not an executable file"
  PORT=${OPENCLAW_SMOKE_PORT:-$((20000 + $$ % 20000))}
  WAIT=${OPENCLAW_SMOKE_WAIT:-120}
  GATEWAY_PID=""
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/openclaw-release-smoke.XXXXXX")
  trap 'stop_gateway; rm -rf "$WORK"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  if [ "$inner" = 1 ]; then
    offline_checks
    return 0
  fi
  check_signature
  check_version
  fresh_home
  onboard "network"
  gateway_health "network"
  if [ "$(uname -s)" = Linux ]; then
    unshare -rn sh "$0" --offline-inner "$BIN" "$VERSION" ||
      fail "the checks without network failed (see above)"
  else
    say "skipped: the no-network run (unshare is Linux only)"
  fi
  say "all checks passed for $BIN ($VERSION)"
}

main "$@"
