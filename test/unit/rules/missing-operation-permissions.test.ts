import * as assert from 'node:assert/strict';
import { cliRole, diagnose, expectQuiet, expectRule } from '../../support/harness';
import { CRR, ITEM, RESTORE_VAULT_SIDE as RESTORE, list } from '../../support/backup-sets';

const RULE = 'missing-operation-permissions';

describe(RULE, () => {
  it('reports a cross-region restore role that lacks one of the six permissions, naming it and the scope', () => {
    const [d] = expectRule(RULE, cliRole({ actions: list([...CRR.filter((n) => !n.endsWith('backupAadProperties/read')), ...RESTORE]) }).replace('"Actions"', '«"Actions"»'), [{
      severity: 'warning',
      // the restore permissions Azure VM's and SQL/HANA's cross-region restore both need in addition: either
      message: "Missing 'Microsoft.RecoveryServices/locations/backupAadProperties/read' for Cross region restore (Azure VM, SQL/HANA) at the subscription of the Recovery Services vault: "
        + 'this role looks meant for it but lacks 1 of the 6 permissions needed there; add it.',
    }]);
    assert.deepEqual(d.data, {
      kind: 'missing', operation: 'vm-cross-region-restore', title: 'Cross region restore', part: 0, primary: true,
      addable: [{ name: 'Microsoft.RecoveryServices/locations/backupAadProperties/read' }], blocked: [],
    });
  });

  it('does not take the CRR job reads Backup Reader holds for an intent to restore', () => {
    expectQuiet(RULE, cliRole({ actions: list(['Microsoft.RecoveryServices/Vaults/read', 'Microsoft.RecoveryServices/locations/backupCrrJobs/action', 'Microsoft.RecoveryServices/locations/backupCrrJob/action', 'Microsoft.RecoveryServices/Vaults/backupJobs/read']) }));
  });

  it('stays quiet on complete roles, roles holding only the read side, and wildcard roles', () => {
    expectQuiet(RULE, cliRole({ actions: list([...CRR, ...RESTORE]) }));
    expectQuiet(RULE, cliRole({ actions: list(RESTORE.filter((n) => n.endsWith('/read'))) }));
    expectQuiet(RULE, cliRole({ actions: '"Microsoft.RecoveryServices/*"' }));
    expectQuiet(RULE, cliRole({ actions: '"*"' }));
  });

  it('takes no role for a backup role without a permission of the backup providers, whatever else it names', () => {
    // deployments/write is in the signature of enabling VM backup from the VM blade, and common elsewhere
    expectQuiet(RULE, cliRole({ actions: list(['Microsoft.Resources/deployments/write', 'Microsoft.Compute/virtualMachines/write', 'Microsoft.Network/virtualNetworks/read']) }));
    // with one, the same names are evidence
    const found = diagnose(cliRole({ actions: list(['Microsoft.Resources/deployments/write', 'Microsoft.RecoveryServices/locations/backupPreValidateProtection/action']) })).filter((d) => d.code === RULE);
    assert.match(found[0]?.message ?? '', /^Missing 'Microsoft\.RecoveryServices\/Vaults\/read' and 8 more for Enable backup of Azure VMs \(from VM blade\) .*: this role looks meant for it/);
  });

  it('picks the one operation the evidence is for: a restore role is about Restore VM, not all six restores', () => {
    const found = expectRule(RULE, cliRole({ actions: list([`${ITEM}/recoveryPoints/restore/action`, 'Microsoft.RecoveryServices/Vaults/read']) }).replace('"Actions"', '«"Actions"»'), [{
      severity: 'warning',
      // long names lead by their last segments, and are given whole in what to add
      message: new RegExp("^Missing '…/protectedItems/read', '…/recoveryPoints/read' and 2 more for Restore VM \\(Azure VM\\) at the Recovery Services vault: "
        + `this role looks meant for it but lacks 4 of the 6 permissions needed there; add '${ITEM}/read', '${ITEM}/recoveryPoints/read', `.replace(/[.()]/g, '\\$&')),
    }]);
    assert.equal(found.length, 1);
  });

  it('names the notAction that takes a needed permission away, on the list and on the notAction', () => {
    const source = cliRole({ actions: list([...CRR, ...RESTORE]), notActions: '«"Microsoft.RecoveryServices/locations/backupCrr*"»' }).replace('"Actions"', '«"Actions"»');
    expectRule(RULE, source, [
      { severity: 'warning', message: /^Missing 'Microsoft\.RecoveryServices\/locations\/backupCrrJobs\/action' and 3 more for Cross region restore .* lacks 4 of the 6 permissions needed there; narrow 'Microsoft\.RecoveryServices\/locations\/backupCrr\*' in notActions, which takes away 'Microsoft\.RecoveryServices\/locations\/backupCrrJobs\/action', / },
      { severity: 'warning', message: /^'Microsoft\.RecoveryServices\/locations\/backupCrr\*' in notActions takes away 'Microsoft\.RecoveryServices\/locations\/backupCrrJobs\/action' and 3 more, which Cross region restore \(Azure VM, SQL\/HANA\) needs at the subscription of the Recovery Services vault \('Microsoft\.RecoveryServices\/locations\/backupCrrJobs\/action', .*\); narrow or remove it\.$/ },
    ]);
  });

  it('reports the parts at other scopes as information, and only when the role reaches for them', () => {
    expectRule(RULE, cliRole({ actions: list([...RESTORE, 'Microsoft.Compute/virtualMachines/write']) }).replace('"Actions"', '«"Actions"»').replace('«"Actions"»', '««"Actions"»»'), [
      { severity: 'information', message: /^Missing 'Microsoft\.Resources\/subscriptions\/resourceGroups\/write' and 4 more for Restore VM \(Azure VM\) at the resource group the VM is restored to, unless another role grants them there; add 'Microsoft\.Resources\/subscriptions\/resourceGroups\/write', / },
      { severity: 'information', message: "Missing 'Microsoft.Compute/virtualMachines/read' for Restore VM (Azure VM) at the source VM that was backed up, unless another role grants it there; add it." },
    ]);
    expectQuiet(RULE, cliRole({ actions: list(RESTORE) }));
  });

  it('checks the operations a comment declares, in ARM templates and JSONC', () => {
    const template = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      // azure-backup-rbac-operations vm-cross-region-restore
      "type": "Microsoft.Authorization/roleDefinitions",
      "apiVersion": "2022-04-01",
      "name": "[guid(subscription().id, 'crr')]",
      "properties": {
        "roleName": "CRR",
        "permissions": [{ ««"actions"»»: ["Microsoft.RecoveryServices/Vaults/read"] }],
        "assignableScopes": ["[subscription().id]"]
      }
    }
  ]
}`;
    expectRule(RULE, template, [
      { severity: 'warning', message: /^Missing '…\/backupAadProperties\/read', '…\/backupCrrJobs\/action' and 4 more for Cross region restore \(Azure VM\) .*: this role is declared for it but lacks all 6 permissions needed there/ },
      // what it needs in addition: Restore VM's vault side, which another role may grant
      { severity: 'information', message: /^Missing '…\/protectedItems\/read', '…\/recoveryPoints\/read' and 3 more for Cross region restore \(Azure VM\) at the Recovery Services vault: it needs Restore VM's permissions there in addition, unless another role grants them;/ },
    ]);
  });

  it('checks the operations the settings declare for the file', () => {
    const text = cliRole({ actions: '"Microsoft.RecoveryServices/Vaults/read"' });
    expectRule(RULE, text.replace('"Actions"', '«"Actions"»'), [{ severity: 'warning', message: /^Missing .* for On-demand backup of VM \(Azure VM\) .*: this role is declared for it but lacks 5 of the 6/ }],
      { declaredOperations: ['vm-backup-now'] });
    expectQuiet(RULE, text);
  });

  it('reports an unknown operation id in a directive, with the closest one', () => {
    expectRule(RULE, `{
  // azure-backup-rbac-operations «vm-restor»
  "Name": "r", "IsCustom": true, "Actions": ["Microsoft.RecoveryServices/Vaults/read"], "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"]
}`, [{ severity: 'warning', message: "'vm-restor' is not a backup operation id; did you mean 'vm-restore'?" }]);
  });

  it('says nothing when the lists are computed at deployment', () => {
    expectQuiet(RULE, `{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
      "resources": [{ "type": "Microsoft.Authorization/roleDefinitions", "name": "[guid('r')]", "properties": { "roleName": "r",
        "permissions": [{ "actions": ["Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action", "[parameters('more')]"] }], "assignableScopes": ["[subscription().id]"] } }] }`);
  });
});
