import { armTemplate, assignmentResource, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'assignment-name-not-guid';
const BACKUP_OPERATOR = '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', \'00c29273-979b-4161-815c-10b084fb9324\')]"';
const GUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
/** A role assignment of the older child-resource form: `<resource type>/providers/roleAssignments`, named `<resource>/Microsoft.Authorization/<guid>`. */
const legacy = (name: string) => `{ "type": "Microsoft.Storage/storageAccounts/providers/roleAssignments", "apiVersion": "2022-04-01", "name": ${name},
      "properties": { "roleDefinitionId": ${BACKUP_OPERATOR}, "principalId": "p", "principalType": "Group" } }`;

describe(RULE, () => {
  it('warns about names made new at every deployment', () => {
    expectRule(RULE, armTemplate(assignmentResource({ name: '«"[newGuid()]"»', roleDefinitionId: BACKUP_OPERATOR }), {}), [{
      severity: 'warning', message: "'[newGuid()]' calls newGuid(), a new name at every deployment, so redeploying fails with RoleAssignmentExists; derive it with guid() over the scope, principal and role instead.",
    }]);
    expectRule(RULE, armTemplate(assignmentResource({ name: '«"[guid(utcNow())]"»', roleDefinitionId: BACKUP_OPERATOR })), [{ severity: 'warning', message: /^'\[guid\(utcNow\(\)\)\]' calls utcNow\(\), a new name/ }]);
  });

  it('says so when newGuid() is the default of the parameter that names the assignment, or of one the name uses', () => {
    const parameters = '"rbacGuid": { "type": "string", "defaultValue": "[newGuid()]" }';
    expectRule(RULE, armTemplate(assignmentResource({ name: '«"[parameters(\'rbacGuid\')]"»', roleDefinitionId: BACKUP_OPERATOR }), { parameters }), [{
      severity: 'warning',
      message: "'[parameters('rbacGuid')]' defaults to newGuid(), a new name at every deployment, so redeploying fails with RoleAssignmentExists; derive it with guid() over the scope, principal and role instead.",
    }]);
    expectRule(RULE, armTemplate(assignmentResource({ name: '«"[guid(resourceGroup().id, parameters(\'rbacGuid\'))]"»', roleDefinitionId: BACKUP_OPERATOR }), { parameters }), [{
      severity: 'warning', message: /^'\[guid\(resourceGroup\(\)\.id, parameters\('rbacGuid'\)\)\]' uses the parameter 'rbacGuid', which defaults to newGuid\(\), a new name at every deployment/,
    }]);
    // a default the deployment can override with a stable name is still the default that runs when it does not
    expectQuiet(RULE, armTemplate(assignmentResource({ name: '"[parameters(\'rbacGuid\')]"', roleDefinitionId: BACKUP_OPERATOR }), { parameters: `"rbacGuid": { "type": "string", "defaultValue": "${GUID}" }` }));
  });

  it('reports a name that is no GUID, written or through a variable', () => {
    expectRule(RULE, armTemplate(assignmentResource({ name: '«"backup-operator-assignment"»', roleDefinitionId: BACKUP_OPERATOR })), [{
      severity: 'error', message: "'backup-operator-assignment' is not a GUID; Azure names role assignments by GUID: use [guid(...)] over the scope, principal and role.",
    }]);
    expectRule(RULE, armTemplate(assignmentResource({ name: '«"[variables(\'n\')]"»', roleDefinitionId: BACKUP_OPERATOR }), { variables: '"n": "ops"' }), [{
      severity: 'error', message: "'[variables('n')]' is not a GUID but 'ops'; Azure names role assignments by GUID: use guid() over the scope, principal and role.",
    }]);
  });

  it('asks a GUID only of the last segment of a <resource>/Microsoft.Authorization/<name> name, and suggests guid() for that segment', () => {
    expectRule(RULE, armTemplate(legacy('«"storage/Microsoft.Authorization/owner-grant"»')), [{
      severity: 'error',
      message: "'owner-grant' is not a GUID, and the last segment of 'storage/Microsoft.Authorization/owner-grant' must be one (only it: the rest names the resource); "
        + "write [concat('storage/Microsoft.Authorization/', guid(...))] with guid() over the scope, principal and role.",
    }]);
    expectRule(RULE, armTemplate(legacy('«"[concat(parameters(\'account\'), \'/Microsoft.Authorization/owner-grant\')]"»'), { parameters: '"account": { "type": "string", "defaultValue": "storage" }' }), [{
      severity: 'error',
      message: "'owner-grant' is not a GUID, and the last segment of 'storage/Microsoft.Authorization/owner-grant', the value of '[concat(parameters('account'), '/Microsoft.Authorization/owner-grant')]', "
        + 'must be one (only it: the rest names the resource); make that segment guid() over the scope, principal and role.',
    }]);
  });

  it('accepts GUIDs, guid() expressions and parameters, and the <resource>/Microsoft.Authorization/<guid> form written or computed', () => {
    expectQuiet(RULE, armTemplate([
      assignmentResource({ name: `"${GUID}"`, roleDefinitionId: BACKUP_OPERATOR }),
      assignmentResource({ name: '"[guid(resourceGroup().id, parameters(\'principalId\'), \'backup\')]"', roleDefinitionId: BACKUP_OPERATOR }),
      assignmentResource({ name: '"[coalesce(parameters(\'name\'), guid(resourceGroup().id))]"', roleDefinitionId: BACKUP_OPERATOR }),
      assignmentResource({ name: '"[parameters(\'assignmentName\')]"', roleDefinitionId: BACKUP_OPERATOR }),
    ].join(',\n')));
    expectQuiet(RULE, armTemplate(`{ "type": "Microsoft.RecoveryServices/vaults/providers/roleAssignments", "apiVersion": "2022-04-01",
      "name": "vault1/Microsoft.Authorization/${GUID}",
      "properties": { "roleDefinitionId": ${BACKUP_OPERATOR}, "principalId": "p", "principalType": "Group" } }`));
    expectQuiet(RULE, armTemplate([
      legacy(`"storage/Microsoft.Authorization/${GUID}"`),
      legacy('"[concat(parameters(\'account\'), \'/Microsoft.Authorization/\', guid(resourceGroup().id, \'owner\'))]"'),
    ].join(',\n'), { parameters: '"account": { "type": "string", "defaultValue": "storage" }' }));
  });
});

describe(`${RULE} (REST and CLI JSON)`, () => {
  it('reports a REST assignment named other than by GUID, and accepts az role assignment list output', () => {
    expectRule(RULE, '{ "name": «"ops-assignment"», "properties": { "roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/00c29273-979b-4161-815c-10b084fb9324", "principalId": "p", "principalType": "Group" } }',
      [{ severity: 'error', message: /^'ops-assignment' is not a GUID/ }]);
    expectQuiet(RULE, '[{ "name": "3f2504e0-4f89-41d3-9a0c-0305e82c3301", "principalId": "p", "principalType": "Group", "roleDefinitionId": "/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f/providers/Microsoft.Authorization/roleDefinitions/00c29273-979b-4161-815c-10b084fb9324", "roleDefinitionName": "Backup Operator", "scope": "/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f" }]');
  });
});
