#!/bin/sh
# shellcheck shell=sh
#
# The openclaw installer.
#
#   curl -fsSL https://openclaw.ai/install.sh | sh
#   curl -fsSL https://openclaw.ai/install.sh | sh -s -- --version 0.1.0 --no-onboard
#   sh install.sh --from-file openclaw-0.1.0-x86_64-unknown-linux-gnu.tar.gz   # no network
#
# It picks the build for this machine, checks its SHA-256 against the
# release's SHA256SUMS (whose signature, SHA256SUMS.sig, it verifies with
# `ssh-keygen -Y verify` against the pinned release key when it can) before
# anything from it runs, installs the `openclaw`
# binary into ~/.openclaw/bin (no sudo), puts that folder on PATH through a
# small env script, and hands over to `openclaw onboard`. `--help` lists every
# flag and environment variable.
#
# Everything below is functions; the one line that runs anything is the last
# one, so a download cut short runs nothing at all.
#
# The download server holds what `deno task compile` writes into dist/:
#   <base>/latest                                   the newest version
#   <base>/<version>/openclaw-<version>-<target>.tar.gz
#   <base>/<version>/SHA256SUMS
#   <base>/<version>/SHA256SUMS.sig                 its SSH signature (release pipeline)

set -eu

DEFAULT_BASE_URL="https://openclaw.ai/releases"
PROFILE_MARK="# openclaw installer"
# The release key, pinned: an allowed_signers line (see ssh-keygen(1)) whose
# principal is also the signature's identity. The release pipeline signs
# SHA256SUMS with its private half into SHA256SUMS.sig (namespace below).
# Empty until the project's key is made: then no signature can be checked and
# every run says so. OPENCLAW_INSTALL_ALLOWED_SIGNERS replaces it (a mirror
# signing with its own key; tests).
RELEASE_SIGNERS=''
SIGNATURE_NAMESPACE="openclaw-release"

usage() {
  cat <<'EOF'
Install openclaw: download the build for this machine, verify it, put it on
PATH and start the setup wizard.

Usage: install.sh [options] [-- <openclaw onboard flags>...]
   or: curl -fsSL https://openclaw.ai/install.sh | sh -s -- [options]

Options:
  --version <v>          install version <v> instead of the latest
  --from-file <archive>  install from a downloaded openclaw-<v>-<target>.tar.gz
                         (no network); checked against the SHA256SUMS next to it
  --sha256sums <file>    the SHA256SUMS to check --from-file's archive against
  --install-dir <dir>    where the binary goes (default ~/.openclaw/bin)
  --launcher <file>      install this launcher script as `openclaw` instead of a
                         release (what `deno task link` does for a source checkout)
  --no-modify-path       do not touch shell profiles; put the folder on PATH yourself
  --no-onboard           do not start `openclaw onboard` afterwards
  -y, --yes              do not ask for confirmation
  --dry-run              print what would happen (target, version, URLs,
                         checksum, install dir, profile edits); change nothing
  -h, --help             this help

After `--`, flags for `openclaw onboard`. Without a terminal they make the
installer run onboarding non-interactively, e.g.
  ... | ANTHROPIC_API_KEY=sk-ant-... sh -s -- --yes -- --accept-risk --auth-choice apiKey
Give secrets as environment variables (ANTHROPIC_API_KEY, OPENCLAW_GATEWAY_TOKEN,
TELEGRAM_BOT_TOKEN, ...; `openclaw onboard --help` names each), not as flags:
flags are visible to other local users (ps). Secret flags after `--` are moved
into onboarding's environment, with a warning.

Environment:
  OPENCLAW_VERSION           like --version
  OPENCLAW_INSTALL_DIR       like --install-dir
  OPENCLAW_INSTALL_BASE_URL  the release server (a mirror); https only, plain
                             http only for 127.0.0.1/localhost
  OPENCLAW_INSTALL_ALLOWED_SIGNERS
                             the key SHA256SUMS.sig must be signed with, as an
                             ssh-keygen allowed_signers line (default: the
                             openclaw release key pinned in this script)
  OPENCLAW_INSTALL_ALLOW_UNSIGNED=1
                             accept a release without SHA256SUMS.sig
  OPENCLAW_NO_MODIFY_PATH=1  like --no-modify-path
  OPENCLAW_NO_ONBOARD=1      like --no-onboard
  OPENCLAW_INSTALL_PRINT=target
                             print the build this machine needs, then exit
  NO_COLOR                   no colours

Re-running upgrades in place: the binary is replaced, `openclaw doctor` checks
the config and a running gateway service is restarted. `openclaw uninstall`
reverses the install.
EOF
}

# --- output ----------------------------------------------------------------

setup_output() {
  BOLD=""
  RED=""
  YELLOW=""
  RESET=""
  if [ -t 2 ] && [ -z "${NO_COLOR:-}" ] && [ "${TERM:-dumb}" != dumb ]; then
    BOLD=$(printf '\033[1m')
    RED=$(printf '\033[31m')
    YELLOW=$(printf '\033[33m')
    RESET=$(printf '\033[0m')
  fi
}

# Progress and notes go to stderr; stdout carries only what was asked for
# (the plan of --dry-run, the target, --help).
say() {
  printf '%s\n' "$*" >&2
}

note() {
  printf '%snote:%s %s\n' "$YELLOW" "$RESET" "$*" >&2
}

warn() {
  printf '%swarning:%s %s\n' "$YELLOW" "$RESET" "$*" >&2
}

fail() {
  printf '%serror:%s %s\n' "$RED" "$RESET" "$*" >&2
  exit 1
}

usage_error() {
  printf '%serror:%s %s\nRun with --help to see every option.\n' "$RED" "$RESET" "$*" >&2
  exit 2
}

# --- arguments -------------------------------------------------------------

parse_args() {
  OPT_VERSION=${OPENCLAW_VERSION:-}
  FROM_FILE=""
  LAUNCHER=""
  SUMS_FILE=""
  INSTALL_DIR=${OPENCLAW_INSTALL_DIR:-}
  NO_MODIFY_PATH=${OPENCLAW_NO_MODIFY_PATH:-0}
  NO_ONBOARD=${OPENCLAW_NO_ONBOARD:-0}
  YES=0
  DRY_RUN=0
  # How many arguments are the installer's; the rest (after --) go to onboard.
  ARGS_USED=0
  while [ $# -gt 0 ]; do
    case $1 in
      -h | --help)
        usage
        exit 0
        ;;
      --version | --from-file | --sha256sums | --install-dir | --launcher)
        if [ $# -lt 2 ] || [ -z "$2" ]; then
          usage_error "$1 needs a value."
        fi
        set_value "$1" "$2"
        shift
        ARGS_USED=$((ARGS_USED + 1))
        ;;
      --version=* | --from-file=* | --sha256sums=* | --install-dir=* | --launcher=*)
        [ -n "${1#*=}" ] || usage_error "${1%%=*} needs a value."
        set_value "${1%%=*}" "${1#*=}"
        ;;
      --no-modify-path) NO_MODIFY_PATH=1 ;;
      --no-onboard) NO_ONBOARD=1 ;;
      -y | --yes) YES=1 ;;
      --dry-run) DRY_RUN=1 ;;
      --)
        ARGS_USED=$((ARGS_USED + 1))
        break
        ;;
      *) usage_error "unknown option: $1" ;;
    esac
    shift
    ARGS_USED=$((ARGS_USED + 1))
  done
  [ -z "$SUMS_FILE" ] || [ -n "$FROM_FILE" ] ||
    usage_error "--sha256sums goes with --from-file <archive>."
  if [ -n "$LAUNCHER" ] && { [ -n "$FROM_FILE" ] || [ -n "$OPT_VERSION" ]; }; then
    usage_error "--launcher installs a source checkout's launcher; it goes without --from-file and --version."
  fi
}

set_value() {
  case $1 in
    --version) OPT_VERSION=$2 ;;
    --from-file) FROM_FILE=$2 ;;
    --sha256sums) SUMS_FILE=$2 ;;
    --install-dir) INSTALL_DIR=$2 ;;
    --launcher) LAUNCHER=$2 ;;
  esac
}

# --- platform --------------------------------------------------------------

# Sets TARGET (the build's name) and PLATFORM_DESC (for people).
detect_target() {
  os=$(uname -s)
  cpu=$(uname -m)
  IS_WSL=0
  case $os in
    Linux)
      os_part=unknown-linux-gnu
      check_glibc
      detect_wsl
      ;;
    Darwin)
      os_part=apple-darwin
      # Under Rosetta a shell on an Apple silicon Mac reports x86_64; the
      # native build is the one to install.
      if [ "$cpu" = x86_64 ] && [ "$(sysctl -n hw.optional.arm64 2>/dev/null || true)" = 1 ]; then
        note "this shell runs under Rosetta; installing the native Apple silicon (arm64) build."
        cpu=arm64
      fi
      ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT)
      fail "openclaw has no Windows build. Install WSL2 (wsl --install in PowerShell), open your Linux distribution and run this installer there."
      ;;
    *)
      fail "openclaw has no build for $os ($cpu). Builds exist for Linux (glibc) and macOS, on x86_64 and arm64."
      ;;
  esac
  case $cpu in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) fail "openclaw has no build for $os on $cpu. Builds exist for x86_64 and arm64 (aarch64)." ;;
  esac
  [ "$os" = Linux ] && refuse_32bit_userland
  TARGET="$arch-$os_part"
  PLATFORM_DESC="$os $cpu"
}

# Only glibc builds exist; a musl system (Alpine) cannot run them, so tell
# rather than install something that fails with "not found".
check_glibc() {
  libc=$(ldd --version 2>&1 || true)
  case $libc in
    *musl*) refuse_musl ;;
    *GLIBC* | *"GNU libc"* | *"GNU C Library"*) return 0 ;;
  esac
  if getconf GNU_LIBC_VERSION >/dev/null 2>&1; then
    return 0
  fi
  for f in /lib/ld-musl-*; do
    [ -e "$f" ] && refuse_musl
  done
  fail "could not tell which C library this Linux uses (ldd --version did not say). openclaw's Linux builds need glibc; install your distribution's libc tools (Debian: libc-bin) and run again."
}

# A 64-bit kernel can run a 32-bit system (e.g. Raspberry Pi OS 32-bit on a
# 64-bit Pi): uname says aarch64, yet the 64-bit build would not start.
refuse_32bit_userland() {
  command -v getconf >/dev/null 2>&1 || return 0
  [ "$(getconf LONG_BIT 2>/dev/null || true)" = 32 ] || return 0
  fail "this is a 32-bit system on a 64-bit $cpu kernel (getconf LONG_BIT says 32), and openclaw has only 64-bit builds. Install the 64-bit edition of your OS (e.g. Raspberry Pi OS 64-bit) and run this again."
}

refuse_musl() {
  fail "this Linux uses musl libc (Alpine?), and openclaw's Linux builds need glibc. Use a glibc-based distribution or container (Debian, Ubuntu, Fedora), or copy a built binary to such a machine."
}

detect_wsl() {
  if [ -n "${WSL_DISTRO_NAME:-}" ] || grep -qi microsoft /proc/version 2>/dev/null; then
    IS_WSL=1
  fi
}

# --- paths -----------------------------------------------------------------

resolve_install_dir() {
  [ -n "${HOME:-}" ] || fail "HOME is not set; set it to your home folder (export HOME=/home/you)."
  if [ -z "$INSTALL_DIR" ]; then
    INSTALL_DIR="$HOME/.openclaw/bin"
    DEFAULT_DIR=1
  else
    DEFAULT_DIR=0
  fi
  case $INSTALL_DIR in
    \~) INSTALL_DIR=$HOME ;;
    \~/*) INSTALL_DIR="$HOME/${INSTALL_DIR#??}" ;;
    /*) ;;
    *) INSTALL_DIR="$(pwd)/$INSTALL_DIR" ;;
  esac
  while :; do
    case $INSTALL_DIR in
      ?*/) INSTALL_DIR=${INSTALL_DIR%/} ;;
      *) break ;;
    esac
  done
  # The folder is written into shell profiles between double quotes.
  case $INSTALL_DIR in
    *'"'* | *\\* | *'$'* | *'`'* | *"
"*)
      fail "the install folder '$INSTALL_DIR' holds a quote, backslash, \$, backtick or newline, which shell profiles cannot hold safely. Choose another with --install-dir."
      ;;
  esac
  BIN="$INSTALL_DIR/openclaw"
  ENV_SH="$INSTALL_DIR/openclaw-env.sh"
  ENV_FISH="$INSTALL_DIR/openclaw-env.fish"
  RECEIPT="$INSTALL_DIR/openclaw-install.json"
}

# --- tools -----------------------------------------------------------------

check_commands() {
  missing=""
  for c in uname mkdir mktemp rm rmdir mv cp chmod tar gzip awk sed grep head tail tr date dirname basename; do
    command -v "$c" >/dev/null 2>&1 || missing="$missing $c"
  done
  [ -z "$missing" ] ||
    fail "these commands are needed and missing:$missing. Install them (Debian/Ubuntu: sudo apt-get install coreutils tar gzip gawk sed grep) and run again."
  pick_sha_tool
  if [ -z "$FROM_FILE" ] && [ -z "$LAUNCHER" ]; then
    pick_downloader
  fi
}

# No way to check the download means no install: say how to get one.
pick_sha_tool() {
  if command -v sha256sum >/dev/null 2>&1; then
    SHA_TOOL=sha256sum
  elif command -v shasum >/dev/null 2>&1; then
    SHA_TOOL=shasum
  elif command -v openssl >/dev/null 2>&1; then
    SHA_TOOL=openssl
  else
    fail "cannot verify the download: none of sha256sum, shasum or openssl is installed. Install one (Debian/Ubuntu: sudo apt-get install coreutils) and run again."
  fi
}

sha256_of() {
  case $SHA_TOOL in
    sha256sum) sha256sum <"$1" | awk '{ print tolower($1) }' ;;
    shasum) shasum -a 256 <"$1" | awk '{ print tolower($1) }' ;;
    openssl) openssl dgst -sha256 <"$1" | awk '{ print tolower($NF) }' ;;
  esac
}

pick_downloader() {
  SNAP_CURL=0
  case $(command -v curl 2>/dev/null || true) in
    */snap/*) SNAP_CURL=1 ;;
  esac
  # snap's curl is confined: it cannot write into hidden folders such as
  # ~/.openclaw, and its /tmp is its own. A capable wget is used instead;
  # without one, curl downloads into a plain folder in HOME (stage_dir).
  if command -v curl >/dev/null 2>&1 && { [ "$SNAP_CURL" = 0 ] || ! wget_usable; }; then
    DOWNLOADER=curl
  elif command -v wget >/dev/null 2>&1; then
    DOWNLOADER=wget
    wget_usable ||
      fail "this wget cannot be limited to HTTPS (BusyBox?). Install curl (sudo apt-get install curl) and run again."
  else
    fail "neither curl nor wget is installed. Install curl (Debian/Ubuntu: sudo apt-get install curl) and run again, or download the archive elsewhere and use --from-file."
  fi
}

wget_usable() {
  command -v wget >/dev/null 2>&1 && wget --help 2>&1 | grep -q -- --https-only
}

# Where curl writes a download before it is moved to its place in WORK_DIR:
# PART_DIR: WORK_DIR itself, except for snap's curl (a non-hidden folder in
# HOME, made once and removed by cleanup).
set_part_dir() {
  PART_DIR=$WORK_DIR
  [ "${SNAP_CURL:-0}" = 1 ] && [ "$DOWNLOADER" = curl ] || return 0
  if [ -z "${SNAP_DIR:-}" ]; then
    SNAP_DIR=$(mktemp -d "$HOME/openclaw-download.XXXXXX") ||
      fail "cannot create a download folder in $HOME for snap's curl. Install wget (or a curl that is not a snap) and run again."
  fi
  PART_DIR=$SNAP_DIR
}

# --- network ---------------------------------------------------------------

# https only; plain http is for a test server on this machine, nothing else.
check_base_url() {
  BASE_URL=${OPENCLAW_INSTALL_BASE_URL:-$DEFAULT_BASE_URL}
  while :; do
    case $BASE_URL in
      *?/) BASE_URL=${BASE_URL%/} ;;
      *) break ;;
    esac
  done
  PLAIN_HTTP=0
  # "host:" with no port would make curl and wget guess one (or fail oddly).
  authority=${BASE_URL#*://}
  case ${authority%%[/?#]*} in
    *:)
      fail "refusing to download from '$BASE_URL': the port after ':' is empty. Give one (e.g. http://127.0.0.1:8080/…) or leave out the ':'."
      ;;
  esac
  case $BASE_URL in
    https://?*) return 0 ;;
    *@*) ;;
    http://127.0.0.1 | http://127.0.0.1[:/]* | http://localhost | http://localhost[:/]* | http://\[::1\] | http://\[::1\][:/]*)
      PLAIN_HTTP=1
      return 0
      ;;
  esac
  fail "refusing to download from '$BASE_URL': OPENCLAW_INSTALL_BASE_URL must be an https:// URL (plain http is allowed only for a test server on 127.0.0.1 or localhost)."
}

# How long a download may receive nothing before it is abandoned (connect,
# first byte, or mid-file). Idle time, not total time: a slow download that
# keeps moving is never cut. With the retries below, a dead server is given
# up on within a minute by default; tests and very slow links may change it.
set_stall_seconds() {
  STALL_SECONDS=${OPENCLAW_INSTALL_STALL_SECONDS:-15}
  case $STALL_SECONDS in
    '' | *[!0-9]* | 0*) usage_error "OPENCLAW_INSTALL_STALL_SECONDS must be a whole number of seconds above 0 (got '$STALL_SECONDS')." ;;
  esac
}

# download <url> <file>: 0 when fetched, 4 on a 404, 1 otherwise (with the
# reason on stderr). Redirects are followed here, not by the tool, so that
# curl and wget obey one rule (redirect_allowed) hop by hop.
download() {
  url=$1
  hops=0
  while :; do
    REDIRECT=""
    if [ "$DOWNLOADER" = curl ]; then
      download_curl "$url" "$2" || return $?
    else
      download_wget "$url" "$2" || return $?
    fi
    [ -n "$REDIRECT" ] || return 0
    hops=$((hops + 1))
    if [ "$hops" -gt 5 ]; then
      say "  more than 5 redirects, starting at $1"
      return 1
    fi
    next=$(resolve_location "$url" "$REDIRECT")
    if ! redirect_allowed "$next"; then
      if [ "$PLAIN_HTTP" = 1 ]; then
        say "  refusing to follow a redirect from $url to $next: a test server on this machine may only redirect within $(url_origin "$BASE_URL")"
      else
        say "  refusing to follow a redirect from $url to $next: only https:// is allowed"
      fi
      return 1
    fi
    url=$next
  done
}

# The scheme and host[:port] of a URL: http://127.0.0.1:8080/a/b -> http://127.0.0.1:8080
url_origin() {
  rest=${1#*://}
  printf '%s://%s' "${1%%://*}" "${rest%%[/?#]*}"
}

# A Location header made absolute against the URL that sent it.
resolve_location() {
  case $2 in
    [a-zA-Z]*://*) printf '%s' "$2" ;;
    //*) printf '%s:%s' "${1%%://*}" "$2" ;;
    /*) printf '%s%s' "$(url_origin "$1")" "$2" ;;
    *) printf '%s/%s' "${1%/*}" "$2" ;;
  esac
}

# https anywhere (a mirror may hand off to a CDN); in the plain-http test
# mode, only the very server of OPENCLAW_INSTALL_BASE_URL.
redirect_allowed() {
  if [ "$PLAIN_HTTP" = 1 ]; then
    [ "$(url_origin "$1")" = "$(url_origin "$BASE_URL")" ] || return 1
    case $(url_origin "$1") in
      *@*) return 1 ;;
    esac
    return 0
  fi
  case $1 in
    https://?*) return 0 ;;
  esac
  return 1
}

download_curl() {
  if [ "$PLAIN_HTTP" = 1 ]; then
    proto="=http,https"
  else
    proto="=https"
  fi
  # --retry-max-time keeps three stalls in a row from adding up past a minute.
  # The big download shows a progress bar on a terminal (its errors then go
  # straight there too); everything else stays quiet.
  show=--silent
  errs="$WORK_DIR/download.err"
  if [ "${PROGRESS:-0}" = 1 ]; then
    show=--progress-bar
    errs=/dev/stderr
    : >"$WORK_DIR/download.err"
  fi
  cstatus=0
  set_part_dir
  part="$PART_DIR/download.part"
  out=$(curl --proto "$proto" --proto-redir "=https" --tlsv1.2 --fail --retry 3 \
    --retry-max-time "$((STALL_SECONDS * 2))" --connect-timeout "$STALL_SECONDS" \
    --speed-limit 1 --speed-time "$STALL_SECONDS" \
    "$show" --show-error --output "$part" --write-out '%{http_code} %{redirect_url}' "$1" \
    2>"$errs") || cstatus=$?
  if [ -f "$part" ] && [ "$part" != "$2" ]; then
    mv -f "$part" "$2" || return 1
  fi
  if [ "$cstatus" = 0 ]; then
    case $out in
      3[0-9][0-9]\ ?*) REDIRECT=${out#* } ;;
      3[0-9][0-9]*)
        say "  $1 answered ${out%% *} without a Location"
        return 1
        ;;
    esac
    return 0
  fi
  [ "${out%% *}" = 404 ] && return 4
  sed 's/^/  /' "$WORK_DIR/download.err" >&2
  # 28: a timeout (nothing received for STALL_SECONDS).
  [ "$cstatus" = 28 ] && return 5
  return 1
}

# wget is told to follow no redirect; one shows up as a 3xx status with a
# Location in --server-response, and exit code 8.
download_wget() {
  if [ "$PLAIN_HTTP" = 1 ]; then
    set -- "$1" "$2"
  else
    set -- "$1" "$2" --https-only --secure-protocol=TLSv1_2
  fi
  url=$1
  out=$2
  shift 2
  wstatus=0
  # On a terminal the big download shows a bar: the log (with the server's
  # answer read below) goes to the file, the bar alone to the terminal.
  if [ "${PROGRESS:-0}" = 1 ] && wget --help 2>&1 | grep -q -- --show-progress; then
    set -- "$@" --show-progress --progress=bar:force
  fi
  wget "$@" --max-redirect=0 --tries=3 --timeout="$STALL_SECONDS" --server-response --output-document="$out" \
    --output-file="$WORK_DIR/download.err" "$url" || wstatus=$?
  code=$(awk '$1 ~ /^HTTP\// { c = $2 } END { print c }' "$WORK_DIR/download.err")
  case $code in
    3[0-9][0-9])
      REDIRECT=$(awk 'tolower($1) == "location:" { l = $2 } END { print l }' "$WORK_DIR/download.err" | tr -d '\r')
      if [ -n "$REDIRECT" ]; then
        return 0
      fi
      ;;
  esac
  [ "$wstatus" = 0 ] && return 0
  [ "$code" = 404 ] && return 4
  grep -v '^  ' "$WORK_DIR/download.err" | sed 's/^/  /' >&2
  grep -qi 'timed out' "$WORK_DIR/download.err" && return 5
  return 1
}

fetch() {
  status=0
  download "$1" "$2" || status=$?
  case $status in
    0) return 0 ;;
    4)
      # No message: the file is optional, and a 404 just means it is not there.
      [ -n "$3" ] || {
        rm -f "$2"
        return 0
      }
      fail "$3"
      ;;
    5) fail "gave up on $1: the server sent nothing for $STALL_SECONDS seconds, several times. Nothing was installed. Try again later, or download the archive by hand as docs/installer.md says and use --from-file." ;;
    *) fail "could not download $1 (see above). Check your connection or proxy, or download it elsewhere and use --from-file." ;;
  esac
}

# --- version and checksum --------------------------------------------------

check_version_text() {
  case $1 in
    '' | *[!0-9A-Za-z.+-]* | [!0-9]*)
      fail "'$1' is not a version (expected something like 0.1.0)."
      ;;
  esac
}

# Sets VERSION, VERSION_SOURCE and EXPECTED_SHA (plus ARCHIVE_URL/SUMS_URL).
resolve_release() {
  if [ -n "$LAUNCHER" ]; then
    resolve_launcher
    return 0
  fi
  if [ -n "$FROM_FILE" ]; then
    resolve_local_release
    return 0
  fi
  if [ -n "$OPT_VERSION" ] && [ "$OPT_VERSION" != latest ]; then
    VERSION=${OPT_VERSION#v}
    VERSION_SOURCE="pinned"
  else
    fetch "$BASE_URL/latest" "$WORK_DIR/latest" \
      "no release found at $BASE_URL ($BASE_URL/latest does not exist). Check OPENCLAW_INSTALL_BASE_URL."
    VERSION=$(head -n 1 "$WORK_DIR/latest" | tr -d ' \t\r')
    VERSION_SOURCE="latest"
  fi
  check_version_text "$VERSION"
  ARCHIVE_NAME="openclaw-$VERSION-$TARGET.tar.gz"
  ARCHIVE_URL="$BASE_URL/$VERSION/$ARCHIVE_NAME"
  SUMS_URL="$BASE_URL/$VERSION/SHA256SUMS"
  say "openclaw $VERSION ($VERSION_SOURCE) for $TARGET"
  fetch "$SUMS_URL" "$WORK_DIR/SHA256SUMS" \
    "openclaw $VERSION was not found at $BASE_URL ($SUMS_URL does not exist). Check the version, or leave it out for the latest."
  if signature_checkable; then
    fetch "$SUMS_URL.sig" "$WORK_DIR/SHA256SUMS.sig" ""
  fi
  verify_signature "$WORK_DIR/SHA256SUMS" "$WORK_DIR/SHA256SUMS.sig"
  EXPECTED_SHA=$(expected_sha "$WORK_DIR/SHA256SUMS" "$ARCHIVE_NAME")
  [ -n "$EXPECTED_SHA" ] ||
    fail "no build for $TARGET in openclaw $VERSION (SHA256SUMS lists no $ARCHIVE_NAME)."
}

resolve_local_release() {
  [ -f "$FROM_FILE" ] || fail "--from-file: $FROM_FILE does not exist or is not a file."
  FROM_FILE=$(absolute_path "$FROM_FILE")
  ARCHIVE_NAME=$(basename "$FROM_FILE")
  case $ARCHIVE_NAME in
    openclaw-*-"$TARGET".tar.gz) ;;
    openclaw-*.tar.gz)
      fail "$ARCHIVE_NAME is not the build for this machine; it needs openclaw-<version>-$TARGET.tar.gz."
      ;;
    *)
      fail "--from-file expects a release archive named openclaw-<version>-<target>.tar.gz (got $ARCHIVE_NAME); keep the name it was published under."
      ;;
  esac
  VERSION=${ARCHIVE_NAME#openclaw-}
  VERSION=${VERSION%-"$TARGET".tar.gz}
  check_version_text "$VERSION"
  if [ -n "$OPT_VERSION" ] && [ "${OPT_VERSION#v}" != "$VERSION" ] && [ "$OPT_VERSION" != latest ]; then
    fail "--version ${OPT_VERSION#v} does not match the archive, which holds openclaw $VERSION."
  fi
  VERSION_SOURCE="from $FROM_FILE"
  if [ -z "$SUMS_FILE" ]; then
    SUMS_FILE="$(dirname "$FROM_FILE")/SHA256SUMS"
    [ -f "$SUMS_FILE" ] ||
      fail "no SHA256SUMS next to $FROM_FILE: copy the release's SHA256SUMS along with the archive, or pass --sha256sums <file>."
  fi
  [ -f "$SUMS_FILE" ] || fail "--sha256sums: $SUMS_FILE does not exist or is not a file."
  SUMS_FILE=$(absolute_path "$SUMS_FILE")
  verify_signature "$SUMS_FILE" "$SUMS_FILE.sig"
  ARCHIVE_URL="$FROM_FILE"
  SUMS_URL="$SUMS_FILE"
  EXPECTED_SHA=$(expected_sha "$SUMS_FILE" "$ARCHIVE_NAME")
  [ -n "$EXPECTED_SHA" ] || fail "$SUMS_FILE lists no $ARCHIVE_NAME, so the archive cannot be checked."
  say "openclaw $VERSION for $TARGET, from $FROM_FILE"
}

# A launcher (a few lines of sh exec'ing deno on a checkout's main.ts) is
# installed like a release binary: same folder, env scripts, profile lines and
# receipt, so PATH handling and `openclaw uninstall` are the same. Its version
# is what it answers; its "checksum" is the file's own, checked again when staged.
resolve_launcher() {
  [ -f "$LAUNCHER" ] || fail "--launcher: $LAUNCHER does not exist or is not a file."
  LAUNCHER=$(absolute_path "$LAUNCHER")
  VERSION=$(sh "$LAUNCHER" --version 2>"$WORK_DIR/run.err" | head -n 1) ||
    fail "the launcher $LAUNCHER does not run: $(head -n 3 "$WORK_DIR/run.err")"
  check_version_text "$VERSION"
  VERSION_SOURCE="source checkout"
  ARCHIVE_NAME=launcher
  ARCHIVE_URL=$LAUNCHER
  SUMS_URL="(none: a launcher made on this machine)"
  SIG_STATUS="(none: a launcher made on this machine)"
  EXPECTED_SHA=$(sha256_of "$LAUNCHER")
  say "openclaw $VERSION from a source checkout (launcher $LAUNCHER)"
}

# --- signature -------------------------------------------------------------

# Whether SHA256SUMS's signature can be checked here: a pinned key and an
# ssh-keygen. Otherwise SIG_STATUS says why not.
signature_checkable() {
  SIGNERS=${OPENCLAW_INSTALL_ALLOWED_SIGNERS:-$RELEASE_SIGNERS}
  if [ -z "$SIGNERS" ]; then
    SIG_STATUS="no release key is pinned in this install.sh"
  elif ! command -v ssh-keygen >/dev/null 2>&1; then
    SIG_STATUS="ssh-keygen (OpenSSH) is not installed"
  else
    return 0
  fi
  return 1
}

# verify_signature <SHA256SUMS> <SHA256SUMS.sig>: with a pinned key and
# ssh-keygen, a signature that does not verify, or none at all, stops the
# install (a server that can swap SHA256SUMS could drop the signature too;
# OPENCLAW_INSTALL_ALLOW_UNSIGNED=1 accepts an unsigned release, e.g. a dist/
# of your own). Without them it says plainly that the signature was not
# checked. SIG_STATUS ends up saying which, for the plan.
verify_signature() {
  if ! signature_checkable; then
    warn "could not verify the signature of SHA256SUMS: $SIG_STATUS. The archive is still checked against SHA256SUMS, which then only guards against a corrupt download."
    SIG_STATUS="not checked: $SIG_STATUS"
    return 0
  fi
  if [ ! -f "$2" ]; then
    if [ "${OPENCLAW_INSTALL_ALLOW_UNSIGNED:-}" = 1 ]; then
      warn "SHA256SUMS is not signed (no $(basename "$2")); installing anyway as OPENCLAW_INSTALL_ALLOW_UNSIGNED=1 says."
      SIG_STATUS="not checked: no signature (OPENCLAW_INSTALL_ALLOW_UNSIGNED=1)"
      return 0
    fi
    fail "SHA256SUMS has no signature ($(basename "$2") is missing), so it cannot be trusted; nothing was installed. Releases are signed: check OPENCLAW_INSTALL_BASE_URL, copy SHA256SUMS.sig along with --from-file, or set OPENCLAW_INSTALL_ALLOW_UNSIGNED=1 for a release you built yourself."
  fi
  principal=${SIGNERS%% *}
  printf '%s\n' "$SIGNERS" >"$WORK_DIR/allowed_signers"
  if ssh-keygen -Y verify -f "$WORK_DIR/allowed_signers" -I "$principal" \
    -n "$SIGNATURE_NAMESPACE" -s "$2" <"$1" >"$WORK_DIR/signature.out" 2>&1; then
    SIG_STATUS="good signature by $principal (ssh-keygen -Y verify)"
    say "verified the signature of SHA256SUMS (ssh-keygen, key $principal)"
    return 0
  fi
  if grep -qiE 'illegal option|unknown option|usage:' "$WORK_DIR/signature.out"; then
    warn "could not verify the signature of SHA256SUMS: this ssh-keygen cannot (OpenSSH 8.2 or later can). The archive is still checked against SHA256SUMS."
    SIG_STATUS="not checked: ssh-keygen too old for -Y verify"
    return 0
  fi
  fail "the signature of SHA256SUMS does not verify against the openclaw release key ($principal): SHA256SUMS was changed after signing, or signed with another key. Nothing was installed. (ssh-keygen: $(head -n 2 "$WORK_DIR/signature.out" | tr '\n' ' ' | sed 's/ *$//'))"
}

absolute_path() {
  case $1 in
    /*) printf '%s' "$1" ;;
    *) printf '%s/%s' "$(pwd)" "$1" ;;
  esac
}

# The hash SHA256SUMS gives for a name ("<hash>  <name>" or "<hash> *<name>"),
# with LF or CRLF line ends (a file that went through Windows).
expected_sha() {
  sha=$(awk -v n="$2" '{ sub(/\r$/, "") } ($2 == n || $2 == "*" n) { print tolower($1); exit }' "$1")
  case $sha in
    '') ;;
    *[!0-9a-f]*) fail "the line for $2 in SHA256SUMS is not a SHA-256 hash: $sha" ;;
    *) [ ${#sha} -eq 64 ] || fail "the line for $2 in SHA256SUMS is not a SHA-256 hash: $sha" ;;
  esac
  printf '%s' "$sha"
}

# --- staging ---------------------------------------------------------------

# A scratch folder for downloads: inside the install folder (so the final
# rename stays on one file system), or in TMPDIR for --dry-run, which must
# not create the install folder.
make_work_dir() {
  if [ "$DRY_RUN" = 1 ]; then
    WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/openclaw-install.XXXXXX")
    return 0
  fi
  create_install_dir
  remove_stale_work_dirs
  WORK_DIR=$(mktemp -d "$INSTALL_DIR/.openclaw-install.XXXXXX") ||
    fail "cannot create a temporary folder in $INSTALL_DIR."
  # Whose folder this is, so a later run can tell a live one from one a
  # killed run left behind.
  printf '%s\n' "$$" >"$WORK_DIR/pid"
}

# Scratch folders of runs that were killed (SIGKILL runs no trap) would stay
# forever: remove those whose run is gone. One whose pid still runs is
# another install going on right now, and is left alone.
remove_stale_work_dirs() {
  for d in "$INSTALL_DIR"/.openclaw-install.*; do
    if [ ! -d "$d" ] || [ -L "$d" ]; then
      continue
    fi
    pid=""
    [ -f "$d/pid" ] && pid=$(head -n 1 "$d/pid" 2>/dev/null)
    case $pid in
      '' | *[!0-9]*) ;;
      *) kill -0 "$pid" 2>/dev/null && continue ;;
    esac
    rm -rf "$d"
  done
}

# Creates the install folder, remembering the topmost folder made so a failed
# run can take them away again. ~/.openclaw is the private state folder too.
create_install_dir() {
  CREATED_TOP=""
  d=$INSTALL_DIR
  while [ ! -d "$d" ]; do
    CREATED_TOP=$d
    d=$(dirname "$d")
  done
  if [ "$DEFAULT_DIR" = 1 ] && [ ! -d "$HOME/.openclaw" ]; then
    mkdir -m 700 "$HOME/.openclaw" 2>/dev/null ||
      fail "cannot create $HOME/.openclaw. Check the permissions of $HOME."
  fi
  mkdir -p "$INSTALL_DIR" 2>/dev/null ||
    fail "cannot create $INSTALL_DIR (permission denied?). Choose a folder you own with --install-dir or OPENCLAW_INSTALL_DIR; no sudo is needed for one in your home."
  [ -w "$INSTALL_DIR" ] ||
    fail "cannot write to $INSTALL_DIR. Choose a folder you own with --install-dir or OPENCLAW_INSTALL_DIR."
}

# Runs on every exit: the scratch folder always goes; after a failure, so do
# the folders this run created (only if empty: nothing of the user's).
cleanup() {
  if [ -n "${SNAP_DIR:-}" ]; then
    rm -rf "$SNAP_DIR"
    SNAP_DIR=""
  fi
  if [ -n "${WORK_DIR:-}" ]; then
    rm -rf "$WORK_DIR"
    WORK_DIR=""
  fi
  if [ "${INSTALLED:-0}" != 1 ] && [ -n "${CREATED_TOP:-}" ]; then
    d=$INSTALL_DIR
    while rmdir "$d" 2>/dev/null; do
      [ "$d" = "$CREATED_TOP" ] && break
      d=$(dirname "$d")
    done
  fi
}

# Download (or copy), verify, unpack and try the binary, all inside WORK_DIR.
stage_binary() {
  if [ -n "$LAUNCHER" ]; then
    mkdir "$WORK_DIR/unpacked"
    cp "$LAUNCHER" "$WORK_DIR/unpacked/openclaw" || fail "cannot read $LAUNCHER."
    [ "$(sha256_of "$WORK_DIR/unpacked/openclaw")" = "$EXPECTED_SHA" ] ||
      fail "$LAUNCHER changed while it was being installed; run the link again."
    chmod 755 "$WORK_DIR/unpacked/openclaw"
    STAGED_BIN="$WORK_DIR/unpacked/openclaw"
    return 0
  fi
  archive="$WORK_DIR/$ARCHIVE_NAME"
  if [ -n "$FROM_FILE" ]; then
    # Check the copy we unpack, not a file that could change in between.
    cp "$FROM_FILE" "$archive" || fail "cannot read $FROM_FILE."
  else
    say "downloading $ARCHIVE_URL"
    [ -t 2 ] && PROGRESS=1
    fetch "$ARCHIVE_URL" "$archive" "no build for $TARGET in openclaw $VERSION ($ARCHIVE_URL does not exist)."
    PROGRESS=0
  fi
  actual=$(sha256_of "$archive")
  if [ "$actual" != "$EXPECTED_SHA" ]; then
    fail "checksum mismatch for $ARCHIVE_NAME: SHA256SUMS says $EXPECTED_SHA, the file is $actual. The download is corrupt or was tampered with; nothing was installed. Try again, or report it if it keeps happening."
  fi
  say "verified sha256 $actual ($SHA_TOOL)"
  mkdir "$WORK_DIR/unpacked"
  tar -xzf "$archive" -C "$WORK_DIR/unpacked" openclaw 2>"$WORK_DIR/tar.err" ||
    fail "cannot unpack $ARCHIVE_NAME: $(head -n 3 "$WORK_DIR/tar.err")"
  staged="$WORK_DIR/unpacked/openclaw"
  if [ ! -f "$staged" ] || [ -L "$staged" ]; then
    fail "$ARCHIVE_NAME does not hold an openclaw binary."
  fi
  chmod 755 "$staged"
  # Run it once before it replaces anything: a build that cannot start here
  # (wrong CPU, noexec mount) is caught while nothing has changed.
  if ! reported=$("$staged" --version 2>"$WORK_DIR/run.err"); then
    fail "the openclaw binary from $ARCHIVE_NAME does not run on this machine: $(head -n 3 "$WORK_DIR/run.err")"
  fi
  reported=$(printf '%s\n' "$reported" | head -n 1)
  [ "$reported" = "$VERSION" ] ||
    fail "$ARCHIVE_NAME should hold openclaw $VERSION, but its binary says it is '$reported'. Nothing was installed; report this."
  STAGED_BIN=$staged
}

# --- shell profiles --------------------------------------------------------

env_script_sh() {
  cat <<EOF
# Puts openclaw on PATH. Written by the openclaw installer; \`openclaw uninstall\` removes it.
case ":\${PATH}:" in
  *:"$INSTALL_DIR":*) ;;
  *) export PATH="$INSTALL_DIR:\$PATH" ;;
esac
EOF
}

env_script_fish() {
  cat <<EOF
# Puts openclaw on PATH. Written by the openclaw installer; \`openclaw uninstall\` removes it.
if not contains -- "$INSTALL_DIR" \$PATH
    set -gx PATH "$INSTALL_DIR" \$PATH
end
EOF
}

profile_line() {
  if [ "$1" = fish ]; then
    printf 'test -f "%s"; and source "%s"  %s' "$ENV_FISH" "$ENV_FISH" "$PROFILE_MARK"
  else
    printf 'if [ -f "%s" ]; then . "%s"; fi  %s' "$ENV_SH" "$ENV_SH" "$PROFILE_MARK"
  fi
}

shell_is() {
  case ${SHELL:-} in
    */"$1") return 0 ;;
  esac
  return 1
}

# Calls "$1" <profile file> <sh|fish> for each profile that should carry the
# source line: ~/.profile always; ~/.bashrc, ~/.bash_profile, ~/.zshrc and
# fish's config.fish when they exist or that shell is in use.
for_each_profile() {
  "$1" "$HOME/.profile" sh
  if [ -f "$HOME/.bashrc" ] || shell_is bash; then
    "$1" "$HOME/.bashrc" sh
  fi
  if [ -f "$HOME/.bash_profile" ]; then
    "$1" "$HOME/.bash_profile" sh
  fi
  zdot=${ZDOTDIR:-$HOME}
  if [ -f "$zdot/.zshrc" ] || shell_is zsh || command -v zsh >/dev/null 2>&1; then
    "$1" "$zdot/.zshrc" sh
  fi
  fishdir=${XDG_CONFIG_HOME:-$HOME/.config}/fish
  if [ -d "$fishdir" ] || shell_is fish || command -v fish >/dev/null 2>&1; then
    "$1" "$fishdir/config.fish" fish
  fi
}

# The file a profile path writes to, following a symlink; empty when the link
# leads outside HOME (a read-only store, someone else's file): left alone.
profile_write_path() {
  p=$1
  hops=0
  while [ -L "$p" ]; do
    hops=$((hops + 1))
    [ "$hops" -le 8 ] || return 0
    link=$(readlink "$p" 2>/dev/null) || return 0
    case $link in
      /*) p=$link ;;
      *) p="$(dirname "$p")/$link" ;;
    esac
  done
  case $p in
    */../* | */..) ;; # could climb out of HOME
    "$HOME"/*) printf '%s' "$p" ;;
  esac
}

has_line() {
  [ -f "$1" ] && grep -Fqx -- "$2" "$1"
}

# Plan and act share one pass: PROFILE_PLAN lists, per file, what happens.
plan_profile() {
  line=$(profile_line "$2")
  if has_line "$1" "$line"; then
    PROFILE_PLAN="$PROFILE_PLAN  already in $1
"
  elif [ "$NO_MODIFY_PATH" = 1 ]; then
    :
  elif [ -z "$(profile_write_path "$1")" ]; then
    PROFILE_PLAN="$PROFILE_PLAN  skip $1 (a link to outside your home; add the line yourself)
"
  else
    PROFILE_PLAN="$PROFILE_PLAN  add to $1: $line
"
  fi
}

# What intend_profile and apply_profile share: sets line, target and created.
# Fails (nothing to do) when the line is already there (recorded, as it counts
# for the receipt) or NO_MODIFY_PATH is set; succeeds with target set to the
# file to append to, or empty when the profile links outside home.
profile_to_add() {
  line=$(profile_line "$2")
  if has_line "$1" "$line"; then
    created=false
    was_created "$1" && created=true
    record_profile_line "$1" "$line" "$created"
    return 1
  fi
  [ "$NO_MODIFY_PATH" = 1 ] && return 1
  target=$(profile_write_path "$1")
  created=false
  [ -z "$target" ] || [ -e "$target" ] || created=true
  return 0
}

# The profile line this run will add or find (for the "installing" receipt).
intend_profile() {
  profile_to_add "$1" "$2" || return 0
  [ -n "$target" ] || return 0
  record_profile_line "$1" "$line" "$created"
}

apply_profile() {
  profile_to_add "$1" "$2" || return 0
  if [ -z "$target" ]; then
    note "$1 links outside your home, so it was left alone; add this line to it yourself: $line"
    return 0
  fi
  if append_line "$target" "$line"; then
    record_profile_line "$1" "$line" "$created"
    PATH_EDITED="$PATH_EDITED $(tildify "$1")"
  else
    warn "could not add openclaw to PATH in $1; add this line to it yourself: $line"
  fi
}

# Whether an earlier run created this profile file (its receipt says so), so
# that uninstall may remove it again once it is empty.
was_created() {
  [ -f "$WORK_DIR/previous-receipt.json" ] &&
    grep -F "\"file\": \"$(json_escape "$1")\"" "$WORK_DIR/previous-receipt.json" |
    grep -q '"created": true'
}

# Appends one line, first ending an unterminated last line. Never rewrites
# the file, so its owner, mode and links stay as they were.
append_line() {
  mkdir -p "$(dirname "$1")" 2>/dev/null || return 1
  if [ -s "$1" ] && [ -n "$(tail -c 1 "$1")" ]; then
    printf '\n' >>"$1" || return 1
  fi
  printf '%s\n' "$2" >>"$1"
}

record_profile_line() {
  entry=$(printf '{ "file": "%s", "line": "%s", "created": %s }' \
    "$(json_escape "$1")" "$(json_escape "$2")" "$3")
  if [ -z "$PROFILE_JSON" ]; then
    PROFILE_JSON="    $entry"
  else
    PROFILE_JSON="$PROFILE_JSON,
    $entry"
  fi
}

# A path for people: ~ for the home folder.
tildify() {
  case $1 in
    "$HOME"/*) printf '~%s' "${1#"$HOME"}" ;;
    *) printf '%s' "$1" ;;
  esac
}

json_escape() {
  printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'
}

# The installed version, as the receipt records it. The installed binary
# itself is never run: it may not be ours (a link to anything), and only the
# download that passed the checksum may run.
receipt_version() {
  [ -f "$RECEIPT" ] || return 0
  v=$(sed -n 's/.*"version": *"\([0-9A-Za-z.+-]*\)".*/\1/p' "$RECEIPT" | head -n 1)
  case $v in
    [0-9]*) printf '%s' "$v" ;;
  esac
}

# --- the other openclaw ----------------------------------------------------

path_has_dir() {
  case ":$PATH:" in
    *:"$1":*) return 0 ;;
  esac
  return 1
}

first_on_path() {
  old_ifs=$IFS
  IFS=:
  set -f
  found=""
  for d in $PATH; do
    [ -n "$d" ] || continue
    if [ -f "$d/$1" ] && [ -x "$d/$1" ]; then
      found="$d/$1"
      break
    fi
  done
  set +f
  IFS=$old_ifs
  printf '%s' "$found"
}

warn_if_shadowed() {
  other=$(first_on_path openclaw)
  [ -n "$other" ] && [ "$other" != "$BIN" ] || return 0
  if path_has_dir "$INSTALL_DIR" || [ "$NO_MODIFY_PATH" = 1 ]; then
    warn "another openclaw, $other, comes first on your PATH, so typing 'openclaw' runs that one, not $BIN. Remove it (if it came from npm: npm rm -g openclaw) or put $INSTALL_DIR first on PATH."
  fi
}

# --- upgrade ---------------------------------------------------------------

config_path() {
  if [ -n "${OPENCLAW_CONFIG_PATH:-}" ]; then
    printf '%s' "$OPENCLAW_CONFIG_PATH"
  else
    printf '%s/openclaw.json' "${OPENCLAW_STATE_DIR:-$HOME/.openclaw}"
  fi
}

# After an upgrade: let the new binary check (and report on) the config.
run_doctor() {
  say "checking the config with the new version (openclaw doctor --non-interactive)"
  if ! "$BIN" doctor --non-interactive >&2; then
    warn "openclaw doctor found problems (above). Run 'openclaw doctor --fix' to repair them."
  fi
}

# Whether this build of openclaw has a (top-level) command, from its --help.
has_command() {
  "$BIN" --help 2>/dev/null | grep -Eq "^  $1( |\$)"
}

# A gateway service that runs the old binary is restarted onto the new one.
# The lead may rewire this to one call once `openclaw daemon` exists everywhere.
restart_service_if_installed() {
  unit="${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user/openclaw-gateway.service"
  plist="$HOME/Library/LaunchAgents/ai.openclaw.gateway.plist"
  [ -f "$unit" ] || [ -f "$plist" ] || return 0
  say "restarting the gateway service onto openclaw $VERSION"
  if has_command daemon; then
    "$BIN" daemon restart >&2 && return 0
  elif [ -f "$unit" ] && command -v systemctl >/dev/null 2>&1; then
    systemctl --user restart openclaw-gateway.service >&2 && return 0
  elif [ -f "$plist" ] && command -v launchctl >/dev/null 2>&1; then
    launchctl kickstart -k "gui/$(id -u)/ai.openclaw.gateway" >&2 && return 0
  fi
  warn "could not restart the gateway service; run 'openclaw daemon restart' yourself."
}

# --- plan, install, hand-over ----------------------------------------------

print_plan() {
  if [ -n "$OLD_VERSION" ]; then
    what="upgrade $OLD_VERSION -> $VERSION"
  else
    what="new install"
  fi
  cat <<EOF
openclaw installer: dry run, nothing was changed.
  target:      $TARGET ($PLATFORM_DESC)
  version:     $VERSION ($VERSION_SOURCE)
  archive:     $ARCHIVE_URL
  checksums:   $SUMS_URL
  signature:   $SIG_STATUS
  sha256:      $EXPECTED_SHA (expected: a real run checks the archive with $SHA_TOOL once downloaded; nothing was downloaded here)
  install:     $BIN ($what)
EOF
  if [ "$NO_MODIFY_PATH" = 1 ]; then
    printf '  PATH:        profiles left alone (--no-modify-path)\n'
  else
    printf '  PATH:        %s (sourced from shell profiles)\n' "$ENV_SH"
  fi
  printf '%s' "$PROFILE_PLAN"
  printf '  then:        %s\n' "$(handover_plan "$@")"
}

handover_plan() {
  if [ "$NO_ONBOARD" = 1 ]; then
    echo "nothing (--no-onboard)"
  elif [ -n "$OLD_VERSION" ] && [ $# -eq 0 ] && [ -f "$(config_path)" ]; then
    echo "openclaw doctor --non-interactive; restart the gateway service if installed"
  elif terminal_usable; then
    echo "openclaw onboard --install-daemon $(shown_args "$@")(on this terminal)"
  elif [ $# -gt 0 ]; then
    echo "openclaw onboard $(non_interactive_flag "$@")$(shown_args "$@")"
  else
    echo "print the command to run next (no terminal to run the wizard on)"
  fi
}

# Onboarding flags for the plan, with the values of secret-looking flags
# hidden (the plan is printed; the real list comes from the binary later).
shown_args() {
  hide=0
  for a do
    if [ "$hide" = 1 ]; then
      printf '*** '
      hide=0
      continue
    fi
    case $a in
      --*key=* | --*token=* | --*password=* | --*secret=*) printf '%s=*** ' "${a%%=*}" ;;
      --*key | --*token | --*password | --*secret)
        printf '%s ' "$a"
        hide=1
        ;;
      *) printf '%s ' "$a" ;;
    esac
  done
}

confirm() {
  [ "$YES" = 1 ] && return 0
  terminal_usable || return 0
  printf '%sInstall openclaw %s into %s%s' "$BOLD" "$VERSION" "$INSTALL_DIR" "$RESET" >/dev/tty
  if [ "$NO_MODIFY_PATH" != 1 ] && [ -n "$PROFILE_PLAN" ]; then
    printf ' and put it on PATH through your shell profiles' >/dev/tty
  fi
  printf '? [Y/n] ' >/dev/tty
  answer=""
  read -r answer </dev/tty || answer=n
  case $answer in
    '' | y | Y | yes | Yes | YES) return 0 ;;
  esac
  say "Cancelled; nothing was changed."
  exit 1
}

# The receipt goes first, marked "installing" and naming every file and
# profile line this step may write, so that a run cut short (SIGTERM, power
# loss) still leaves what `openclaw uninstall` needs; it is rewritten with
# what was really done, marked "installed", at the end.
install_files() {
  env_script_sh >"$WORK_DIR/openclaw-env.sh"
  env_script_fish >"$WORK_DIR/openclaw-env.fish"
  chmod 644 "$WORK_DIR/openclaw-env.sh" "$WORK_DIR/openclaw-env.fish"
  if [ -f "$RECEIPT" ]; then
    cp "$RECEIPT" "$WORK_DIR/previous-receipt.json"
  fi
  PROFILE_JSON=""
  for_each_profile intend_profile
  write_receipt installing
  IN_FILE_STEP=1
  INSTALLED=1
  # The rename is the moment of change: same folder, so it is atomic, and a
  # running old binary keeps its own (now unlinked) file.
  mv -f "$STAGED_BIN" "$BIN"
  mv -f "$WORK_DIR/openclaw-env.sh" "$ENV_SH"
  mv -f "$WORK_DIR/openclaw-env.fish" "$ENV_FISH"
  PROFILE_JSON=""
  PATH_EDITED=""
  for_each_profile apply_profile
  write_receipt installed
  IN_FILE_STEP=0
}

# write_receipt <installing|installed>
write_receipt() {
  if [ -n "$FROM_FILE" ]; then
    source_text=$FROM_FILE
  else
    source_text=$ARCHIVE_URL
  fi
  {
    printf '{\n'
    printf '  "installer": "install.sh",\n'
    printf '  "state": "%s",\n' "$1"
    printf '  "version": "%s",\n' "$VERSION"
    printf '  "target": "%s",\n' "$TARGET"
    printf '  "installDir": "%s",\n' "$(json_escape "$INSTALL_DIR")"
    printf '  "binary": "%s",\n' "$(json_escape "$BIN")"
    printf '  "envScripts": ["%s", "%s"],\n' "$(json_escape "$ENV_SH")" "$(json_escape "$ENV_FISH")"
    if [ -n "$PROFILE_JSON" ]; then
      printf '  "profileLines": [\n%s\n  ],\n' "$PROFILE_JSON"
    else
      printf '  "profileLines": [],\n'
    fi
    printf '  "source": "%s",\n' "$(json_escape "$source_text")"
    printf '  "sha256": "%s",\n' "$EXPECTED_SHA"
    printf '  "installedAt": "%s"\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf '}\n'
  } >"$WORK_DIR/receipt.json"
  chmod 644 "$WORK_DIR/receipt.json"
  mv -f "$WORK_DIR/receipt.json" "$RECEIPT"
}

# A terminal the wizard can use: ours (stdout), and /dev/tty to read from,
# since under `curl | sh` standard input is the script itself.
terminal_usable() {
  [ -t 1 ] && (: </dev/tty) 2>/dev/null
}

non_interactive_flag() {
  for a in "$@"; do
    [ "$a" = --non-interactive ] && return 0
  done
  printf '%s ' --non-interactive
}

report_installed() {
  if [ "$OLD_VERSION" = "$VERSION" ]; then
    say "${BOLD}openclaw $VERSION reinstalled${RESET} at $(tildify "$BIN")"
  elif [ -n "$OLD_VERSION" ]; then
    say "${BOLD}openclaw upgraded: $OLD_VERSION -> $VERSION${RESET} ($(tildify "$BIN"))"
  else
    say "${BOLD}openclaw $VERSION installed${RESET} at $(tildify "$BIN")"
  fi
  if [ -n "$PATH_EDITED" ]; then
    say "added to PATH in:$PATH_EDITED (new terminals have it; in this one run: . \"$ENV_SH\")"
  elif [ "$NO_MODIFY_PATH" = 1 ] && ! path_has_dir "$INSTALL_DIR"; then
    say "PATH left alone (--no-modify-path): add $INSTALL_DIR to PATH, or source $ENV_SH from your shell profile."
  fi
  if [ "$IS_WSL" = 1 ] && [ ! -d /run/systemd/system ]; then
    note "WSL without systemd: the gateway service needs it. Add '[boot]' and 'systemd=true' to /etc/wsl.conf, run 'wsl --shutdown' in Windows, and reopen this distribution."
  fi
}

handover() {
  if [ "$NO_ONBOARD" = 1 ]; then
    say "Next: openclaw onboard --install-daemon"
    return 0
  fi
  if [ -n "$OLD_VERSION" ] && [ $# -eq 0 ] && [ -f "$(config_path)" ]; then
    return 0
  fi
  PATH="$INSTALL_DIR:$PATH"
  export PATH
  # Secret flags go into onboard's environment, not onto its command line
  # (where every local user can read them in ps). The new binary says which
  # flags are secret and their variables; `for` walks the original list
  # while "$@" is rebuilt without them.
  SECRET_FLAGS=""
  if [ $# -gt 0 ]; then
    SECRET_FLAGS=$("$BIN" onboard --list-secret-flags 2>/dev/null) || SECRET_FLAGS=""
  fi
  MOVED=""
  total=$#
  i=0
  pending=""
  for a do
    shift
    i=$((i + 1))
    if [ -n "$pending" ]; then
      export_secret "$pending" "$a"
      pending=""
      continue
    fi
    case $a in
      --*=*)
        name=$(secret_env_of "${a%%=*}")
        if [ -n "$name" ]; then
          export_secret "$name" "${a#*=}"
          MOVED="$MOVED ${a%%=*} (\$$name)"
          continue
        fi
        ;;
      --*)
        name=$(secret_env_of "$a")
        if [ -n "$name" ] && [ "$i" -lt "$total" ]; then
          pending=$name
          MOVED="$MOVED $a (\$$name)"
          continue
        fi
        ;;
    esac
    set -- "$@" "$a"
  done
  if [ -n "$MOVED" ]; then
    warn "secrets given as flags are visible to other local users (ps) while the installer runs; handed to onboarding through the environment instead:$MOVED. Next time set those variables instead of the flags."
  fi
  if terminal_usable; then
    # An older pinned version may not know --install-daemon yet; the wizard then asks.
    if onboard_accepts --install-daemon; then
      set -- --install-daemon "$@"
    fi
    finish
    exec "$BIN" onboard "$@" </dev/tty
  fi
  if [ $# -gt 0 ]; then
    say "running openclaw onboard non-interactively (no terminal)"
    finish
    if [ -n "$(non_interactive_flag "$@")" ]; then
      exec "$BIN" onboard --non-interactive "$@"
    fi
    exec "$BIN" onboard "$@"
  fi
  say "No terminal to run the setup wizard on. Next, in a terminal: openclaw onboard --install-daemon"
  say "(or pass onboarding flags after -- to run it non-interactively)"
}

# The variable of a secret onboard flag, from the new binary's own list.
secret_env_of() {
  [ -n "$SECRET_FLAGS" ] || return 0
  printf '%s\n' "$SECRET_FLAGS" |
    awk -v f="$1" '$1 == f && $2 ~ /^[A-Z_][A-Z0-9_]*$/ { print $2; exit }'
}

# export_secret <NAME> <value>: NAME comes from secret_env_of, so it is a
# plain variable name and safe to eval.
export_secret() {
  eval "$1=\$2"
  export "${1?}"
}

onboard_accepts() {
  "$BIN" onboard --help 2>/dev/null | grep -Eq -- "(^|[ ,])$1([ ,=]|\$)"
}

# A signal: say what state things are in, then exit (the EXIT trap cleans up).
interrupted() {
  if [ "$IN_FILE_STEP" = 1 ]; then
    say "interrupted while installing: some files may be in place. $RECEIPT lists them; run the installer again to finish, or 'openclaw uninstall' to remove them."
  elif [ "$INSTALLED" = 1 ]; then
    say "interrupted after the install finished."
  else
    say "interrupted; nothing was installed."
  fi
  exit "$1"
}

# Before exec: the EXIT trap would not run any more.
finish() {
  cleanup
  trap - EXIT HUP INT PIPE TERM
}

main() {
  setup_output
  parse_args "$@"
  shift "$ARGS_USED"
  if [ "$NO_ONBOARD" = 1 ] && [ $# -gt 0 ]; then
    usage_error "onboarding flags after -- cannot go with --no-onboard."
  fi
  WORK_DIR=""
  SNAP_DIR=""
  CREATED_TOP=""
  INSTALLED=0
  IN_FILE_STEP=0
  trap cleanup EXIT
  trap 'interrupted 129' HUP
  trap 'interrupted 130' INT
  trap 'exit 141' PIPE
  trap 'interrupted 143' TERM

  detect_target
  case ${OPENCLAW_INSTALL_PRINT:-} in
    '') ;;
    target)
      printf '%s\n' "$TARGET"
      exit 0
      ;;
    *) usage_error "OPENCLAW_INSTALL_PRINT supports only 'target'." ;;
  esac
  resolve_install_dir
  check_commands
  [ -n "$FROM_FILE" ] || [ -n "$LAUNCHER" ] || check_base_url
  set_stall_seconds
  OLD_VERSION=""
  if [ -d "$BIN" ]; then
    fail "$BIN is a folder, so openclaw cannot be installed there. Move it away, or choose another folder with --install-dir."
  fi
  if [ -e "$BIN" ] || [ -L "$BIN" ]; then
    OLD_VERSION=$(receipt_version)
    [ -n "$OLD_VERSION" ] || OLD_VERSION="an unknown version"
  fi
  make_work_dir
  resolve_release
  PROFILE_PLAN=""
  for_each_profile plan_profile
  if [ "$DRY_RUN" = 1 ]; then
    print_plan "$@"
    exit 0
  fi
  confirm
  stage_binary
  install_files
  finish
  if [ -n "$OLD_VERSION" ]; then
    if [ -f "$(config_path)" ]; then
      run_doctor
    fi
    restart_service_if_installed
  fi
  report_installed
  warn_if_shadowed
  handover "$@"
}

main "$@"
