import { cliRole, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'multiple-wildcards';

describe(RULE, () => {
  it('reports a string with two wildcards as an error Azure would reject', () => {
    expectRule(RULE, cliRole({ actions: '«"Microsoft.RecoveryServices/*/backupJobs/*"»' }), [{
      severity: 'error',
      message: /^'Microsoft\.RecoveryServices\/\*\/backupJobs\/\*' has 2 wildcards, but Azure accepts one '\*' per string: list the \d+ operations it matches instead, or split it\.$/,
    }]);
  });

  it('reports in dataActions too', () => {
    expectRule(RULE, cliRole({ dataActions: '«"Microsoft.Storage/*/blobs/*"»' }), [{ severity: 'error', message: /has 2 wildcards/ }]);
  });

  it('leads a long string with the part where its wildcards are', () => {
    const value = 'Microsoft.RecoveryServices/Vaults/backupFabrics/*/protectedItems/recoveryPoints/*';
    expectRule(RULE, cliRole({ actions: `«"${value}"»` }), [{
      severity: 'error',
      message: new RegExp(`^'…/backupFabrics/\\*/protectedItems/recoveryPoints/\\*' has 2 wildcards, .*, or split '${value.replace(/[*.]/g, '\\$&')}'\\.$`),
    }]);
  });

  it('does not report strings with one wildcard or none', () => {
    expectQuiet(RULE, cliRole({ actions: '"Microsoft.RecoveryServices/Vaults/backupJobs/*", "*/read", "*", "Microsoft.Compute/virtualMachines/read"' }));
  });
});
