import * as assert from 'node:assert/strict';
import { cliRole, diagnose, expectQuiet, expectRule, service } from '../../support/harness';

const RULE = 'unknown-action';

describe(RULE, () => {
  it('reports a misspelt resource type of a known provider, with the closest operation', () => {
    expectRule(RULE, cliRole({ actions: '«"Microsoft.Compute/virtualMachine/read"»' }), [{
      severity: 'warning',
      message: "'Microsoft.Compute/virtualMachine/read' is not in the catalog of 2026-02-23; did you mean 'Microsoft.Compute/virtualMachines/read'?",
    }]);
  });

  it('tells an unknown provider apart, and suggests the provider that was meant', () => {
    expectRule(RULE, cliRole({ actions: '«"Microsoft.RecoverySevices/Vaults/read"»' }), [{
      severity: 'warning',
      message: /^Unknown resource provider 'Microsoft\.RecoverySevices' in 'Microsoft\.RecoverySevices\/Vaults\/read'; did you mean 'Microsoft\.RecoveryServices\/Vaults\/read'/,
    }]);
  });

  it('says the snapshot date when the provider data is old', () => {
    expectRule(RULE, cliRole({ actions: '«"Microsoft.DataProtection/backupVaults/backupInstances/frobnicate/action"»' }), [{
      severity: 'warning',
      message: /^'…\/frobnicate\/action' is not in the catalog snapshot of 2023-08-12 for Microsoft\.DataProtection, which may lack newer operations \('Microsoft\.DataProtection\/backupVaults\/backupInstances\/frobnicate\/action'\)/,
    }]);
  });

  it('reports white space around a real operation and names the clean string', () => {
    expectRule(RULE, cliRole({ actions: '«"Microsoft.Network/virtualNetworks/read "»' }), [{
      severity: 'warning',
      message: "'Microsoft.Network/virtualNetworks/read ' has white space around it, which Azure does not match: write 'Microsoft.Network/virtualNetworks/read'.",
    }]);
  });

  it('reports malformed strings: a trailing slash, no slash, an empty string', () => {
    expectRule(RULE, cliRole({ actions: '«"Microsoft.Insights/alertRules/"», «"virtualMachines"», «""»' }), [
      { severity: 'warning', message: "'Microsoft.Insights/alertRules/' ends with '/', so it names no operation; did you mean 'Microsoft.Insights/alertRules/*'?" },
      { severity: 'warning', message: /^'virtualMachines' is not an operation name: operations read 'Namespace\/resourceType\/verb'/ },
      { severity: 'warning', message: 'An empty string is not an operation; remove it.' },
    ]);
  });

  it('reports a wildcard whose namespace is unknown', () => {
    expectRule(RULE, cliRole({ actions: '«"Microsoft.Computer/*"»' }), [{
      severity: 'warning',
      message: "Unknown resource provider 'Microsoft.Computer' in 'Microsoft.Computer/*'; did you mean 'Microsoft.Compute/*'?",
    }]);
  });

  it('checks every list: notActions, dataActions and notDataActions too', () => {
    expectRule(RULE, cliRole({
      actions: '"Microsoft.Storage/storageAccounts/read"',
      notActions: '«"Microsoft.Storage/storageAccounts/lisKeys/action"»',
      dataActions: '«"Microsoft.Storage/storageAccounts/blobServices/containers/blob/read"»',
    }), [
      { severity: 'warning', message: /listkeys\/action/i },
      { severity: 'warning', message: /'Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs\/read'/ },
    ]);
  });

  it('does not report real operations in any letter case, or wildcards of known providers', () => {
    expectQuiet(RULE, cliRole({
      actions: '"microsoft.recoveryservices/vaults/read", "Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action", "Microsoft.Compute/*", "*/read"',
      dataActions: '"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"',
    }));
  });

  it('does not report ARM expressions, in a list or as the whole list', () => {
    expectQuiet(RULE, `{
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      "resources": [{
        "type": "Microsoft.Authorization/roleDefinitions", "apiVersion": "2022-04-01", "name": "[guid('x')]",
        "properties": {
          "roleName": "x",
          "permissions": [{ "actions": ["[parameters('extraAction')]", "Microsoft.Compute/virtualMachines/read"], "notActions": "[variables('deny')]" }],
          "assignableScopes": ["[subscription().id]"]
        }
      }]
    }`);
  });

  it('does not report anything in JSON that is not a role file', () => {
    for (const text of ['{ "name": "my-app", "version": "1.0.0", "scripts": { "build": "tsc" } }', '{ "name": "pipeline", "actions": [{ "uses": "checkout" }] }', '{ "name": "pipeline", "actions": ["build", "Not/an/operation"] }']) {
      assert.equal(service.parse(text).kind, 'other', text);
      assert.deepEqual(diagnose(text), [], text);
    }
  });
});
