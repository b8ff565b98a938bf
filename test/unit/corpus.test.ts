// Regression guards over whole real role files from public repositories: each file's diagnostics
// must stay what test/fixtures/corpus/baselines records. The baselines are the checker's own
// output, looked over when written (many are empty), so they prove no finding right: they catch a
// change nobody meant. What the files are known to get wrong is asserted, from the corpus's
// notes, in corpus-known-bad.test.ts.
//
// UPDATE_BASELINES=1 writes the baselines that changed and fails those tests (review the diff, then
// run again without it); an unchanged baseline's comparison is skipped in that mode, never passed.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SEVERITY_NAME } from '../../server/src/core/types';
import { matchesBaseline } from '../support/baseline';
import { REPO, diagnose } from '../support/harness';

const DIR = join(REPO, 'test', 'fixtures', 'corpus');
const BASELINES = join(DIR, 'baselines');

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
      matchesBaseline(this, join(BASELINES, file.replace(/\.json$/, '.txt')), render(readFileSync(join(DIR, file), 'utf8')));
    });
  }
});
