// The Azure Backup operation catalog: every row of Microsoft's tables of minimum roles per backup
// management operation ("Use Azure role-based access control to manage Azure Backup recovery
// points", six tables, 46 management operations), encoded row by row.
//
// For each requirement of a row: the built-in role the table names, the scope the table names
// (verbatim, and as a kind), and the concrete permissions. Where the table's "Alternative" column
// lists custom-role permissions, those are used as written (`derivation: 'table'`). Where the
// table names only a built-in role, the permissions are derived from that role's definition in
// the catalog (built-in roles of 2026-08-22) and from what the operation does
// (`derivation: 'role'`), and `how` says how. Tests check every row against the table text and
// that each named role grants its set; where Microsoft's text and the role definitions disagree,
// `discrepancy` says so and a test pins it.
//
// Reviewed row by row; keep it that way: one row per table row, in table order.

export type Workload = 'vm' | 'sql-hana' | 'file-share' | 'disk' | 'blob' | 'postgresql';

export type ScopeKind =
  | 'recovery-services-vault'
  | 'backup-vault'
  | 'vault-resource-group'
  | 'vault-subscription'
  | 'subscription'
  | 'vm'
  | 'vm-resource-group'
  | 'target-resource-group'
  | 'storage-account'
  | 'disk'
  | 'postgresql-server';

export interface Permission {
  readonly name: string;
  /** set when the permission is a dataAction */
  readonly data?: true;
  /** why the permission is needed only sometimes; optional permissions are never reported missing */
  readonly optional?: string;
}

export interface Requirement {
  /** the built-in role the table names, spelt as in the catalog */
  readonly role: string;
  /** the table's own spelling, when it differs */
  readonly roleAsWritten?: string;
  readonly scope: ScopeKind;
  /** the table's "Scope Required" (or "Resources") cell, verbatim */
  readonly scopeText: string;
  /** the scope in a message: "at <where>" */
  readonly where: string;
  readonly permissions: readonly Permission[];
  readonly derivation: 'table' | 'role';
  /** for derivation 'role': how the set was derived */
  readonly how?: string;
  /** a note of the table that changes what is needed at this scope, said where a finding concerns it */
  readonly note?: string;
  /** "In addition, the backup vault MSI should be given these permissions" */
  readonly vaultIdentity?: true;
  /**
   * Where Microsoft's text and the role definitions disagree: what each named built-in role lacks
   * of this set (none: it grants all of it), and why it matters. Tests pin every claim.
   */
  readonly discrepancy?: { readonly note: string; readonly claims: readonly { readonly role: string; readonly lacks: readonly string[] }[] };
}

export interface BackupOperation {
  /** stable id, used in directives and settings */
  readonly id: string;
  readonly workload: Workload;
  /** the table's "Management Operation" cell, verbatim */
  readonly title: string;
  readonly requirements: readonly Requirement[];
  /** the table's notes that concern this row */
  readonly notes?: readonly string[];
  /** operations whose permissions this one needs besides its own ("in addition to…") */
  readonly alsoNeeds?: readonly string[];
}

export const WORKLOAD_TABLE: Record<Workload, string> = {
  vm: 'Azure VM backup',
  'sql-hana': 'Azure workload backups (SQL and HANA DB backups)',
  'file-share': 'Azure File share backup',
  disk: 'Azure disk backup',
  blob: 'Azure blob backup',
  postgresql: 'Azure Database for PostgreSQL server backup',
};

const p = (...names: string[]): Permission[] => names.map((name) => ({ name }));

// Resource paths
const RSV = 'Microsoft.RecoveryServices/Vaults';
const FABRIC = `${RSV}/backupFabrics`;
const CONTAINER = `${FABRIC}/protectionContainers`;
const ITEM = `${CONTAINER}/protectedItems`;
const BV = 'Microsoft.DataProtection/backupVaults';
const INSTANCE = `${BV}/backupInstances`;
const RG_READ = 'Microsoft.Resources/subscriptions/resourceGroups/read';
const VM = 'Microsoft.Compute/virtualMachines';
const SA = 'Microsoft.Storage/storageAccounts';
const PG = 'Microsoft.DBforPostgreSQL/servers';

// ---- Recovery Services vault sets (derived from Backup Contributor / Backup Operator) ----

const CREATE_VAULT: Requirement = {
  role: 'Backup Contributor', scope: 'vault-resource-group', scopeText: 'Resource group containing the vault',
  where: 'the resource group containing the vault',
  permissions: p(`${RSV}/write`, `${RSV}/read`, RG_READ),
  derivation: 'role', how: "Backup Contributor's vault write and read, and reading the resource group it is created in",
};

const ENABLE_VM_VAULT_RG: Requirement = {
  role: 'Backup Operator', scope: 'vault-resource-group', scopeText: 'Resource group containing the vault',
  where: 'the resource group containing the vault',
  permissions: p(`${RSV}/read`, `${RSV}/backupPolicies/read`, `${FABRIC}/refreshContainers/action`, `${FABRIC}/operationResults/read`,
    `${RSV}/backupProtectableItems/read`, `${ITEM}/write`, `${ITEM}/read`, `${ITEM}/operationResults/read`,
    'Microsoft.Resources/deployments/write', RG_READ),
  derivation: 'role',
  how: "Backup Operator's permissions to discover the VMs (refresh containers, list protectable items), read the policy, "
    + 'create the protected item and follow its operation, and the deployment the portal creates in the resource group',
};

const BACKUP_NOW_VAULT: Requirement = {
  role: 'Backup Operator', scope: 'recovery-services-vault', scopeText: 'Recovery Services vault', where: 'the Recovery Services vault',
  permissions: p(`${RSV}/read`, `${ITEM}/read`, `${ITEM}/backup/action`, `${ITEM}/operationResults/read`, `${ITEM}/operationsStatus/read`, `${RSV}/backupJobs/read`),
  derivation: 'role', how: "Backup Operator's trigger-backup action on the protected item, with the reads to find the item and follow the job",
};

const RESTORE_PERMISSIONS = p(`${RSV}/read`, `${ITEM}/read`, `${ITEM}/recoveryPoints/read`, `${ITEM}/recoveryPoints/restore/action`,
  `${ITEM}/operationResults/read`, `${RSV}/backupJobs/read`);

const RESTORE_VAULT: Requirement = {
  role: 'Backup Operator', scope: 'recovery-services-vault', scopeText: 'Recovery Services vault', where: 'the Recovery Services vault',
  permissions: RESTORE_PERMISSIONS,
  derivation: 'role', how: "Backup Operator's restore action on a recovery point, with the reads to choose the item and point and follow the job",
};

const ITEM_LEVEL_RESTORE_VAULT: Requirement = {
  role: 'Backup Operator', scope: 'recovery-services-vault', scopeText: 'Recovery Services vault', where: 'the Recovery Services vault',
  permissions: p(`${RSV}/read`, `${ITEM}/read`, `${ITEM}/recoveryPoints/read`, `${ITEM}/recoveryPoints/provisionInstantItemRecovery/action`,
    `${ITEM}/recoveryPoints/revokeInstantItemRecovery/action`, `${ITEM}/operationResults/read`),
  derivation: 'role', how: "Backup Operator's instant item recovery actions (mount the recovery point, then unmount it), with the reads to choose the point",
};

const POLICY_CREATE_VAULT: Requirement = {
  role: 'Backup Contributor', scope: 'recovery-services-vault', scopeText: 'Recovery Services vault', where: 'the Recovery Services vault',
  permissions: p(`${RSV}/read`, `${RSV}/backupPolicies/read`, `${RSV}/backupPolicies/write`, `${RSV}/backupPolicies/operationResults/read`),
  derivation: 'role', how: "Backup Contributor's policy write, which Backup Operator lacks",
};

const POLICY_MODIFY_VAULT: Requirement = {
  ...POLICY_CREATE_VAULT,
  permissions: [...POLICY_CREATE_VAULT.permissions, ...p(`${RSV}/backupPolicies/operations/read`)],
  how: "Backup Contributor's policy write, and reading the operation that applies the change to the protected items",
};

const POLICY_DELETE_VAULT: Requirement = {
  ...POLICY_CREATE_VAULT,
  permissions: p(`${RSV}/read`, `${RSV}/backupPolicies/read`, `${RSV}/backupPolicies/delete`, `${RSV}/backupPolicies/operationResults/read`),
  how: "Backup Contributor's policy delete, which Backup Operator lacks",
};

const STOP_BACKUP_VAULT: Requirement = {
  role: 'Backup Contributor', scope: 'recovery-services-vault', scopeText: 'Recovery Services vault', where: 'the Recovery Services vault',
  permissions: p(`${RSV}/read`, `${ITEM}/read`, `${ITEM}/write`, `${ITEM}/delete`, `${ITEM}/operationResults/read`),
  derivation: 'role',
  how: 'stop with retain data updates the protected item (write); stop with delete data deletes it (delete), which only Backup Contributor grants',
  discrepancy: {
    note: 'The table names Backup Contributor for both kinds of stop, but Backup Operator grants all of this set except the protected item delete: stop with retain data is within its reach.',
    claims: [{ role: 'Backup Operator', lacks: [`${ITEM}/delete`] }],
  },
};

const CRR_PERMISSIONS = p(
  'Microsoft.RecoveryServices/locations/backupAadProperties/read',
  'Microsoft.RecoveryServices/locations/backupCrrJobs/action',
  'Microsoft.RecoveryServices/locations/backupCrrJob/action',
  'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action',
  'Microsoft.RecoveryServices/locations/backupCrrOperationResults/read',
  'Microsoft.RecoveryServices/locations/backupCrrOperationsStatus/read',
);

const CRR_SUBSCRIPTION: Requirement = {
  role: 'Backup Operator', scope: 'vault-subscription', scopeText: 'Subscription of the recovery Services vault',
  where: 'the subscription of the Recovery Services vault', permissions: CRR_PERMISSIONS, derivation: 'table',
};

const FILE_SHARE_ENABLE_VAULT: Requirement = {
  role: 'Backup Contributor', scope: 'recovery-services-vault', scopeText: 'Recovery Services vault', where: 'the Recovery Services vault',
  permissions: p(`${RSV}/read`, `${RSV}/backupPolicies/read`, `${FABRIC}/refreshContainers/action`, `${FABRIC}/operationResults/read`,
    `${FABRIC}/protectableContainers/read`, `${CONTAINER}/write`, `${CONTAINER}/read`, `${CONTAINER}/inquire/action`,
    `${CONTAINER}/operationResults/read`, `${RSV}/backupProtectableItems/read`, `${ITEM}/write`, `${ITEM}/read`, `${ITEM}/operationResults/read`),
  derivation: 'role',
  how: 'registering the storage account as a container, discovering its shares (inquire), reading the policy and creating the protected items',
  discrepancy: {
    note: 'The table names Backup Contributor as the minimum, but Backup Operator grants every permission of this set too.',
    claims: [{ role: 'Backup Operator', lacks: [] }],
  },
};

// ---- Resource-side sets ----

const VM_CONTRIBUTOR_WRITE_READ = (scopeText: string, where: string): Requirement => ({
  role: 'Virtual Machine Contributor', scope: 'vm', scopeText, where, permissions: p(`${VM}/write`, `${VM}/read`), derivation: 'table',
});

const STORAGE_FOR_DISKS = (scopeText: string, where: string): Requirement => ({
  role: 'Storage Account Contributor', scope: 'storage-account', scopeText, where,
  permissions: p(`${SA}/write`, `${SA}/listkeys/action`), derivation: 'table',
});

const STORAGE_FOR_FILE_SHARES = (scopeText: string, where: string, roleAsWritten?: string): Requirement => ({
  role: 'Storage Account Contributor', ...(roleAsWritten ? { roleAsWritten } : {}), scope: 'storage-account', scopeText, where,
  permissions: p(`${SA}/read`, `${SA}/write`, `${SA}/listkeys/action`, `${SA}/fileServices/shares/read`),
  derivation: 'role', how: "Storage Account Contributor's read and write of the account (registration with the vault), key listing and share listing",
});

// ---- Backup vault sets (Microsoft.DataProtection; derived from Backup Operator) ----

const BV_VALIDATE_BACKUP: Requirement = {
  role: 'Backup Operator', scope: 'backup-vault', scopeText: 'Backup vault', where: 'the Backup vault',
  permissions: p(`${BV}/read`, `${BV}/validateForBackup/action`, `${BV}/operationResults/read`),
  derivation: 'role', how: "Backup Operator's validate-for-backup action on the Backup vault",
};

const BV_ENABLE_BACKUP: Requirement = {
  ...BV_VALIDATE_BACKUP,
  permissions: p(`${BV}/read`, `${BV}/backupPolicies/read`, `${BV}/validateForBackup/action`, `${INSTANCE}/write`, `${INSTANCE}/read`, `${INSTANCE}/operationResults/read`),
  how: "Backup Operator's validation and backup instance write, with the policy read the configuration needs",
};

const BV_BACKUP_NOW: Requirement = {
  ...BV_VALIDATE_BACKUP,
  permissions: p(`${BV}/read`, `${INSTANCE}/read`, `${INSTANCE}/backup/action`, `${INSTANCE}/operationResults/read`),
  how: "Backup Operator's backup action on the backup instance",
};

const BV_VALIDATE_RESTORE: Requirement = {
  ...BV_VALIDATE_BACKUP,
  permissions: p(`${BV}/read`, `${INSTANCE}/read`, `${INSTANCE}/recoveryPoints/read`, `${INSTANCE}/validateRestore/action`),
  how: "Backup Operator's validate-restore action, with the reads to choose the instance and recovery point",
};

const BV_RESTORE: Requirement = {
  ...BV_VALIDATE_BACKUP,
  permissions: p(`${BV}/read`, `${INSTANCE}/read`, `${INSTANCE}/recoveryPoints/read`, `${INSTANCE}/validateRestore/action`,
    `${INSTANCE}/restore/action`, `${INSTANCE}/operationResults/read`),
  how: "Backup Operator's validate-restore and restore actions, with the reads to choose the point and follow the operation",
};

const DISK_BACKUP_READER: Requirement = {
  role: 'Disk Backup Reader', scope: 'disk', scopeText: 'Disk to be backed up', where: 'the disk to be backed up',
  permissions: p('Microsoft.Compute/disks/read', 'Microsoft.Compute/disks/beginGetAccess/action'),
  derivation: 'role', how: "Disk Backup Reader's whole definition: read the disk and get access to its content for snapshots",
};

const DISK_RESTORE_OPERATOR: Requirement = {
  role: 'Disk Restore Operator', scope: 'target-resource-group', scopeText: 'Resource group where disks will be restored to',
  where: 'the resource group the disks are restored to',
  permissions: p(RG_READ, 'Microsoft.Compute/disks/write', 'Microsoft.Compute/disks/read', 'Microsoft.Compute/disks/beginGetAccess/action', 'Microsoft.Compute/disks/endGetAccess/action'),
  derivation: 'role', how: "Disk Restore Operator's whole definition: create the disk in the resource group and write its content",
};

const BLOB_CONFIGURE: Requirement = {
  role: 'Storage Account Backup Contributor', roleAsWritten: 'Storage account backup contributor', scope: 'storage-account',
  scopeText: 'Storage account containing the blob', where: 'the storage account containing the blobs',
  permissions: p(`${SA}/read`, `${SA}/blobServices/read`, `${SA}/blobServices/write`, `${SA}/blobServices/containers/read`,
    `${SA}/objectReplicationPolicies/read`, `${SA}/objectReplicationPolicies/write`, 'Microsoft.Authorization/locks/write'),
  derivation: 'role',
  how: "Storage Account Backup Contributor's blob service write (versioning, change feed, point-in-time restore), object "
    + 'replication for vaulted backup, and the delete lock Azure Backup puts on the account; validation checks the same',
};

const BLOB_RESTORE: Requirement = {
  ...BLOB_CONFIGURE,
  permissions: p(`${SA}/read`, `${SA}/blobServices/read`, `${SA}/blobServices/containers/read`, `${SA}/blobServices/containers/write`,
    `${SA}/restoreBlobRanges/action`, `${SA}/objectReplicationPolicies/read`, `${SA}/objectReplicationPolicies/restorePointMarkers/write`),
  how: "Storage Account Backup Contributor's blob range restore (operational backup), container write and restore point markers (vaulted backup)",
};

const PG_READER: Requirement = {
  role: 'Reader', scope: 'postgresql-server', scopeText: 'Azure PostGreSQL server', where: 'the Azure Database for PostgreSQL server',
  permissions: p(`${PG}/read`), derivation: 'role', how: "Reader's */read on the server: reading the server",
};

const PG_CONTRIBUTOR = (scopeText: string, where: string, vaultIdentity: boolean): Requirement => ({
  role: 'Contributor', scope: 'postgresql-server', scopeText, where, permissions: p(`${PG}/write`, `${PG}/read`), derivation: 'table',
  ...(vaultIdentity ? { vaultIdentity: true as const } : {}),
});

const VM_BLADE_NOTE = 'If you specify VM Contributor at a VM resource scope and select Backup as part of VM settings, the Enable Backup screen opens even though the VM is already backed up: the call that verifies backup status works only at the subscription level. Go to the vault and open the backup item view of the VM, or assign VM Contributor at the subscription.';
/** VM_BLADE_NOTE where a finding about the VM's permissions says it */
const VM_SCOPE_NOTE = "held at the VM only, the VM blade's check of backup status fails (it works at the subscription): open the VM's backup item in the vault instead, or grant them at the subscription";
const FILE_SHARE_BLADE_NOTE = 'With Contributor at the resource group only, configuring backup from the file share blade also needs microsoft.recoveryservices/Locations/backupStatus/action at the subscription (a custom role).';
const CRR_NOTE = 'In addition to the restore permissions; instead of Backup Operator, a custom role with the six Microsoft.RecoveryServices/locations/... permissions will do.';

export const BACKUP_OPERATIONS: readonly BackupOperation[] = [
  // ---------------- Azure VM backup ----------------
  { id: 'vm-create-vault', workload: 'vm', title: 'Create Recovery Services vault', requirements: [CREATE_VAULT] },
  {
    id: 'vm-enable-backup', workload: 'vm', title: 'Enable backup of Azure VMs',
    requirements: [ENABLE_VM_VAULT_RG, { ...VM_CONTRIBUTOR_WRITE_READ('VM resource', 'the VM'), note: VM_SCOPE_NOTE }],
    notes: [VM_BLADE_NOTE],
  },
  {
    id: 'vm-enable-backup-from-vm', workload: 'vm', title: 'Enable backup of Azure VMs (from VM blade)',
    requirements: [
      ENABLE_VM_VAULT_RG,
      {
        role: 'Backup Operator', scope: 'vm-resource-group', scopeText: 'Resource group containing the virtual machine',
        where: 'the resource group containing the VM',
        permissions: p('Microsoft.RecoveryServices/locations/backupPreValidateProtection/action', 'Microsoft.RecoveryServices/locations/backupStatus/action',
          'Microsoft.Resources/deployments/write', RG_READ),
        derivation: 'role',
        how: "Backup Operator's location-level checks the VM blade runs (pre-validate protection, backup status) and the deployment it creates in the VM's resource group",
      },
      { ...VM_CONTRIBUTOR_WRITE_READ('VM resource', 'the VM'), permissions: p(`${VM}/write`, `${VM}/read`, `${VM}/instanceView/read`), note: VM_SCOPE_NOTE },
    ],
    notes: [VM_BLADE_NOTE],
  },
  { id: 'vm-backup-now', workload: 'vm', title: 'On-demand backup of VM', requirements: [BACKUP_NOW_VAULT] },
  {
    id: 'vm-restore', workload: 'vm', title: 'Restore VM',
    requirements: [
      RESTORE_VAULT,
      {
        role: 'Contributor', scope: 'target-resource-group', scopeText: 'Resource group in which VM will be deployed',
        where: 'the resource group the VM is restored to',
        permissions: [
          { name: 'Microsoft.Resources/subscriptions/resourceGroups/write' },
          { name: 'Microsoft.DomainRegistration/domains/write', optional: 'required only for classic VM restore, not for managed VMs' },
          ...p(`${VM}/write`, `${VM}/read`, 'Microsoft.Network/virtualNetworks/read', 'Microsoft.Network/virtualNetworks/subnets/read',
            'Microsoft.Network/virtualNetworks/subnets/join/action'),
        ],
        derivation: 'table',
      },
      VM_CONTRIBUTOR_WRITE_READ('Source VM that got backed up', 'the source VM that was backed up'),
      STORAGE_FOR_DISKS('Storage account resource where disks are going to be restored', 'the storage account the disks are restored to'),
    ],
  },
  {
    id: 'vm-restore-unmanaged-disks', workload: 'vm', title: 'Restore unmanaged disks VM backup',
    requirements: [
      RESTORE_VAULT,
      VM_CONTRIBUTOR_WRITE_READ('Source VM that got backed up', 'the source VM that was backed up'),
      STORAGE_FOR_DISKS('Storage account resource where disks are going to be restored', 'the storage account the disks are restored to'),
    ],
  },
  {
    id: 'vm-restore-managed-disks', workload: 'vm', title: 'Restore managed disks from VM backup',
    requirements: [
      RESTORE_VAULT,
      VM_CONTRIBUTOR_WRITE_READ('Source VM that got backed up', 'the source VM that was backed up'),
      STORAGE_FOR_DISKS('Temporary Storage account selected as part of restore to hold data from vault before converting them to managed disks',
        'the temporary storage account that holds the data before it becomes managed disks'),
      {
        role: 'Contributor', scope: 'target-resource-group', scopeText: 'Resource group to which managed disk(s) will be restored',
        where: 'the resource group the managed disks are restored to',
        permissions: p('Microsoft.Resources/subscriptions/resourceGroups/write'), derivation: 'table',
      },
    ],
  },
  {
    id: 'vm-restore-files', workload: 'vm', title: 'Restore individual files from VM backup',
    requirements: [ITEM_LEVEL_RESTORE_VAULT, VM_CONTRIBUTOR_WRITE_READ('Source VM that got backed up', 'the source VM that was backed up')],
  },
  {
    id: 'vm-cross-region-restore', workload: 'vm', title: 'Cross region restore', requirements: [CRR_SUBSCRIPTION],
    notes: [CRR_NOTE], alsoNeeds: ['vm-restore'],
  },
  { id: 'vm-create-policy', workload: 'vm', title: 'Create backup policy for Azure VM backup', requirements: [POLICY_CREATE_VAULT] },
  { id: 'vm-modify-policy', workload: 'vm', title: 'Modify backup policy of Azure VM backup', requirements: [POLICY_MODIFY_VAULT] },
  { id: 'vm-delete-policy', workload: 'vm', title: 'Delete backup policy of Azure VM backup', requirements: [POLICY_DELETE_VAULT] },
  {
    id: 'vm-stop-backup', workload: 'vm', title: 'Stop backup (with retain data or delete data) on VM backup',
    requirements: [STOP_BACKUP_VAULT],
  },
  {
    id: 'register-server', workload: 'vm', title: 'Register on-premises Windows Server/client/SCDPM or Azure Backup Server',
    requirements: [{
      role: 'Backup Operator', scope: 'recovery-services-vault', scopeText: 'Recovery Services vault', where: 'the Recovery Services vault',
      permissions: p(`${RSV}/read`, `${RSV}/certificates/write`, `${RSV}/extendedInformation/read`, `${RSV}/registeredIdentities/write`,
        `${RSV}/registeredIdentities/read`, `${RSV}/registeredIdentities/operationResults/read`),
      derivation: 'role', how: "Backup Operator's vault credential download (certificates write, extended information read) and registered identity write",
    }],
  },
  {
    id: 'unregister-server', workload: 'vm', title: 'Delete registered on-premises Windows Server/client/SCDPM or Azure Backup Server',
    requirements: [{
      role: 'Backup Contributor', scope: 'recovery-services-vault', scopeText: 'Recovery Services vault', where: 'the Recovery Services vault',
      permissions: p(`${RSV}/read`, `${RSV}/registeredIdentities/read`, `${RSV}/registeredIdentities/delete`),
      derivation: 'role', how: "Backup Contributor's registered identity delete, which Backup Operator lacks",
    }],
  },

  // ---------------- Azure workload backups (SQL and HANA DB backups) ----------------
  { id: 'sql-create-vault', workload: 'sql-hana', title: 'Create Recovery Services vault', requirements: [CREATE_VAULT] },
  {
    id: 'sql-enable-backup', workload: 'sql-hana', title: 'Enable backup of SQL and/or HANA databases',
    requirements: [
      {
        role: 'Backup Operator', scope: 'vault-resource-group', scopeText: 'Resource group containing the vault', where: 'the resource group containing the vault',
        permissions: [
          ...p(`${RSV}/read`, `${RSV}/backupPolicies/read`, `${FABRIC}/refreshContainers/action`, `${FABRIC}/operationResults/read`,
            `${FABRIC}/protectableContainers/read`, `${CONTAINER}/write`, `${CONTAINER}/read`, `${CONTAINER}/inquire/action`,
            `${CONTAINER}/operationResults/read`, `${RSV}/backupProtectableItems/read`, `${ITEM}/write`, `${ITEM}/read`,
            `${ITEM}/operationResults/read`, RG_READ),
          { name: `${FABRIC}/backupProtectionIntent/write`, optional: 'only to protect new databases of an instance automatically' },
        ],
        derivation: 'role',
        how: "Backup Operator's permissions to register the VM as a container, discover its databases (inquire), read the policy "
          + 'and create the protected items; auto-protection adds a protection intent',
      },
      VM_CONTRIBUTOR_WRITE_READ('VM resource where DB is installed', 'the VM where the database is installed'),
    ],
  },
  { id: 'sql-backup-now', workload: 'sql-hana', title: 'On-demand backup of DB', requirements: [BACKUP_NOW_VAULT] },
  {
    id: 'sql-restore', workload: 'sql-hana', title: 'Restore database or Restore as files',
    requirements: [
      {
        ...RESTORE_VAULT,
        permissions: [...RESTORE_PERMISSIONS, ...p(`${CONTAINER}/read`, `${RSV}/backupProtectableItems/read`)],
        how: "Backup Operator's restore action on a recovery point, with the reads to choose the point and the target instance (containers, protectable items) and follow the job",
      },
      VM_CONTRIBUTOR_WRITE_READ('Source VM that got backed up', 'the source VM that was backed up'),
      VM_CONTRIBUTOR_WRITE_READ('Target VM in which DB will be restored or files are created', 'the target VM the database or files are restored to'),
    ],
  },
  { id: 'sql-create-policy', workload: 'sql-hana', title: 'Create backup policy for Azure VM backup', requirements: [POLICY_CREATE_VAULT] },
  { id: 'sql-modify-policy', workload: 'sql-hana', title: 'Modify backup policy of Azure VM backup', requirements: [POLICY_MODIFY_VAULT] },
  { id: 'sql-delete-policy', workload: 'sql-hana', title: 'Delete backup policy of Azure VM backup', requirements: [POLICY_DELETE_VAULT] },
  {
    id: 'sql-stop-backup', workload: 'sql-hana', title: 'Stop backup (with retain data or delete data) on VM backup',
    requirements: [
      STOP_BACKUP_VAULT,
      { ...VM_CONTRIBUTOR_WRITE_READ('Source VM that got backed-up', 'the source VM that was backed up'), permissions: p(`${VM}/write`) },
    ],
  },
  {
    id: 'sql-cross-region-restore', workload: 'sql-hana', title: 'Cross region restore',
    requirements: [{ ...CRR_SUBSCRIPTION, scopeText: 'Subscription of the Recovery Services vault' }],
    notes: [CRR_NOTE], alsoNeeds: ['sql-restore'],
  },

  // ---------------- Azure File share backup ----------------
  {
    id: 'file-share-enable-backup', workload: 'file-share', title: 'Enable backup from Recovery Services vault',
    requirements: [
      FILE_SHARE_ENABLE_VAULT,
      STORAGE_FOR_FILE_SHARES('Storage account resource', 'the storage account', 'Storage account Contributor'),
    ],
    notes: [FILE_SHARE_BLADE_NOTE],
  },
  {
    id: 'file-share-enable-backup-from-share', workload: 'file-share', title: 'Enable backup from file share blade',
    requirements: [
      FILE_SHARE_ENABLE_VAULT,
      STORAGE_FOR_FILE_SHARES('Storage account Resource', 'the storage account', 'Storage account Contributor'),
      {
        role: 'Contributor', scope: 'subscription', scopeText: 'Subscription', where: 'the subscription',
        permissions: p('Microsoft.RecoveryServices/locations/backupStatus/action'),
        derivation: 'role', how: "the table's note: the backup status check the blade runs works at the subscription only",
        note: 'with Contributor at the resource group only, the blade needs this at the subscription (a custom role)',
      },
    ],
    notes: [FILE_SHARE_BLADE_NOTE],
  },
  { id: 'file-share-backup-now', workload: 'file-share', title: 'On-demand backup of file share', requirements: [BACKUP_NOW_VAULT] },
  {
    id: 'file-share-restore', workload: 'file-share', title: 'Restore File share',
    requirements: [
      RESTORE_VAULT,
      {
        role: 'Storage Account Backup Contributor', scope: 'storage-account',
        scopeText: 'Storage account resources where restore source and Target file shares are present',
        where: 'the storage accounts of the source and target file shares',
        permissions: p(`${SA}/read`, `${SA}/fileServices/shares/read`, `${SA}/fileServices/shares/write`, 'Microsoft.Authorization/locks/write'),
        derivation: 'role',
        how: 'restoring writes the target share and keeps the backup lock on the account',
        discrepancy: {
          note: 'The table names Storage Account Backup Contributor, whose definition (2026-08-22) is about blobs and grants no file-share operation; the built-in Storage File Backup Contributor grants the share read and write.',
          claims: [
            { role: 'Storage Account Backup Contributor', lacks: [`${SA}/fileServices/shares/read`, `${SA}/fileServices/shares/write`] },
            { role: 'Storage File Backup Contributor', lacks: [] },
          ],
        },
      },
    ],
  },
  {
    id: 'file-share-restore-files', workload: 'file-share', title: 'Restore Individual Files',
    requirements: [
      RESTORE_VAULT,
      STORAGE_FOR_FILE_SHARES('Storage account resources where restore source and Target file shares are present', 'the storage accounts of the source and target file shares'),
    ],
  },
  {
    id: 'file-share-stop-protection', workload: 'file-share', title: 'Stop protection',
    requirements: [{ ...STOP_BACKUP_VAULT, how: 'stop protection with retain data updates the protected item; with delete data deletes it (Backup Contributor only)' }],
  },
  {
    id: 'file-share-unregister', workload: 'file-share', title: 'Unregister storage account from vault',
    requirements: [
      {
        role: 'Backup Contributor', scope: 'recovery-services-vault', scopeText: 'Recovery Services vault', where: 'the Recovery Services vault',
        permissions: p(`${RSV}/read`, `${CONTAINER}/read`, `${CONTAINER}/delete`, `${CONTAINER}/operationResults/read`),
        derivation: 'role', how: "Backup Contributor's protection container delete (the registered storage account), which Backup Operator lacks",
      },
      {
        role: 'Storage Account Contributor', scope: 'storage-account', scopeText: 'Storage account resource', where: 'the storage account',
        permissions: p(`${SA}/read`, `${SA}/write`), derivation: 'role',
        how: "Storage Account Contributor's account read and write: unregistering removes the backup configuration from the account",
      },
    ],
  },

  // ---------------- Azure disk backup ----------------
  { id: 'disk-validate-backup', workload: 'disk', title: 'Validate before configuring backup', requirements: [BV_VALIDATE_BACKUP, DISK_BACKUP_READER] },
  {
    id: 'disk-enable-backup', workload: 'disk', title: 'Enable backup from backup vault',
    requirements: [BV_ENABLE_BACKUP, { ...DISK_BACKUP_READER, vaultIdentity: true }],
  },
  { id: 'disk-backup-now', workload: 'disk', title: 'On demand backup of disk', requirements: [BV_BACKUP_NOW] },
  { id: 'disk-validate-restore', workload: 'disk', title: 'Validate before restoring a disk', requirements: [BV_VALIDATE_RESTORE, DISK_RESTORE_OPERATOR] },
  {
    id: 'disk-restore', workload: 'disk', title: 'Restoring a disk',
    requirements: [BV_RESTORE, { ...DISK_RESTORE_OPERATOR, vaultIdentity: true }],
  },

  // ---------------- Azure blob backup ----------------
  { id: 'blob-validate-backup', workload: 'blob', title: 'Validate before configuring backup', requirements: [BV_VALIDATE_BACKUP, BLOB_CONFIGURE] },
  {
    id: 'blob-enable-backup', workload: 'blob', title: 'Enable backup from backup vault',
    requirements: [BV_ENABLE_BACKUP, { ...BLOB_CONFIGURE, vaultIdentity: true }],
  },
  { id: 'blob-backup-now', workload: 'blob', title: 'On demand backup of blob', requirements: [BV_BACKUP_NOW] },
  { id: 'blob-validate-restore', workload: 'blob', title: 'Validate before restoring a blob', requirements: [BV_VALIDATE_RESTORE, BLOB_RESTORE] },
  {
    id: 'blob-restore', workload: 'blob', title: 'Restoring a blob',
    requirements: [
      { ...BV_RESTORE, permissions: [...BV_RESTORE.permissions, ...p(`${INSTANCE}/findRestorableTimeRanges/action`)],
        how: "Backup Operator's validate-restore and restore actions, and finding the restorable time ranges for a point-in-time restore" },
      { ...BLOB_RESTORE, vaultIdentity: true },
    ],
  },

  // ---------------- Azure Database for PostgreSQL server backup ----------------
  { id: 'postgresql-validate-backup', workload: 'postgresql', title: 'Validate before configuring backup', requirements: [BV_VALIDATE_BACKUP, PG_READER] },
  {
    id: 'postgresql-enable-backup', workload: 'postgresql', title: 'Enable backup from backup vault',
    requirements: [BV_ENABLE_BACKUP, PG_CONTRIBUTOR('Azure PostGreSQL server', 'the Azure Database for PostgreSQL server', true)],
  },
  { id: 'postgresql-backup-now', workload: 'postgresql', title: 'On demand backup of PostGreSQL server', requirements: [BV_BACKUP_NOW] },
  {
    id: 'postgresql-validate-restore', workload: 'postgresql', title: 'Validate before restoring a server',
    requirements: [BV_VALIDATE_RESTORE, PG_CONTRIBUTOR('Target Azure PostGreSQL server', 'the target Azure Database for PostgreSQL server', false)],
  },
  {
    id: 'postgresql-restore', workload: 'postgresql', title: 'Restoring a server',
    requirements: [BV_RESTORE, PG_CONTRIBUTOR('Target Azure PostGreSQL server', 'the target Azure Database for PostgreSQL server', true)],
  },
];
