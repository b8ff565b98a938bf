import { cliRole, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'wildcard-matches-nothing';

describe(RULE, () => {
  it('reports a wildcard under a misspelt resource type, suggesting the wildcard that was meant', () => {
    expectRule(RULE, cliRole({ actions: '«"Microsoft.Compute/virtualMachine/*"»' }), [{
      severity: 'warning',
      message: "'Microsoft.Compute/virtualMachine/*' matches no control-plane operation in the catalog of 2026-02-23; did you mean 'Microsoft.Compute/virtualMachines/*'?",
    }]);
  });

  it('names the snapshot date for a provider whose data may be old', () => {
    expectRule(RULE, cliRole({ actions: '«"Microsoft.DataProtection/backupVaultz/*"»' }), [{
      severity: 'warning',
      message: /^'Microsoft\.DataProtection\/backupVaultz\/\*' matches no control-plane operation in the catalog snapshot of 2023-08-12 for Microsoft\.DataProtection, which may lack newer operations; did you mean 'Microsoft\.DataProtection\/backupVaults\/\*'/,
    }]);
  });

  it('does not report wildcards that match, or that built-in roles use for operations the catalog lacks', () => {
    expectQuiet(RULE, cliRole({ actions: '"Microsoft.RecoveryServices/Vaults/backupJobs/*", "Microsoft.Advisor/conversations/*", "Anyscale.Platform/*/read"' }));
  });

  it('leaves wildcards of the other plane to the plane rules, and unknown providers to unknown-action', () => {
    expectQuiet(RULE, cliRole({ actions: '"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*"', dataActions: '"Microsoft.Nope/*"' }));
  });
});
