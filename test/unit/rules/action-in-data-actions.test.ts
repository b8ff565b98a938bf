import { cliRole, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'action-in-data-actions';

describe(RULE, () => {
  it('reports a control-plane action in dataActions and in notDataActions', () => {
    expectRule(RULE, cliRole({
      dataActions: '«"Microsoft.Storage/storageAccounts/blobServices/containers/read"»',
      notDataActions: '«"Microsoft.Compute/virtualMachines/delete"»',
    }), [
      // a long string leads in its short form, and is given whole after
      { severity: 'error', message: "'…/blobServices/containers/read' is a control-plane action: move it to actions; 'Microsoft.Storage/storageAccounts/blobServices/containers/read' has no effect in dataActions." },
      { severity: 'error', message: "'Microsoft.Compute/virtualMachines/delete' is a control-plane action: move it to notActions; it has no effect in notDataActions." },
    ]);
  });

  it('reports a wildcard that matches only control-plane actions', () => {
    expectRule(RULE, cliRole({ dataActions: '«"Microsoft.RecoveryServices/Vaults/*"»' }), [{
      severity: 'error', message: /^'Microsoft\.RecoveryServices\/Vaults\/\*' matches only \d+ control-plane actions: move it to actions; it has no effect in dataActions\.$/,
    }]);
  });

  it('does not report data actions or wildcards that reach data actions', () => {
    expectQuiet(RULE, cliRole({ dataActions: '"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", "Microsoft.KeyVault/vaults/*", "Microsoft.Storage/*"' }));
  });
});
