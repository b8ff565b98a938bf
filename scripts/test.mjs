#!/usr/bin/env node
// Runs the test suites and ends with one plain line `N passed, N failed`, followed by `, N skipped`
// when some tests were skipped (their titles are listed above it).
//   node scripts/test.mjs                 lint, unit, lsp (protocol), e2e (real VS Code) and web (the
//                                         same VS Code's web worker extension host, in Chromium)
//   node scripts/test.mjs --only unit,lsp  some of them
// Lint (npm run lint: the import boundaries, cycles, floating promises) counts as one test.
// Expects a build (npm test builds first). The e2e suite runs in its own process: see scripts/e2e.mjs.
// A suite that runs no test at all (none found, or all skipped) fails — without --grep: with it,
// finding nothing in one suite is expected — and so does a `.only` left in a test file (forbidOnly).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cleanNpmEnv } from './clean-env.mjs';
import { join } from 'node:path';
import Mocha from 'mocha';

const only = (() => {
  const i = process.argv.indexOf('--only');
  return i >= 0 ? process.argv[i + 1].split(',') : ['lint', 'unit', 'lsp', 'e2e', 'web'];
})();
const grep = (() => {
  const i = process.argv.indexOf('--grep');
  return i >= 0 ? process.argv[i + 1] : undefined;
})();

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...testFiles(path));
    else if (name.endsWith('.test.js')) out.push(path);
  }
  return out;
}

async function runMocha(name, dir, timeout) {
  const files = testFiles(dir);
  if (files.length === 0) {
    console.log(`${name}: no test files in ${dir}`);
    return { passed: 0, failed: 1, skipped: [] };
  }
  const mocha = new Mocha({ reporter: 'spec', timeout, forbidOnly: true, ...(grep ? { grep } : {}) });
  for (const f of files) mocha.addFile(f);
  try {
    await mocha.loadFilesAsync();
  } catch (e) {
    // a `.only` (forbidOnly), or a test file that throws as it loads
    console.log(`${name}: could not load the tests: ${e instanceof Error ? e.message : String(e)}`);
    return { passed: 0, failed: 1, skipped: [] };
  }
  return new Promise((resolve) => {
    const skipped = [];
    const runner = mocha.run(() => {
      const { passes, failures } = runner.stats;
      if (!grep && passes + failures === 0) {
        console.log(`${name}: no test ran (the files in ${dir} define none, or every one was skipped)`);
        resolve({ passed: 0, failed: 1, skipped });
      } else resolve({ passed: passes, failed: failures, skipped });
    });
    runner.on('pending', (test) => skipped.push(`${name}: ${test.fullTitle()}`));
  });
}

/** `N passed, N failed`, with `, N skipped` when some were. */
const counts = (r) => `${r.passed} passed, ${r.failed} failed${r.skipped.length ? `, ${r.skipped.length} skipped` : ''}`;

function runE2e(args = []) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/e2e.mjs', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      out += d;
    });
    child.on('close', (code) => {
      const m = /^e2e: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/m.exec(out.slice(-2000));
      if (!m) return resolve({ passed: 0, failed: 1, skipped: [] });
      const [passed, failed] = [m[1], m[2]].map(Number);
      const run = `e2e${args.length ? ` ${args.join(' ')}` : ''}`;
      // a run that executed no test proves nothing: it fails (the UI run counts its one check as passed)
      if (passed + failed === 0) console.log(`${run}: no test ran`);
      resolve({
        passed,
        failed: failed + ((code !== 0 || passed + failed === 0) && failed === 0 ? 1 : 0),
        skipped: [...out.matchAll(/^e2e skipped: (.*)$/gm)].map((t) => `${run}: ${t[1]}`),
      });
    });
  });
}

/**
 * Installs the VS Code the e2e suites run in (scripts/setup-vscode-e2e.sh, which is quick when all
 * is there), with a clean npm environment: this process runs under `npm test`, and the outer npm's
 * npm_config_* variables must not reach the nested installs.
 */
let vsCodeReady;
function setupVsCode() {
  if (vsCodeReady !== undefined) return vsCodeReady;
  const r = spawnSync('bash', ['scripts/setup-vscode-e2e.sh'], { stdio: 'inherit', env: cleanNpmEnv() });
  vsCodeReady = r.status === 0;
  if (!vsCodeReady) console.log('e2e: the real-VS-Code suites did not run: installing VS Code for them failed (the lines above say which step and how to fix it).');
  return vsCodeReady;
}

/** ESLint over the project (eslint.config.mjs), as `npm run lint` runs it: one test, passed when it reports nothing. */
function runLint() {
  const bin = join('node_modules', 'eslint', 'bin', 'eslint.js');
  const r = spawnSync(process.execPath, [bin, '--max-warnings', '0', '.'], { stdio: 'inherit' });
  console.log(r.status === 0 ? 'lint: no problems' : 'lint: problems above (npm run lint)');
  return { passed: r.status === 0 ? 1 : 0, failed: r.status === 0 ? 0 : 1, skipped: [] };
}

let passed = 0;
let failed = 0;
const skipped = [];
for (const suite of only) {
  let r;
  if (suite === 'lint') r = runLint();
  else if (suite === 'unit') r = await runMocha('unit', 'out/test/unit', 20000);
  else if (suite === 'lsp') r = await runMocha('lsp', 'out/test/lsp', 30000);
  else if (suite === 'e2e') {
    // the extension tests, the same extension in Restricted Mode, then the UI run that a person
    // would see (screenshots in test-results/: coverage.png, ui.png, bicep.png, bicep-hover.png);
    // VS Code is installed once for all three
    const E2E_RUNS = [[], ['--untrusted'], ['--ui']];
    if (!setupVsCode()) r = { passed: 0, failed: E2E_RUNS.length, skipped: [] };
    else {
      const runs = [];
      for (const args of E2E_RUNS) runs.push(await runE2e(args));
      r = { passed: runs.reduce((n, x) => n + x.passed, 0), failed: runs.reduce((n, x) => n + x.failed, 0), skipped: runs.flatMap((x) => x.skipped) };
    }
  }
  else if (suite === 'web') {
    // the extension's browser entry in VS Code's web worker extension host (test/web), with the
    // screenshot test-results/web.png
    r = setupVsCode() ? await runE2e(['--web']) : { passed: 0, failed: 1, skipped: [] };
  }
  else {
    console.error(`unknown suite ${suite}`);
    process.exit(2);
  }
  if (suite !== 'e2e' && suite !== 'web') console.log(`${suite}: ${counts(r)}\n`); // e2e.mjs prints its own
  passed += r.passed;
  failed += r.failed;
  skipped.push(...r.skipped);
}
if (skipped.length) console.log(`skipped:\n${skipped.map((t) => `  - ${t}`).join('\n')}`);
console.log(counts({ passed, failed, skipped }));
process.exitCode = failed > 0 ? 1 : 0;
