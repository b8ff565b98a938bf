// Regression guards over whole real role files from public repositories: each file's diagnostics
// must stay what test/fixtures/corpus/baselines records. The baselines are the checker's own
// output, looked over when written (many are empty), so they prove no finding right: they catch a
// change nobody meant. What the files are known to get wrong is asserted, from the corpus's
// notes, in corpus-known-bad.test.ts.
//
// UPDATE_BASELINES=1 writes the baselines that changed and fails those tests (review the diff, then
// run again without it); an unchanged baseline's comparison is skipped in that mode, never passed.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEVERITY_NAME } from '../../server/src/core/types';
import { REPO, diagnose } from '../support/harness';

const DIR = join(REPO, 'test', 'fixtures', 'corpus');
const BASELINES = join(DIR, 'baselines');
const UPDATE = !!process.env.UPDATE_BASELINES;

function render(text: string): string {
  return diagnose(text).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${SEVERITY_NAME[d.severity]} ${d.code} ${d.message}`).join('\n') + '\n';
}

describe('regression guards: real role files against their recorded diagnostics', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

  it('has the corpus', () => {
    assert.ok(files.length >= 40);
  });

  for (const file of files) {
    it(file, function () {
      const actual = render(readFileSync(join(DIR, file), 'utf8'));
      const baseline = join(BASELINES, file.replace(/\.json$/, '.txt'));
      const recorded = existsSync(baseline) ? readFileSync(baseline, 'utf8') : undefined;
      if (UPDATE) {
        if (recorded === actual) this.skip(); // nothing to write; no comparison made in update mode
        mkdirSync(BASELINES, { recursive: true });
        writeFileSync(baseline, actual);
        assert.fail(`UPDATE_BASELINES: wrote ${baseline}; review the change, then run again without UPDATE_BASELINES`);
      }
      assert.ok(recorded !== undefined, `no baseline for ${file}; run with UPDATE_BASELINES=1 and review it`);
      assert.equal(actual, recorded);
    });
  }
});
