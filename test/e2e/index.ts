// Entry point of the real-editor tests: the `run()` contract of @vscode/test-electron, also used
// by scripts/e2e.mjs (VS Code server + Chromium). Runs every *.test.js beside this file in the
// extension host and records the counts in test-results/e2e.json for the harness.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}

/** Runs the *.test.js files of a folder (also the Restricted Mode suite, test/e2e-untrusted). */
export function runTestsIn(dir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60000 });
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(join(dir, f));
  const results = resolve(__dirname, '..', '..', '..', 'test-results');
  return new Promise((done, fail) => {
    const runner = mocha.run((failures) => {
      mkdirSync(results, { recursive: true });
      writeFileSync(join(results, 'e2e.json'), JSON.stringify({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? failures }));
      console.log(`[e2e-results] ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) fail(new Error(`${failures} tests failed.`));
      else done();
    });
  });
}
