import * as assert from 'node:assert/strict';
import { cliRole, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'duplicate-action';

describe(RULE, () => {
  it('reports the second of two equal strings, whatever their case, as unnecessary', () => {
    const [d] = expectRule(RULE, cliRole({ actions: '"Microsoft.Compute/virtualMachines/read", «"microsoft.compute/virtualmachines/READ"»' }), [{
      severity: 'hint', message: "'microsoft.compute/virtualmachines/READ' is already in actions; remove this repeat.",
    }]);
    assert.deepEqual(d.tags, [1]);
    const item = 'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/read';
    expectRule(RULE, cliRole({ actions: `"${item}", «"${item}"»` }), [{
      severity: 'hint', message: `'…/protectedItems/read' is already in actions; remove this repeat of '${item}'.`,
    }]);
  });

  it('reports a string a wildcard of the same list already covers', () => {
    expectRule(RULE, cliRole({ actions: '"Microsoft.RecoveryServices/Vaults/backupJobs/*", «"Microsoft.RecoveryServices/Vaults/backupJobs/read"», «"Microsoft.RecoveryServices/Vaults/backupJobs/operationResults/*"»' }), [
      // the covering wildcard comes second at the head: in its short form, whole at the end
      { severity: 'hint', message: "'Microsoft.RecoveryServices/Vaults/backupJobs/read' is already granted by '…/Vaults/backupJobs/*' in actions; remove it, or narrow 'Microsoft.RecoveryServices/Vaults/backupJobs/*'." },
      { severity: 'hint', message: "'…/operationResults/*' is already granted by '…/Vaults/backupJobs/*' in actions; remove 'Microsoft.RecoveryServices/Vaults/backupJobs/operationResults/*', or narrow 'Microsoft.RecoveryServices/Vaults/backupJobs/*'." },
    ]);
  });

  it('finds a repeat in a long list as in a short one (a long list is indexed, a short one searched)', () => {
    // 60 distinct strings, then the first again in another case: found at the end, and nothing else
    const many = Array.from({ length: 60 }, (_, i) => `"Microsoft.Compute/virtualMachines/extension${i}/read"`).join(', ');
    expectRule(RULE, cliRole({ actions: `${many}, «"microsoft.compute/virtualmachines/EXTENSION0/read"»` }), [{
      severity: 'hint', message: "'microsoft.compute/virtualmachines/EXTENSION0/read' is already in actions; remove this repeat.",
    }]);
    expectQuiet(RULE, cliRole({ actions: many }));
  });

  it('does not compare across lists or permission blocks, and leaves built-in roles alone', () => {
    expectQuiet(RULE, cliRole({ actions: '"Microsoft.Compute/*"', notActions: '"Microsoft.Compute/virtualMachines/delete"' }));
    expectQuiet(RULE, `{ "roleName": "r", "permissions": [ { "actions": ["Microsoft.Compute/*"] }, { "actions": ["Microsoft.Compute/virtualMachines/read"] } ], "assignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"] }`);
    expectQuiet(RULE, `{ "roleName": "Backup Contributor", "roleType": "BuiltInRole", "permissions": [ { "actions": ["Microsoft.DataProtection/backupVaults/read", "Microsoft.DataProtection/backupVaults/read"] } ], "assignableScopes": ["/"] }`);
  });
});
