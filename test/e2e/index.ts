// Entry point of the real-editor tests: the `run()` contract of @vscode/test-electron, also used
// by scripts/e2e.mjs (VS Code server + Chromium). Runs every *.test.js beside this file in the
// extension host and records the counts in test-results/e2e.json for the harness: passed, failed
// and the titles of skipped tests. A run that finds no test fails, and so does a `.only` left in
// a test file.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}

/** Runs the *.test.js files of a folder (also the Restricted Mode suite, test/e2e-untrusted). */
export function runTestsIn(dir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60000, forbidOnly: true });
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(join(dir, f));
  const results = resolve(__dirname, '..', '..', '..', 'test-results');
  const record = (passed: number, failed: number, skipped: readonly string[]) => {
    mkdirSync(results, { recursive: true });
    writeFileSync(join(results, 'e2e.json'), JSON.stringify({ passed, failed, skipped }));
    for (const title of skipped) console.log(`[e2e-results] skipped: ${title}`);
    console.log(`[e2e-results] ${passed} passed, ${failed} failed, ${skipped.length} skipped`);
  };
  return new Promise((done, fail) => {
    const skipped: string[] = [];
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        const passed = runner.stats?.passes ?? 0;
        // nothing ran: no test file, files that define no test, or every test skipped
        const none = passed + failures === 0;
        if (none) console.log(`[e2e-results] no test ran in ${dir}`);
        const failed = none ? 1 : runner.stats?.failures ?? failures;
        record(passed, failed, skipped);
        if (failed > 0) fail(new Error(none ? `no test ran in ${dir}` : `${failed} tests failed.`));
        else done();
      });
    } catch (e) {
      // a `.only` (forbidOnly), or a test file that throws as it loads
      console.log(`[e2e-results] could not load the tests: ${e instanceof Error ? e.message : String(e)}`);
      record(0, 1, []);
      fail(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    runner.on('pending', (test) => skipped.push(test.fullTitle()));
  });
}
