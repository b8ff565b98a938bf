// Entry point of the Restricted Mode run (scripts/e2e.mjs --untrusted): the workspace is not
// trusted, and its settings name a catalog file.
import { runTestsIn } from '../e2e/index';

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}
