#!/usr/bin/env node
// Bundles the extension with esbuild: client/out/extension.js (the VS Code client),
// server/out/server.js (the language server) and server/out/cli.js (the CLI), for Node; and for
// browsers (vscode.dev, github.dev) client/out/browser.js (the client in the web worker extension
// host) and server/out/worker.js (the language server in a Web Worker, the catalog bundled into
// it, deflated). Type checking is `tsc -b`'s job; this only bundles.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';

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

/** For browsers: no Node built-in may be reached (a test holds the bundles to it), `vscode` is the host's. */
const browser = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  // whitespace too: a worker compiles its bundle from source at each start (no code cache for a
  // Blob URL), and the minified bundle is compiled in about two thirds of the time (Chromium)
  minifyIdentifiers: true,
  minifyWhitespace: true,
  // web-tree-sitter's CommonJS build, as for Node; its package.json maps `fs` away for browsers
  alias: common.alias,
  define: { 'process.env.NODE_ENV': '"production"' },
};

/**
 * `import bytes from '…/catalog.json.deflate'`: server/data/catalog.json compressed (raw deflate),
 * as bytes in the bundle; the worker inflates it once with DecompressionStream (browser/host.ts).
 * The JSON alone is larger than the browser budget (3 MB for every bundle).
 */
const deflatedCatalog = {
  name: 'deflated-catalog',
  setup(b) {
    b.onResolve({ filter: /catalog\.json\.deflate$/ }, () => ({ path: 'server/data/catalog.json', namespace: 'deflated' }));
    b.onLoad({ filter: /.*/, namespace: 'deflated' }, (args) => ({
      contents: deflateRawSync(readFileSync(args.path), { level: 9 }),
      loader: 'binary',
      watchFiles: [args.path],
    }));
  },
};

/**
 * mocha's browser build is UMD: in a CommonJS bundle it would take the bundle's `module.exports`
 * (VS Code would then call mocha's `run`, not the suite's). Loaded with no `module`, `exports` or
 * `define` in sight, it sets the global `mocha` instead, as in a page.
 */
const mochaAsGlobal = {
  name: 'mocha-as-global',
  setup(b) {
    b.onLoad({ filter: /node_modules[\\/]mocha[\\/]mocha\.js$/ }, (args) => ({
      contents: `(function (module, exports, define) {\n${readFileSync(args.path, 'utf8')}\n})();\n`,
      loader: 'js',
    }));
  },
};

await Promise.all([
  build({ ...browser, entryPoints: ['client/src/browser.ts'], outfile: 'client/out/browser.js', external: ['vscode'] }),
  build({ ...browser, entryPoints: ['server/src/worker.ts'], outfile: 'server/out/worker.js', format: 'iife', plugins: [deflatedCatalog] }),
  // the tests of the web worker extension host (scripts/e2e.mjs --web), mocha's browser build with
  // them: inside the extension's folder, so that they run in the host the extension runs in
  build({ ...browser, entryPoints: ['test/web/index.ts'], outfile: 'out/web-tests.js', external: ['vscode'], plugins: [mochaAsGlobal] }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);

// web-tree-sitter's runtime, beside the bundles that load it when a Bicep file is met (the grammar
// is vendored in server/data/)
copyFileSync('node_modules/web-tree-sitter/web-tree-sitter.wasm', 'server/out/web-tree-sitter.wasm');
// the CLI is a `bin` (the banner gives it its #! line): keep it executable
chmodSync('server/out/cli.js', 0o755);
