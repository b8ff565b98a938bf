// The CLI's `generate --from-activity-log` and `diff` as users run them: the built bundle, its
// output on stdout and stderr, and its exit codes.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { REPO, catalog } from '../support/harness';

const LOGS = join(REPO, 'test', 'fixtures', 'activity-log');
const SCOPE = '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f';

describe('CLI: generate --from-activity-log', function () {
  this.timeout(30000);

  it('prints the role as CLI JSON on stdout and the notes on stderr', () => {
    const r = runCli(['generate', '--from-activity-log', join(LOGS, 'az-activity-log-list.json'), '--caller', 'alice@contoso.com']);
    assert.equal(r.code, 0, r.stderr);
    const role = JSON.parse(r.stdout) as { Name: string; IsCustom: boolean; Actions: string[]; AssignableScopes: string[] };
    assert.equal(role.Name, 'Activity of alice@contoso.com');
    assert.ok(role.Actions.includes('Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints/restore/action'));
    assert.deepEqual(role.AssignableScopes, [`${SCOPE}/resourceGroups/rg-backup`]);
    assert.match(r.stderr, /^note: 3 operations from 4 succeeded calls by alice@contoso\.com\.\n/);
    assert.match(r.stderr, /^note: not in the catalog of .*, kept as the log writes it: .*\/archiveMove\/action$/m);
    assert.match(r.stderr, /^note: read added \(the activity log records no reads\): Microsoft\.RecoveryServices\/Vaults\/read, which /m);
  });

  it('writes Bicep and ARM templates with --format, and reads the CSV export', () => {
    const bicep = runCli(['generate', '--from-activity-log', join(LOGS, 'azureactivity-export.csv'), '--caller', '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', '--format', 'bicep', '--name', "Carol's file share backup"]);
    assert.equal(bicep.code, 0, bicep.stderr);
    assert.match(bicep.stdout, /^targetScope = 'subscription'\n/);
    assert.match(bicep.stdout, /param roleName string = 'Carol\\'s file share backup'/);
    const arm = runCli(['generate', '--from-activity-log=' + join(LOGS, 'azureactivity-query.json'), '--format=arm']);
    assert.equal(arm.code, 0, arm.stderr);
    assert.equal(JSON.parse(arm.stdout).resources[0].type, 'Microsoft.Authorization/roleDefinitions');
  });

  it('is a usage error, naming the callers, when the log holds several and none is named', () => {
    const r = runCli(['generate', '--from-activity-log', join(LOGS, 'az-activity-log-list.json')]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^azure-backup-rbac: .*az-activity-log-list\.json: the log holds calls by 3 callers \(alice@contoso\.com: 4 succeeded calls, .*\); name one with --caller\n\nUsage:/);
  });

  describe('bad input: a usage error naming the file and line, never a crash', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'abr-log-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    const cases: [string, string, RegExp][] = [
      ['cut.json', '[\n  {\n    "caller": "a@b.c",\n', /cut\.json:4: not valid JSON: /],
      ['rows.csv', 'OperationNameValue,Caller\nMICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE,"a@b.c\n', /rows\.csv:2: a quoted CSV field is never closed/],
      ['short.csv', 'OperationNameValue,Caller,ActivityStatusValue\nA/B/WRITE,x,Success\nA/B/WRITE\n', /short\.csv:3: a CSV row of 1 field under a header of 3/],
    ];
    for (const [name, text, message] of cases) {
      it(name, () => {
        writeFileSync(join(dir, name), text);
        const r = runCli(['generate', '--from-activity-log', join(dir, name)]);
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, message);
        assert.doesNotMatch(r.stderr, /^azure-backup-rbac: internal error/m);
      });
    }

    it('a missing file, an unknown format, a missing value', () => {
      assert.match(runCli(['generate', '--from-activity-log', join(dir, 'none.json')]).stderr, /cannot read the activity log .*none\.json: no such file/);
      assert.match(runCli(['generate', '--from-activity-log', join(LOGS, 'azureactivity-query.json'), '--format', 'yaml']).stderr, /--format must be cli, arm, bicep, not 'yaml'/);
      const r = runCli(['generate', '--from-activity-log']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^azure-backup-rbac: --from-activity-log needs a value/);
      assert.match(runCli(['check', '--caller', 'x', '.']).stderr, /^azure-backup-rbac: --caller is an option of generate --from-activity-log\n\nUsage:/);
    });

    it('exits 1, writing no role, when the log holds no succeeded call', () => {
      writeFileSync(join(dir, 'failed.json'), JSON.stringify([{ caller: 'a@contoso.com', authorization: { action: 'Microsoft.Compute/virtualMachines/write', scope: SCOPE }, status: { value: 'Failed' } }]));
      const r = runCli(['generate', '--from-activity-log', join(dir, 'failed.json')]);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /no succeeded call in the log \(of 1 event, 1 failed call\); no role written\./);
    });
  });
});

describe('CLI: diff', function () {
  this.timeout(30000);
  let dir: string;
  const operator = catalog.roleByName('Backup Operator')!;
  const block = operator.permissions[0];
  const role = (name: string, actions: readonly string[]) => ({ Name: name, IsCustom: true, Description: 'test', Actions: actions, NotActions: block.notActions, DataActions: block.dataActions, NotDataActions: block.notDataActions, AssignableScopes: [SCOPE] });
  const dropped = 'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/backup/action';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'abr-diff-'));
    writeFileSync(join(dir, 'copy.json'), JSON.stringify(role('Copy of Backup Operator', block.actions), null, 2));
    writeFileSync(join(dir, 'two.json'), JSON.stringify([role('Operator copy', block.actions), role('No backup', block.actions.filter((a) => a !== dropped))], null, 2));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and says so when a file role grants what the built-in role grants', () => {
    const r = runCli(['diff', join(dir, 'copy.json'), 'Backup Operator']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^A: Copy of Backup Operator \(custom role in .*copy\.json\)\nB: Backup Operator \(built-in role 00c29273-979b-4161-815c-10b084fb9324\)\n\nA and B grant the same \d+ operations\.\nCompared after wildcards and notActions, over the [\d,]+ operations of the catalog of \d{4}-\d\d-\d\d\.\n$/);
  });

  it('exits 1 and names the operation when they differ; a role of a file of several is named after #', () => {
    const r = runCli(['diff', '00c29273-979b-4161-815c-10b084fb9324', `${join(dir, 'two.json')}#No backup`]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, new RegExp(`\\nOnly A grants \\(1\\):\\n  ${dropped.replace(/[./]/g, '\\$&')}\\n\\nOnly B grants \\(0\\)\\n`));
    const json = JSON.parse(runCli(['diff', `${join(dir, 'two.json')}#1`, `${join(dir, 'two.json')}#2`, '--format', 'json']).stdout) as { onlyA: { name: string; plane: string }[]; onlyB: unknown[]; same: boolean };
    assert.deepEqual([json.onlyA.map((g) => [g.name, g.plane]), json.onlyB, json.same], [[[dropped, 'action']], [], false]);
  });

  it('is a usage error for a file of several roles with none named, or a role the catalog does not know', () => {
    const several = runCli(['diff', join(dir, 'two.json'), 'Backup Operator']);
    assert.equal(several.code, 2);
    assert.match(several.stderr, /two\.json holds 2 roles \(Operator copy, No backup\): name one as .*two\.json#<role name> or .*two\.json#<n>/);
    const unknown = runCli(['diff', 'Backup Operater', 'Backup Reader']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^azure-backup-rbac: 'Backup Operater' is neither a file nor a role the catalog knows; did you mean 'Backup Operator'/);
    assert.match(runCli(['diff', 'Backup Reader']).stderr, /diff takes two roles/);
  });
});
