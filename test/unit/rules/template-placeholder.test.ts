import * as assert from 'node:assert/strict';
import { armTemplate, assignmentResource, cliRole, diagnose, expectQuiet, expectRule } from '../../support/harness';
import { bicepService } from '../../support/bicep';

const RULE = 'template-placeholder';

describe(RULE, () => {
  it('notes once per file that placeholders were not checked, at the first, and no rule reports them one by one', () => {
    const text = cliRole({ actions: '"Microsoft.RecoveryServices/Vaults/read"', scopes: '«"/subscriptions/{subscriptionId}"», "/subscriptions/<subscription-id>/resourceGroups/rg-backup", "${current_scope_resource_id}"' });
    expectRule(RULE, text, [{
      severity: 'information',
      message: "'{subscriptionId}' is a placeholder filled in before deployment (by a template engine or by hand), so '/subscriptions/{subscriptionId}' and 2 other values with placeholders were not checked; check the values put in its place.",
    }]);
    assert.deepEqual(diagnose(text.replace(/[«»]/g, '')).map((d) => d.code), [RULE]);
  });

  it("says 'it' of a value that is a placeholder whole, and reads REST assignments", () => {
    expectRule(RULE, `[{ "properties": { "roleDefinitionId": "/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f/providers/Microsoft.Authorization/roleDefinitions/00c29273-979b-4161-815c-10b084fb9324",
      "principalId": "00000000-0000-0000-0000-000000000001", "scope": «"\${current_scope_resource_id}"» } }]`, [{
      severity: 'information',
      message: "'${current_scope_resource_id}' is a placeholder filled in before deployment (by a template engine or by hand), so it was not checked; check the values put in its place.",
    }]);
  });

  it('leaves a placeholder scope unjudged where it is compared: an assignment of a custom role by a scope with one', () => {
    const ROLE_GUID = '2f7b1c39-5d0e-4b8a-9c61-3e4d5f6a7b8c';
    const text = (scope: string) => `[
  { "name": "${ROLE_GUID}", "properties": { "roleName": "Vault reader", "type": "CustomRole",
    "permissions": [{ "actions": ["Microsoft.RecoveryServices/Vaults/read"] }], "assignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"] } },
  { "properties": { "roleDefinitionId": "/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f/providers/Microsoft.Authorization/roleDefinitions/${ROLE_GUID}",
    "principalId": "00000000-0000-0000-0000-000000000001", "principalType": "Group", "scope": "${scope}" } }
]`;
    // written out, another subscription is outside the role's scopes; a placeholder may be any of them
    assert.deepEqual(diagnose(text('/subscriptions/0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d')).map((d) => d.code), ['assignment-scope-outside-assignable-scopes']);
    assert.deepEqual(diagnose(text('/subscriptions/{subscriptionId}/resourceGroups/rg-backup')).map((d) => d.code), [RULE]);
  });

  it('stays quiet without placeholders, and on ARM expressions, whose braces are format() holes', () => {
    expectQuiet(RULE, cliRole({ actions: '"Microsoft.RecoveryServices/Vaults/read"' }));
    expectQuiet(RULE, armTemplate(assignmentResource({ roleDefinitionId: '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', \'00c29273-979b-4161-815c-10b084fb9324\')]"',
      scope: '"[format(\'/subscriptions/{0}\', subscription().subscriptionId)]"' })));
  });

  it('notes a placeholder in a literal of a Bicep file, and not an interpolation', async () => {
    const bicep = await bicepService();
    const role = (scope: string) => `resource r 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'r')
  properties: {
    roleName: 'Vault reader'
    permissions: [ { actions: [ 'Microsoft.RecoveryServices/Vaults/read' ] } ]
    assignableScopes: [ ${scope} ]
  }
}
`;
    const found = (text: string) => bicep.diagnostics(bicep.parse(text, 'bicep')).map((d) => [d.code, d.message.slice(0, 40)]);
    assert.deepEqual(found(role("'/subscriptions/<subscription-id>'")), [[RULE, "'<subscription-id>' is a placeholder fil"]]);
    assert.deepEqual(found(`param subscriptionId string\n${role("'/subscriptions/${subscriptionId}'")}`), []);
  });
});
