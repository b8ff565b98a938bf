// The server survives whatever an editor (or a broken client) sends: odd documents, positions
// out of range, forged diagnostics and payloads, unknown files; and it honours cancellation.
import * as assert from 'node:assert/strict';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CodeLensRequest,
  CompletionResolveRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  LSPErrorCodes,
  ResponseError,
  SemanticTokensRequest,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lsp-client';
import { GOOD, ODD } from '../support/odd-files';

/** Positions a client may send: ordinary, past the end, and nonsense. */
const POSITIONS = [
  { line: 0, character: 0 }, { line: 0, character: 30 }, { line: 0, character: 120 }, { line: 3, character: 2 },
  { line: 100000, character: 5 }, { line: 0, character: 100000000 },
];

describe('language server: robustness (protocol)', function () {
  this.timeout(120000);
  let client: LspClient;
  afterEach(async () => {
    await client?.stop();
  });

  it('answers every request on odd documents, forged payloads and unknown files, and keeps working', async () => {
    client = await LspClient.start();
    const failures: string[] = [];
    /** A request may be refused (a clean error), but must be answered, and never with an internal error. */
    const ask = async (what: string, request: Promise<unknown>) => {
      try {
        await request;
      } catch (e) {
        if (!(e instanceof ResponseError) || e.code === -32603 /* internal error */) failures.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
    for (const [name, text] of Object.entries(ODD)) {
      const uri = `untitled:${name}`;
      await client.open(uri, text, name.endsWith('.jsonc') ? 'jsonc' : 'json');
      const diagnostics = await client.waitForDiagnostics(uri, () => true, 30000);
      const textDocument = { uri };
      for (const position of POSITIONS) {
        await ask(`${name} hover ${JSON.stringify(position)}`, client.connection.sendRequest(HoverRequest.type, { textDocument, position }));
        await ask(`${name} completion`, client.complete(uri, position));
        await ask(`${name} definition`, client.connection.sendRequest(DefinitionRequest.type, { textDocument, position }));
      }
      await ask(`${name} symbols`, client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }));
      await ask(`${name} semantic tokens`, client.connection.sendRequest(SemanticTokensRequest.type, { textDocument }));
      await ask(`${name} code lens`, client.connection.sendRequest(CodeLensRequest.type, { textDocument }));
      // the real diagnostics, and forged ones whose payloads are not what the server wrote
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
      const forged = [
        ...diagnostics,
        { range, message: 'x', source: 'azure-backup-rbac', code: 'unknown-action', data: { reason: 'operation', suggestions: 5 } },
        { range, message: 'x', source: 'azure-backup-rbac', code: 'missing-operation-permissions', data: { kind: 'missing', addable: 'all' } },
        { range, message: 'x', source: 'azure-backup-rbac', code: 'duplicate-action', data: null },
        { range, message: 'x', source: 'azure-backup-rbac', code: 'data-action-in-actions', data: { from: 'nope', to: '__proto__' } },
        { range: { start: { line: 9999, character: 0 }, end: { line: 9999, character: 9 } }, message: 'x', source: 'azure-backup-rbac', code: 'no-such-rule' },
      ];
      await ask(`${name} code actions`, client.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: forged as never } }));
      await ask(`${name} fix all`, client.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: [], only: ['source.fixAll'] } }));
      await ask(`${name} coverage`, client.connection.sendRequest('azureBackupRbac/coverage', { uri }));
      for (const role of [0, -1, 1e9, 'x', null]) {
        for (const operation of ['vm-cross-region-restore', 7, undefined]) {
          await ask(`${name} add permissions ${String(role)} ${String(operation)}`,
            client.connection.sendRequest('azureBackupRbac/addMissingPermissions', { uri, version: 1, role, operation, part: role, permission: operation }));
        }
      }
      // an edit whose range lies past the end, and a version that goes back
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 5000, character: 0 }, end: { line: 6000, character: 0 } }, text: '"x"' }],
      });
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 1 }, contentChanges: [{ text: '{' }] });
      await client.close(uri);
    }
    for (const data of [undefined, null, 'x', [1e9, 0], [0, -1], { a: 1 }]) {
      await ask(`resolve ${JSON.stringify(data)}`, client.connection.sendRequest(CompletionResolveRequest.type, { label: 'x', data }));
    }
    for (const query of ['', '*', '\ud800', 'x'.repeat(100000)]) await ask('workspace symbols', client.connection.sendRequest(WorkspaceSymbolRequest.type, { query }));
    await ask('hover on a file never opened', client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///nowhere/x.json' }, position: POSITIONS[0] }));
    await ask('coverage of a file never opened', client.connection.sendRequest('azureBackupRbac/coverage', { uri: 'file:///nowhere/x.json' }));
    await ask('coverage without parameters', client.connection.sendRequest('azureBackupRbac/coverage', null));
    await ask('an edit for a file never opened', client.connection.sendRequest('azureBackupRbac/addMissingPermissions', { uri: 'file:///nowhere/x.json', version: 1, role: 0, operation: 'vm-cross-region-restore' }));
    await ask('an unknown request', client.connection.sendRequest('azureBackupRbac/nope', {}));
    assert.deepEqual(failures, []);

    // and it still works
    assert.ok(!client.exited, `the server exited:\n${client.stderr}`);
    await client.open('untitled:after.json', GOOD);
    const ds = await client.waitForDiagnostics('untitled:after.json', (d) => d.some((x) => x.code === 'unknown-action'));
    assert.match(String(ds[0].message), /did you mean 'Microsoft\.Compute\/virtualMachines\/read'/);
    assert.doesNotMatch(client.stderr, /Unhandled|TypeError|RangeError|at .*\.js:\d+/);
    // (faults the server survives are logged, not printed: none either)
    assert.deepEqual(client.logs.filter((l) => /^unexpected:| failed:/.test(l)), []);
  });

  it('answers a request the client cancelled while it waited with RequestCancelled', async () => {
    client = await LspClient.start();
    // a large template whose "fix all" keeps the server busy for a while
    const resources = Array.from({ length: 800 }, (_, i) => ({
      type: 'Microsoft.Authorization/roleDefinitions', apiVersion: '2022-04-01', name: `[guid(subscription().id, 'r${i}')]`,
      properties: { roleName: `Role ${i}`, permissions: [{ actions: ['Microsoft.Compute/virtualMachine/read', 'Microsoft.Compute/disk/read', 'Microsoft.Storage/storageAccount/read'] }], assignableScopes: ['[subscription().id]'] },
    }));
    const big = 'untitled:busy.json';
    await client.open(big, JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', resources }, null, 2));
    await client.waitForDiagnostics(big, (d) => d.length > 0, 60000);
    const uri = 'untitled:cancel.json';
    await client.open(uri, GOOD);
    await client.waitForDiagnostics(uri, () => true);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const started = Date.now();
    const busy = client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: big }, range, context: { diagnostics: [], only: ['source.fixAll'] } });
    await new Promise((r) => setTimeout(r, 100));
    // asked, then cancelled, while the server works on "fix all"
    const source = new CancellationTokenSource();
    const hover = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 60 } }, source.token);
    source.cancel();
    await assert.rejects(hover, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
    assert.ok((await busy)?.length, 'the busy request was answered');
    assert.ok(Date.now() - started > 150, 'the server was busy when the cancellation came');
    // a request that is not cancelled is answered as usual
    const answered = await client.hover(uri, { line: 0, character: 60 });
    assert.match(JSON.stringify(answered?.contents), /virtualMachine/);
  });
});
