import { cliRole, expectQuiet, expectRule } from '../../support/harness';

const RULE = 'overly-broad-wildcard';

describe(RULE, () => {
  it("reports '*' with the number of operations it grants", () => {
    expectRule(RULE, cliRole({ actions: '«"*"»' }), [{
      severity: 'warning',
      message: /^'\*' grants every control-plane operation of every provider \(\d{1,3},\d{3} operations across \d+ providers in the catalog\); list the operations the role needs instead\.$/,
    }]);
  });

  it("reports '*/write' and '*/delete', counting after notActions", () => {
    expectRule(RULE, cliRole({ actions: '«"*/write"», «"*/delete"»', notActions: '"Microsoft.Authorization/*/write"' }), [
      { severity: 'warning', message: /^'\*\/write' grants every control-plane operation ending in '\/write' of every provider \([\d,]+ operations across \d+ providers in the catalog, after notActions\)/ },
      { severity: 'warning', message: /^'\*\/delete' grants every control-plane operation ending in '\/delete'/ },
    ]);
  });

  it("reports '*' in dataActions", () => {
    expectRule(RULE, cliRole({ dataActions: '«"*"»' }), [{ severity: 'warning', message: /^'\*' grants every data-plane operation of every provider/ }]);
  });

  it("does not report '*/read', '*/register/action', provider wildcards, or built-in roles", () => {
    expectQuiet(RULE, cliRole({ actions: '"*/read", "*/register/action", "Microsoft.RecoveryServices/*"' }));
    expectQuiet(RULE, '{ "roleName": "Contributor", "roleType": "BuiltInRole", "permissions": [{ "actions": ["*"], "notActions": ["Microsoft.Authorization/*/Delete"] }], "assignableScopes": ["/"] }');
  });
});
