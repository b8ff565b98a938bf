// missing-operation-permissions on Azure's backup roles copied as custom roles (IsCustom true, a
// new name): the rule skips built-in roles, so their own files prove nothing; a copy is judged
// like any role of the user's. The expectations come from Microsoft's tables of minimum roles
// (encoded row by row in backup-operations.ts and held to the table text by its tests): a role at
// or above the one a row names holds that row's vault side; a role below it lacks something;
// where the table and the role definitions disagree, the row's `discrepancy` says what exactly.
import * as assert from 'node:assert/strict';
import { BACKUP_OPERATIONS } from '../../../server/src/catalog/backup/backup-operations';
import type { MissingData } from '../../../server/src/core/rules/missing-operation-permissions';
import { quote } from '../../../server/src/core/rules/rule';
import { LineIndex } from '../../../server/src/core/model/line-index';
import { SEVERITY_NAME } from '../../../server/src/core/types';
import { catalog, diagnose, service } from '../../support/harness';
import { ITEM } from '../../support/backup-sets';

const RULE = 'missing-operation-permissions';

/** Microsoft's order of the backup roles: each can do what the one before it can, and more. */
const RANK: Record<string, number> = { 'Backup Reader': 0, 'Backup Operator': 1, 'Backup Contributor': 2 };

/** A built-in role of the catalog (2026-08-22) as a custom role of the CLI shape. */
function copyOf(name: string): string {
  const role = catalog.roleByName(name);
  assert.ok(role, name);
  return JSON.stringify({
    Name: `Copy of ${name}`,
    IsCustom: true,
    Description: role.description,
    Permissions: role.permissions.map((b) => ({ Actions: b.actions, NotActions: b.notActions, DataActions: b.dataActions, NotDataActions: b.notDataActions })),
    AssignableScopes: ['/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f'],
  }, null, 2);
}

function findings(text: string, declared?: string) {
  return diagnose(text, declared ? { declaredOperations: [declared] } : {}).filter((d) => d.code === RULE);
}

describe(`${RULE} on copies of the built-in backup roles`, () => {
  const copies = Object.keys(RANK).map((name) => ({ name, text: copyOf(name) }));

  it('reads each copy as a custom role, so the rule judges it', () => {
    for (const { name, text } of copies) assert.deepEqual(service.parse(text).roles.map((r) => r.builtIn), [false], name);
  });

  it('says nothing of a copy that declares nothing: Contributor and Operator hold what their permissions are evidence for, Reader is evidence for nothing', () => {
    for (const { name, text } of copies) assert.deepEqual(findings(text).map((d) => d.message), [], name);
  });

  // every vault-side row a backup role is named for, declared on each copy
  for (const { name, text } of copies) {
    it(`${name} copied: quiet on the rows it is named for or is above, and names what it lacks on the rows above it`, () => {
      const actions = text.indexOf('"Actions"');
      const lines = new LineIndex(text);
      let quiet = 0;
      let firing = 0;
      for (const operation of BACKUP_OPERATIONS) {
        const parts = operation.requirements.map((requirement, index) => ({ requirement, index })).filter((p) => p.requirement.role in RANK);
        if (parts.length === 0) continue;
        const found = findings(text, operation.id).filter((d) => (d.data as MissingData).kind === 'missing' && (d.data as MissingData).operation === operation.id);
        for (const { requirement, index } of parts) {
          const where = `${operation.id} part ${index} (table: ${requirement.role})`;
          const mine = found.filter((d) => (d.data as MissingData).part === index);
          const claim = requirement.discrepancy?.claims.find((c) => c.role === name);
          if (claim ? claim.lacks.length === 0 : RANK[name] >= RANK[requirement.role]) {
            assert.deepEqual(mine.map((d) => d.message), [], `${where}: nothing missing`);
            quiet++;
            continue;
          }
          assert.equal(mine.length, 1, `${where}: one finding`);
          const [d] = mine;
          const missing = (d.data as MissingData).addable.map((a) => a.name);
          assert.equal(SEVERITY_NAME[d.severity], 'warning', where);
          assert.deepEqual(d.range, lines.range(actions, '"Actions"'.length), `${where}: on the role's actions`);
          if (claim) assert.deepEqual(missing, claim.lacks, `${where}: exactly what the discrepancy names`);
          else assert.ok(missing.length > 0 && missing.every((m) => requirement.permissions.some((p) => p.name === m)), `${where}: ${missing.join(', ')}`);
          for (const m of missing) assert.ok(d.message.includes(quote(m)), `${where}: the message names ${m}`);
          firing++;
        }
      }
      // Operator and Contributor are each named for some rows; Reader for none
      assert.ok(name === 'Backup Reader' ? firing > 40 && quiet === 0 : quiet > 10, `${quiet} quiet, ${firing} firing`);
      if (name === 'Backup Contributor') assert.equal(firing, 0);
    });
  }

  it('as the tables say, in words: Operator cannot stop protection deleting data, create a policy or unregister a server; Reader cannot restore', () => {
    const operator = copyOf('Backup Operator');
    const reader = copyOf('Backup Reader');
    const missing = (text: string, id: string) => findings(text, id).filter((d) => (d.data as MissingData).primary).flatMap((d) => (d.data as MissingData).addable.map((a) => a.name));
    assert.deepEqual(missing(operator, 'vm-stop-backup'), [`${ITEM}/delete`]);
    assert.deepEqual(missing(operator, 'vm-create-policy'), ['Microsoft.RecoveryServices/Vaults/backupPolicies/write']);
    assert.deepEqual(missing(operator, 'unregister-server'), ['Microsoft.RecoveryServices/Vaults/registeredIdentities/delete']);
    assert.deepEqual(missing(operator, 'vm-restore'), []);
    assert.deepEqual(missing(reader, 'vm-restore'), [`${ITEM}/recoveryPoints/restore/action`]);
    assert.deepEqual(missing(reader, 'disk-restore'), ['Microsoft.DataProtection/backupVaults/backupInstances/validateRestore/action', 'Microsoft.DataProtection/backupVaults/backupInstances/restore/action']);
  });
});
