import { cliRole, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'invalid-assignable-scope';
const SUB = '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f';

describe(RULE, () => {
  it("reports '/' in a custom role", () => {
    expectRule(RULE, cliRole({ actions: '"*/read"', scopes: '«"/"»' }), [{ severity: 'error', message: /^'\/' is not a valid assignable scope: the root scope '\/' is reserved for built-in roles/ }]);
  });

  it('reports wildcards, placeholders instead of ids, and malformed scopes', () => {
    expectRule(RULE, cliRole({ actions: '"*/read"', scopes: `«"/subscriptions/*"», «"/subscriptions/{subscriptionId}"», «"/resourceGroups/rg1"», «"${SUB}/"»` }), [
      { severity: 'error', message: "'/subscriptions/*' is not a valid assignable scope: assignable scopes take no wildcards; name each scope." },
      { severity: 'error', message: "'/subscriptions/{subscriptionId}' is not a valid assignable scope: '{subscriptionId}' is not a subscription id (a GUID)." },
      { severity: 'error', message: /^'\/resourceGroups\/rg1' is not a valid assignable scope: a scope reads '\/subscriptions\/<subscription id>'/ },
      { severity: 'error', message: /ends with '\/'/ },
    ]);
  });

  it('reports a second management group', () => {
    expectRule(RULE, cliRole({ actions: '"*/read"', scopes: '"/providers/Microsoft.Management/managementGroups/contoso", «"/providers/Microsoft.Management/managementGroups/fabrikam"»' }), [
      { severity: 'error', message: "'/providers/Microsoft.Management/managementGroups/fabrikam' is a second management group; a custom role may name only one in assignableScopes." },
    ]);
  });

  it('reports an empty list and a missing one', () => {
    expectRule(RULE, cliRole({ actions: '"*/read"' }).replace(/"AssignableScopes": \[[^\]]*\]/, '"AssignableScopes": «[]»'), [
      { severity: 'error', message: 'assignableScopes is empty; a custom role needs at least one subscription, resource group or management group.' },
    ]);
    expectRule(RULE, '{ "Name": «"No scopes"», "IsCustom": true, "Actions": ["*/read"] }', [
      { severity: 'error', message: /^The role has no assignableScopes/ },
    ]);
  });

  it('warns about a single resource as scope', () => {
    expectRule(RULE, cliRole({ actions: '"*/read"', scopes: `«"${SUB}/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v1"»` }), [
      { severity: 'warning', message: /is a single resource/ },
    ]);
  });

  it('does not report subscriptions, resource groups, one management group, expressions, or built-in roles', () => {
    expectQuiet(RULE, cliRole({ actions: '"*/read"', scopes: `"${SUB}", "${SUB}/resourceGroups/rg-backup", "/providers/Microsoft.Management/managementGroups/contoso"` }));
    expectQuiet(RULE, `{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
      "resources": [{ "type": "Microsoft.Authorization/roleDefinitions", "name": "[guid('r')]", "properties": { "roleName": "r", "permissions": [{ "actions": ["*/read"] }], "assignableScopes": ["[subscription().id]"] } }] }`);
    expectQuiet(RULE, '{ "roleName": "Reader", "roleType": "BuiltInRole", "permissions": [{ "actions": ["*/read"] }], "assignableScopes": ["/"] }');
  });
});
