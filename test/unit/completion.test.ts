// Completions, written with | for the cursor; asserted on labels and on the text after applying an item.
import * as assert from 'node:assert/strict';
import { applyOffsetEdits, service } from '../support/harness';
import { SEVERITY_NAME } from '../../server/src/core/types';

function at(source: string) {
  const offset = source.indexOf('|');
  const text = source.slice(0, offset) + source.slice(offset + 1);
  const items = service.complete(service.parse(text), offset);
  return { text, items, apply: (label: string) => {
    const item = items.find((i) => i.label === label);
    assert.ok(item, `an item "${label}" among ${items.slice(0, 20).map((i) => i.label).join(', ')}`);
    return applyOffsetEdits(text, [item.edit]);
  } };
}

const cli = (actions: string, dataActions = '') => `{ "Name": "r", "IsCustom": true, "Actions": [${actions}], "DataActions": [${dataActions}], "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"] }`;

describe('completion', () => {
  it('offers provider namespaces first, then resource types, then operations', () => {
    const providers = at(cli('"Microsoft.Recov|"'));
    assert.ok(providers.items.some((i) => i.label === 'Microsoft.RecoveryServices/' && i.kind === 'provider' && i.retrigger));
    assert.equal(providers.apply('Microsoft.RecoveryServices/'), cli('"Microsoft.RecoveryServices/"'));

    const types = at(cli('"Microsoft.RecoveryServices/|"'));
    const vaults = types.items.find((i) => i.label === 'Vaults/');
    assert.equal(vaults?.kind, 'resource-type');
    assert.match(vaults?.detail ?? '', /^\d+ control-plane operations$/);
    assert.ok(types.items.some((i) => i.label === 'locations/' || i.label === 'Locations/'));

    const ops = at(cli('"Microsoft.RecoveryServices/Locations/|"'));
    const crr = ops.items.find((i) => i.label === 'backupCrossRegionRestore/action');
    assert.equal(crr?.kind, 'operation');
    assert.match(crr?.detail ?? '', /^action · Trigger Cross region restore\.$/);
    assert.equal(ops.apply('backupCrossRegionRestore/action'), cli('"Microsoft.RecoveryServices/Locations/backupCrossRegionRestore/action"'));
  });

  it('offers a wildcard that says how many operations it grants', () => {
    const { items, apply } = at(cli('"Microsoft.RecoveryServices/Vaults/backupJobs/|"'));
    const star = items.find((i) => i.kind === 'wildcard');
    assert.match(star?.detail ?? '', /^every control-plane operation under Microsoft\.RecoveryServices\/Vaults\/backupJobs\/ \(\d+\)$/);
    assert.equal(apply('*'), cli('"Microsoft.RecoveryServices/Vaults/backupJobs/*"'));
  });

  it('offers data actions only in dataActions, and control-plane actions only in actions', () => {
    const inData = at(cli('', '"Microsoft.Storage/storageAccounts/blobServices/containers/|"')).items.map((i) => i.label);
    assert.ok(inData.includes('blobs/'));
    assert.ok(!inData.includes('read'), 'containers/read is a control-plane action');
    const inActions = at(cli('"Microsoft.Storage/storageAccounts/blobServices/containers/|"')).items.map((i) => i.label);
    assert.ok(inActions.includes('read'));
    assert.ok(!inActions.includes('blobs/'), 'blob operations are data actions');
  });

  it('offers built-in roles in roleDefinitionId, Backup roles first, inserting the GUID', () => {
    const template = (id: string) => `{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
  "resources": [{ "type": "Microsoft.Authorization/roleAssignments", "apiVersion": "2022-04-01", "name": "[guid('a')]",
    "properties": { "roleDefinitionId": "${id}", "principalId": "p", "principalType": "Group" } }] }`;
    const inLiteral = at(template("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '|')]"));
    const sorted = [...inLiteral.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    assert.match(sorted[0].label, /Backup|Restore|Snapshot/);
    assert.equal(inLiteral.apply('Backup Operator'), template("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '00c29273-979b-4161-815c-10b084fb9324')]"));
    const empty = at(template('|'));
    assert.equal(empty.apply('Backup Reader'), template("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'a795c7a0-d4a2-40c1-ae25-d81f01202912')]"));
  });

  it('offers new-role snippets in an empty file, the backup ones built from the catalog', () => {
    const { items } = at('|');
    assert.deepEqual(items.map((i) => i.label), [
      'Azure custom role (CLI / PowerShell JSON)',
      'Azure custom role (REST JSON)',
      'ARM template with a custom role',
      'Azure Backup role: Cross-Region Restore Operator (CLI JSON)',
      'Azure Backup role: VM Restore Operator (CLI JSON)',
      'Azure Backup role: Backup Reader with Job Access (CLI JSON)',
    ]);
    const crr = items[3].edit.text.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
    const role = JSON.parse(crr) as { Actions: string[] };
    assert.ok(role.Actions.includes('Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action'));
    assert.deepEqual(service.diagnostics(service.parse(crr)).map((d) => d.code), [], 'the snippet is a complete, clean role');
    // every snippet, its tab stops filled with their defaults, is a role file of its shape
    for (const item of items) {
      const text = item.edit.text.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\d+/g, 'Microsoft.RecoveryServices/Vaults/read');
      const document = service.parse(text);
      assert.equal(document.kind, 'role-file', item.label);
      // a hint may say what the table needs only for classic VMs (retired): the snippets leave it out
      const found = service.diagnostics(document);
      assert.deepEqual(found.filter((d) => SEVERITY_NAME[d.severity] !== 'hint').map((d) => d.code), [], item.label);
      assert.deepEqual(found.filter((d) => SEVERITY_NAME[d.severity] === 'hint').map((d) => d.message.slice(0, 67)),
        item.label.includes('VM Restore Operator') ? ["Missing 'Microsoft.DomainRegistration/domains/write' for Restore VM"] : [], item.label);
    }
  });

  it('offers role definition and assignment snippets between the resources of a template', () => {
    const { items } = at('{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [ | ] }');
    assert.deepEqual(items.slice(0, 2).map((i) => i.label), ['Role definition (custom role)', 'Role assignment']);
    assert.equal(items.length, 5);
  });
});
