import { armTemplate, assignmentResource, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'prefer-group-assignment';
const ROLE = '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', \'00c29273-979b-4161-815c-10b084fb9324\')]"';

describe(RULE, () => {
  it('nudges towards a group when a role goes to a single user', () => {
    expectRule(RULE, armTemplate(assignmentResource({ roleDefinitionId: ROLE, principalType: '«"User"»' })), [{
      severity: 'information',
      message: 'Assigned to a single user: assign roles to a group that stands for the job (say, backup operators), so access follows membership and reviews stay short.',
    }]);
  });

  it('says nothing for groups and service principals', () => {
    expectQuiet(RULE, armTemplate([assignmentResource({ roleDefinitionId: ROLE, principalType: '"Group"' }), assignmentResource({ roleDefinitionId: ROLE })].join(',\n')));
  });
});

describe(`${RULE} (az role assignment list output)`, () => {
  it('nudges on user assignments in CLI output too', () => {
    expectRule(RULE, '[{ "principalId": "u1", "principalType": «"User"», "roleDefinitionName": "Backup Contributor", "roleDefinitionId": "/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f/providers/Microsoft.Authorization/roleDefinitions/5e467623-bb1f-42f4-a55d-6e525e11384b", "scope": "/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f" }]',
      [{ severity: 'information', message: /^Assigned to a single user/ }]);
  });

  it('says nothing for group and service principal entries of CLI output', () => {
    for (const type of ['Group', 'ServicePrincipal']) {
      expectQuiet(RULE, `[{ "principalId": "g1", "principalType": "${type}", "roleDefinitionName": "Backup Contributor", "roleDefinitionId": "/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f/providers/Microsoft.Authorization/roleDefinitions/5e467623-bb1f-42f4-a55d-6e525e11384b", "scope": "/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f" }]`);
    }
  });
});
