// The README's performance table is what `npm run bench` wrote at the commit it names: the block
// between its markers must be the rendering of the results the bench recorded (bench/results.json,
// and bench/before.json for the "before" column), so a figure edited by hand, or a table left from
// another run, fails here.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from '../support/harness';

interface BenchReadme {
  START: string;
  END: string;
  renderBenchBlock(now: unknown, before?: unknown): string;
  benchBlockOf(readme: string): string | undefined;
}

const json = (file: string) => JSON.parse(readFileSync(join(REPO, 'bench', file), 'utf8')) as { commit?: string; dirty?: boolean; results: { id: string }[] };

describe("README's performance table", () => {
  let bench: BenchReadme;
  before(async () => {
    bench = (await import(pathToFileURL(join(REPO, 'bench', 'readme.mjs')).href)) as BenchReadme;
  });

  it('is one block between the markers, in the Performance section', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    assert.equal(readme.split(bench.START).length, 2, 'one start marker');
    assert.equal(readme.split(bench.END).length, 2, 'one end marker');
    const section = readme.slice(readme.indexOf('## Performance'));
    assert.ok(section.indexOf(bench.START) > 0 && section.indexOf(bench.START) < section.indexOf('\n## ', 1));
  });

  it('names the commit it was measured at, and whether the tree had changes', () => {
    const now = json('results.json');
    assert.match(now.commit ?? '', /^[0-9a-f]{40}$/, 'bench/results.json records the full commit id');
    const block = bench.benchBlockOf(readFileSync(join(REPO, 'README.md'), 'utf8')) ?? '';
    assert.match(block, new RegExp(`Measured at commit \`${now.commit!.slice(0, 7)}\`${now.dirty ? ' \\+ uncommitted changes' : ''} on \\d{4}-\\d{2}-\\d{2}`));
    assert.match(block, new RegExp(`\\| now \\(\`${now.commit!.slice(0, 7)}\`\\) \\|`));
  });

  it('is what the bench renders from the results it recorded, every budget included', () => {
    const now = json('results.json');
    const before = existsSync(join(REPO, 'bench', 'before.json')) ? json('before.json') : undefined;
    for (const id of ['analysis-ratio', 'cli-start', 'hover-p99', 'completion-p99', 'edit-diagnostics', 'bicep-analysis-ratio', 'bicep-edit-diagnostics', 'workspace-index', 'workspace-memory', 'catalog-load', 'vsix-size']) {
      assert.ok(now.results.some((r) => r.id === id), `bench/results.json has ${id}: a full run, not a partial one`);
    }
    assert.equal(bench.benchBlockOf(readFileSync(join(REPO, 'README.md'), 'utf8')), bench.renderBenchBlock(now, before));
  });
});
