// Authoring over the protocol: completion items as an editor receives them, semantic tokens, the
// size limit and the include/exclude settings.
import * as assert from 'node:assert/strict';
import { CompletionItemKind, type CompletionList, CompletionRequest, DocumentSymbolRequest, InsertTextFormat, SemanticTokensRequest } from 'vscode-languageserver-protocol';
import { join } from 'node:path';
import { REPO } from '../support/harness';
import { LspClient } from '../support/lsp-client';

const role = (action: string) => `{
  "Name": "r",
  "IsCustom": true,
  "Actions": [
    "${action}"
  ],
  "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"]
}`;

describe('language server: authoring', function () {
  this.timeout(30000);
  let client: LspClient;
  afterEach(async () => {
    await client?.stop();
  });

  it('completes an action string segment by segment, with kinds, edits and a re-trigger', async () => {
    client = await LspClient.start();
    const uri = 'untitled:complete.json';
    await client.open(uri, role('Microsoft.RecoveryServices/Locations/'));
    const list = (await client.complete(uri, { line: 4, character: 42 })) as CompletionList;
    const crr = list.items.find((i) => i.label === 'backupCrossRegionRestore/action');
    assert.equal(crr?.kind, CompletionItemKind.Function);
    // every item replaces the same text: the range is said once for the list (as VS Code takes it)
    assert.deepEqual(list.itemDefaults?.editRange, { start: { line: 4, character: 5 }, end: { line: 4, character: 42 } });
    assert.equal(crr?.textEditText, 'Microsoft.RecoveryServices/Locations/backupCrossRegionRestore/action');
    assert.equal(crr?.textEdit, undefined);
    // the documentation comes when the item is shown (completionItem/resolve), not with the list
    assert.equal(crr?.documentation, undefined);
    const resolved = await client.resolveCompletion(crr!);
    assert.match(JSON.stringify(resolved.documentation), /Microsoft\.RecoveryServices\/Locations\/backupCrossRegionRestore\/action/);
    await client.replace(uri, role('Microsoft.Recov'), 2);
    const providers = (await client.complete(uri, { line: 4, character: 20 })) as CompletionList;
    const rs = providers.items.find((i) => i.label === 'Microsoft.RecoveryServices/');
    assert.equal(rs?.kind, CompletionItemKind.Module);
    assert.equal(rs?.command?.command, 'editor.action.triggerSuggest');
  });

  it('gives every completion item its own edit for a client without list defaults', async () => {
    client = await LspClient.start({ minimal: true });
    const uri = 'untitled:complete-minimal.json';
    await client.open(uri, role('Microsoft.RecoveryServices/Locations/'));
    const list = (await client.complete(uri, { line: 4, character: 42 })) as CompletionList;
    const crr = list.items.find((i) => i.label === 'backupCrossRegionRestore/action');
    assert.equal(list.itemDefaults, undefined);
    assert.deepEqual(crr?.textEdit, { range: { start: { line: 4, character: 5 }, end: { line: 4, character: 42 } }, newText: 'Microsoft.RecoveryServices/Locations/backupCrossRegionRestore/action' });
  });

  it('offers snippets with tab stops in an empty file', async () => {
    client = await LspClient.start();
    const uri = 'untitled:empty.json';
    await client.open(uri, '');
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } })) as CompletionList;
    assert.equal(list.items[0].insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(list.items[0].kind, CompletionItemKind.Snippet);
  });

  it('marks operations no longer in the docs as deprecated semantic tokens', async () => {
    client = await LspClient.start();
    const uri = 'untitled:deprecated.json';
    await client.open(uri, role('Microsoft.RecoveryServices/Vaults/tokenInfo/read'));
    const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
    // line 4, column 5, length, token type 0 (function), modifiers 1 (deprecated)
    assert.deepEqual(tokens?.data, [4, 5, 'Microsoft.RecoveryServices/Vaults/tokenInfo/read'.length, 0, 1]);
  });

  it('checks no file over the size limit, and says so once', async () => {
    client = await LspClient.start({ settings: { maxFileSize: 2048 } });
    const uri = 'untitled:big.json';
    await client.open(uri, role('Microsoft.Computer/x/read').replace('"r"', `"${'r'.repeat(3000)}"`));
    const ds = await client.waitForDiagnostics(uri, () => true);
    assert.deepEqual(ds.map((d) => [d.code, d.severity]), [['file-too-large', 3]]);
    assert.match(String(ds[0].message), /^Not checked: this file \(\d KB\) is over the 2 KB limit of azureBackupRbac\.maxFileSize; raise the limit to check it\.$/);
    // nor read for any request: no outline, no hover, no semantic tokens
    assert.equal(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), null);
    assert.equal(await client.hover(uri, { line: 4, character: 10 }), null);
    assert.deepEqual((await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }))?.data, []);
  });
  it('gives the size note the severity the settings ask for, or none when it is off', async () => {
    const big = role('Microsoft.Computer/x/read').replace('"r"', `"${'r'.repeat(3000)}"`);
    client = await LspClient.start({ settings: { maxFileSize: 2048, rules: { 'file-too-large': 'warning' } } });
    await client.open('untitled:big-warning.json', big);
    const ds = await client.waitForDiagnostics('untitled:big-warning.json', () => true);
    assert.deepEqual(ds.map((d) => [d.code, d.severity]), [['file-too-large', 2]]);
    assert.match(ds[0].codeDescription?.href ?? '', /rules\.md#file-too-large$/);
    await client.changeSettings({ maxFileSize: 2048, rules: { 'file-too-large': 'off' } });
    await client.waitForDiagnostics('untitled:big-warning.json', (d) => d.length === 0);
  });
});

describe('language server: imported catalog', function () {
  this.timeout(30000);
  let client: LspClient;
  afterEach(async () => {
    await client?.stop();
  });

  it('follows azureBackupRbac.catalog.operationsFile, and tells the client which catalog is in use', async () => {
    client = await LspClient.start();
    const uri = 'untitled:dp.json';
    await client.open(uri, role('Microsoft.DataProtection/backupVaults/backupInstances/crossRegionRestore/action'));
    await client.waitForDiagnostics(uri, (ds) => ds.length === 1 && ds[0].code === 'unknown-action');
    await client.changeSettings({ catalog: { operationsFile: join(REPO, 'test', 'fixtures', 'imports', 'operations.json') } });
    await client.waitForDiagnostics(uri, (ds) => ds.length === 0);
    assert.match(client.catalogStatus.at(-1)?.label ?? '', /^RBAC catalog: imported \d{4}-\d{2}-\d{2}$/);
  });
});
