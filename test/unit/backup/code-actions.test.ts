// Quick fixes for missing backup permissions, asserted on the whole resulting text.
import * as assert from 'node:assert/strict';
import { FIX_ALL_KIND } from '../../../server/src/core/features/code-actions';
import { applyOffsetEdits, diagnose, service } from '../../support/harness';
import { CRR, besidesRestoreNote } from '../../support/backup-sets';

const RULE = 'missing-operation-permissions';

/** Applies the preferred quick fix of the first missing-permissions diagnostic. */
function fix(text: string): { text: string; title: string } {
  const document = service.parse(text);
  const diagnostics = service.diagnostics(document).filter((d) => d.code === RULE && (d.data as { kind: string }).kind === 'missing');
  assert.ok(diagnostics.length > 0, 'a missing-permissions diagnostic');
  const actions = service.codeActions(document, [diagnostics[0]], { only: ['quickfix'] });
  const action = actions.find((a) => a.isPreferred);
  assert.ok(action, `a preferred fix among ${actions.map((a) => a.title).join(', ')}`);
  return { text: applyOffsetEdits(text, action.edits), title: action.title };
}

function crrCount(text: string): number[] {
  return CRR.map((n) => text.split(`"${n}"`).length - 1);
}

describe('quick fixes: add the missing permissions', () => {
  it('CLI role: inserts the missing CRR permission once, in the file\'s layout, and the diagnostic goes', () => {
    const before = `{
    "Name": "CRR operator",
    "IsCustom": true,
    "Actions": [
        "Microsoft.RecoveryServices/locations/backupCrrJobs/action",
        "Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action",
        "Microsoft.RecoveryServices/locations/backupCrrJob/action",
        "Microsoft.RecoveryServices/locations/backupCrrOperationResults/read",
        "Microsoft.RecoveryServices/locations/backupCrrOperationsStatus/read"
    ],
    "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"]
}`;
    const { text, title } = fix(before);
    assert.equal(title, 'Add the missing permission for Cross region restore');
    assert.equal(text, before.replace('"Microsoft.RecoveryServices/locations/backupCrrOperationsStatus/read"\n',
      '"Microsoft.RecoveryServices/locations/backupCrrOperationsStatus/read",\n        "Microsoft.RecoveryServices/locations/backupAadProperties/read"\n'));
    JSON.parse(text);
    assert.deepEqual(crrCount(text), [1, 1, 1, 1, 1, 1]);
    // what stays is the note that cross-region restore needs the restore permissions in addition
    assert.deepEqual(besidesRestoreNote(diagnose(text).filter((d) => d.code === RULE)), []);
  });

  it('REST role: keeps a sorted list sorted', () => {
    const before = `{
  "properties": {
    "roleName": "CRR operator",
    "permissions": [
      {
        "actions": [
          "Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action",
          "Microsoft.RecoveryServices/Vaults/read"
        ],
        "notActions": []
      }
    ],
    "assignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"]
  }
}`;
    const { text, title } = fix(before);
    assert.equal(title, 'Add the 5 missing permissions for Cross region restore');
    assert.equal(text, `{
  "properties": {
    "roleName": "CRR operator",
    "permissions": [
      {
        "actions": [
          "Microsoft.RecoveryServices/locations/backupAadProperties/read",
          "Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action",
          "Microsoft.RecoveryServices/locations/backupCrrJob/action",
          "Microsoft.RecoveryServices/locations/backupCrrJobs/action",
          "Microsoft.RecoveryServices/locations/backupCrrOperationResults/read",
          "Microsoft.RecoveryServices/locations/backupCrrOperationsStatus/read",
          "Microsoft.RecoveryServices/Vaults/read"
        ],
        "notActions": []
      }
    ],
    "assignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"]
  }
}`);
    assert.deepEqual(besidesRestoreNote(diagnose(text).filter((d) => d.code === RULE)), []);
  });

  it('ARM template with a declaration: fills an empty list, with tabs and CRLF kept', () => {
    const before = [
      '{',
      '\t"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
      '\t"contentVersion": "1.0.0.0",',
      '\t"resources": [',
      '\t\t{',
      '\t\t\t// azure-backup-rbac-operations vm-cross-region-restore',
      '\t\t\t"type": "Microsoft.Authorization/roleDefinitions",',
      '\t\t\t"apiVersion": "2022-04-01",',
      '\t\t\t"name": "[guid(subscription().id, \'crr\')]",',
      '\t\t\t"properties": {',
      '\t\t\t\t"roleName": "CRR",',
      '\t\t\t\t"permissions": [',
      '\t\t\t\t\t{',
      '\t\t\t\t\t\t"actions": []',
      '\t\t\t\t\t}',
      '\t\t\t\t],',
      '\t\t\t\t"assignableScopes": ["[subscription().id]"]',
      '\t\t\t}',
      '\t\t}',
      '\t]',
      '}',
    ].join('\r\n');
    const { text } = fix(before);
    const expectedList = ['"actions": [', ...CRR.map((n, i) => `\t\t\t\t\t\t\t${JSON.stringify(n)}${i < CRR.length - 1 ? ',' : ''}`), '\t\t\t\t\t\t]'].join('\r\n');
    assert.equal(text, before.replace('"actions": []', expectedList));
    assert.deepEqual(crrCount(text), [1, 1, 1, 1, 1, 1]);
    assert.deepEqual(besidesRestoreNote(diagnose(text).filter((d) => d.code === RULE)), []);
  });

  it('adds a missing list as a new property, spelt as the file spells its keys', () => {
    const before = `{
  "Name": "Restore",
  "IsCustom": true,
  "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"],
  "DataActions": []
}`;
    const { text } = service.codeActions(service.parse(before), [], { only: [FIX_ALL_KIND], analyze: { declaredOperations: ['vm-backup-now'] } })
      .map((a) => ({ text: applyOffsetEdits(before, a.edits) }))[0];
    assert.match(text, /"DataActions": \[\],\n  "Actions": \[\n    "Microsoft\.RecoveryServices\/Vaults\/read",\n/);
    JSON.parse(text);
    assert.deepEqual(diagnose(text, { declaredOperations: ['vm-backup-now'] }).filter((d) => d.code === RULE), []);
  });

  it('is idempotent: once applied, no fix is offered and nothing changes', () => {
    const before = JSON.stringify({ Name: 'x', IsCustom: true, Actions: [CRR[3]], AssignableScopes: ['/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f'] }, null, 2);
    const once = fix(before).text;
    const document = service.parse(once);
    // the note of the restore permissions needed in addition offers its own fix; nothing else is left
    assert.deepEqual(service.codeActions(document, besidesRestoreNote(service.diagnostics(document))), []);
    // a stale diagnostic of the first text, applied to the fixed one, adds nothing
    const stale = besidesRestoreNote(service.diagnostics(service.parse(before)).filter((d) => d.code === RULE));
    const again = service.codeActions(document, stale, { only: ['quickfix'] });
    assert.equal(applyOffsetEdits(once, again.flatMap((a) => a.edits)), once);
  });

  it('removes a blocking notAction as a separate fix', () => {
    const before = `{
  "Name": "CRR", "IsCustom": true,
  "Actions": ${JSON.stringify(CRR)},
  "NotActions": ["Microsoft.RecoveryServices/locations/backupAadProperties/read", "Microsoft.RecoveryServices/Vaults/delete"],
  "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"]
}`;
    const document = service.parse(before);
    const blocker = service.diagnostics(document).find((d) => d.code === RULE && (d.data as { kind: string }).kind === 'blocker');
    assert.ok(blocker);
    const [action] = service.codeActions(document, [blocker], { only: ['quickfix'] });
    assert.equal(action.title, 'Remove "Microsoft.RecoveryServices/locations/backupAadProperties/read" from notActions');
    const after = applyOffsetEdits(before, action.edits);
    assert.match(after, /"NotActions": \["Microsoft\.RecoveryServices\/Vaults\/delete"\]/);
    assert.deepEqual(besidesRestoreNote(diagnose(after).filter((d) => d.code === RULE)), []);
  });

  it('fixes every role of a file at once with the source action', () => {
    const role = (name: string, actions: string[]) => ({ roleName: name, permissions: [{ actions }], assignableScopes: ['/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f'] });
    const before = JSON.stringify([role('crr', [CRR[3]]), role('backup', ['Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/backup/action'])], null, 2);
    const [all] = service.codeActions(service.parse(before), [], { only: ['source.fixAll'] });
    assert.equal(all.kind, FIX_ALL_KIND);
    assert.equal(all.title, 'Fix 2 problems (added missing permissions: 2)');
    const after = applyOffsetEdits(before, all.edits);
    JSON.parse(after);
    // Fix All adds the vault side only: the crr role keeps its note of the restore permissions needed in addition
    assert.deepEqual(besidesRestoreNote(diagnose(after).filter((d) => d.code === RULE)), []);
  });
});
