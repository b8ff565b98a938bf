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
