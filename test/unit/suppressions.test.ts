import * as assert from 'node:assert/strict';
import { applyOffsetEdits, diagnose, expectRule, service } from '../support/harness';

const ROLE = (lines: string) => `{
  "Name": "r",
  "IsCustom": true,
  "Actions": [
${lines}
  ],
  "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"]
}`;

describe('suppressions', () => {
  it('silence a rule on the next line, and only there', () => {
    const text = ROLE(`    // azure-backup-rbac-disable-next-line unknown-action
    "Microsoft.Contoso/widgets/read",
    "Microsoft.Contoso/gadgets/read"`);
    assert.deepEqual(diagnose(text).map((d) => [d.code, d.range.start.line]), [['unknown-action', 6]]);
  });

  it('silence a rule in the whole file, or every rule without ids', () => {
    assert.deepEqual(diagnose(`// azure-backup-rbac-disable unknown-action\n${ROLE('    "Microsoft.Contoso/a/read", "Microsoft.Contoso/b/read"')}`), []);
    assert.deepEqual(diagnose(ROLE(`    // azure-backup-rbac-disable-next-line
    "Microsoft.Contoso/a/read"`)), []);
  });

  it('report suppressions that silence nothing, and rule ids that do not exist', () => {
    expectRule('unused-suppression', ROLE(`    // azure-backup-rbac-disable-next-line «duplicate-action», «no-such-rule»
    "Microsoft.Compute/virtualMachines/read"`), [
      { severity: 'hint', message: "'duplicate-action' reports nothing on the next line; remove it from the suppression." },
      { severity: 'hint', message: "'no-such-rule' is not a rule id of azure-backup-rbac; see docs/rules.md." },
    ]);
  });

  it('are inserted by a quick fix, with the line\'s indentation, where comments are allowed', () => {
    const text = ROLE('    "Microsoft.Contoso/widgets/read"');
    const document = service.parse(text);
    const d = service.diagnostics(document);
    const actions = service.codeActions(document, d, { only: ['quickfix'], commentsAllowed: true });
    const line = actions.find((a) => a.title === 'Suppress unknown-action on this line');
    assert.ok(line);
    const after = applyOffsetEdits(text, line.edits);
    assert.equal(after, ROLE('    // azure-backup-rbac-disable-next-line unknown-action\n    "Microsoft.Contoso/widgets/read"'));
    assert.deepEqual(diagnose(after), []);
    assert.ok(!service.codeActions(document, d, { only: ['quickfix'] }).some((a) => a.title.startsWith('Suppress')), 'not offered in plain JSON');
  });
});
