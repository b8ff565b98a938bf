import { armTemplate, assignmentResource, expectQuiet, expectRule } from '../../support/harness';
import { CRR, list } from '../../support/backup-sets';

const RULE = 'assignment-scope-insufficient';
const roleWith = (lists: string) => `{
      "type": "Microsoft.Authorization/roleDefinitions", "apiVersion": "2022-04-01", "name": "[guid('r')]",
      "properties": { "roleName": "CRR operator", "permissions": [{ ${lists} }], "assignableScopes": ["[subscription().id]"] }
    }`;
const REF = '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', guid(\'r\'))]"';

describe(RULE, () => {
  it('reports a cross-region restore role assigned at a resource group', () => {
    expectRule(RULE, armTemplate(`${roleWith(`"actions": [${list(CRR)}]`)},\n${assignmentResource({ roleDefinitionId: `«${REF}»` })}`), [{
      severity: 'warning',
      message: "'CRR operator' at a resource group is too low for Cross region restore, which needs its permissions at the subscription of the Recovery Services vault; assign it there.",
    }]);
  });

  it('reports a custom role with dataActions assigned at a management group as an error', () => {
    expectRule(RULE, armTemplate(`${roleWith('"actions": [], "dataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"]')},\n${assignmentResource({ roleDefinitionId: `«${REF}»` })}`, { schema: 'managementGroup' }), [{
      severity: 'error', message: "'CRR operator' has dataActions, so Azure will not assign it at a management group; assign it at a subscription or below.",
    }]);
  });

  it('stays quiet when the scope suffices', () => {
    expectQuiet(RULE, armTemplate(`${roleWith(`"actions": [${list(CRR)}]`)},\n${assignmentResource({ roleDefinitionId: REF })}`, { schema: 'subscription' }));
    expectQuiet(RULE, armTemplate(`${roleWith('"actions": ["Microsoft.RecoveryServices/Vaults/read"]')},\n${assignmentResource({ roleDefinitionId: REF })}`));
  });
});
