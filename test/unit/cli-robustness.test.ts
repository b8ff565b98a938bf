// The CLI answers every input with its report in the format asked for and exit 0 or 1, or, for
// arguments it cannot use, with its usage and exit 2; never with a stack trace, and never with exit
// 3, which is kept for faults of its own: odd files, damaged files, folders of them, bad arguments.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runCli } from '../support/cli';
import { GOOD, ODD } from '../support/odd-files';

const STACK = /^\s+at .+[:(]\d+|Error: .*\n\s+at /m;

const run = runCli;

/** The text a usage error ends with. */
const USAGE = /\n\nUsage:\n {2}azure-backup-rbac check [^]*\nExit codes:\n/;

/**
 * A report (exit 0 or 1, the format asked for on stdout) or, for `usage`, exit 2 with the message
 * and the usage on stderr; no stack trace, no exit 3, in either case.
 */
function assertAnswered(r: ReturnType<typeof run>, format: 'text' | 'json' | 'sarif' | 'usage', what: string): void {
  assert.notEqual(r.code, 3, `${what}: an internal error\n${r.stderr}`);
  assert.doesNotMatch(r.stdout + r.stderr, STACK, `${what}: a stack trace`);
  if (format === 'usage') {
    assert.equal(r.code, 2, `${what}\n${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /^azure-backup-rbac: [^\n]+\n/, what);
    assert.match(r.stderr, USAGE, what);
    assert.equal(r.stdout, '', what);
    return;
  }
  assert.ok(r.code === 0 || r.code === 1, `${what}: exit ${r.code}\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, USAGE, what);
  if (format === 'json') assert.ok(Array.isArray(JSON.parse(r.stdout)), what);
  if (format === 'sarif') assert.equal(JSON.parse(r.stdout).version, '2.1.0', what);
  if (format === 'text') assert.match(r.stdout, /(^|\n)(No problems in \d+ files? checked|\d+ problems? \(.*\) in \d+ files? checked|0 files checked)[;:.]/, what);
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
    writeFileSync(join(dir, 'notes.bicep'), "param name string = 'x'\n");
    writeFileSync(join(dir, 'log.csv'), 'OperationNameValue,Caller,ActivityStatusValue\nMICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE,"alice@contoso.com,Success\n');
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
    for (const args of [[], ['check'], ['check', 'no-such-file.json'], ['check', 'odd/dangling.json'], ['check', 'odd', '--format', 'xml'], ['check', 'odd', '--settings', 'nope.json'],
      ['check', 'odd', '--settings', 'odd/truncated.json'], ['frobnicate'], ['check', '--format'], ['explain'], ['explain', 'a', 'b'], ['explain', 'Reader', '--format', 'sarif'],
      ['check', 'odd', '--operations'], ['check', 'odd', '--bogus']]) {
      const r = run(args, dir);
      assertAnswered(r, 'usage', args.join(' ') || '(no arguments)');
    }
  });

  it('answers any arguments with a report, or with usage and exit 2, never exit 3 (property)', () => {
    const word = fc.constantFrom('check', 'explain', 'odd', 'odd/empty.json', 'odd/deep.json', 'odd/comments.jsonc', 'odd/binary.json', 'odd/dangling.json', 'missing.json', 'notes.bicep',
      '--format', '--format=json', '--format=sarif', '--format=', 'text', 'xml', '--settings', '--settings=odd/wrong-types.json', '--operations', '--roles=odd/template.json',
      'generate', 'diff', '--git', 'HEAD', '--from-activity-log', '--caller=alice@contoso.com', 'log.csv',
      '--', '-', '-x', '', '*', 'Backup Reader', '00c29273-979b-4161-815c-10b084fb9324', 'Microsoft.Compute/*/read', 'ü/../..', '\ud800', '--help', '--version');
    fc.assert(fc.property(fc.array(word, { minLength: 0, maxLength: 6 }), (args) => {
      const r = run(args, dir);
      const what = JSON.stringify(args);
      assert.notEqual(r.code, 3, `${what}: an internal error\n${r.stderr}`);
      assert.doesNotMatch(r.stdout + r.stderr, STACK, `${what}: a stack trace`);
      assert.ok([0, 1, 2].includes(r.code ?? -1), `${what}: exit ${r.code}`);
      // exit 2 is a usage error and nothing else; a usage error always tells what was wrong and how to call
      assert.equal(r.code === 2, USAGE.test(r.stderr), `${what}: exit ${r.code}\n${r.stderr}`);
    }), { numRuns: Number(process.env.FC_RUNS ?? 40), seed: 7 });
  });
});
