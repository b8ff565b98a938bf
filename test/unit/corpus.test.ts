// Whole real role files from public repositories, each with a reviewed baseline of the
// diagnostics it must produce (test/fixtures/corpus/baselines). UPDATE_BASELINES=1 rewrites them.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEVERITY_NAME } from '../../server/src/core/types';
import { REPO, diagnose } from '../support/harness';

const DIR = join(REPO, 'test', 'fixtures', 'corpus');
const BASELINES = join(DIR, 'baselines');

function render(text: string): string {
  return diagnose(text).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${SEVERITY_NAME[d.severity]} ${d.code} ${d.message}`).join('\n') + '\n';
}

describe('real role files (baselines)', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

  it('has the corpus', () => {
    assert.ok(files.length >= 40);
  });

  for (const file of files) {
    it(file, () => {
      const actual = render(readFileSync(join(DIR, file), 'utf8'));
      const baseline = join(BASELINES, file.replace(/\.json$/, '.txt'));
      if (process.env.UPDATE_BASELINES) {
        mkdirSync(BASELINES, { recursive: true });
        writeFileSync(baseline, actual);
      }
      assert.ok(existsSync(baseline), `no baseline for ${file}; run with UPDATE_BASELINES=1 and review it`);
      assert.equal(actual, readFileSync(baseline, 'utf8'));
    });
  }
});
