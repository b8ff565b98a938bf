#!/usr/bin/env node
// Runs the test suites and ends with one plain line `N passed, N failed`.
//   node scripts/test.mjs                 unit, lsp (protocol) and e2e (real VS Code)
//   node scripts/test.mjs --only unit,lsp  some of them
// Expects a build (npm test builds first). The e2e suite runs in its own process: see scripts/e2e.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cleanNpmEnv } from './clean-env.mjs';
import { join } from 'node:path';
import Mocha from 'mocha';

const only = (() => {
  const i = process.argv.indexOf('--only');
  return i >= 0 ? process.argv[i + 1].split(',') : ['unit', 'lsp', 'e2e'];
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
    return { passed: 0, failed: 1 };
  }
  const mocha = new Mocha({ reporter: 'spec', timeout, ...(grep ? { grep } : {}) });
  for (const f of files) mocha.addFile(f);
  await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats.passes, failed: runner.stats.failures }));
  });
}

function runE2e(args = []) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/e2e.mjs', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      tail = (tail + d).slice(-2000);
    });
    child.on('close', (code) => {
      const m = /^e2e: (\d+) passed, (\d+) failed$/m.exec(tail);
      if (m) resolve({ passed: Number(m[1]), failed: Number(m[2]) + (code !== 0 && Number(m[2]) === 0 ? 1 : 0) });
      else resolve({ passed: 0, failed: 1 });
    });
  });
}

/**
 * Installs the VS Code the e2e suites run in (scripts/setup-vscode-e2e.sh, which is quick when all
 * is there), with a clean npm environment: this process runs under `npm test`, and the outer npm's
 * npm_config_* variables must not reach the nested installs.
 */
function setupVsCode() {
  const r = spawnSync('bash', ['scripts/setup-vscode-e2e.sh'], { stdio: 'inherit', env: cleanNpmEnv() });
  if (r.status === 0) return true;
  console.log('e2e: the real-VS-Code suites did not run: installing VS Code for them failed (the lines above say which step and how to fix it).');
  return false;
}

let passed = 0;
let failed = 0;
for (const suite of only) {
  let r;
  if (suite === 'unit') r = await runMocha('unit', 'out/test/unit', 20000);
  else if (suite === 'lsp') r = await runMocha('lsp', 'out/test/lsp', 30000);
  else if (suite === 'e2e') {
    // the extension tests, the same extension in Restricted Mode, then the UI run that a person
    // would see (screenshot in test-results/ui.png); VS Code is installed once for all three
    const E2E_RUNS = [[], ['--untrusted'], ['--ui']];
    if (!setupVsCode()) r = { passed: 0, failed: E2E_RUNS.length };
    else {
      const runs = [];
      for (const args of E2E_RUNS) runs.push(await runE2e(args));
      r = { passed: runs.reduce((n, x) => n + x.passed, 0), failed: runs.reduce((n, x) => n + x.failed, 0) };
    }
  }
  else {
    console.error(`unknown suite ${suite}`);
    process.exit(2);
  }
  if (suite !== 'e2e') console.log(`${suite}: ${r.passed} passed, ${r.failed} failed\n`); // e2e.mjs prints its own
  passed += r.passed;
  failed += r.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
