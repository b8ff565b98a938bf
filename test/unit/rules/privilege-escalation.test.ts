import { cliRole, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'privilege-escalation';

describe(RULE, () => {
  it('reports the string that grants role assignment writes', () => {
    expectRule(RULE, cliRole({ actions: '"Microsoft.RecoveryServices/*", «"Microsoft.Authorization/roleAssignments/write"»' }), [{
      severity: 'warning',
      message: "'Microsoft.Authorization/roleAssignments/write' lets holders grant themselves any access (they can create role assignments); exclude 'Microsoft.Authorization/*/write' in notActions unless the role exists to manage access.",
    }]);
  });

  it("reports '*' and provider wildcards that reach Microsoft.Authorization writes", () => {
    expectRule(RULE, cliRole({ actions: '«"Microsoft.Authorization/*"»' }), [{
      severity: 'warning', message: /^'Microsoft\.Authorization\/\*' lets holders grant themselves any access \(they can create role assignments, edit role definitions and make 2 other access writes\)/,
    }]);
    expectRule(RULE, cliRole({ actions: '«"*"»', notActions: '"Microsoft.Authorization/roleAssignments/write"' }), [{
      severity: 'warning', message: /^'\*' lets holders grant themselves any access \(they can edit role definitions/,
    }]);
  });

  it('stays quiet when notActions take the writes away', () => {
    expectQuiet(RULE, cliRole({ actions: '"*"', notActions: '"Microsoft.Authorization/*/write"' }));
    expectQuiet(RULE, cliRole({ actions: '"Microsoft.Authorization/*/read", "Microsoft.RecoveryServices/*"' }));
  });

  it('does not judge built-in roles or deny lists computed at deployment', () => {
    expectQuiet(RULE, '{ "roleName": "Owner", "roleType": "BuiltInRole", "permissions": [{ "actions": ["*"] }], "assignableScopes": ["/"] }');
    expectQuiet(RULE, `{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
      "resources": [{ "type": "Microsoft.Authorization/roleDefinitions", "name": "[guid('r')]", "properties": { "roleName": "r", "permissions": [{ "actions": ["*"], "notActions": "[parameters('deny')]" }], "assignableScopes": ["[subscription().id]"] } }] }`);
  });
});
