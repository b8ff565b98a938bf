// Entry point of the Restricted Mode run (scripts/e2e.mjs --untrusted): the workspace is not
// trusted, and its settings name a catalog file. The same runner as test/e2e: `.only` is forbidden,
// skipped tests are listed, and a run in which no test ran fails.
import { runTestsIn } from '../e2e/index';

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}
