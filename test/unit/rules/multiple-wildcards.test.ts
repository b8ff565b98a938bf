import { cliRole, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'multiple-wildcards';

describe(RULE, () => {
  it('reports a string with two wildcards as an error Azure would reject', () => {
    expectRule(RULE, cliRole({ actions: '«"Microsoft.RecoveryServices/*/backupJobs/*"»' }), [{
      severity: 'error',
      message: /^'Microsoft\.RecoveryServices\/\*\/backupJobs\/\*' has 2 wildcards, but Azure accepts one '\*' per permission string; split it, or list the \d+ operations it was meant to match\.$/,
    }]);
  });

  it('reports in dataActions too', () => {
    expectRule(RULE, cliRole({ dataActions: '«"Microsoft.Storage/*/blobs/*"»' }), [{ severity: 'error', message: /has 2 wildcards/ }]);
  });

  it('does not report strings with one wildcard or none', () => {
    expectQuiet(RULE, cliRole({ actions: '"Microsoft.RecoveryServices/Vaults/backupJobs/*", "*/read", "*", "Microsoft.Compute/virtualMachines/read"' }));
  });
});
