import { armTemplate, assignmentResource, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'vault-identity-missing-role';
const VAULT = `{
      "type": "Microsoft.DataProtection/backupVaults", "apiVersion": "2023-05-01", "name": "[parameters('vaultName')]", "location": "[resourceGroup().location]",
      "identity": { "type": "SystemAssigned" },
      "properties": { "storageSettings": [{ "datastoreType": "VaultStore", "type": "LocallyRedundant" }] }
    }`;
const instance = (datasourceType: string) => `{
      "type": "Microsoft.DataProtection/backupVaults/backupInstances", "apiVersion": "2023-05-01", "name": "[format('{0}/{1}', parameters('vaultName'), 'disk1')]",
      "properties": { "dataSourceInfo": { "datasourceType": ${datasourceType}, "objectType": "Datasource", "resourceID": "[parameters('diskId')]" } }
    }`;
const VAULT_IDENTITY = '"[reference(resourceId(\'Microsoft.DataProtection/backupVaults\', parameters(\'vaultName\')), \'2023-05-01\', \'full\').identity.principalId]"';
const role = (guid: string) => `"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${guid}')]"`;
const DISK_BACKUP_READER = '3e5e47e6-65f7-47ef-90b5-e5dd4d455f24';
const STORAGE_ACCOUNT_BACKUP_CONTRIBUTOR = 'e5e2a7ff-d759-4cd2-bb51-3152d37e2eb1';

describe(RULE, () => {
  it("reports disk backup without Disk Backup Reader for the vault's identity", () => {
    expectRule(RULE, armTemplate(`${VAULT},\n${instance('«"Microsoft.Compute/disks"»')}`), [{
      severity: 'warning',
      message: `The Backup vault's identity lacks Disk Backup Reader: assign it on the disk to be backed up, or backups of disks fail; no role assignment here gives it, and Microsoft's table requires it for "Enable backup from backup vault".`,
    }]);
  });

  it('reports blob backup whose vault identity holds only an unrelated role', () => {
    expectRule(RULE, armTemplate(`${VAULT},\n${instance('«"Microsoft.Storage/storageAccounts/blobServices"»')},\n${assignmentResource({ roleDefinitionId: role(DISK_BACKUP_READER), principalId: VAULT_IDENTITY })}`), [{
      severity: 'warning', message: /^The Backup vault's identity lacks Storage Account Backup Contributor: assign it on the storage account containing the blobs, or backups of blobs fail;/,
    }]);
  });

  it('stays quiet when the vault identity gets the role, or a custom role with the same permissions', () => {
    expectQuiet(RULE, armTemplate(`${VAULT},\n${instance('"Microsoft.Compute/disks"')},\n${assignmentResource({ roleDefinitionId: role(DISK_BACKUP_READER), principalId: VAULT_IDENTITY, scope: '"[parameters(\'diskId\')]"' })}`));
    expectQuiet(RULE, armTemplate(`${VAULT},\n${instance('"Microsoft.Storage/storageAccounts/blobServices"')},\n${assignmentResource({ roleDefinitionId: role(STORAGE_ACCOUNT_BACKUP_CONTRIBUTOR), principalId: VAULT_IDENTITY })}`));
    expectQuiet(RULE, armTemplate(`${VAULT},\n${instance('"Microsoft.Compute/disks"')},
    { "type": "Microsoft.Authorization/roleDefinitions", "apiVersion": "2022-04-01", "name": "[guid('disk-reader')]",
      "properties": { "roleName": "Disk reader", "permissions": [{ "actions": ["Microsoft.Compute/disks/read", "Microsoft.Compute/disks/beginGetAccess/action"] }], "assignableScopes": ["[resourceGroup().id]"] } },
${assignmentResource({ roleDefinitionId: '"[resourceId(\'Microsoft.Authorization/roleDefinitions\', guid(\'disk-reader\'))]"', principalId: VAULT_IDENTITY })}`));
  });

  it('stays quiet without a Backup vault, or when the data source is known only at deployment', () => {
    expectQuiet(RULE, armTemplate(instance('"Microsoft.Compute/disks"')));
    expectQuiet(RULE, armTemplate(`${VAULT},\n${instance('"[parameters(\'type\')]"')}`));
  });
});
