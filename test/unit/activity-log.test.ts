// A role from what a principal actually did: the hand-written logs of test/fixtures/activity-log
// (see its README: what each models), read as `az monitor activity-log list` writes them and as
// Log Analytics exports AzureActivity (JSON rows, CSV); malformed logs named by line; and the role
// written as CLI JSON, an ARM template and Bicep, each read back without an error.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, catalog, service } from '../support/harness';
import { loadBicepParser } from '../support/bicep';
import { type ActivityLogResult, type ActivityLogRole, activityLogNotes, commonScope, roleFromActivityLog } from '../../server/src/core/features/activity-log';
import { ROLE_FORMATS, writeRole } from '../../server/src/core/features/role-writer';
import { createLanguageService } from '../../server/src/core/language-service';
import { SEVERITY_NAME } from '../../server/src/core/types';

const fixture = (name: string) => readFileSync(join(REPO, 'test', 'fixtures', 'activity-log', name), 'utf8');
const ITEM = 'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems';
const SUB = '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f';
const VAULT = `${SUB}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod`;

function role(result: ActivityLogResult): ActivityLogRole {
  assert.equal(result.kind, 'role', 'message' in result ? result.message : '');
  return result as ActivityLogRole;
}

describe('role from an activity log', () => {
  describe('az monitor activity-log list output', () => {
    const log = fixture('az-activity-log-list.json');

    it('asks which caller when the log holds several, naming each with its succeeded calls', () => {
      const result = roleFromActivityLog(catalog, log);
      assert.equal(result.kind, 'choose-caller');
      assert.deepEqual(result.kind === 'choose-caller' && result.callers, [
        { caller: 'alice@contoso.com', calls: 4 }, { caller: '5b7e0d1c-2a3f-4b6e-8d9c-0f1e2d3c4b5a', calls: 1 }, { caller: 'bob@contoso.com', calls: 1 },
      ]);
      assert.match(result.kind === 'choose-caller' ? result.message : '', /^the log holds calls by 3 callers \(alice@contoso\.com: 4 succeeded calls, .*\); name one with --caller$/);
    });

    it("makes the role of one caller's succeeded calls: what she did, the reads her backup and restore need, nothing of the others", () => {
      const r = role(roleFromActivityLog(catalog, log, { caller: 'alice@contoso.com' }));
      assert.deepEqual(r.operations.map((o) => [o.name, o.calls, o.known]), [
        // two backups (one logged in lower case) are one operation, in the catalog's spelling
        [`${ITEM}/backup/action`, 2, true],
        [`${ITEM}/recoveryPoints/archiveMove/action`, 1, false],
        [`${ITEM}/recoveryPoints/restore/action`, 1, true],
      ]);
      assert.deepEqual(r.role.actions, [
        `${ITEM}/backup/action`, `${ITEM}/operationResults/read`, `${ITEM}/operationsStatus/read`, `${ITEM}/read`,
        `${ITEM}/recoveryPoints/archiveMove/action`, `${ITEM}/recoveryPoints/read`, `${ITEM}/recoveryPoints/restore/action`,
        'Microsoft.RecoveryServices/Vaults/backupJobs/read', 'Microsoft.RecoveryServices/Vaults/read',
      ]);
      assert.deepEqual([r.role.dataActions, r.role.notActions], [[], []]);
      // bob's vault write and the service principal's policy write are not hers; her refused delete never succeeded
      assert.ok(!r.role.actions.some((a) => /Vaults\/write|backupPolicies\/write|\/delete$/.test(a)));
      assert.deepEqual(r.failedOnly, [{ name: `${ITEM}/delete`, calls: 1 }]);
      assert.deepEqual(r.skipped, { failed: 1, unfinished: 3, otherCallers: 2, otherCategories: 1, noOperation: 0 });
      assert.deepEqual(r.role.assignableScopes, [`${SUB}/resourceGroups/rg-backup`]);
      assert.deepEqual(r.assignAt, [{ scope: VAULT, operations: r.operations.map((o) => o.name) }]);
    });

    it('adds a read only where a Backup requirement of a written operation names it, of the workload its scope tells, and says so', () => {
      const r = role(roleFromActivityLog(catalog, log, { caller: 'alice@contoso.com' }));
      const recoveryPoints = r.readsAdded.find((x) => x.name === `${ITEM}/recoveryPoints/read`);
      assert.deepEqual(recoveryPoints?.because, [`${ITEM}/recoveryPoints/restore/action`]);
      assert.ok(recoveryPoints?.for.every((f) => f.endsWith('(Azure VM)')), recoveryPoints?.for.join('; '));
      assert.deepEqual(recoveryPoints?.where, ['the Recovery Services vault']);
      // SQL's restore needs the protectable items listed; a VM's protected item says this was a VM's restore
      assert.ok(!r.role.actions.includes('Microsoft.RecoveryServices/Vaults/backupProtectableItems/read'));
      const notes = activityLogNotes(r, catalog);
      assert.ok(notes.includes(`not in the catalog of ${catalog.date}, kept as the log writes it: ${ITEM}/recoveryPoints/archiveMove/action`), notes.join('\n'));
      assert.ok(notes.some((n) => n.startsWith(`read added (the activity log records no reads): ${ITEM}/recoveryPoints/read, which Restore VM (Azure VM)`)), notes.join('\n'));
      assert.ok(notes.includes(`left out, it never succeeded: ${ITEM}/delete (1 failed call)`));
      assert.ok(notes.includes(`assign at ${VAULT}: ${r.operations.map((o) => o.name).join(', ')}`));
    });

    it('finds the caller by its object id as well as its UPN, and names the role after the UPN', () => {
      const r = role(roleFromActivityLog(catalog, log, { caller: '3F1C2B4A-9D8E-4F70-A1B2-C3D4E5F60718' }));
      assert.equal(r.role.name, 'Activity of alice@contoso.com');
      assert.equal(r.calls, 4);
      assert.equal(role(roleFromActivityLog(catalog, log, { caller: 'alice@contoso.com', name: 'Vault operator' })).role.name, 'Vault operator');
    });

    it("adds the reads of an operation the log shows done whole: bob's vault write, creating a vault", () => {
      const r = role(roleFromActivityLog(catalog, log, { caller: 'bob@contoso.com' }));
      assert.deepEqual(r.role.actions, ['Microsoft.RecoveryServices/Vaults/read', 'Microsoft.RecoveryServices/Vaults/write', 'Microsoft.Resources/subscriptions/resourceGroups/read']);
      assert.deepEqual(r.readsAdded.map((x) => x.for), [['Create Recovery Services vault (Azure VM)', 'Create Recovery Services vault (SQL/HANA)'], ['Create Recovery Services vault (Azure VM)', 'Create Recovery Services vault (SQL/HANA)']]);
    });

    it('adds no read for a write no Backup requirement names, and says the log records none', () => {
      const text = JSON.stringify([{ caller: 'ops@contoso.com', authorization: { action: 'Microsoft.Compute/virtualMachines/start/action', scope: `${SUB}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-app01` },
        status: { value: 'Succeeded' }, category: { value: 'Administrative' } }]);
      const r = role(roleFromActivityLog(catalog, text));
      assert.deepEqual(r.role.actions, ['Microsoft.Compute/virtualMachines/start/action']);
      assert.deepEqual(r.readsAdded, []);
      assert.ok(activityLogNotes(r, catalog).some((n) => n.startsWith('no read added:')));
      assert.deepEqual(r.assignAt, [{ scope: `${SUB}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-app01`, operations: ['Microsoft.Compute/virtualMachines/start/action'] }]);
    });

    it('needs no caller named when the others only ever failed', () => {
      const event = (caller: string, status: string) => ({ caller, authorization: { action: 'Microsoft.Compute/virtualMachines/start/action', scope: SUB }, status: { value: status }, category: { value: 'Administrative' } });
      const r = role(roleFromActivityLog(catalog, JSON.stringify([event('ops@contoso.com', 'Succeeded'), event('eve@contoso.com', 'Failed')])));
      assert.equal(r.caller, 'ops@contoso.com');
      assert.deepEqual(r.failedOnly, []);
    });

    it('says who made calls when the caller named made none', () => {
      const result = roleFromActivityLog(catalog, log, { caller: 'mallory@contoso.com' });
      assert.equal(result.kind, 'choose-caller');
      assert.match(result.kind === 'choose-caller' ? result.message : '', /^no succeeded call by 'mallory@contoso\.com' in the log; its callers: alice@contoso\.com \(4 succeeded calls\)/);
    });
  });

  describe('Log Analytics AzureActivity exports', () => {
    it('reads rows as az monitor log-analytics query prints them (Authorization as a JSON string, one caller)', () => {
      const r = role(roleFromActivityLog(catalog, fixture('azureactivity-query.json')));
      assert.equal(r.caller, '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b');
      assert.deepEqual(r.operations.map((o) => o.name), [
        `${ITEM}/backup/action`, 'Microsoft.Resources/deployments/write', 'Microsoft.Storage/storageAccounts/fileServices/shares/write',
      ]);
      // a file share's protected item: the reads of its on-demand backup; none for the deployment, which no finished operation explains
      assert.ok(r.readsAdded.length > 0 && r.readsAdded.every((x) => x.for.every((f) => f === 'On-demand backup of file share (Azure Files)')), JSON.stringify(r.readsAdded));
      assert.deepEqual(r.failedOnly, [{ name: 'Microsoft.Storage/storageAccounts/write', calls: 1 }]);
      // calls in two resource groups of one subscription: the subscription
      assert.deepEqual(r.role.assignableScopes, [SUB]);
      assert.deepEqual(r.assignAt.map((a) => a.scope), [VAULT, `${SUB}/resourceGroups/rg-files/providers/Microsoft.Resources/deployments/backup-share01`,
        `${SUB}/resourceGroups/rg-files/providers/Microsoft.Storage/storageAccounts/stfiles01`]);
    });

    it('reads the portal CSV export: quoted JSON with doubled quotes, the caller by object id', () => {
      const csv = fixture('azureactivity-export.csv');
      assert.equal(roleFromActivityLog(catalog, csv).kind, 'choose-caller');
      const r = role(roleFromActivityLog(catalog, csv, { caller: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b' }));
      assert.ok(r.role.actions.includes('Microsoft.Resources/subscriptions/resourceGroups/write'));
      assert.ok(!r.role.actions.includes('Microsoft.RecoveryServices/Vaults/delete'), "the other caller's delete");
      assert.match(r.role.description, /\(4 succeeded calls, 2026-11-07\)/);
    });
  });

  describe('malformed logs: a problem naming the line, never a throw', () => {
    const cases: [string, string, RegExp, number][] = [
      ['JSON cut short', '[\n  { "caller": "a@b.c",\n    "status": { "value": "Succeeded" }\n', /^not valid JSON: /, 4],
      ['JSON of the wrong shape', '{\n  "events": 3\n}', /^not an activity log: expected an array of events/, 1],
      ['an event that is no object', '[\n  { "caller": "a" },\n  42\n]', /^an event is an object, not a number$/, 3],
      ['CSV with a field never closed', 'OperationNameValue,Caller\nMICROSOFT.X/Y/WRITE,"a@b.c\n', /^a quoted CSV field is never closed$/, 2],
      ['CSV with a short row', 'OperationNameValue,Caller,ActivityStatusValue\nMICROSOFT.X/Y/WRITE,a@b.c,Success\nMICROSOFT.X/Y/WRITE,a@b.c\n', /^a CSV row of 2 fields under a header of 3$/, 3],
      ['CSV of another table', 'Name,Size\nx,1\n', /^not an AzureActivity export/, 1],
      ['an empty file', '  \n', /^the log is empty$/, 1],
    ];
    for (const [title, text, message, line] of cases) {
      it(title, () => {
        const result = roleFromActivityLog(catalog, text);
        assert.equal(result.kind, 'invalid');
        assert.match(result.kind === 'invalid' ? result.message : '', message);
        assert.equal(result.kind === 'invalid' && result.line, line);
      });
    }

    it('a log of failed calls only makes no role, and says so', () => {
      const text = JSON.stringify([{ caller: 'a@contoso.com', authorization: { action: 'Microsoft.Compute/virtualMachines/write', scope: SUB }, status: { value: 'Failed' }, category: { value: 'Administrative' } }]);
      const result = roleFromActivityLog(catalog, text);
      assert.equal(result.kind, 'empty');
      assert.equal(result.kind === 'empty' && result.message, 'no succeeded call in the log (of 1 event, 1 failed call)');
    });
  });

  it('takes the narrowest scope Azure can assign at', () => {
    assert.equal(commonScope([`${VAULT}/backupFabrics/Azure/protectionContainers/c1`, `${VAULT}/backupFabrics/Azure/protectionContainers/c2`]), `${VAULT}/backupFabrics/Azure`);
    assert.equal(commonScope([`${VAULT}/backupPolicies/p`, `${SUB}/resourceGroups/rg-backup/providers/Microsoft.Storage/storageAccounts/s`]), `${SUB}/resourceGroups/rg-backup`);
    assert.equal(commonScope([`${SUB}/resourceGroups/RG-BACKUP/x`, `${SUB}/resourcegroups/rg-backup/y`]), `${SUB}/resourceGroups/RG-BACKUP`);
    assert.equal(commonScope([SUB, '/subscriptions/other']), '/');
  });

  describe('the role as written', () => {
    const r = role(roleFromActivityLog(catalog, fixture('az-activity-log-list.json'), { caller: 'alice@contoso.com' }));
    for (const format of ROLE_FORMATS) {
      it(`${format}: reads back as the same role, with no error or warning but the one operation the catalog lacks`, async () => {
        const text = writeRole(r.role, format);
        const reader = format === 'bicep' ? createLanguageService(catalog, await loadBicepParser()) : service;
        const document = reader.parse(text, format === 'bicep' ? 'bicep' : 'json');
        assert.equal(document.roles.length, 1);
        const [read] = document.roles;
        assert.deepEqual(read.blocks[0].lists.actions.items.map((i) => i.value), r.role.actions);
        assert.deepEqual(read.assignableScopes.items.map((i) => i.value), r.role.assignableScopes);
        const findings = reader.diagnostics(document).filter((d) => d.severity <= 2).map((d) => `${SEVERITY_NAME[d.severity]} ${d.code}: ${d.message}`);
        assert.deepEqual(findings, [`warning unknown-action: ${findings[0]?.split(': ').slice(1).join(': ')}`]);
        assert.match(findings[0], /archiveMove\/action/);
      });
    }
  });
});
