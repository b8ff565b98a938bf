// The cross-region-restore scenario end to end through the language server: the diagnostic, the
// quick fix, the edited text, the diagnostic gone; the code lens, the coverage view's data and its
// "add missing permissions" edit.
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type CodeAction, CodeActionRequest, CodeLensRequest } from 'vscode-languageserver-protocol';
import { serverForSuite } from '../support/lsp-client';
import { CRR, RESTORE_VAULT_SIDE } from '../support/backup-sets';
import { ADD_PERMISSIONS_REQUEST, type AddPermissionsParams, type AddPermissionsResult, COVERAGE_REQUEST, type CoverageParams, type DocumentCoverage } from '../../server/src/protocol';

const SHAPES: Record<string, (actions: string[]) => string> = {
  'CLI role JSON': (actions) => JSON.stringify({ Name: 'CRR operator', IsCustom: true, Actions: actions, NotActions: [], AssignableScopes: ['/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f'] }, null, 2),
  'REST role JSON': (actions) => JSON.stringify({ name: '2f7b1c39-5d0e-4b8a-9c61-3e4d5f6a7b8c', properties: { roleName: 'CRR operator', permissions: [{ actions, notActions: [] }], assignableScopes: ['/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f'] } }, null, 4),
  'ARM template': (actions) => JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0',
    resources: [{ type: 'Microsoft.Authorization/roleDefinitions', apiVersion: '2022-04-01', name: "[guid(subscription().id, 'crr')]",
      properties: { roleName: 'CRR operator', permissions: [{ actions }], assignableScopes: ['[subscription().id]'] } }],
  }, null, 2),
};

describe('language server: missing backup permissions (cross-region restore)', function () {
  this.timeout(30000);
  const server = serverForSuite();

  for (const [shape, make] of Object.entries(SHAPES)) {
    it(`${shape}: diagnostic → quick fix → valid JSON with the six actions exactly once → diagnostic gone`, async () => {
      const uri = `untitled:crr-${shape.replace(/\W+/g, '-')}.json`;
      // with the restore permissions cross-region restore needs in addition, so that the fix leaves nothing to say
      const text = make([...CRR.filter((n) => !/backupCrrJob\/action|backupAadProperties/.test(n)), ...RESTORE_VAULT_SIDE]);
      await server().open(uri, text);
      const [d] = await server().waitForDiagnostics(uri, (ds) => ds.some((x) => x.code === 'missing-operation-permissions'));
      assert.equal(d.code, 'missing-operation-permissions');
      assert.match(String(d.message), /^Missing '…\/backupAadProperties\/read' and '…\/backupCrrJob\/action' for Cross region restore .* at the subscription of the Recovery Services vault: .*lacks 2 of the 6 permissions needed there/);

      const actions = (await server().connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] },
      })) as CodeAction[];
      const fix = actions.find((a) => a.isPreferred);
      assert.ok(fix?.edit?.changes?.[uri], JSON.stringify(actions));
      assert.equal(fix.title, 'Add the 2 missing permissions for Cross region restore');
      const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, text), fix.edit.changes[uri]);
      JSON.parse(fixed);
      for (const name of CRR) assert.equal(fixed.split(JSON.stringify(name)).length - 1, 1, name);

      await server().replace(uri, fixed, 2);
      const after = await server().waitForDiagnostics(uri, (ds) => !ds.some((x) => x.code === 'missing-operation-permissions'));
      // idempotent: with what is published now (and the old diagnostic, which no longer stands), nothing more to add
      const again = (await server().connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri }, range: d.range, context: { diagnostics: [d, ...after], only: ['quickfix', 'source.fixAll'] },
      })) as CodeAction[];
      assert.deepEqual(again.filter((a) => /^(Add|Fix)/.test(a.title)).map((a) => a.title), []);
    });
  }

  it('offers the fix-all source action', async () => {
    const uri = 'untitled:crr-fixall.json';
    await server().open(uri, SHAPES['CLI role JSON']([CRR[3]]));
    await server().waitForDiagnostics(uri, (ds) => ds.length > 0);
    const actions = (await server().connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => [a.kind, a.title]), [['source.fixAll.azureBackupRbac', 'Fix 1 problem (added missing permissions: 1)']]);
  });

  it('puts a code lens above the role, on its object', async () => {
    const uri = 'untitled:crr-lens.json';
    await server().open(uri, SHAPES['CLI role JSON'](CRR.slice(1)));
    await server().waitForDiagnostics(uri, (ds) => ds.length > 0);
    const lenses = await server().connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.equal(lenses?.length, 2);
    assert.equal(lenses![0].command?.title, 'Azure Backup: Cross region restore: 1 missing');
    assert.deepEqual(lenses![0].command?.arguments, [uri, 0]);
    // the role object starts on line 0: VS Code draws the lens above it
    assert.deepEqual(lenses![0].range.start, { line: 0, character: 0 });
    // and beside it, how the role compares with the nearest built-in role: a title that opens nothing
    assert.match(String(lenses![1].command?.title), /^Compared: nearest built-in role \w[\w ]* (minus \d+|plus \d+)/);
    assert.equal(lenses![1].command?.command, '');
    assert.deepEqual(lenses![1].range, lenses![0].range);
  });

  it('answers the coverage request with every role of the document, and the edit that adds what one lacks', async () => {
    const uri = 'untitled:crr-coverage.json';
    const text = SHAPES['REST role JSON'](CRR.filter((n) => !/backupAadProperties/.test(n)));
    await server().open(uri, text);
    await server().waitForDiagnostics(uri, (ds) => ds.length > 0);
    const coverage = await server().connection.sendRequest<DocumentCoverage | null>(COVERAGE_REQUEST, { uri } satisfies CoverageParams);
    assert.ok(coverage);
    assert.deepEqual([coverage.uri, coverage.version, coverage.roles.map((r) => [r.index, r.name, r.known])], [uri, 1, [[0, 'CRR operator', true]]]);
    const doc = TextDocument.create(uri, 'json', 1, text);
    assert.equal(doc.getText(coverage.roles[0].selection), '"CRR operator"');
    assert.equal(doc.getText(coverage.roles[0].range), text);
    const crr = coverage.roles[0].operations.find((o) => o.id === 'vm-cross-region-restore');
    assert.deepEqual(crr?.parts.map((p) => p.missing.map((m) => m.name)), [[CRR[0]]]);

    const params: AddPermissionsParams = { uri, version: 1, role: 0, operation: 'vm-cross-region-restore' };
    const result = await server().connection.sendRequest<AddPermissionsResult | null>(ADD_PERMISSIONS_REQUEST, params);
    assert.equal(result?.title, 'Add the missing permission for Cross region restore');
    const fixed = TextDocument.applyEdits(doc, result.edits.map((e) => ({ range: e.range, newText: e.newText })));
    const role = JSON.parse(fixed) as { properties: { permissions: { actions: string[] }[] } };
    assert.deepEqual([...role.properties.permissions[0].actions].sort(), [...CRR].sort());
    // the view asks with the version it showed: after an edit, a stale request gets no edit
    await server().replace(uri, fixed, 2);
    assert.equal(await server().connection.sendRequest(ADD_PERMISSIONS_REQUEST, params), null);
    const after = await server().connection.sendRequest<DocumentCoverage | null>(COVERAGE_REQUEST, { uri });
    assert.equal(after?.version, 2);
    assert.equal(after?.roles[0].operations.find((o) => o.id === 'vm-cross-region-restore')?.complete, true);
    assert.equal(await server().connection.sendRequest(ADD_PERMISSIONS_REQUEST, { ...params, version: 2 }), null);
  });

  it('answers null for a document it was never given, and no roles for a JSON file that holds none', async () => {
    assert.equal(await server().connection.sendRequest(COVERAGE_REQUEST, { uri: 'untitled:never-opened.json' }), null);
    const uri = 'untitled:package-like.json';
    await server().open(uri, '{ "name": "x", "version": "1.0.0" }');
    assert.deepEqual((await server().connection.sendRequest<DocumentCoverage | null>(COVERAGE_REQUEST, { uri }))?.roles, []);
  });
});
