import { cliRole, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'overly-broad-wildcard';

describe(RULE, () => {
  it("reports '*' with the number of operations it grants", () => {
    expectRule(RULE, cliRole({ actions: '«"*"»' }), [{
      severity: 'warning',
      message: /^'\*' grants \d{1,3},\d{3} operations of \d+ providers: list the ones the role needs instead; it matches every control-plane operation of every provider in the catalog\.$/,
    }]);
  });

  it("reports '*/write' and '*/delete', counting after notActions", () => {
    expectRule(RULE, cliRole({ actions: '«"*/write"», «"*/delete"»', notActions: '"Microsoft.Authorization/*/write"' }), [
      { severity: 'warning', message: /^'\*\/write' grants [\d,]+ operations of \d+ providers: .*every control-plane operation ending in '\/write' of every provider in the catalog \(counted after notActions\)\.$/ },
      { severity: 'warning', message: /^'\*\/delete' grants [\d,]+ operations of \d+ providers: .*ending in '\/delete'/ },
    ]);
  });

  it("reports '*' in dataActions", () => {
    expectRule(RULE, cliRole({ dataActions: '«"*"»' }), [{ severity: 'warning', message: /^'\*' grants [\d,]+ operations of \d+ providers: .*every data-plane operation of every provider/ }]);
  });

  it("does not report '*/read', '*/register/action', provider wildcards, or built-in roles", () => {
    expectQuiet(RULE, cliRole({ actions: '"*/read", "*/register/action", "Microsoft.RecoveryServices/*"' }));
    expectQuiet(RULE, '{ "roleName": "Contributor", "roleType": "BuiltInRole", "permissions": [{ "actions": ["*"], "notActions": ["Microsoft.Authorization/*/Delete"] }], "assignableScopes": ["/"] }');
  });
});
