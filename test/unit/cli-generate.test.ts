// `azure-backup-rbac generate` as users run it: the built bundle prints the roles, and `check`
// (the same bundle) finds nothing in what it printed, in each shape; an unknown id is a usage
// error naming the close ones.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';

describe('CLI generate', function () {
  this.timeout(60000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'abr-generate-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [format, file] of [['cli', 'crr.json'], ['arm', 'crr-template.json'], ['bicep', 'crr.bicep']] as const) {
    it(`prints cross-region restore's roles as ${format}, and check finds nothing in them`, () => {
      const r = runCli(['generate', '--operations', 'vm-cross-region-restore', ...(format === 'cli' ? [] : ['--format', format])]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, /azure-backup-rbac-operations vm-cross-region-restore@vault-subscription/);
      assert.match(r.stdout, /vm-restore@recovery-services-vault/, 'with the restore it needs besides');
      writeFileSync(join(dir, file), r.stdout);
      const c = runCli(['check', join(dir, file)]);
      assert.equal(c.code, 0, c.stdout);
      assert.equal(c.stdout, 'No problems in 1 file checked.\n');
    });
  }

  it('prints the az CLI shape by default: a JSON array, one role object per scope, assignable in --subscription', () => {
    const r = runCli(['generate', '--operations', 'vm-cross-region-restore', '--subscription', '6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f']);
    const roles = JSON.parse(r.stdout) as { Name: string; Description: string; Actions: string[]; AssignableScopes: string[] }[];
    assert.equal(roles.length, 5);
    assert.match(roles[0].Description, /Assign at the subscription of the Recovery Services vault\./);
    assert.deepEqual(roles[0].Actions, [...roles[0].Actions].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    assert.ok(roles.every((x) => x.AssignableScopes[0] === '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f'));
    assert.ok(roles.every((x) => x.Actions.every((a) => !a.includes('*'))), 'no wildcard');
  });

  it('answers an unknown id with a usage error that names the close ones', () => {
    const r = runCli(['generate', '--operations', 'vm-restor,vm-backup-now']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^azure-backup-rbac: 'vm-restor' is not a backup operation id; close ones: vm-restore, /);
    assert.match(r.stderr, /Usage:/);
  });

  it('takes no --compact or --subscription outside generate, and no bad format or subscription', () => {
    assert.equal(runCli(['check', '--compact', dir]).code, 2);
    assert.equal(runCli(['generate', '--operations', 'vm-restore', '--format', 'yaml']).code, 2);
    assert.equal(runCli(['generate', '--operations', 'vm-restore', '--subscription', 'mine']).code, 2);
    assert.equal(runCli(['generate']).code, 2);
  });
});
