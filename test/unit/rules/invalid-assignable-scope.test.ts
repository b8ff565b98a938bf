import { cliRole, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'invalid-assignable-scope';
const SUB = '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f';

describe(RULE, () => {
  it("reports '/' in a custom role", () => {
    expectRule(RULE, cliRole({ actions: '"*/read"', scopes: '«"/"»' }), [{ severity: 'error', message: /^The root scope '\/' is reserved for built-in roles; use '\/subscriptions\/<subscription id>'/ }]);
  });

  it('reports wildcards, names instead of ids, and malformed scopes', () => {
    expectRule(RULE, cliRole({ actions: '"*/read"', scopes: `«"/subscriptions/*"», «"/subscriptions/backup-prod"», «"/resourceGroups/rg1"», «"${SUB}/"»` }), [
      { severity: 'error', message: "'/subscriptions/*' has a wildcard, which assignable scopes do not take; name each scope." },
      { severity: 'error', message: "'backup-prod' is not a subscription id (a GUID): write the subscription's id in '/subscriptions/backup-prod'." },
      { severity: 'error', message: /^'\/resourceGroups\/rg1' is not a valid assignable scope; a scope reads '\/subscriptions\/<subscription id>'/ },
      { severity: 'error', message: `'${SUB}/' ends with '/'; write '${SUB}'.` },
    ]);
  });

  it('reports a second management group', () => {
    expectRule(RULE, cliRole({ actions: '"*/read"', scopes: '"/providers/Microsoft.Management/managementGroups/contoso", «"/providers/Microsoft.Management/managementGroups/fabrikam"»' }), [
      { severity: 'error', message: "'…/managementGroups/fabrikam' is a second management group; remove '/providers/Microsoft.Management/managementGroups/fabrikam': a custom role may name only one in assignableScopes." },
    ]);
  });

  it('reports an empty list and a missing one', () => {
    expectRule(RULE, cliRole({ actions: '"*/read"' }).replace(/"AssignableScopes": \[[^\]]*\]/, '"AssignableScopes": «[]»'), [
      { severity: 'error', message: 'assignableScopes is empty; add at least one: a subscription, resource group or management group.' },
    ]);
    expectRule(RULE, '{ "Name": «"No scopes"», "IsCustom": true, "Actions": ["*/read"] }', [
      { severity: 'error', message: 'The role has no assignableScopes; add at least one: a subscription, resource group or management group.' },
    ]);
  });

  it('warns about a single resource as scope', () => {
    expectRule(RULE, cliRole({ actions: '"*/read"', scopes: `«"${SUB}/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v1"»` }), [
      { severity: 'warning', message: `'…/vaults/v1' is a single resource; make the role assignable at its resource group '${SUB}/resourceGroups/rg' or above: custom roles are made assignable at management groups, subscriptions and resource groups.` },
    ]);
  });

  it('does not report subscriptions, resource groups, one management group, expressions, or built-in roles', () => {
    expectQuiet(RULE, cliRole({ actions: '"*/read"', scopes: `"${SUB}", "${SUB}/resourceGroups/rg-backup", "/providers/Microsoft.Management/managementGroups/contoso"` }));
    expectQuiet(RULE, `{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
      "resources": [{ "type": "Microsoft.Authorization/roleDefinitions", "name": "[guid('r')]", "properties": { "roleName": "r", "permissions": [{ "actions": ["*/read"] }], "assignableScopes": ["[subscription().id]"] } }] }`);
    expectQuiet(RULE, '{ "roleName": "Reader", "roleType": "BuiltInRole", "permissions": [{ "actions": ["*/read"] }], "assignableScopes": ["/"] }');
  });

  it("leaves a template engine's placeholders to the one note of template-placeholder", () => {
    expectQuiet(RULE, cliRole({ actions: '"*/read"', scopes: '"/subscriptions/{subscriptionId}", "/subscriptions/<subscription-id>/resourceGroups/rg", "${current_scope_resource_id}"' }));
  });
});
