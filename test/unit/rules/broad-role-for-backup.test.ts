import { armTemplate, assignmentResource, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'broad-role-for-backup';
const OWNER = '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', \'8e3af657-a8ff-443c-a75c-2fe8c4bcb635\')]"';
const CONTRIBUTOR = '"[subscriptionResourceId(\'Microsoft.Authorization/roleDefinitions\', \'b24988ac-6180-42a0-ab88-20f7382dd24c\')]"';
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
});
