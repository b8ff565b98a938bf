// The browser budget of `npm run bench`: how long a reviewer in github.dev waits for the first
// diagnostics on a role file. Measured in a real Chromium (Debian's, driven by playwright-core) on a
// page that does what the browser client does (client/src/browser.ts): reads the worker bundle,
// starts it as a Web Worker from a Blob URL, initializes it (for a Bicep file, with the parser's
// WebAssembly, as the client does when a Bicep document is open as it starts) and opens a role file. The clock runs from reading the bundle to the first
// non-empty publishDiagnostics of the file. The page and the extension's files are served from
// loopback, so the download github.dev makes of the extension (once; then cached) is not in it; VS
// Code's own start is not in it either (the extension is activated when a role file opens).
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where Debian's chromium is, or undefined when the machine has none. */
export function findChromium() {
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
}

/** What the page runs: one worker from start to its first diagnostics on the file given. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>first diagnostics</title><script>
window.firstDiagnostics = async (file, languageId) => {
  const start = performance.now();
  const bundle = await (await fetch('/server/out/worker.js')).text();
  const url = URL.createObjectURL(new Blob([bundle], { type: 'text/javascript' }));
  const worker = new Worker(url);
  const text = await (await fetch(file)).text();
  // as the client does: with a Bicep document open as it starts, the parser's WebAssembly goes
  // with initialize (client/src/browser.ts)
  const bytes = async (p) => new Uint8Array(await (await fetch(p)).arrayBuffer());
  const wasm = async () => ({ runtime: await bytes('/server/out/web-tree-sitter.wasm'), grammar: await bytes('/server/data/tree-sitter-bicep.wasm') });
  const initializationOptions = languageId === 'bicep' ? { bicepWasm: await wasm() } : {};
  const uri = 'untitled:' + file.split('/').pop();
  let initialized = 0;
  const send = (m) => worker.postMessage({ jsonrpc: '2.0', ...m });
  const answer = async (m) => {
    if (m.method === 'workspace/configuration') return m.params.items.map(() => ({}));
    if (m.method === 'azureBackupRbac/bicepWasm') return wasm();
    return null;
  };
  try {
    return await new Promise((resolve, reject) => {
      setTimeout(() => reject(new Error('no diagnostics within 60 s')), 60000);
      worker.onerror = (e) => reject(new Error(e.message));
      worker.onmessage = async ({ data: m }) => {
        if (m.id === 1 && !m.method) {
          initialized = performance.now() - start;
          send({ method: 'initialized', params: {} });
          send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId, version: 1, text } } });
        } else if (m.method && m.id !== undefined) {
          send({ id: m.id, result: await answer(m) });
        } else if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length) {
          resolve({ ms: performance.now() - start, initializedMs: initialized, diagnostics: m.params.diagnostics.length });
        }
      };
      send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: { workspace: { configuration: true } }, initializationOptions } });
    });
  } finally {
    worker.terminate();
    URL.revokeObjectURL(url);
  }
};
</script>`;

const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.bicep': 'text/plain' };

/**
 * Median first-diagnostics time over `runs` fresh workers, for each file (paths relative to root),
 * each run in a new page. Returns one entry per file: { file, ms, initializedMs, diagnostics, runs }.
 */
export async function measureFirstDiagnostics(root, files, { runs = 7, executablePath = findChromium() } = {}) {
  const { chromium } = await import('playwright-core');
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const out = [];
    for (const [file, languageId] of files) {
      const times = [];
      for (let i = 0; i < runs; i++) {
        const page = await browser.newPage();
        await page.goto(`http://127.0.0.1:${server.address().port}/`);
        times.push(await page.evaluate(([f, l]) => window.firstDiagnostics(f, l), [`/${file}`, languageId]));
        await page.close();
      }
      const sorted = [...times].sort((a, b) => a.ms - b.ms);
      const mid = sorted[Math.floor((sorted.length - 1) / 2)];
      out.push({ file, runs, ms: mid.ms, initializedMs: mid.initializedMs, diagnostics: mid.diagnostics, max: sorted[sorted.length - 1].ms });
    }
    return out;
  } finally {
    await browser.close();
    server.close();
  }
}
