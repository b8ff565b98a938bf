import * as assert from 'node:assert/strict';
import { backupCatalogFor } from '../../../server/src/catalog/backup/backup-catalog';
import { VAULT_IDENTITY_WORKLOADS } from '../../../server/src/catalog/backup/vault-identity-roles';
import { armTemplate, assignmentResource, catalog, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'vault-identity-missing-role';
const VAULT = `{
      "type": "Microsoft.DataProtection/backupVaults", "apiVersion": "2023-05-01", "name": "[parameters('vaultName')]", "location": "[resourceGroup().location]",
      "identity": { "type": "SystemAssigned" },
      "properties": { "storageSettings": [{ "datastoreType": "VaultStore", "type": "LocallyRedundant" }] }
    }`;
const instance = (datasourceType: string, resourceId = '"[parameters(\'diskId\')]"', snapshotGroup?: string) => `{
      "type": "Microsoft.DataProtection/backupVaults/backupInstances", "apiVersion": "2023-05-01", "name": "[format('{0}/{1}', parameters('vaultName'), 'disk1')]",
      "properties": { "dataSourceInfo": { "datasourceType": ${datasourceType}, "objectType": "Datasource", "resourceID": ${resourceId} }${snapshotGroup ? `,
        "policyInfo": { "policyId": "[parameters('policyId')]", "policyParameters": { "dataStoreParametersList": [
          { "objectType": "AzureOperationalStoreParameters", "dataStoreType": "OperationalStore", "resourceGroupId": ${snapshotGroup} }] } }` : ''} }
    }`;
const VAULT_IDENTITY = '"[reference(resourceId(\'Microsoft.DataProtection/backupVaults\', parameters(\'vaultName\')), \'2023-05-01\', \'full\').identity.principalId]"';
const roleId = (guid: string) => `"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${guid}')]"`;
const builtIn = (name: string) => roleId(catalog.roleByName(name)!.id);
const DISK_BACKUP_READER = roleId('3e5e47e6-65f7-47ef-90b5-e5dd4d455f24');
const DISK_SNAPSHOT_CONTRIBUTOR = roleId('7efff54f-a5b4-42b5-a1c5-5411624893ce');
const STORAGE_ACCOUNT_BACKUP_CONTRIBUTOR = roleId('e5e2a7ff-d759-4cd2-bb51-3152d37e2eb1');
const grant = (roleDefinitionId: string, scope?: string) => assignmentResource({ roleDefinitionId, principalId: VAULT_IDENTITY, ...(scope ? { scope } : {}) });
const template = (...resources: string[]) => armTemplate(resources.join(',\n'));
const DISK_IN_OTHER_GROUP = '"[resourceId(\'disks-rg\', \'Microsoft.Compute/disks\', \'os-disk\')]"';
const DISK_HERE = '"[resourceId(\'Microsoft.Compute/disks\', \'os-disk\')]"';
const SNAPSHOT_GROUP = '"[subscriptionResourceId(\'Microsoft.Resources/resourceGroups\', \'snapshots-rg\')]"';

describe(RULE, () => {
  it("reports disk backup without Disk Backup Reader and Disk Snapshot Contributor for the vault's identity", () => {
    expectRule(RULE, template(VAULT, instance('««"Microsoft.Compute/disks"»»')), [{
      severity: 'warning',
      message: `The Backup vault's identity lacks Disk Backup Reader: assign it on the disk to be backed up, or backups of disks fail; no role assignment here gives it, and Microsoft's table requires it for "Enable backup from backup vault".`,
    }, {
      severity: 'warning',
      message: "The Backup vault's identity lacks Disk Snapshot Contributor: assign it on the snapshot resource group, or backups of disks fail; no role assignment here gives it, and Azure Backup's own grant of the vault's roles (Az.DataProtection) gives it.",
    }]);
  });

  it('reports blob backup whose vault identity holds only an unrelated role', () => {
    expectRule(RULE, template(VAULT, instance('«"Microsoft.Storage/storageAccounts/blobServices"»'), grant(DISK_BACKUP_READER)), [{
      severity: 'warning', message: /^The Backup vault's identity lacks Storage Account Backup Contributor: assign it on the storage account containing the blobs, or backups of blobs fail;/,
    }]);
  });

  it('stays quiet when the vault identity gets the roles, or a custom role with the same permissions', () => {
    expectQuiet(RULE, template(VAULT, instance('"Microsoft.Compute/disks"'), grant(DISK_BACKUP_READER, '"[parameters(\'diskId\')]"'), grant(DISK_SNAPSHOT_CONTRIBUTOR)));
    expectQuiet(RULE, template(VAULT, instance('"Microsoft.Storage/storageAccounts/blobServices"'), grant(STORAGE_ACCOUNT_BACKUP_CONTRIBUTOR)));
    expectQuiet(RULE, template(VAULT, instance('"Microsoft.Compute/disks"'), `{ "type": "Microsoft.Authorization/roleDefinitions", "apiVersion": "2022-04-01", "name": "[guid('disk-reader')]",
      "properties": { "roleName": "Disk reader", "permissions": [{ "actions": ["Microsoft.Compute/disks/read", "Microsoft.Compute/disks/beginGetAccess/action"] }], "assignableScopes": ["[resourceGroup().id]"] } }`,
    grant('"[resourceId(\'Microsoft.Authorization/roleDefinitions\', guid(\'disk-reader\'))]"'), grant(DISK_SNAPSHOT_CONTRIBUTOR)));
  });

  it('stays quiet without a Backup vault, or when the data source is known only at deployment', () => {
    expectQuiet(RULE, template(instance('"Microsoft.Compute/disks"')));
    expectQuiet(RULE, template(VAULT, instance('"[parameters(\'type\')]"')));
  });

  describe('a vault the template does not create (`existing`)', () => {
    // languageVersion 2.0: resources by symbolic name, and `existing` for one the template only refers to
    const symbolic = (vault: string, existing: boolean) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "languageVersion": "2.0",
  "contentVersion": "1.0.0.0",
  "parameters": { "vaultName": { "type": "string" }, "diskId": { "type": "string" } },
  "resources": {
    "vault": { "type": "Microsoft.DataProtection/backupVaults", "apiVersion": "2023-05-01", "name": "[parameters('vaultName')]"${existing ? ', "existing": true' : `, "location": "[resourceGroup().location]",
      "identity": { "type": "SystemAssigned" }, "properties": { "storageSettings": [{ "datastoreType": "VaultStore", "type": "LocallyRedundant" }] }`} },
    "disk1": { "type": "Microsoft.DataProtection/backupVaults/backupInstances", "apiVersion": "2023-05-01", "name": "[format('{0}/{1}', parameters('vaultName'), 'disk1')]",
      "properties": { "dataSourceInfo": { "datasourceType": ${vault}, "objectType": "Datasource", "resourceID": "[parameters('diskId')]" } } },
    "grant": { "type": "Microsoft.Authorization/roleAssignments", "apiVersion": "2022-04-01", "name": "[guid(resourceGroup().id, 'x')]",
      "properties": { "roleDefinitionId": ${DISK_BACKUP_READER}, "principalId": "[parameters('principalId')]" } }
  }
}`;

    it('stays quiet on backup instances of a vault made elsewhere: its identity gets its roles there', () => {
      expectQuiet(RULE, symbolic('"Microsoft.Compute/disks"', true));
    });

    it('reports the same instances in a vault the template creates', () => {
      expectRule(RULE, symbolic('««"Microsoft.Compute/disks"»»', false), [
        { severity: 'warning', message: /^The Backup vault's identity lacks Disk Backup Reader:/ },
        { severity: 'warning', message: /^The Backup vault's identity lacks Disk Snapshot Contributor:/ },
      ]);
    });
  });

  describe('where the role is assigned', () => {
    it('reports Disk Backup Reader without a scope (the deployment\'s resource group) when the disk is in another resource group', () => {
      expectRule(RULE, template(VAULT, instance('"Microsoft.Compute/disks"', DISK_IN_OTHER_GROUP), assignmentResource({ roleDefinitionId: `«${DISK_BACKUP_READER}»`, principalId: VAULT_IDENTITY }),
        grant(DISK_SNAPSHOT_CONTRIBUTOR)), [{
        severity: 'warning',
        message: "Disk Backup Reader does not reach the disk: the Backup vault's identity gets it on the deployment's resource group (the assignment has no scope), but the disk is in the resource group 'disks-rg'; assign it on the disk to be backed up, or backups of disks fail.",
      }]);
    });

    it('stays quiet when Disk Backup Reader is on the disk itself, or on the resource group holding it', () => {
      expectQuiet(RULE, template(VAULT, instance('"Microsoft.Compute/disks"', DISK_IN_OTHER_GROUP), grant(DISK_BACKUP_READER, DISK_IN_OTHER_GROUP), grant(DISK_SNAPSHOT_CONTRIBUTOR)));
      expectQuiet(RULE, template(VAULT, instance('"Microsoft.Compute/disks"', DISK_HERE), grant(DISK_BACKUP_READER), grant(DISK_SNAPSHOT_CONTRIBUTOR)));
      expectQuiet(RULE, template(VAULT, instance('"Microsoft.Compute/disks"', DISK_HERE), grant(DISK_BACKUP_READER, '"[subscription().id]"'), grant(DISK_SNAPSHOT_CONTRIBUTOR)));
    });

    it('reports Disk Backup Reader on another resource (a storage account) than the disk', () => {
      const account = '"[resourceId(\'Microsoft.Storage/storageAccounts\', \'backupsa\')]"';
      expectRule(RULE, template(VAULT, instance('"Microsoft.Compute/disks"', DISK_HERE), grant(DISK_BACKUP_READER, `«${account}»`), grant(DISK_SNAPSHOT_CONTRIBUTOR)), [{
        severity: 'warning',
        message: `Disk Backup Reader does not reach the disk: the Backup vault's identity gets it on '${JSON.parse(account)}', but the disk is in the deployment's resource group; assign it on the disk to be backed up, or backups of disks fail.`,
      }]);
    });

    it('reports Disk Snapshot Contributor outside the snapshot resource group the backup instance names', () => {
      expectRule(RULE, template(VAULT, instance('"Microsoft.Compute/disks"', DISK_HERE, SNAPSHOT_GROUP), grant(DISK_BACKUP_READER),
        assignmentResource({ roleDefinitionId: `«${DISK_SNAPSHOT_CONTRIBUTOR}»`, principalId: VAULT_IDENTITY })), [{
        severity: 'warning',
        message: "Disk Snapshot Contributor does not reach the snapshot resource group: the Backup vault's identity gets it on the deployment's resource group (the assignment has no scope), but the snapshot resource group is 'snapshots-rg'; assign it on the snapshot resource group, or backups of disks fail.",
      }]);
    });

    it('stays quiet when Disk Snapshot Contributor is on the snapshot resource group, or the group is known only at deployment', () => {
      expectQuiet(RULE, template(VAULT, instance('"Microsoft.Compute/disks"', DISK_HERE, SNAPSHOT_GROUP), grant(DISK_BACKUP_READER), grant(DISK_SNAPSHOT_CONTRIBUTOR, SNAPSHOT_GROUP)));
      expectQuiet(RULE, template(VAULT, instance('"Microsoft.Compute/disks"', DISK_HERE, '"[resourceGroup().id]"'), grant(DISK_BACKUP_READER), grant(DISK_SNAPSHOT_CONTRIBUTOR)));
      expectQuiet(RULE, template(VAULT, instance('"Microsoft.Compute/disks"', DISK_HERE, '"[parameters(\'snapshotGroupId\')]"'), grant(DISK_BACKUP_READER), grant(DISK_SNAPSHOT_CONTRIBUTOR)));
    });

    it('reports Storage Account Backup Contributor on the deployment\'s resource group when the storage account is elsewhere', () => {
      const account = '"[resourceId(\'data-rg\', \'Microsoft.Storage/storageAccounts\', \'datasa\')]"';
      expectRule(RULE, template(VAULT, instance('"Microsoft.Storage/storageAccounts/blobServices"', account),
        assignmentResource({ roleDefinitionId: `«${STORAGE_ACCOUNT_BACKUP_CONTRIBUTOR}»`, principalId: VAULT_IDENTITY })), [{
        severity: 'warning', message: /^Storage Account Backup Contributor does not reach the storage account: the Backup vault's identity gets it on the deployment's resource group .*, but the storage account is in the resource group 'data-rg';/,
      }]);
      expectQuiet(RULE, template(VAULT, instance('"Microsoft.Storage/storageAccounts/blobServices"', account), grant(STORAGE_ACCOUNT_BACKUP_CONTRIBUTOR, account)));
    });
  });

  describe('workloads beyond the seed tables (Az.DataProtection manifests)', () => {
    const cases: { type: string; workload: string; roles: string[] }[] = [
      { type: 'Microsoft.DBforPostgreSQL/flexibleServers', workload: 'PostgreSQL flexible servers', roles: ['PostgreSQL Flexible Server Long Term Retention Backup Role', 'Reader'] },
      { type: 'Microsoft.DBforMySQL/flexibleServers', workload: 'MySQL flexible servers', roles: ['MySQL Backup And Export Operator', 'Reader'] },
      { type: 'Microsoft.ContainerService/managedClusters', workload: 'AKS clusters', roles: ['Reader', 'Reader'] },
      { type: 'Microsoft.DocumentDB/databaseAccounts', workload: 'Cosmos DB accounts', roles: ['Cosmos DB Operator', 'Reader'] },
      { type: 'Microsoft.ElasticSan/elasticSans/volumeGroups', workload: 'Elastic SAN volume groups', roles: ['Elastic SAN Snapshot Exporter', 'Disk Snapshot Contributor'] },
    ];
    for (const c of cases) {
      it(`${c.type}: reports each role the vault's identity lacks, and stays quiet when it holds them`, () => {
        const wheres = VAULT_IDENTITY_WORKLOADS.find((w) => w.datasourceTypes.includes(c.type.toLowerCase()))!.roles.map((r) => r.where);
        expectRule(RULE, template(VAULT, instance(`${'«'.repeat(c.roles.length)}"${c.type}"${'»'.repeat(c.roles.length)}`)), c.roles.map((role, i) => ({
          severity: 'warning' as const,
          message: `The Backup vault's identity lacks ${role}: assign it on ${wheres[i]}, or backups of ${c.workload} fail; no role assignment here gives it, and Azure Backup's own grant of the vault's roles (Az.DataProtection) gives it.`,
        })));
        expectQuiet(RULE, template(VAULT, instance(`"${c.type}"`), ...[...new Set(c.roles)].map((r) => grant(builtIn(r)))));
      });
    }

    it('PostgreSQL flexible server: the long-term-retention backup role on the server, Reader on its resource group, each where it belongs', () => {
      const server = '"[resourceId(\'db-rg\', \'Microsoft.DBforPostgreSQL/flexibleServers\', \'pg1\')]"';
      const group = '"[subscriptionResourceId(\'Microsoft.Resources/resourceGroups\', \'db-rg\')]"';
      const ltr = builtIn('PostgreSQL Flexible Server Long Term Retention Backup Role');
      expectQuiet(RULE, template(VAULT, instance('"Microsoft.DBforPostgreSQL/flexibleServers"', server), grant(ltr, server), grant(builtIn('Reader'), group)));
      expectRule(RULE, template(VAULT, instance('"Microsoft.DBforPostgreSQL/flexibleServers"', server), grant(ltr, server),
        assignmentResource({ roleDefinitionId: `«${builtIn('Reader')}»`, principalId: VAULT_IDENTITY })), [{
        severity: 'warning', message: "Reader does not reach the server's resource group: the Backup vault's identity gets it on the deployment's resource group (the assignment has no scope), but the server's resource group is 'db-rg'; assign it on the server's resource group, or backups of PostgreSQL flexible servers fail.",
      }]);
    });

    it('a flexible server is not the single server of the seed table: Contributor on it is not asked for', () => {
      expectQuiet(RULE, template(VAULT, instance('"Microsoft.DBforPostgreSQL/flexibleServers"'), grant(builtIn('PostgreSQL Flexible Server Long Term Retention Backup Role')), grant(builtIn('Reader'))));
    });
  });

  describe('the data (catalog/backup/vault-identity-roles.ts)', () => {
    it('every entry names a built-in role of the catalog and its source; seed entries name the seed row that asks the same role of the vault identity', () => {
      const backup = backupCatalogFor(catalog);
      for (const w of VAULT_IDENTITY_WORKLOADS) {
        for (const r of w.roles) {
          assert.ok(catalog.roleByName(r.role), `${w.id}: ${r.role} is a built-in role`);
          assert.ok(r.source.length > 0);
          if (r.fromSeed) {
            const requirement = backup.operation(r.seedOperation!)?.requirements.find((q) => q.vaultIdentity);
            assert.equal(requirement?.role, r.role, `${w.id}: the seed row ${r.seedOperation} asks ${r.role} of the vault identity`);
          } else {
            assert.equal(r.seedOperation, undefined);
            assert.match(r.source, /^Azure\/azure-powershell, src\/DataProtection\/DataProtection\.Autorest\/custom\/manifests\/\w+\.json \(commit [0-9a-f]{40}\)/);
          }
        }
      }
      // every vault-identity requirement of an enable-backup row of the seed is in the table
      for (const op of backup.operations.filter((o) => o.id.endsWith('-enable-backup'))) {
        for (const q of op.requirements.filter((x) => x.vaultIdentity)) {
          assert.ok(VAULT_IDENTITY_WORKLOADS.some((w) => w.roles.some((r) => r.seedOperation === op.id && r.role === q.role)), `${op.id}: ${q.role}`);
        }
      }
    });

    it('Disk Snapshot Contributor for disks is beyond the seed: the seed table asks only Disk Backup Reader of the vault identity', () => {
      const disk = VAULT_IDENTITY_WORKLOADS.find((w) => w.id === 'disk')!;
      assert.deepEqual(disk.roles.map((r) => [r.role, r.place, r.fromSeed]), [['Disk Backup Reader', 'datasource', true], ['Disk Snapshot Contributor', 'snapshot-resource-group', false]]);
    });

    it("PostgreSQL single server: the seed table asks Contributor of the vault's identity, Az.DataProtection's manifest only Reader; the check follows the table", () => {
      const pg = VAULT_IDENTITY_WORKLOADS.find((w) => w.id === 'postgresql')!.roles[0];
      assert.equal(pg.role, 'Contributor');
      assert.match(pg.disagreement ?? '', /AzureDatabaseForPostgreSQL\.json .* only Reader/);
      expectRule(RULE, template(VAULT, instance('«"Microsoft.DBforPostgreSQL/servers/databases"»'), grant(builtIn('Reader'))), [{
        severity: 'warning', message: /^The Backup vault's identity lacks Contributor: assign it on the Azure Database for PostgreSQL server/,
      }]);
    });
  });
});
