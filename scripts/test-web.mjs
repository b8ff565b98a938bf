#!/usr/bin/env node
// The web worker host's suite (test/web, bundled into out/web-tests.js by the build) with
// @vscode/test-web, on a machine that can download VS Code and Playwright's Chromium: the way
// extension authors usually run browser tests. Here (no download) `npm run test:web` runs the same
// suite in the VS Code server shipped by code-server instead (scripts/e2e.mjs --web).
//   npm install --no-save @vscode/test-web && npm run build && node scripts/test-web.mjs
// @vscode/test-web is no devDependency: it downloads VS Code when it runs, and an install of the
// project must not need that.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const tests = join(ROOT, 'out', 'web-tests.js');
if (!existsSync(tests) || !existsSync(join(ROOT, 'client', 'out', 'browser.js'))) {
  console.error('test-web: build first (npm run build)');
  process.exit(2);
}
let runTests;
try {
  ({ runTests } = await import('@vscode/test-web'));
} catch {
  console.error('test-web: @vscode/test-web is not installed; run `npm install --no-save @vscode/test-web` (it downloads VS Code when it runs), or `npm run test:web`, which needs no download');
  process.exit(2);
}
const workspace = mkdtempSync(join(tmpdir(), 'abr-web-ws-'));
cpSync(join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
try {
  // an extension with a `browser` entry runs in the web worker host: no Node host in this workbench
  await runTests({ browserType: 'chromium', headless: true, extensionDevelopmentPath: ROOT, extensionTestsPath: tests, folderPath: workspace, quality: 'stable' });
  console.log('test-web: passed');
} catch (e) {
  console.error(`test-web: failed (${e instanceof Error ? e.message : String(e)})`);
  process.exitCode = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
