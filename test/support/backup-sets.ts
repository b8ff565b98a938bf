// Permission sets the backup tests write roles with, spelt out here (not taken from the code under
// test): the six cross-region-restore permissions of Microsoft's table, and Restore VM's vault side.
export const CRR = [
  'Microsoft.RecoveryServices/locations/backupAadProperties/read',
  'Microsoft.RecoveryServices/locations/backupCrrJobs/action',
  'Microsoft.RecoveryServices/locations/backupCrrJob/action',
  'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action',
  'Microsoft.RecoveryServices/locations/backupCrrOperationResults/read',
  'Microsoft.RecoveryServices/locations/backupCrrOperationsStatus/read',
];

export const ITEM = 'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems';

export const RESTORE_VAULT_SIDE = ['Microsoft.RecoveryServices/Vaults/read', `${ITEM}/read`, `${ITEM}/recoveryPoints/read`, `${ITEM}/recoveryPoints/restore/action`,
  `${ITEM}/operationResults/read`, 'Microsoft.RecoveryServices/Vaults/backupJobs/read'];

export const BACKUP_NOW_VAULT_SIDE = ['Microsoft.RecoveryServices/Vaults/read', `${ITEM}/read`, `${ITEM}/backup/action`, `${ITEM}/operationResults/read`,
  `${ITEM}/operationsStatus/read`, 'Microsoft.RecoveryServices/Vaults/backupJobs/read'];

/** JSON array entries: "a", "b" */
export const list = (names: readonly string[]): string => names.map((n) => JSON.stringify(n)).join(', ');
