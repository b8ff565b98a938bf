// Permission sets the backup tests write roles with, spelt out here (not taken from the code under
// test): the six cross-region-restore permissions of Microsoft's table, and Restore VM's vault side.
import * as assert from 'node:assert/strict';

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

/**
 * A cross-region restore role's findings besides the one information note that it needs the
 * workload's restore permissions in addition (another role may grant them): asserts that note is
 * there, once, and returns the rest.
 */
export function besidesRestoreNote<D extends { readonly code?: unknown; readonly message: string }>(found: readonly D[]): D[] {
  const note = (d: D) => d.code === 'missing-operation-permissions' && / for Cross region restore \([^)]*\) at the Recovery Services vault: it needs Restore VM's permissions there in addition, unless another role grants them;/.test(d.message);
  assert.equal(found.filter(note).length, 1, `one note of the restore permissions cross-region restore needs in addition, among:\n${found.map((d) => d.message).join('\n')}`);
  return found.filter((d) => !note(d));
}
