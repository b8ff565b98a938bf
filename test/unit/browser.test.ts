// The extension's browser entry (vscode.dev, github.dev): its bundles reach for no Node built-in,
// carry the catalog (deflated, as it is in server/data/catalog.json), and fit the budget; the
// pieces of the worker's host that are plain functions. The bundles running in a real browser:
// test/web (scripts/e2e.mjs --web).
import * as assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { relativeToFolderUris } from '../../server/src/lsp/host';
import { SERVED_FILE } from '../../server/src/protocol';
import { ROLE_FILE_EXTENSIONS, isCandidateFile } from '../../server/src/core';
import { REPO } from '../support/harness';

/** The browser client (web worker extension host) and the language server's Web Worker. */
const BROWSER_BUNDLES = ['client/out/browser.js', 'server/out/worker.js'];
/** 3 MB before compression, the catalog included */
const BUDGET = 3_000_000;

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** The modules a bundle loads at run time: what esbuild left as `require("…")` or `import("…")`. */
function loads(bundle: string): string[] {
  const text = readFileSync(join(REPO, bundle), 'utf8');
  return [...text.matchAll(/\b(?:require|import)\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]);
}

describe('browser bundles', () => {
  it('reach for no Node built-in: the client loads only `vscode`, the worker nothing', () => {
    assert.deepEqual([...new Set(loads('client/out/browser.js'))], ['vscode']);
    assert.deepEqual(loads('server/out/worker.js'), []);
    for (const bundle of BROWSER_BUNDLES) assert.deepEqual(loads(bundle).filter((m) => NODE_BUILTINS.has(m)), [], bundle);
  });

  it('would see one (the check is not blind)', () => {
    assert.ok(NODE_BUILTINS.has('fs') && NODE_BUILTINS.has('node:path') && NODE_BUILTINS.has('worker_threads'));
    // the Node bundles do load built-ins
    assert.ok(loads('server/out/server.js').some((m) => NODE_BUILTINS.has(m)));
  });

  it('carry the catalog in the worker, deflated, byte for byte server/data/catalog.json', () => {
    const worker = readFileSync(join(REPO, 'server/out/worker.js'), 'utf8');
    // esbuild's binary loader: the bytes as one base64 string literal
    const longest = [...worker.matchAll(/"([A-Za-z0-9+/=]{100000,})"/g)].map((m) => m[1]);
    assert.equal(longest.length, 1, 'one large binary literal');
    const inflated = inflateRawSync(Buffer.from(longest[0], 'base64'));
    assert.ok(inflated.equals(readFileSync(join(REPO, 'server/data/catalog.json'))), 'the bundled catalog is the committed one');
  });

  it(`fit in ${BUDGET / 1e6} MB, the catalog included`, () => {
    const sizes = Object.fromEntries(BROWSER_BUNDLES.map((b) => [b, statSync(join(REPO, b)).size]));
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    assert.ok(total <= BUDGET, `${total} bytes: ${JSON.stringify(sizes)}`);
  });
});

describe('the browser worker host', () => {
  it('reads a file\'s path relative to the innermost workspace folder URI holding it, as the globs see it', () => {
    const ws = 'vscode-vfs://github/owner/repo';
    assert.equal(relativeToFolderUris(`${ws}/roles/crr%20operator.json`, [ws]), 'roles/crr operator.json');
    assert.equal(relativeToFolderUris(`${ws}/a/roles/x.json`, [ws, `${ws}/a`]), 'roles/x.json');
    assert.equal(relativeToFolderUris(`${ws}/a/x.json`, [`${ws}/`]), 'a/x.json');
    assert.equal(relativeToFolderUris(`${ws}b/x.json`, [ws]), undefined);
    assert.equal(relativeToFolderUris('untitled:Untitled-1', [ws]), undefined);
  });

  it('is served the files the core takes for role files, and no others', () => {
    for (const ext of ROLE_FILE_EXTENSIONS) assert.ok(SERVED_FILE.test(`x${ext}`) && isCandidateFile(`x${ext}`), ext);
    for (const name of ['x.JSON', 'x.Bicep']) assert.equal(SERVED_FILE.test(name), isCandidateFile(name), name);
    for (const name of ['x.js', 'x.json.js', '.env', 'x.wasm', 'x.jsonl']) assert.equal(SERVED_FILE.test(name), false, name);
  });
});
