#!/usr/bin/env node
// Bundles the extension with esbuild: client/out/extension.js (the VS Code client),
// server/out/server.js (the language server) and server/out/cli.js (the CLI). Type checking is
// `tsc -b`'s job; this only bundles.
import { build } from 'esbuild';
import { chmodSync, copyFileSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  minifySyntax: true,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's UMD build requires files at run time; its ESM build bundles
  mainFields: ['module', 'main'],
  // web-tree-sitter's ESM build finds itself through import.meta.url, which a CommonJS bundle has not
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);

// web-tree-sitter's runtime, beside the bundles that load it when a Bicep file is met (the grammar
// is vendored in server/data/)
copyFileSync('node_modules/web-tree-sitter/web-tree-sitter.wasm', 'server/out/web-tree-sitter.wasm');
// the CLI is a `bin` (the banner gives it its #! line): keep it executable
chmodSync('server/out/cli.js', 0o755);
