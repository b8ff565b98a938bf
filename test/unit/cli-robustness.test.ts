// The CLI answers every input with its report in the format asked for and exit 0, 1 or 2, and
// never with a stack trace: odd files, damaged files, folders of them, bad arguments.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runCli } from '../support/cli';
import { GOOD, ODD } from '../support/odd-files';

const STACK = /^\s+at .+[:(]\d+|Error: .*\n\s+at /m;

const run = runCli;

/** Exit 0/1/2, the format asked for on stdout (for a report), and no stack trace anywhere. */
function assertAnswered(r: ReturnType<typeof run>, format: 'text' | 'json' | 'sarif' | 'usage', what: string): void {
  assert.ok(r.code === 0 || r.code === 1 || r.code === 2, `${what}: exit ${r.code}\n${r.stderr}`);
  assert.doesNotMatch(r.stdout + r.stderr, STACK, `${what}: a stack trace`);
  if (format === 'usage') {
    assert.equal(r.code, 2, what);
    assert.match(r.stderr, /^azure-backup-rbac: /, what);
    return;
  }
  assert.notEqual(r.code, 2, `${what}: ${r.stderr}`);
  if (format === 'json') assert.ok(Array.isArray(JSON.parse(r.stdout)), what);
  if (format === 'sarif') assert.equal(JSON.parse(r.stdout).version, '2.1.0', what);
  if (format === 'text') assert.match(r.stdout, /(No problems in|problems? \(.*\) in) \d+ files? checked/, what);
}

describe('CLI robustness', function () {
  this.timeout(120000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'abr-cli-robust-'));
    mkdirSync(join(dir, 'odd'));
    for (const [name, text] of Object.entries(ODD)) writeFileSync(join(dir, 'odd', name), text);
    writeFileSync(join(dir, 'odd', 'binary.json'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe]));
    writeFileSync(join(dir, 'odd', 'utf16-odd.json'), Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x00, 0xd8]));
    symlinkSync(join(dir, 'odd', 'missing-target.json'), join(dir, 'odd', 'dangling.json'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a folder of odd files in every format', () => {
    for (const format of ['text', 'json', 'sarif'] as const) {
      const r = run(['check', 'odd', '--format', format], dir);
      assertAnswered(r, format, `odd files as ${format}`);
      if (format === 'json') {
        const files = (JSON.parse(r.stdout) as { file: string; diagnostics: { code: string }[]; error?: string }[]);
        assert.deepEqual(files.find((f) => f.file.endsWith('deep.json'))?.diagnostics.map((d) => d.code), ['nested-too-deeply']);
        assert.match(files.find((f) => f.file.endsWith('binary.json'))?.error ?? '', /binary/);
        assert.equal(files.find((f) => f.file.endsWith('dangling.json')), undefined, 'a link to nothing is passed over in a folder');
      }
    }
  });

  it('answers damaged role files one by one (property)', () => {
    const base = [GOOD, ODD['template.json'], ODD['wrong-types.json'], ODD['comments.jsonc']];
    let n = 0;
    fc.assert(fc.property(fc.constantFrom(...base), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('', '{', '}', '"', ',', '\ud800', '\u0000', '//', '[['), fc.constantFrom('text', 'json', 'sarif'), (text, where, insert, format) => {
      const at = Math.floor(text.length * where);
      const file = join(dir, `damaged-${n++}.json`);
      writeFileSync(file, text.slice(0, at) + insert + text.slice(at));
      assertAnswered(run(['check', file, '--format', format], dir), format as 'text', `${insert} at ${at} of ${text.slice(0, 40)}`);
    }), { numRuns: 25, seed: 5 });
  });

  it('answers bad arguments with usage and exit 2', () => {
    for (const args of [['check'], ['check', 'no-such-file.json'], ['check', 'odd/dangling.json'], ['check', 'odd', '--format', 'xml'], ['check', 'odd', '--settings', 'nope.json'], ['frobnicate'], ['check', '--format'], ['explain'], ['check', 'odd', '--operations']]) {
      const r = run(args, dir);
      assertAnswered(r, 'usage', args.join(' '));
    }
  });
});
