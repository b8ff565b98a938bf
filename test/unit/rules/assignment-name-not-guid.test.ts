import { armTemplate, assignmentResource, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'assignment-name-not-guid';
const BACKUP_OPERATOR = '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', \'00c29273-979b-4161-815c-10b084fb9324\')]"';

describe(RULE, () => {
  it('warns about names made new at every deployment', () => {
    expectRule(RULE, armTemplate(assignmentResource({ name: '«"[newGuid()]"»', roleDefinitionId: BACKUP_OPERATOR }), {}), [{
      severity: 'warning', message: "'[newGuid()]' gives the assignment a new name at every deployment (newGuid()), so redeploying fails with RoleAssignmentExists; derive it with guid() from the scope, principal and role instead.",
    }]);
    expectRule(RULE, armTemplate(assignmentResource({ name: '«"[guid(utcNow())]"»', roleDefinitionId: BACKUP_OPERATOR })), [{ severity: 'warning', message: /\(utcNow\(\)\)/ }]);
  });

  it('reports a name that is no GUID, written or through a variable', () => {
    expectRule(RULE, armTemplate(assignmentResource({ name: '«"backup-operator-assignment"»', roleDefinitionId: BACKUP_OPERATOR })), [{
      severity: 'error', message: "'backup-operator-assignment' is not a GUID; Azure names role assignments by GUID: use [guid(...)] over the scope, principal and role.",
    }]);
    expectRule(RULE, armTemplate(assignmentResource({ name: '«"[variables(\'n\')]"»', roleDefinitionId: BACKUP_OPERATOR }), { variables: '"n": "ops"' }), [{
      severity: 'error', message: /^'\[variables\('n'\)\]' evaluates to 'ops', which is not a GUID/,
    }]);
  });

  it('accepts GUIDs, guid() expressions and parameters, and the vault/Microsoft.Authorization/<guid> form', () => {
    expectQuiet(RULE, armTemplate([
      assignmentResource({ name: '"3f2504e0-4f89-41d3-9a0c-0305e82c3301"', roleDefinitionId: BACKUP_OPERATOR }),
      assignmentResource({ name: '"[guid(resourceGroup().id, parameters(\'principalId\'), \'backup\')]"', roleDefinitionId: BACKUP_OPERATOR }),
      assignmentResource({ name: '"[coalesce(parameters(\'name\'), guid(resourceGroup().id))]"', roleDefinitionId: BACKUP_OPERATOR }),
      assignmentResource({ name: '"[parameters(\'assignmentName\')]"', roleDefinitionId: BACKUP_OPERATOR }),
    ].join(',\n')));
    expectQuiet(RULE, armTemplate(`{ "type": "Microsoft.RecoveryServices/vaults/providers/roleAssignments", "apiVersion": "2022-04-01",
      "name": "vault1/Microsoft.Authorization/3f2504e0-4f89-41d3-9a0c-0305e82c3301",
      "properties": { "roleDefinitionId": ${BACKUP_OPERATOR}, "principalId": "p", "principalType": "Group" } }`));
  });
});

describe(`${RULE} (REST and CLI JSON)`, () => {
  it('reports a REST assignment named other than by GUID, and accepts az role assignment list output', () => {
    expectRule(RULE, '{ "name": «"ops-assignment"», "properties": { "roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/00c29273-979b-4161-815c-10b084fb9324", "principalId": "p", "principalType": "Group" } }',
      [{ severity: 'error', message: /^'ops-assignment' is not a GUID/ }]);
    expectQuiet(RULE, '[{ "name": "3f2504e0-4f89-41d3-9a0c-0305e82c3301", "principalId": "p", "principalType": "Group", "roleDefinitionId": "/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f/providers/Microsoft.Authorization/roleDefinitions/00c29273-979b-4161-815c-10b084fb9324", "roleDefinitionName": "Backup Operator", "scope": "/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f" }]');
  });
});
