// Repair quick fixes of the role rules, asserted on the whole resulting text.
import * as assert from 'node:assert/strict';
import { applyOffsetEdits, diagnose, service } from '../support/harness';
import { besidesRestoreNote } from '../support/backup-sets';

const SCOPES = '"AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"]';

function fixesFor(text: string, code: string) {
  const document = service.parse(text);
  const diagnostics = service.diagnostics(document).filter((d) => d.code === code);
  assert.ok(diagnostics.length > 0, `a ${code} diagnostic`);
  return service.codeActions(document, [diagnostics[0]], { only: ['quickfix'] })
    .map((a) => ({ title: a.title, preferred: !!a.isPreferred, text: applyOffsetEdits(text, a.edits) }));
}

describe('quick fixes: repairs', () => {
  it('unknown-action: replaces the string with the operation meant', () => {
    const before = `{
  "Name": "r", "IsCustom": true,
  "Actions": [
    "Microsoft.Compute/virtualMachine/read"
  ],
  ${SCOPES}
}`;
    const [fix] = fixesFor(before, 'unknown-action');
    assert.deepEqual([fix.title, fix.preferred], ['Change to "Microsoft.Compute/virtualMachines/read"', true]);
    assert.equal(fix.text, before.replace('virtualMachine/read', 'virtualMachines/read'));
  });

  it('data-action-in-actions: moves the string to dataActions, creating the list', () => {
    const before = `{
  "Name": "r",
  "IsCustom": true,
  "Actions": [
    "Microsoft.Storage/storageAccounts/read",
    "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"
  ],
  ${SCOPES}
}`;
    const [fix] = fixesFor(before, 'data-action-in-actions');
    assert.equal(fix.title, 'Move to dataActions');
    assert.equal(fix.text, `{
  "Name": "r",
  "IsCustom": true,
  "Actions": [
    "Microsoft.Storage/storageAccounts/read"
  ],
  "DataActions": [
    "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"
  ],
  ${SCOPES}
}`);
    assert.deepEqual(diagnose(fix.text), []);
  });

  it('action-in-data-actions: moves the string into an existing actions list', () => {
    const before = `{ "properties": { "roleName": "r", "permissions": [{ "actions": ["Microsoft.Storage/storageAccounts/read"], "dataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/read"] }], "assignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"] } }`;
    const [fix] = fixesFor(before, 'action-in-data-actions');
    assert.equal(fix.text, before.replace('"dataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/read"]', '"dataActions": []')
      .replace('["Microsoft.Storage/storageAccounts/read"]', '["Microsoft.Storage/storageAccounts/read", "Microsoft.Storage/storageAccounts/blobServices/containers/read"]'));
  });

  it('duplicate-action: removes the repeat with its comma', () => {
    const before = `{ "Name": "r", "IsCustom": true, "Actions": ["Microsoft.Compute/virtualMachines/read", "Microsoft.Compute/*", "microsoft.compute/virtualmachines/read"], ${SCOPES} }`;
    const fixes = fixesFor(before, 'duplicate-action');
    assert.equal(fixes[0].title, 'Remove it ("Microsoft.Compute/*" grants it)');
    assert.equal(fixes[0].text, before.replace('"Microsoft.Compute/virtualMachines/read", ', ''));
  });

  it('multiple-wildcards: offers the operations it was meant to match, when they are few', () => {
    const before = `{ "Name": "r", "IsCustom": true, "Actions": ["Microsoft.RecoveryServices/Vaults/backupJobs*/*/read"], ${SCOPES} }`;
    const [fix] = fixesFor(before, 'multiple-wildcards');
    assert.match(fix.title, /^Replace with the \d+ operations it matches$/);
    assert.equal(fix.title, 'Replace with the 3 operations it matches');
    assert.match(fix.text, /"Actions": \["Microsoft\.RecoveryServices\/Vaults\/backupJobs\/backupChildJobs\/read", "Microsoft\.RecoveryServices\/Vaults\/backupJobs\/operationResults\/read", "Microsoft\.RecoveryServices\/Vaults\/backupJobs\/operationsStatus\/read"\]/);
    assert.deepEqual(diagnose(fix.text).filter((d) => d.code === 'multiple-wildcards'), []);
  });

  it('overly-broad-wildcard: offers what the role\'s backup operations need, and one provider\'s operations', () => {
    const before = `{ "Name": "r", "IsCustom": true, "Actions": ["*/write", "Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints/restore/action"], ${SCOPES} }`;
    const fixes = fixesFor(before, 'overly-broad-wildcard');
    assert.equal(fixes.length, 2);
    assert.equal(fixes[0].title, 'Replace "*/write" with the 5 permissions its Azure Backup operations need');
    assert.match(fixes[1].title, /^Replace "\*\/write" with the \d+ operations of Microsoft\.RecoveryServices it grants$/);
    assert.match(fixes[1].text, /"Actions": \["Microsoft\.RecoveryServices\/[^"]+\/write", /);
    assert.doesNotMatch(fixes[0].text, /\*\/write/);
    assert.deepEqual(diagnose(fixes[0].text).filter((d) => d.code === 'missing-operation-permissions' || d.code === 'overly-broad-wildcard'), []);
  });

  it('fix all: applies every safe fix at once, as one edit', () => {
    const before = `{
  "Name": "r", "IsCustom": true,
  "Actions": [
    "Microsoft.Compute/virtualMachines/read",
    "Microsoft.Compute/virtualMachines/read",
    "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
    "Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action"
  ],
  ${SCOPES}
}`;
    const [all] = service.codeActions(service.parse(before), [], { only: ['source.fixAll'] });
    assert.equal(all.title, 'Fix 3 problems (added missing permissions: 1, removed repeats: 1, moved to the right list: 1)');
    assert.equal(all.edits.length, 1);
    const after = applyOffsetEdits(before, all.edits);
    JSON.parse(after);
    // left: the note that cross-region restore needs the restore permissions in addition (another role may grant them)
    assert.deepEqual(besidesRestoreNote(diagnose(after)), []);
  });
});
