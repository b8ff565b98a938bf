import { cliRole, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'action-in-data-actions';

describe(RULE, () => {
  it('reports a control-plane action in dataActions and in notDataActions', () => {
    expectRule(RULE, cliRole({
      dataActions: '«"Microsoft.Storage/storageAccounts/blobServices/containers/read"»',
      notDataActions: '«"Microsoft.Compute/virtualMachines/delete"»',
    }), [
      { severity: 'error', message: "'Microsoft.Storage/storageAccounts/blobServices/containers/read' is a control-plane action, so it has no effect in dataActions; move it to actions." },
      { severity: 'error', message: "'Microsoft.Compute/virtualMachines/delete' is a control-plane action, so it has no effect in notDataActions; move it to notActions." },
    ]);
  });

  it('reports a wildcard that matches only control-plane actions', () => {
    expectRule(RULE, cliRole({ dataActions: '«"Microsoft.RecoveryServices/Vaults/*"»' }), [{
      severity: 'error', message: /^'Microsoft\.RecoveryServices\/Vaults\/\*' matches only \d+ control-plane actions/,
    }]);
  });

  it('does not report data actions or wildcards that reach data actions', () => {
    expectQuiet(RULE, cliRole({ dataActions: '"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", "Microsoft.KeyVault/vaults/*", "Microsoft.Storage/*"' }));
  });
});
