// An edit inside one role or assignment, re-checked in part, gives exactly the diagnostics a full
// analysis of the new text gives.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeDocument } from '../../server/src/core/analysis/analyze';
import { reanalyze } from '../../server/src/core/analysis/incremental';
import { parseRoleDocument } from '../../server/src/core/model/role-document';
import { catalog } from '../support/harness';

const URI = 'untitled:incremental.json';

/** A template with roles (some broken on purpose) and assignments that use them. */
function template(): string {
  const roles = [
    ['crr', ['Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action', 'Microsoft.RecoveryServices/locations/backupCrrJobs/action']],
    ['typo', ['Microsoft.Compute/virtualMachine/read', 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read']],
    ['broad', ['*', 'Microsoft.Authorization/roleAssignments/write']],
    ['ok', ['Microsoft.RecoveryServices/Vaults/read']],
  ].map(([name, actions]) => ({
    type: 'Microsoft.Authorization/roleDefinitions', apiVersion: '2022-04-01', name: `[guid(subscription().id, '${name}')]`,
    properties: { roleName: `Role ${name}`, permissions: [{ actions, notActions: [] }], assignableScopes: ['[subscription().id]'] },
  }));
  const assignments = ['crr', 'typo', 'ok'].map((name, i) => ({
    type: 'Microsoft.Authorization/roleAssignments', apiVersion: '2022-04-01', name: `[guid(resourceGroup().id, '${name}')]`,
    properties: {
      roleDefinitionId: `[resourceId('Microsoft.Authorization/roleDefinitions', guid(subscription().id, '${name}'))]`,
      principalId: "[parameters('p')]", ...(i === 1 ? {} : { principalType: 'Group' }),
    },
  }));
  return JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0', parameters: { p: { type: 'string' } }, resources: [...roles, ...assignments],
  }, null, 2);
}

const full = (text: string) => analyzeDocument(parseRoleDocument(text), catalog, { uri: URI });
const strip = (ds: readonly unknown[]) => JSON.parse(JSON.stringify(ds));

describe('incremental re-check', () => {
  it('re-checks a role after an edit in it, keeps the others, and matches a full analysis', () => {
    const text = template();
    const before = full(text);
    assert.ok(before.diagnostics.some((d) => d.code === 'unknown-action'));
    const at = text.indexOf('virtualMachine/read') + 'virtualMachine'.length;
    const after = reanalyze(before, { offset: at, length: 0, text: 's' }, URI);
    assert.ok(after, 'an edit inside a role string is re-checked in part');
    const fixed = text.slice(0, at) + 's' + text.slice(at);
    assert.equal(after.document.text, fixed);
    assert.deepEqual(strip(after.diagnostics), strip(full(fixed).diagnostics));
    assert.ok(!after.diagnostics.some((d) => d.code === 'unknown-action'));
  });

  it('follows a role through to the assignments that use it', () => {
    const text = template();
    const before = full(text);
    assert.ok(before.diagnostics.some((d) => d.code === 'assignment-scope-insufficient'), 'the CRR role is assigned at a resource group');
    // the CRR role loses its restore action: it is no longer meant for cross-region restore
    const target = '"Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action"';
    const at = text.indexOf(target);
    const after = reanalyze(before, { offset: at + 1, length: target.length - 2, text: 'Microsoft.RecoveryServices/Vaults/read' }, URI);
    assert.ok(after);
    assert.deepEqual(strip(after.diagnostics), strip(full(after.document.text).diagnostics));
    assert.ok(!after.diagnostics.some((d) => d.code === 'assignment-scope-insufficient'));
  });

  it('leaves to a full analysis what it cannot do in part', () => {
    const text = template();
    // across two resources
    assert.equal(reanalyze(full(text), { offset: text.indexOf('"Role crr"'), length: 400, text: '' }, URI), undefined);
    // a unit that no longer parses
    const at = text.indexOf('"Role ok"');
    assert.equal(reanalyze(full(text), { offset: at, length: 1, text: '' }, URI), undefined);
  });

  it('matches a full analysis after any small edit inside a resource (property)', () => {
    const text = template();
    const starts: number[] = [];
    for (let i = text.indexOf('"resources"') + 20; i < text.length - 10; i++) if (text[i] !== '"' && text[i] !== '\\') starts.push(i);
    let inPart = 0;
    fc.assert(fc.property(
      fc.constantFrom(...starts), fc.integer({ min: 0, max: 3 }), fc.constantFrom('', 's', 'x', '\n', '*', '/', 'Microsoft.', '  ', 'read'),
      (offset, length, insert) => {
        const after = reanalyze(full(text), { offset, length, text: insert }, URI);
        const expected = full(text.slice(0, offset) + insert + text.slice(offset + length));
        if (after) {
          inPart++;
          assert.deepEqual(strip(after.diagnostics), strip(expected.diagnostics));
        }
      },
    ), { numRuns: 150, seed: 7 });
    assert.ok(inPart > 40, `${inPart} of 150 edits were re-checked in part`);
  });
});
