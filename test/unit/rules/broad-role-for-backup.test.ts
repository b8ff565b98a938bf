import { armTemplate, assignmentResource, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'broad-role-for-backup';
const OWNER = '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', \'8e3af657-a8ff-443c-a75c-2fe8c4bcb635\')]"';
const CONTRIBUTOR = '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', \'b24988ac-6180-42a0-ab88-20f7382dd24c\')]"';
const SUB = '6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f';
const VAULT = '{ "type": "Microsoft.RecoveryServices/vaults", "apiVersion": "2023-04-01", "name": "rsv", "location": "westeurope", "sku": { "name": "RS0", "tier": "Standard" }, "properties": {} }';

describe(RULE, () => {
  it('suggests Backup Contributor for Owner or Contributor at a subscription in a backup template', () => {
    expectRule(RULE, armTemplate(`${VAULT},\n${assignmentResource({ roleDefinitionId: `«${CONTRIBUTOR}»` })}`, { schema: 'subscription' }), [{
      severity: 'information',
      message: "'Contributor' at a subscription for backup automation: use Backup Contributor (with Virtual Machine Contributor where VMs are enabled for backup); Contributor grants every write.",
    }]);
    expectRule(RULE, armTemplate(assignmentResource({ roleDefinitionId: `«${OWNER}»`, principalId: '"[reference(\'deployVmBackup\', \'2019-09-01\', \'Full\').identity.principalId]"' }), { schema: 'managementGroup' }),
      [{ severity: 'information', message: /^'Owner' at a management group for backup automation: use Backup Contributor .*; Owner grants everything, access control included\.$/ }]);
  });

  it('says nothing below the subscription, for other roles, or away from backup', () => {
    expectQuiet(RULE, armTemplate(`${VAULT},\n${assignmentResource({ roleDefinitionId: CONTRIBUTOR })}`));
    expectQuiet(RULE, armTemplate(assignmentResource({ roleDefinitionId: CONTRIBUTOR }), { schema: 'subscription' }));
    expectQuiet(RULE, armTemplate(`${VAULT},\n${assignmentResource({ roleDefinitionId: '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', \'5e467623-bb1f-42f4-a55d-6e525e11384b\')]"' })}`, { schema: 'subscription' }));
  });

  describe('in `az role assignment list` output', () => {
    const listed = (principal: string, roleDefinitionId = `«"/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"»`) => `[
  {
    "principalId": "3c1f6d2e-8a4b-4e7f-9c0d-1a2b3c4d5e6f",
    ${principal},
    "principalType": "ServicePrincipal",
    "roleDefinitionId": ${roleDefinitionId},
    "roleDefinitionName": "Contributor",
    "scope": "/subscriptions/${SUB}"
  }
]`;
    const CONTRIBUTOR_AT_SUBSCRIPTION = /^'Contributor' at a subscription for backup automation: use Backup Contributor/;

    it('reads the principal by its name, or its display name', () => {
      expectRule(RULE, listed('"principalName": "sp-backup-automation"'), [{ severity: 'information', message: CONTRIBUTOR_AT_SUBSCRIPTION }]);
      expectRule(RULE, listed('"principalDisplayName": "Backup automation (prod)"'), [{ severity: 'information', message: CONTRIBUTOR_AT_SUBSCRIPTION }]);
    });

    it('stays quiet for a principal named for something else', () => {
      expectQuiet(RULE, listed('"principalName": "sp-web-deployer"').replace(/[«»]/g, ''));
    });
  });
});
