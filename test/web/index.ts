// Entry point of the tests in VS Code's web worker extension host (the host of vscode.dev and
// github.dev): the `run()` contract of @vscode/test-electron and @vscode/test-web. Bundled with
// mocha's browser build into out/web-tests.js (scripts/build.mjs), inside the extension's folder,
// so that the tests run in the host the extension runs in. A worker has no file system: the
// results go to the console, one line a test, then `[web-results] N passed, N failed, N skipped`,
// which the harness (scripts/e2e.mjs --web) reads.
import 'mocha/mocha.js';

interface Stats { passes: number; failures: number }
interface Runner { stats?: Stats; on(event: 'pass' | 'fail' | 'pending', f: (test: { fullTitle(): string; duration?: number }, err?: Error) => void): void }

const log = (line: string) => console.log(`[web] ${line}`);

/** One line a test, prefixed for the harness (mocha's own reporters write to a page or a terminal). */
function Reporter(this: unknown, runner: Runner): void {
  runner.on('pass', (t) => log(`✔ ${t.fullTitle()} (${t.duration ?? 0} ms)`));
  runner.on('fail', (t, err) => log(`✘ ${t.fullTitle()}: ${err?.message ?? 'failed'}`));
  runner.on('pending', (t) => log(`- skipped: ${t.fullTitle()}`));
}

export function run(): Promise<void> {
  const m = (globalThis as unknown as { mocha: BrowserMocha }).mocha;
  m.setup({ ui: 'bdd', reporter: Reporter as never, timeout: 60000, forbidOnly: true });
  // the test files define their suites when loaded: after mocha.setup has made describe and it
  require('./web.test');
  return new Promise((done, fail) => {
    const skipped: string[] = [];
    const runner = m.run((failures) => {
      const passed = runner.stats?.passes ?? 0;
      const none = passed + failures === 0;
      const failed = none ? 1 : failures;
      for (const title of skipped) console.log(`[web-results] skipped: ${title}`);
      console.log(`[web-results] ${passed} passed, ${failed} failed, ${skipped.length} skipped`);
      if (failed > 0) fail(new Error(none ? 'no test ran' : `${failed} tests failed.`));
      else done();
    }) as unknown as Runner;
    runner.on('pending', (t) => skipped.push(t.fullTitle()));
  });
}
