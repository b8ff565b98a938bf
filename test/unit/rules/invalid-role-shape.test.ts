import { cliRole, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'invalid-role-shape';

describe(RULE, () => {
  it('reports a list given as a string, an entry that is not a string, and a scope list of the wrong type', () => {
    expectRule(RULE, `{
  "Name": "Shapes",
  "IsCustom": true,
  "Actions": «"Microsoft.Compute/virtualMachines/read"»,
  "DataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", «42»],
  "AssignableScopes": «{ "scope": "/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f" }»
}`, [
      { severity: 'error', message: 'Actions is a string; write an array of strings instead.' },
      { severity: 'error', message: 'An entry of dataActions is a number; write a string instead.' },
      { severity: 'error', message: 'AssignableScopes is an object; write an array of scope strings instead.' },
    ]);
  });

  it('reports permissions that are not an array of blocks', () => {
    expectRule(RULE, '{ "properties": { "roleName": "r", "permissions": «{ "actions": ["*/read"] }», "assignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"] } }', [
      { severity: 'error', message: 'Permissions is an object; write an array of permission blocks instead.' },
    ]);
  });

  it('does not report well-formed roles, null lists, or expressions standing for lists', () => {
    expectQuiet(RULE, cliRole({ actions: '"*/read"' }));
    expectQuiet(RULE, '{ "Name": "n", "IsCustom": true, "Actions": ["*/read"], "NotActions": null, "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"] }');
    expectQuiet(RULE, `{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
      "resources": [{ "type": "Microsoft.Authorization/roleDefinitions", "name": "[guid('r')]", "properties": { "roleName": "r", "permissions": [{ "actions": "[parameters('a')]" }], "assignableScopes": "[parameters('s')]" } }] }`);
  });
});
