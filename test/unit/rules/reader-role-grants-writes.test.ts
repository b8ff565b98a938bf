import { cliRole, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'reader-role-grants-writes';

const DP = 'Microsoft.DataProtection/backupVaults/backupInstances';

/** A custom role with the given name and description (cliRole's are "Test role" and "test"). */
function role(name: string, description: string, lists: Parameters<typeof cliRole>[0]): string {
  return cliRole(lists).replace('"Name": "Test role"', `"Name": ${JSON.stringify(name)}`).replace('"Description": "test"', `"Description": ${JSON.stringify(description)}`);
}

describe(RULE, () => {
  it('reports a write in a role named Reader, at the string', () => {
    expectRule(RULE, role('Vault Reader', 'Reads the vaults', { actions: `"Microsoft.RecoveryServices/Vaults/read", «"Microsoft.RecoveryServices/Vaults/write"»` }), [{
      severity: 'warning',
      message: "'Microsoft.RecoveryServices/Vaults/write' is a write, yet its name 'Vault Reader' says it only reads; remove it, or name the role for what it does.",
    }]);
  });

  it("reports a backup operator's action (restore, backup now) and a delete, in actions and dataActions", () => {
    expectRule(RULE, role('Backup Viewer', 'x', {
      actions: `"${DP}/read", «"${DP}/restore/action"», «"${DP}/backup/action"»`,
      dataActions: '«"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete"»',
    }), [
      { severity: 'warning', message: `'…/restore/action' lets holders run backup operations (Restoring a disk, Restoring a blob and 1 other), yet its name 'Backup Viewer' says it only reads; remove '${DP}/restore/action', or name the role for what it does.` },
      { severity: 'warning', message: /^'…\/backup\/action' lets holders run backup operations \(On demand backup of disk, .*remove 'Microsoft\.DataProtection\/backupVaults\/backupInstances\/backup\/action'/ },
      { severity: 'warning', message: "'…/containers/blobs/delete' is a delete, yet its name 'Backup Viewer' says it only reads; remove 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete', or name the role for what it does." },
    ]);
  });

  it('reports a wildcard by what it grants after notActions, and reads a read-only description', () => {
    expectRule(RULE, role('Backup auditors', 'Read-only access to the backup vaults', { actions: `«"${DP}/*"»`, notActions: `"${DP}/delete"` }), [{
      severity: 'warning',
      message: `'…/backupInstances/*' grants 4 writes, deletes or backup operator actions ('${DP}/backup/action', '${DP}/restore/action' and 2 others), yet its description says it only reads; remove '${DP}/*', or name the role for what it does.`,
    }]);
  });

  it('judges built-in roles too: the old Backup Reader granted restores', () => {
    expectRule(RULE, `{ "roleName": "Backup Reader", "roleType": "BuiltInRole", "description": "Can view backup services, but can't make changes",
      "permissions": [{ "actions": ["Microsoft.DataProtection/backupVaults/read", «"${DP}/validateRestore/action"»] }], "assignableScopes": ["/"] }`, [{
      severity: 'warning', message: /^'…\/validateRestore\/action' lets holders run backup operations \(.*Restoring a disk.*remove 'Microsoft\.DataProtection\/backupVaults\/backupInstances\/validateRestore\/action'/,
    }]);
  });

  it('stays quiet on reads, on actions that read (listKeys, backup status), and on writes notActions take away', () => {
    expectQuiet(RULE, role('Storage Reader', 'x', { actions: '"*/read", "Microsoft.Storage/storageAccounts/listKeys/action", "Microsoft.DataProtection/locations/getBackupStatus/action"' }));
    expectQuiet(RULE, role('Policy Reader', 'x', {
      actions: '"Microsoft.RecoveryServices/Vaults/backupPolicies/*"',
      notActions: '"Microsoft.RecoveryServices/Vaults/backupPolicies/write", "Microsoft.RecoveryServices/Vaults/backupPolicies/delete"',
    }));
  });

  it("stays quiet on what Azure's own readers carry without changing what they read: support, deployments, alerts, operation records", () => {
    expectQuiet(RULE, role('Backup Reader (copy)', 'x', {
      actions: ['Microsoft.Support/*', 'Microsoft.Resources/deployments/*', 'Microsoft.Insights/alertRules/*', 'Microsoft.RecoveryServices/Vaults/monitoringAlerts/write',
        'Microsoft.RecoveryServices/Vaults/monitoringConfigurations/*', 'Microsoft.Cdn/operationresults/*'].map((a) => JSON.stringify(a)).join(', '),
    }));
  });

  it('stays quiet when the role does not say it only reads, or its name claims more than its description', () => {
    expectQuiet(RULE, role('Backup Restore Operator', 'Restores disks', { actions: `"${DP}/restore/action", "${DP}/write"` }));
    // "read-only" in a description speaks of a part when the name says Contributor
    expectQuiet(RULE, role('Load Test Contributor', 'View and list load test resources but can not make any changes.', { actions: '"Microsoft.LoadTestService/loadTests/write"' }));
    // "Reader" only as a word
    expectQuiet(RULE, role('Spreadsheet Threader', 'x', { actions: '"Microsoft.RecoveryServices/Vaults/write"' }));
  });
});
