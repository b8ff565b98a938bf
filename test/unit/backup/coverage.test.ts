// The code lens over each role (what it says, where it sits) and the coverage view's data: every
// operation per role, scope by scope, with the missing strings and what notActions take away; and
// the view's "add missing permissions" edit, which is the quick fix's.
import * as assert from 'node:assert/strict';
import { backupCatalogFor } from '../../../server/src/catalog/backup/backup-catalog';
import { assessBlocks } from '../../../server/src/core/analysis/assess';
import type { RoleCoverage } from '../../../server/src/protocol';
import { applyOffsetEdits, armTemplate, catalog, cliRole, diagnose, marked, service } from '../../support/harness';
import { BACKUP_NOW_VAULT_SIDE as BACKUP_NOW, CRR, list } from '../../support/backup-sets';

const AAD = 'Microsoft.RecoveryServices/locations/backupAadProperties/read';
const CRR_JOB = 'Microsoft.RecoveryServices/locations/backupCrrJob/action';
const CRR_BUT_ONE = CRR.filter((n) => n !== AAD);
const CRR_SUBSCRIPTION = { index: 0, where: 'the subscription of the Recovery Services vault', role: 'Backup Operator', total: 6 };

function lenses(text: string) {
  const document = service.parse(text);
  // the lenses of Azure Backup coverage (the comparison with built-in roles has its own: compare.test.ts)
  return service.codeLenses(document).filter((l) => l.kind !== 'compare').map((l) => ({ title: l.title, span: { offset: l.offset, length: l.length }, role: l.roleIndex }));
}

function coverage(text: string, declared?: readonly string[]): RoleCoverage[] {
  return service.coverage(service.parse(text), declared);
}

const operation = (role: RoleCoverage, id: string) => {
  const found = role.operations.find((o) => o.id === id);
  assert.ok(found, id);
  return found;
};

describe('Azure Backup code lens', () => {
  it('shows over a role what it enables and what it nearly enables, with the missing count', () => {
    assert.deepEqual(lenses(cliRole({ actions: list([...BACKUP_NOW, ...CRR_BUT_ONE]) })).map((l) => l.title),
      ['Azure Backup: enables On-demand backup of VM, On-demand backup of DB +1 · Cross region restore: 1 missing']);
  });

  it('says when a role enables every operation, or none', () => {
    assert.equal(lenses(cliRole({ actions: '"*"' }))[0].title, 'Azure Backup: enables all 46 operations');
    assert.equal(lenses(cliRole({ actions: '"Microsoft.RecoveryServices/Vaults/read", "Microsoft.RecoveryServices/Vaults/backupJobs/read"' }))[0].title, 'Azure Backup: no management operation');
  });

  it('shows no lens over roles unrelated to backup, or over built-in roles', () => {
    assert.deepEqual(lenses(cliRole({ actions: '"Microsoft.Compute/virtualMachines/read"' })), []);
    assert.deepEqual(lenses('{ "roleName": "Backup Operator", "roleType": "BuiltInRole", "permissions": [{ "actions": ["Microsoft.RecoveryServices/*"] }], "assignableScopes": ["/"] }'), []);
  });

  it('sits on the role object, so the editor shows it above the line the role starts on (not between "{" and the first key)', () => {
    const cli = marked(`«${cliRole({ actions: list(CRR_BUT_ONE) })}»`);
    assert.deepEqual(lenses(cli.text).map((l) => [l.span, l.role]), [[cli.spans[0], 0]]);

    // two roles in an array: each lens on its own element
    const array = marked(`[\n  «{ "Name": "A", "IsCustom": true, "Actions": [${list(CRR_BUT_ONE)}], "AssignableScopes": ["/"] }»,\n  «{ "Name": "B", "IsCustom": true, "Actions": [${list(CRR)}], "AssignableScopes": ["/"] }»\n]`);
    assert.deepEqual(lenses(array.text).map((l) => [l.span, l.role]), [[array.spans[0], 0], [array.spans[1], 1]]);

    // REST shape: the wrapper that holds "properties"
    const rest = marked(`«{\n  "name": "6f1c9e7a-3b2d-4c8e-9f0a-1b2c3d4e5f60",\n  "properties": {\n    "roleName": "CRR",\n    "permissions": [{ "actions": [${list(CRR_BUT_ONE)}] }],\n    "assignableScopes": ["/"]\n  }\n}»`);
    assert.deepEqual(lenses(rest.text).map((l) => l.span), [rest.spans[0]]);

    // ARM template: the resource object, not the template nor the properties
    const arm = marked(armTemplate(`    «{
      "type": "Microsoft.Authorization/roleDefinitions",
      "apiVersion": "2022-04-01",
      "name": "[guid(subscription().id, 'crr')]",
      "properties": { "roleName": "CRR", "permissions": [{ "actions": [${list(CRR_BUT_ONE)}] }], "assignableScopes": ["[subscription().id]"] }
    }»`));
    assert.deepEqual(lenses(arm.text).map((l) => l.span), [arm.spans[0]]);
  });
});

describe('Azure Backup coverage data', () => {
  it('a cross-region-restore role lacking backupAadProperties/read: the operation is meant for, incomplete, with the one missing string at its scope', () => {
    const text = cliRole({ actions: list(CRR_BUT_ONE) });
    const [role, ...others] = coverage(text);
    assert.deepEqual(others, []);
    assert.equal(role.name, 'Test role');
    assert.equal(role.index, 0);
    assert.equal(role.known, true);
    assert.equal(role.summary, 'Cross region restore: 1 missing');
    const lines = text.split('\n');
    assert.deepEqual(role.range, { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: 1 } });
    assert.deepEqual(role.selection, { start: { line: 1, character: 10 }, end: { line: 1, character: 21 } });
    assert.equal(lines[1].slice(10, 21), '"Test role"');

    assert.equal(role.operations.length, 46);
    assert.deepEqual(operation(role, 'vm-cross-region-restore'), {
      id: 'vm-cross-region-restore', title: 'Cross region restore', workload: 'Azure VM backup', declared: false, aimed: true, complete: false,
      parts: [{ ...CRR_SUBSCRIPTION, missing: [{ name: AAD, data: false, takenAwayBy: [] }] }],
    });
    // the same permissions in the SQL/HANA table, as short: meant for as well, as the warning says
    const sql = operation(role, 'sql-cross-region-restore');
    assert.deepEqual([sql.workload, sql.aimed, sql.declared, sql.complete, sql.parts[0].missing.map((m) => m.name)], ['Azure workload backups (SQL and HANA DB backups)', true, false, false, [AAD]]);
    assert.deepEqual(role.operations.filter((o) => o.aimed).map((o) => o.id), ['vm-cross-region-restore', 'sql-cross-region-restore']);
    assert.match(diagnose(text).find((d) => d.code === 'missing-operation-permissions')?.message ?? '', /^Missing 'Microsoft.RecoveryServices\/locations\/backupAadProperties\/read' for Cross region restore \(Azure VM, SQL\/HANA\) .*looks meant for it/);
    // a restore elsewhere needs none of these: nothing of it granted
    const restore = operation(role, 'vm-restore');
    assert.ok(restore.parts.every((p) => p.missing.length === p.total && p.total > 0));
  });

  it('the complete cross-region-restore role: nothing missing', () => {
    const [role] = coverage(cliRole({ actions: list(CRR) }));
    const crr = operation(role, 'vm-cross-region-restore');
    assert.deepEqual([crr.aimed, crr.complete, crr.parts[0].missing], [true, true, []]);
    assert.equal(role.summary, 'enables Cross region restore');
  });

  it('a role whose notActions take needed permissions away: each is missing, with the entry that removes it', () => {
    const [role] = coverage(cliRole({ actions: list(CRR), notActions: '"Microsoft.RecoveryServices/locations/*/read"' }));
    const crr = operation(role, 'vm-cross-region-restore');
    assert.equal(crr.complete, false);
    const reads = CRR.filter((n) => n.endsWith('/read'));
    assert.equal(reads.length, 3);
    assert.deepEqual(crr.parts[0].missing, reads.map((name) => ({ name, data: false, takenAwayBy: ['Microsoft.RecoveryServices/locations/*/read'] })));
    // without the notActions entry, the same role lacks nothing
    assert.deepEqual(operation(coverage(cliRole({ actions: list(CRR) }))[0], 'vm-cross-region-restore').parts[0].missing, []);
  });

  it('a role with no backup permissions: every operation listed, none granted, none meant for', () => {
    const [role] = coverage(cliRole({ actions: '"Microsoft.Web/sites/*", "Microsoft.KeyVault/vaults/read"' }));
    assert.equal(role.known, true);
    assert.equal(role.summary, 'no Azure Backup permissions');
    assert.equal(role.operations.length, 46);
    assert.deepEqual(role.operations.filter((o) => o.aimed || o.complete), []);
    assert.deepEqual(role.operations.filter((o) => o.parts.some((p) => p.missing.length < p.total)).map((o) => o.id), []);

    // reading VMs is a part of what restoring one needs at the VM: granted there, the rest still missing
    const [reader] = coverage(cliRole({ actions: '"Microsoft.Compute/virtualMachines/read"' }));
    const atVm = operation(reader, 'vm-restore').parts.find((p) => p.where === 'the source VM that was backed up');
    assert.ok(atVm && atVm.total > 1);
    assert.equal(atVm.missing.length, atVm.total - 1);
    assert.ok(!atVm.missing.some((m) => m.name.toLowerCase() === 'microsoft.compute/virtualmachines/read'));
  });

  it('says when a role\'s lists are computed at deployment, and lists every role of a template', () => {
    const text = armTemplate(`    {
      "type": "Microsoft.Authorization/roleDefinitions", "apiVersion": "2022-04-01", "name": "[guid('a')]",
      "properties": { "roleName": "Computed", "permissions": [{ "actions": "[variables('actions')]" }], "assignableScopes": ["[subscription().id]"] }
    },
    {
      "type": "Microsoft.Authorization/roleDefinitions", "apiVersion": "2022-04-01", "name": "[guid('b')]",
      "properties": { "roleName": "CRR", "permissions": [{ "actions": [${list(CRR)}] }], "assignableScopes": ["[subscription().id]"] }
    }`, { variables: `"actions": [${list(CRR)}]` });
    const roles = coverage(text);
    assert.deepEqual(roles.map((r) => [r.index, r.name, r.known, r.operations.length, r.summary]), [
      [0, 'Computed', false, 0, 'permissions computed at deployment'],
      [1, 'CRR', true, 46, 'enables Cross region restore'],
    ]);
  });

  it('marks a declared operation', () => {
    const [role] = coverage(cliRole({ actions: list(CRR_BUT_ONE) }), ['sql-cross-region-restore']);
    const sql = operation(role, 'sql-cross-region-restore');
    assert.deepEqual([sql.declared, sql.aimed], [true, true]);
    assert.equal(operation(role, 'vm-cross-region-restore').declared, false);
  });

  it('answers no roles for a file that holds none', () => {
    assert.deepEqual(coverage('{ "a": 1 }'), []);
    assert.deepEqual(coverage('not json at all'), []);
  });

  it('takes notActions into account for roles given as strings (built-in roles, roles of other files)', () => {
    // Contributor grants '*' but not 'Microsoft.Authorization/*/Write', and some backup operations need locks/write
    const contributor = catalog.roleByName('Contributor')!;
    const needsLock = (o: { parts: readonly { info: { requirement: { permissions: readonly { name: string }[] } } }[] }) =>
      o.parts.some((p) => p.info.requirement.permissions.some((x) => x.name === 'Microsoft.Authorization/locks/write'));
    const withDeny = assessBlocks(contributor.permissions, backupCatalogFor(catalog));
    const locked = withDeny.operations.filter(needsLock);
    assert.ok(locked.length > 0, 'some operation needs locks/write');
    for (const o of locked) assert.equal(o.complete, false, `${o.operation.id}: Contributor's notActions take locks/write away`);
    // without the notActions, the same '*' would grant them
    const without = assessBlocks(contributor.permissions.map((b) => ({ ...b, notActions: [] })), backupCatalogFor(catalog));
    assert.ok(without.operations.filter(needsLock).some((o) => o.complete));
    // and the hover counts what Contributor enables from that assessment
    const explained = service.explain(contributor.id);
    assert.ok(explained.kind === 'role');
    assert.equal(explained.backupEnabledCount, withDeny.operations.filter((o) => o.complete).length);
  });
});

describe('Azure Backup coverage: add missing permissions', () => {
  const add = (text: string, target: { role: number; operation: string; part?: number; permission?: string }) =>
    service.addMissingPermissions(service.parse(text), target);

  it('is the quick fix of the missing-permissions warning: the same title and the same edit', () => {
    const text = cliRole({ actions: list(CRR_BUT_ONE) });
    const fix = add(text, { role: 0, operation: 'vm-cross-region-restore' });
    assert.ok(fix);
    const warning = diagnose(text).find((d) => d.code === 'missing-operation-permissions');
    assert.ok(warning);
    const quick = service.codeActions(service.parse(text), [warning], { only: ['quickfix'] }).find((a) => a.isPreferred);
    assert.deepEqual([fix.title, fix.edits], [quick?.title, quick?.edits]);
    assert.equal(fix.title, 'Add the missing permission for Cross region restore');
    const after = JSON.parse(applyOffsetEdits(text, fix.edits)) as { Actions: string[] };
    assert.deepEqual([...after.Actions].sort(), [...CRR].sort());
  });

  it('adds what the operation lacks, or one permission of it', () => {
    const text = cliRole({ actions: list(CRR.filter((n) => n !== AAD && n !== CRR_JOB)) });
    const all = add(text, { role: 0, operation: 'vm-cross-region-restore' });
    assert.equal(all?.title, 'Add the 2 missing permissions for Cross region restore');
    assert.deepEqual([...(JSON.parse(applyOffsetEdits(text, all.edits)) as { Actions: string[] }).Actions].sort(), [...CRR].sort());

    const one = add(text, { role: 0, operation: 'vm-cross-region-restore', part: 0, permission: AAD });
    assert.equal(one?.title, 'Add the missing permission for Cross region restore');
    const actions = (JSON.parse(applyOffsetEdits(text, one.edits)) as { Actions: string[] }).Actions;
    assert.ok(actions.includes(AAD));
    assert.ok(!actions.includes(CRR_JOB));
  });

  it('adds nothing where nothing is missing, where notActions take it away, or for what is not there', () => {
    assert.equal(add(cliRole({ actions: list(CRR) }), { role: 0, operation: 'vm-cross-region-restore' }), undefined);
    assert.equal(add(cliRole({ actions: list(CRR), notActions: `"${AAD}"` }), { role: 0, operation: 'vm-cross-region-restore' }), undefined);
    const text = cliRole({ actions: list(CRR_BUT_ONE) });
    assert.equal(add(text, { role: 0, operation: 'no-such-operation' }), undefined);
    assert.equal(add(text, { role: 1, operation: 'vm-cross-region-restore' }), undefined);
    assert.equal(add(text, { role: 0, operation: 'vm-cross-region-restore', part: 3 }), undefined);
    assert.equal(add(text, { role: 0, operation: 'vm-cross-region-restore', part: 0, permission: CRR_JOB }), undefined);
  });
});
