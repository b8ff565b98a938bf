import { cliRole, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'data-action-in-actions';

describe(RULE, () => {
  it('reports a data action in actions and in notActions', () => {
    const found = expectRule(RULE, cliRole({
      actions: '«"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"»',
      notActions: '«"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete"»',
    }), [
      { severity: 'error', message: "'…/containers/blobs/read' is a data action: move it to dataActions; 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read' has no effect in actions." },
      { severity: 'error', message: "'…/containers/blobs/delete' is a data action: move it to notDataActions; 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete' has no effect in notActions." },
    ]);
    if (JSON.stringify(found[0].data) !== JSON.stringify({ from: 'actions', to: 'dataActions' })) throw new Error('data names the lists');
  });

  it('reports a wildcard that matches only data actions', () => {
    expectRule(RULE, cliRole({ actions: '«"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*"»' }), [{
      severity: 'error',
      message: /^'…\/containers\/blobs\/\*' matches only \d+ data actions: move it to dataActions; 'Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs\/\*' has no effect in actions\.$/,
    }]);
  });

  it('reports in the REST shape and in ARM templates', () => {
    expectRule(RULE, `{ "properties": { "roleName": "r", "permissions": [{ "actions": [«"Microsoft.KeyVault/vaults/secrets/getSecret/action"»] }], "assignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"] } }`,
      [{ severity: 'error', message: /is a data action/ }]);
  });

  it('does not report control-plane actions, names registered in both planes, or names of unknown plane', () => {
    expectQuiet(RULE, cliRole({
      actions: '"Microsoft.Storage/storageAccounts/blobServices/containers/read", "Microsoft.KeyVault/vaults/keys/read", "Microsoft.Storage/storageAccounts/*"',
    }));
  });
});
