import * as assert from 'node:assert/strict';
import { armTemplate, assignmentResource, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'missing-principal-type';
const ROLE = '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', \'00c29273-979b-4161-815c-10b084fb9324\')]"';

describe(RULE, () => {
  it('reports a managed identity of the template without principalType, suggesting ServicePrincipal', () => {
    const text = armTemplate(assignmentResource({ roleDefinitionId: ROLE, principalId: '"[reference(resourceId(\'Microsoft.DataProtection/backupVaults\', \'bv\'), \'2023-01-01\', \'full\').identity.principalId]"', principalType: '' }))
      .replace('"principalId"', '«"principalId"»');
    const [d] = expectRule(RULE, text, [{ severity: 'warning', message: 'The assignment has no principalType: add "principalType": "ServicePrincipal", or Azure may not find a managed identity created in the same deployment yet (PrincipalNotFound).' }]);
    assert.deepEqual(d.data, { suggested: 'ServicePrincipal' });
  });

  it('reports any principal without principalType, leaving the choice', () => {
    const [d] = expectRule(RULE, armTemplate(assignmentResource({ roleDefinitionId: ROLE, principalType: '' })).replace('"principalId"', '«"principalId"»'),
      [{ severity: 'warning', message: 'The assignment has no principalType: add it (User, Group or ServicePrincipal), or Azure looks the principal up, which fails for one created moments before (PrincipalNotFound).' }]);
    assert.deepEqual(d.data, { suggested: undefined });
  });

  it('does not report assignments that say their principal type', () => {
    expectQuiet(RULE, armTemplate(assignmentResource({ roleDefinitionId: ROLE, principalType: '"Group"' })));
  });
});

describe(`${RULE} (REST JSON)`, () => {
  it('reports a REST assignment body without principalType', () => {
    expectRule(RULE, '{ "properties": { "roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/00c29273-979b-4161-815c-10b084fb9324", «"principalId"»: "b1f3c1a6-0000-4000-8000-000000000001" } }',
      [{ severity: 'warning', message: /^The assignment has no principalType: add it/ }]);
    expectQuiet(RULE, '{ "properties": { "roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/00c29273-979b-4161-815c-10b084fb9324", "principalId": "b1", "principalType": "User" } }');
  });
});
