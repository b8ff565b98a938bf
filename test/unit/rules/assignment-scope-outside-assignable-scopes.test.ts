import { armTemplate, assignmentResource, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'assignment-scope-outside-assignable-scopes';
const SUB = '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f';
const role = (scopes: string) => `{
      "type": "Microsoft.Authorization/roleDefinitions", "apiVersion": "2022-04-01", "name": "[guid('restore')]",
      "properties": { "roleName": "Restore operator", "permissions": [{ "actions": ["Microsoft.RecoveryServices/Vaults/read"] }], "assignableScopes": [${scopes}] }
    }`;
const REF = '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', guid(\'restore\'))]"';

describe(RULE, () => {
  it('reports a subscription-level assignment of a role assignable at one resource group', () => {
    expectRule(RULE, armTemplate(`${role(`"${SUB}/resourceGroups/rg-backup"`)},\n${assignmentResource({ roleDefinitionId: `«${REF}»` })}`, { schema: 'subscription' }), [{
      severity: 'error',
      message: `'Restore operator' cannot be assigned at a subscription, outside its assignableScopes '${SUB}/resourceGroups/rg-backup'; widen them, or assign the role within them.`,
    }]);
  });

  it('reports an assignment in another subscription, written out', () => {
    expectRule(RULE, armTemplate(`${role(`"${SUB}"`)},\n${assignmentResource({ roleDefinitionId: REF, scope: '«"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg"»' })}`), [{
      // where it lands leads in its short form, whole after
      severity: 'error', message: `'Restore operator' cannot be assigned at '…/resourcegroups/rg' ('/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/rg'), outside its assignableScopes '${SUB}'; widen them, or assign the role within them.`,
    }]);
  });

  it('stays quiet when a scope reaches, or when only the deployment can tell', () => {
    expectQuiet(RULE, armTemplate(`${role('"[subscription().id]"')},\n${assignmentResource({ roleDefinitionId: REF })}`));
    expectQuiet(RULE, armTemplate(`${role(`"${SUB}"`)},\n${assignmentResource({ roleDefinitionId: REF })}`));
    expectQuiet(RULE, armTemplate(`${role('"/providers/Microsoft.Management/managementGroups/contoso"')},\n${assignmentResource({ roleDefinitionId: REF })}`, { schema: 'subscription' }));
  });
});

describe(`${RULE} (CLI JSON)`, () => {
  it('reports an az role assignment list entry outside the assignable scopes of a custom role in the same file', () => {
    expectRule(RULE, `[{ "roleName": "Restore operator", "name": "7c3b2a1d-0000-4000-8000-00000000000a", "permissions": [{ "actions": ["Microsoft.RecoveryServices/Vaults/read"] }], "assignableScopes": ["${SUB}/resourceGroups/rg-backup"] },
 { "principalId": "p", "principalType": "Group", "roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/7c3b2a1d-0000-4000-8000-00000000000a", "scope": «"${SUB}/resourceGroups/rg-other"» }]`,
    [{ severity: 'error', message: /^'Restore operator' cannot be assigned at '…\/resourcegroups\/rg-other' \('\/subscriptions\/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f\/resourcegroups\/rg-other'\), outside its assignableScopes/ }]);
  });

  it('stays quiet on an entry inside the assignable scopes', () => {
    expectQuiet(RULE, `[{ "roleName": "Restore operator", "name": "7c3b2a1d-0000-4000-8000-00000000000a", "permissions": [{ "actions": ["Microsoft.RecoveryServices/Vaults/read"] }], "assignableScopes": ["${SUB}/resourceGroups/rg-backup"] },
 { "principalId": "p", "principalType": "Group", "roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/7c3b2a1d-0000-4000-8000-00000000000a", "scope": "${SUB}/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/v1" }]`);
  });
});
