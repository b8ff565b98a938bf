// Multi-user authorization (MUA) for Azure Backup, as data: which roles on a Resource Guard let
// their holder approve the vault's critical operations, and which permissions make a principal a
// vault's administrator (the critical operations MUA protects). The rule mua-defeated reads it.
//
// Not from the seed tables. Source: Microsoft Learn, "About Multi-user authorization using Resource
// Guard" (https://learn.microsoft.com/azure/backup/multi-user-authorization-concept): the Resource
// Guard must be owned by another user, and the vault admin must not hold Contributor, Backup MUA
// Admin or Backup MUA Operator on it (nor on the subscription holding it, per "Configure
// Multi-user authorization using Resource Guard", https://learn.microsoft.com/azure/backup/multi-user-authorization).

export const MUA_SOURCE = 'https://learn.microsoft.com/azure/backup/multi-user-authorization-concept';

export const RESOURCE_GUARDS = 'microsoft.dataprotection/resourceguards';

/** Vault types MUA protects: Recovery Services vaults and Backup vaults. */
export const MUA_VAULT_TYPES: readonly string[] = ['microsoft.recoveryservices/vaults', 'microsoft.dataprotection/backupvaults'];

/**
 * Built-in roles on a Resource Guard that let their holder get past it, as Microsoft names them.
 * A custom role counts when it grants every action of one of them.
 */
export const GUARD_ROLES: readonly string[] = ['Contributor', 'Backup MUA Admin', 'Backup MUA Operator'];

/**
 * Built-in roles the docs do not name that hold every action of one that they do (Owner holds
 * Contributor's `*`): named in messages as themselves.
 */
export const GUARD_ROLES_BY_IMPLICATION: readonly string[] = ['Owner'];

/**
 * The critical operations MUA protects, as the permissions that run them (disable soft delete and
 * the vault's security settings, remove MUA protection: the vault write and the resource guard
 * proxy delete; reduce retention: the policy write; stop protection with delete data: the
 * protected item or backup instance delete). A role granting any of them administers the vault.
 */
export const VAULT_CRITICAL_PERMISSIONS: readonly string[] = [
  'Microsoft.RecoveryServices/Vaults/write',
  'Microsoft.RecoveryServices/Vaults/backupResourceGuardProxies/delete',
  'Microsoft.RecoveryServices/Vaults/backupPolicies/write',
  'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/delete',
  'Microsoft.DataProtection/backupVaults/write',
  'Microsoft.DataProtection/backupVaults/backupResourceGuardProxies/delete',
  'Microsoft.DataProtection/backupVaults/backupPolicies/write',
  'Microsoft.DataProtection/backupVaults/backupInstances/delete',
];
