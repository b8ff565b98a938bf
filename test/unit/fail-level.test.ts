// check --fail-level: which findings make the run exit 1, as a CI job relies on; the SARIF report
// says the same exit code; a run that could not check what it was asked to fails at every level
// but none.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';

const SUBSCRIPTION = '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f';
const role = (actions: string[], scope = SUBSCRIPTION) => JSON.stringify({ Name: 'R', IsCustom: true, Description: 'reads vaults', Actions: actions, NotActions: [], AssignableScopes: [scope] }, null, 2);

/** Each file, the one finding's level it holds, and the exit code at error, warning, note and none. */
const CASES: { file: string; text: string | Buffer; level: string; exits: [number, number, number, number] }[] = [
  { file: 'error.json', text: role(['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read']), level: 'error', exits: [1, 1, 1, 0] },
  { file: 'warning.json', text: role(['Microsoft.Compute/virtualMachine/read']), level: 'warning', exits: [0, 1, 1, 0] },
  { file: 'note.json', text: role(['Microsoft.RecoveryServices/Vaults/read'], '/subscriptions/{subscriptionId}'), level: 'note', exits: [0, 0, 1, 0] },
  { file: 'clean.json', text: role(['Microsoft.RecoveryServices/Vaults/read']), level: 'none', exits: [0, 0, 0, 0] },
  // a file it could not read: the check did not happen, whatever the level, unless none
  { file: 'image.json', text: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), level: 'unreadable', exits: [1, 1, 1, 0] },
];
const LEVELS = ['error', 'warning', 'note', 'none'] as const;

describe('check --fail-level', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'abr-fail-level-'));
    for (const c of CASES) writeFileSync(join(dir, c.file), c.text);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('each file holds the one finding of its level', () => {
    const json = JSON.parse(runCli(['check', ...CASES.map((c) => c.file), '--format', 'json'], dir).stdout) as { file: string; diagnostics: { severity: number }[]; error?: string }[];
    const levelOf = (f: (typeof json)[number]) => (f.error ? 'unreadable' : f.diagnostics.length === 0 ? 'none' : ['', 'error', 'warning', 'note', 'note'][f.diagnostics[0].severity]);
    assert.deepEqual(json.map((f) => [f.file, f.diagnostics.length <= 1, levelOf(f)]), CASES.map((c) => [c.file, true, c.level]));
  });

  for (const c of CASES) {
    it(`${c.file}: exits ${c.exits.join(', ')} at ${LEVELS.join(', ')}, and its SARIF says so`, () => {
      for (const [i, level] of LEVELS.entries()) {
        // both spellings of the option; the text report exits as the SARIF one does
        const sarif = runCli(['check', c.file, ...(i % 2 ? [`--fail-level=${level}`] : ['--fail-level', level]), '--format', 'sarif'], dir);
        assert.equal(sarif.code, c.exits[i], `--fail-level ${level}: ${sarif.stderr}`);
        assert.equal(JSON.parse(sarif.stdout).runs[0].invocations[0].exitCode, c.exits[i], 'the report tells the exit code');
      }
      assert.equal(runCli(['check', c.file, '--fail-level', 'warning'], dir).code, c.exits[1], 'text');
    });
  }

  it('defaults to error: warnings and notes alone pass, as before the option', () => {
    assert.equal(runCli(['check', 'warning.json', 'note.json'], dir).code, 0);
    assert.equal(runCli(['check', 'warning.json', 'error.json'], dir).code, 1);
  });

  it('a named file it does not check fails the run at error, and passes at none', () => {
    writeFileSync(join(dir, 'main.bicepparam'), "using 'main.bicep'\n");
    assert.equal(runCli(['check', 'clean.json', 'main.bicepparam'], dir).code, 1);
    assert.equal(runCli(['check', 'clean.json', 'main.bicepparam', '--fail-level', 'none'], dir).code, 0);
  });

  it('refuses a level it does not know, a missing level, and the option on another command (usage, exit 2)', () => {
    for (const [args, message] of [
      [['check', 'clean.json', '--fail-level', 'information'], "--fail-level must be error, warning, note, none, not 'information'"],
      [['check', 'clean.json', '--fail-level'], '--fail-level needs one of error, warning, note, none'],
      [['explain', 'Reader', '--fail-level', 'note'], '--fail-level is an option of check, not of explain'],
    ] as const) {
      const r = runCli(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.ok(r.stderr.startsWith(`azure-backup-rbac: ${message}\n\nUsage:`), r.stderr);
    }
  });
});
