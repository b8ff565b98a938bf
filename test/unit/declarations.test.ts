// Declaring what a role is for, as generated roles do: at the end of its description (for files
// that cannot hold comments), and for one scope of an operation (`<id>@<scope kind>`), which
// narrows the missing-permissions check to what the operation needs there.
import * as assert from 'node:assert/strict';
import { diagnose, expectQuiet, expectRule } from '../support/harness';

const ID = 'missing-operation-permissions';
const RSV = 'Microsoft.RecoveryServices/Vaults';
const ITEM = `${RSV}/backupFabrics/protectionContainers/protectedItems`;
const RESTORE_VAULT = [`${RSV}/read`, `${ITEM}/read`, `${ITEM}/recoveryPoints/read`, `${ITEM}/recoveryPoints/restore/action`, `${ITEM}/operationResults/read`, `${RSV}/backupJobs/read`];

const role = (description: string, actions: readonly string[]) => `{
  "Name": "Restore operator, vault side",
  "IsCustom": true,
  "Description": "${description}",
  "Actions": [${actions.map((a) => JSON.stringify(a)).join(', ')}],
  "NotActions": [],
  "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"]
}`;

describe('declared operations, in a description and for one scope', () => {
  it('does not report a role declared for the vault scope of a restore that holds all it needs there', () => {
    expectQuiet(ID, role('Restores. azure-backup-rbac-operations vm-restore@recovery-services-vault', RESTORE_VAULT));
  });

  it('reports the other scopes of an operation declared whole in the description', () => {
    const found = diagnose(role('Restores. azure-backup-rbac-operations vm-restore', RESTORE_VAULT)).filter((d) => d.code === ID).map((d) => d.message);
    assert.equal(found.length, 3, found.join('\n'));
    assert.ok(found.every((m) => /^Missing .* for Restore VM \(Azure VM\) at .*, unless another role grants (it|them) there/.test(m)), found.join('\n'));
  });

  it('reports what the declared scope lacks', () => {
    expectRule(ID, role('azure-backup-rbac-operations vm-restore@recovery-services-vault', RESTORE_VAULT.slice(1)).replace('"Actions": [', '«"Actions"»: ['), [
      { severity: 'warning', message: /^Missing 'Microsoft\.RecoveryServices\/Vaults\/read' for Restore VM \(Azure VM\) at the Recovery Services vault: this role is declared for it/ },
    ]);
  });

  it('reports a scope the operation does not have as an unknown id, in the description where it is written', () => {
    expectRule(ID, role('azure-backup-rbac-operations «vm-restore@backup-vault»', RESTORE_VAULT), [
      { severity: 'warning', message: /^'vm-restore@backup-vault' is not a backup operation id/ },
    ]);
  });

  it('takes the scoped form from a comment too', () => {
    expectQuiet(ID, `// azure-backup-rbac-operations vm-restore@recovery-services-vault\n${role('Restores.', RESTORE_VAULT)}`);
  });
});
