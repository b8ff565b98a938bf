// Baselines of whole real inputs (test/fixtures/*/baselines): a test's output compared with the one
// recorded, and rewritten only on request. UPDATE_BASELINES=1 writes the baselines that changed and
// fails those tests (review the diff, then run again without it); an unchanged baseline's comparison
// is skipped in that mode, never passed.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const UPDATE_BASELINES = !!process.env.UPDATE_BASELINES;

/** Asserts that `actual` is what the baseline at `path` records; `review` says what to look over after an update. */
export function matchesBaseline(test: Mocha.Context, path: string, actual: string, review = 'the change'): void {
  const recorded = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (UPDATE_BASELINES) {
    if (recorded === actual) test.skip(); // nothing to write; no comparison made in update mode
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    assert.fail(`UPDATE_BASELINES: wrote ${path}; review ${review}, then run again without UPDATE_BASELINES`);
  }
  assert.ok(recorded !== undefined, `no baseline ${path}; run with UPDATE_BASELINES=1 and review it`);
  assert.equal(actual, recorded);
}
