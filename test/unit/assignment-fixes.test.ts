// Quick fixes of the assignment rules, asserted on the whole resulting text.
import * as assert from 'node:assert/strict';
import { applyOffsetEdits, armTemplate, assignmentResource, diagnose, service } from '../support/harness';

function fixes(text: string, code: string) {
  const document = service.parse(text);
  const diagnostics = service.diagnostics(document).filter((d) => d.code === code);
  assert.equal(diagnostics.length, 1, `one ${code}`);
  return service.codeActions(document, diagnostics, { only: ['quickfix'] }).map((a) => ({ title: a.title, preferred: !!a.isPreferred, text: applyOffsetEdits(text, a.edits) }));
}

describe('quick fixes: assignments', () => {
  it('puts the GUID of the built-in role that was meant in place of a mistyped one', () => {
    const before = armTemplate(assignmentResource({ roleDefinitionId: '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', \'00c29273-979b-4161-815c-10b084fb9325\')]"' }));
    const [fix] = fixes(before, 'unknown-role-definition');
    assert.equal(fix.title, 'Use Backup Operator (00c29273-979b-4161-815c-10b084fb9324)');
    assert.ok(fix.preferred);
    assert.equal(fix.text, before.replace('10b084fb9325', '10b084fb9324'));
    assert.deepEqual(diagnose(fix.text).filter((d) => d.code === 'unknown-role-definition'), []);
  });

  it('inserts principalType ServicePrincipal for a managed identity, on its own line', () => {
    const before = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Authorization/roleAssignments",
      "apiVersion": "2022-04-01",
      "name": "[guid(resourceGroup().id, 'bv-reader')]",
      "properties": {
        "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '3e5e47e6-65f7-47ef-90b5-e5dd4d455f24')]",
        "principalId": "[reference(resourceId('Microsoft.DataProtection/backupVaults', 'bv'), '2023-05-01', 'full').identity.principalId]"
      }
    }
  ]
}`;
    const all = fixes(before, 'missing-principal-type');
    assert.deepEqual(all.map((f) => [f.title, f.preferred]), [['Add "principalType": "ServicePrincipal"', true]]);
    assert.equal(all[0].text, before.replace(`.identity.principalId]"\n`, `.identity.principalId]",\n        "principalType": "ServicePrincipal"\n`));
    JSON.parse(all[0].text);
    assert.deepEqual(diagnose(all[0].text).filter((d) => d.code === 'missing-principal-type'), []);
  });

  it('offers the choice of principal types when the principal is not evident', () => {
    const before = armTemplate(assignmentResource({ roleDefinitionId: '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', \'00c29273-979b-4161-815c-10b084fb9324\')]"', principalType: '' }));
    const all = fixes(before, 'missing-principal-type');
    assert.deepEqual(all.map((f) => [f.title, f.preferred]), [
      ['Add "principalType": "ServicePrincipal"', false], ['Add "principalType": "Group"', false], ['Add "principalType": "User"', false],
    ]);
    assert.match(all[1].text, /"principalId": "\[parameters\('principalId'\)\]", "principalType": "Group" \}/);
  });
});
