// What a Backup vault's managed identity must hold to back up each kind of data source, and where:
// workload → built-in role → place, each with its source. Data only: the rule
// vault-identity-missing-role (core/rules/) reads it, docs/backup-operations.md prints it.
//
// Two sources:
// - the seed: Microsoft's tables of minimum roles ("In addition, the backup vault MSI should be
//   given these permissions"), encoded in backup-operations.ts; an entry `fromSeed` names the row
//   (`seedOperation`) and is checked with that row's permissions;
// - beyond the seed (`fromSeed: false`): the data source manifests of Az.DataProtection, from which
//   Set-AzDataProtectionMSIPermission grants the vault's identity its roles — repository
//   Azure/azure-powershell, src/DataProtection/DataProtection.Autorest/custom/manifests/<file>:
//   `datasourcePermissions` (on the data source), `datasourceRGPermissions` (on its resource group),
//   `snapshotRGPermissions` (on the snapshot resource group of the instance's operational store).
//   Such an entry is checked with the named built-in role's own actions and dataActions.
//
// Where the two disagree, `disagreement` says so and a test pins it.

export type VaultIdentityPlace = 'datasource' | 'datasource-resource-group' | 'snapshot-resource-group';

export interface VaultIdentityRole {
  /** the built-in role, spelt as in the catalog */
  readonly role: string;
  readonly place: VaultIdentityPlace;
  /** the place in a message: "on <where>" */
  readonly where: string;
  readonly fromSeed: boolean;
  /** where the requirement is written: the seed table's row, or the manifest with its commit */
  readonly source: string;
  /** for an entry from the seed: the backup operation (backup-operations.ts) whose vault-identity requirement it is */
  readonly seedOperation?: string;
  /** what another source says otherwise */
  readonly disagreement?: string;
}

export interface VaultIdentityWorkload {
  readonly id: string;
  /** plural, for messages: "backups of <label> fail" */
  readonly label: string;
  /** the data source in messages: "the <noun> is in …" */
  readonly noun: string;
  /** `dataSourceInfo.datasourceType` values (lower-cased) that mean this workload */
  readonly datasourceTypes: readonly string[];
  readonly roles: readonly VaultIdentityRole[];
}

const MANIFESTS = 'Azure/azure-powershell, src/DataProtection/DataProtection.Autorest/custom/manifests';
const manifest = (file: string, commit: string, field: string) => `${MANIFESTS}/${file} (commit ${commit}), ${field}`;
const TABLE = (row: string) => `Microsoft's table of minimum roles (the seed), "${row}": "In addition, the backup vault MSI should be given these permissions"`;

export const VAULT_IDENTITY_WORKLOADS: readonly VaultIdentityWorkload[] = [
  {
    id: 'disk', label: 'disks', noun: 'disk', datasourceTypes: ['microsoft.compute/disks'],
    roles: [
      { role: 'Disk Backup Reader', place: 'datasource', where: 'the disk to be backed up', fromSeed: true, seedOperation: 'disk-enable-backup',
        source: TABLE('Enable backup from backup vault') },
      { role: 'Disk Snapshot Contributor', place: 'snapshot-resource-group', where: 'the snapshot resource group', fromSeed: false,
        source: manifest('AzureDisk.json', '4a89cf747d236094f249dcdee380ec19ebf01866', 'snapshotRGPermissions') },
    ],
  },
  {
    id: 'blob', label: 'blobs', noun: 'storage account', datasourceTypes: ['microsoft.storage/storageaccounts/blobservices', 'microsoft.storage/storageaccounts'],
    roles: [
      { role: 'Storage Account Backup Contributor', place: 'datasource', where: 'the storage account containing the blobs', fromSeed: true,
        seedOperation: 'blob-enable-backup', source: TABLE('Enable backup from backup vault') },
    ],
  },
  {
    id: 'postgresql', label: 'PostgreSQL servers', noun: 'PostgreSQL server',
    datasourceTypes: ['microsoft.dbforpostgresql/servers/databases', 'microsoft.dbforpostgresql/servers'],
    roles: [
      { role: 'Contributor', place: 'datasource', where: 'the Azure Database for PostgreSQL server', fromSeed: true, seedOperation: 'postgresql-enable-backup',
        source: TABLE('Enable backup from backup vault'),
        disagreement: `${MANIFESTS}/AzureDatabaseForPostgreSQL.json (commit b7ee16ad5e22f07179560f6cf6a87cec63365a76) grants the vault's identity only Reader on the server (and Key Vault Secrets User on the key vault holding the connection string); the table asks for Contributor, and the check follows the table.` },
    ],
  },
  {
    id: 'postgresql-flexible', label: 'PostgreSQL flexible servers', noun: 'PostgreSQL flexible server',
    datasourceTypes: ['microsoft.dbforpostgresql/flexibleservers'],
    roles: [
      { role: 'PostgreSQL Flexible Server Long Term Retention Backup Role', place: 'datasource', where: 'the PostgreSQL flexible server', fromSeed: false,
        source: manifest('AzureDatabaseForPGFlexServer.json', '9734e3b24eaead60ff39631799dca64f29200d05', 'datasourcePermissions') },
      { role: 'Reader', place: 'datasource-resource-group', where: "the server's resource group", fromSeed: false,
        source: manifest('AzureDatabaseForPGFlexServer.json', '9734e3b24eaead60ff39631799dca64f29200d05', 'datasourceRGPermissions') },
    ],
  },
  {
    id: 'mysql-flexible', label: 'MySQL flexible servers', noun: 'MySQL flexible server',
    datasourceTypes: ['microsoft.dbformysql/flexibleservers'],
    roles: [
      { role: 'MySQL Backup And Export Operator', place: 'datasource', where: 'the MySQL flexible server', fromSeed: false,
        source: manifest('AzureDatabaseForMySQL.json', '9734e3b24eaead60ff39631799dca64f29200d05', 'datasourcePermissions') },
      { role: 'Reader', place: 'datasource-resource-group', where: "the server's resource group", fromSeed: false,
        source: manifest('AzureDatabaseForMySQL.json', '9734e3b24eaead60ff39631799dca64f29200d05', 'datasourceRGPermissions') },
    ],
  },
  {
    id: 'aks', label: 'AKS clusters', noun: 'cluster', datasourceTypes: ['microsoft.containerservice/managedclusters'],
    roles: [
      { role: 'Reader', place: 'datasource', where: 'the AKS cluster', fromSeed: false,
        source: manifest('AzureKubernetesService.json', '52d79173fcb1b33b7c04c1c2c290b9676f84461a', 'datasourcePermissions') },
      { role: 'Reader', place: 'snapshot-resource-group', where: 'the snapshot resource group', fromSeed: false,
        source: manifest('AzureKubernetesService.json', '52d79173fcb1b33b7c04c1c2c290b9676f84461a', 'snapshotRGPermissions') },
      // the manifest's dataSourceOverSnapshotRGPermissions (Contributor on the snapshot resource
      // group) is for the cluster's identity, not the vault's: not checked here
    ],
  },
  {
    id: 'cosmos-db', label: 'Cosmos DB accounts', noun: 'Cosmos DB account', datasourceTypes: ['microsoft.documentdb/databaseaccounts'],
    roles: [
      { role: 'Cosmos DB Operator', place: 'datasource', where: 'the Cosmos DB account', fromSeed: false,
        source: manifest('AzureCosmosDB.json', '9ac918e199821fea9c77075d6578017a76470fe9', 'datasourcePermissions') },
      { role: 'Reader', place: 'datasource-resource-group', where: "the account's resource group", fromSeed: false,
        source: manifest('AzureCosmosDB.json', '9ac918e199821fea9c77075d6578017a76470fe9', 'datasourceRGPermissions') },
    ],
  },
  {
    id: 'elastic-san', label: 'Elastic SAN volume groups', noun: 'volume group', datasourceTypes: ['microsoft.elasticsan/elasticsans/volumegroups'],
    roles: [
      { role: 'Elastic SAN Snapshot Exporter', place: 'datasource', where: 'the Elastic SAN volume group', fromSeed: false,
        source: manifest('AzureElasticSAN.json', '936d3cf8a4141d56d8f222fae1b7f88d098ee4a9', 'datasourcePermissions') },
      { role: 'Disk Snapshot Contributor', place: 'snapshot-resource-group', where: 'the snapshot resource group', fromSeed: false,
        source: manifest('AzureElasticSAN.json', '936d3cf8a4141d56d8f222fae1b7f88d098ee4a9', 'snapshotRGPermissions') },
    ],
  },
];

/** The workload a backup instance's data source type means. */
export function vaultIdentityWorkload(datasourceType: string): VaultIdentityWorkload | undefined {
  const t = datasourceType.toLowerCase();
  return VAULT_IDENTITY_WORKLOADS.find((w) => w.datasourceTypes.includes(t));
}
