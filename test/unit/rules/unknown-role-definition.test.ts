import * as assert from 'node:assert/strict';
import { armTemplate, assignmentResource, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'unknown-role-definition';

describe(RULE, () => {
  it('reports a GUID one character from a built-in role, naming it, on the GUID itself', () => {
    const [d] = expectRule(RULE, armTemplate(assignmentResource({
      roleDefinitionId: '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', \'«00c29273-979b-4161-815c-10b084fb9325»\')]"',
    })), [{ severity: 'warning', message: "'00c29273-979b-4161-815c-10b084fb9325' names no role, built-in or of the workspace; did you mean Backup Operator ('00c29273-979b-4161-815c-10b084fb9324')?" }]);
    assert.deepEqual((d.data as { replacement: unknown }).replacement, { id: '00c29273-979b-4161-815c-10b084fb9324', name: 'Backup Operator' });
  });

  it('follows variables and concat to the GUID', () => {
    expectRule(RULE, armTemplate(assignmentResource({ roleDefinitionId: '«"[concat(\'/providers/Microsoft.Authorization/roleDefinitions/\', variables(\'role\'))]"»' }),
      { variables: '"role": "11111111-2222-3333-4444-555555555555"' }),
    [{ severity: 'warning', message: "'11111111-2222-3333-4444-555555555555' names no role, built-in or of the workspace; check the id, or add the file that defines the role." }]);
  });

  it('reports in REST and CLI assignment JSON', () => {
    expectRule(RULE, '{ "properties": { "roleDefinitionId": "/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f/providers/Microsoft.Authorization/roleDefinitions/«a795c7a0-d4a2-40c1-ae25-d81f01202913»", "principalId": "b1f3c1a6-0000-4000-8000-000000000001" } }',
      [{ severity: 'warning', message: /did you mean Backup Reader/ }]);
  });

  it('does not report built-in roles, custom roles of the same file, or ids known only at deployment', () => {
    expectQuiet(RULE, armTemplate(assignmentResource({ roleDefinitionId: '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', \'5e467623-bb1f-42f4-a55d-6e525e11384b\')]"' })));
    expectQuiet(RULE, armTemplate(assignmentResource({ roleDefinitionId: '"[parameters(\'roleId\')]"' })));
    expectQuiet(RULE, armTemplate(`{
      "type": "Microsoft.Authorization/roleDefinitions", "apiVersion": "2022-04-01", "name": "[guid(subscription().id, 'crr')]",
      "properties": { "roleName": "CRR", "permissions": [{ "actions": ["Microsoft.RecoveryServices/Vaults/read"] }], "assignableScopes": ["[subscription().id]"] }
    },
${assignmentResource({ roleDefinitionId: '"[resourceId(\'Microsoft.Authorization/roleDefinitions\', guid(subscription().id, \'crr\'))]"' })}`));
    expectQuiet(RULE, '[{ "roleName": "Mine", "name": "7c3b2a1d-0000-4000-8000-00000000000a", "permissions": [{ "actions": ["*/read"] }], "assignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"] },'
      + ' { "properties": { "roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/7c3b2a1d-0000-4000-8000-00000000000a", "principalId": "p" } }]');
  });
});
