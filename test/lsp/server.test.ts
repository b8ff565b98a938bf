// The language server over the real protocol: a child process spoken to by a real LSP client.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, MarkupKind } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lsp-client';

const SUB = '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f';
/** The diagnostics of the rule these tests follow (the role also draws missing-operation-permissions). */
const unknown = <T extends { code?: unknown }>(ds: T[]): T[] => ds.filter((d) => d.code === 'unknown-action');

const CLEAN = `{ "Name": "Reader", "IsCustom": true, "Actions": ["Microsoft.RecoveryServices/Vaults/read"], "AssignableScopes": ["${SUB}"] }`;
const ROLE = `{
  "Name": "CRR operator",
  "IsCustom": true,
  "Actions": [
    "Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action",
    "Microsoft.Compute/virtualMachine/read"
  ],
  "AssignableScopes": ["${SUB}"]
}`;

describe('language server (protocol)', function () {
  this.timeout(30000);
  let client: LspClient;
  afterEach(async () => {
    await client?.stop();
  });

  it('publishes diagnostics for an opened role file, with rule id, source, range and doc link', async () => {
    client = await LspClient.start();
    const uri = 'untitled:role-1.json';
    await client.open(uri, ROLE);
    const [d] = unknown(await client.waitForDiagnostics(uri, (ds) => unknown(ds).length > 0));
    assert.equal(d.code, 'unknown-action');
    assert.equal(d.source, 'azure-backup-rbac');
    assert.equal(d.severity, 2);
    assert.deepEqual(d.range, { start: { line: 5, character: 4 }, end: { line: 5, character: 43 } });
    assert.match(String(d.message), /did you mean 'Microsoft\.Compute\/virtualMachines\/read'\?$/);
    assert.match(d.codeDescription?.href ?? '', /^file:\/\/.*\/docs\/rules\.md#unknown-action$/);
  });

  it('clears the diagnostic when an edit fixes the string', async () => {
    client = await LspClient.start();
    const uri = 'untitled:role-2.json';
    await client.open(uri, ROLE);
    await client.waitForDiagnostics(uri, (ds) => unknown(ds).length === 1);
    // insert the missing "s" of virtualMachines
    await client.edit(uri, 2, { start: { line: 5, character: 37 }, end: { line: 5, character: 37 } }, 's');
    await client.waitForDiagnostics(uri, (ds) => unknown(ds).length === 0);
  });

  it('publishes nothing for JSON that is not a role file', async () => {
    client = await LspClient.start();
    const uri = 'untitled:package.json';
    await client.open(uri, '{ "name": "app", "actions": ["not/an/action"], "version": "1.0.0" }');
    const ds = await client.waitForDiagnostics(uri, () => true);
    assert.deepEqual(ds, []);
  });

  it('answers hovers on action strings and role GUIDs in Markdown', async () => {
    client = await LspClient.start();
    const uri = 'untitled:role-3.json';
    await client.open(uri, ROLE);
    const hover = await client.hover(uri, { line: 4, character: 40 });
    assert.ok(hover && typeof hover.contents === 'object' && 'kind' in hover.contents);
    assert.equal(hover.contents.kind, MarkupKind.Markdown);
    assert.match(hover.contents.value, /Trigger Cross region restore\./);
    assert.match(hover.contents.value, /Granted by \*\*Backup Operator\*\*/);
    assert.deepEqual(hover.range, { start: { line: 4, character: 4 }, end: { line: 4, character: 74 } });
    // the role's name: how it compares with the nearest built-in role (features/compare.ts)
    const name = await client.hover(uri, { line: 1, character: 12 });
    assert.match(name && typeof name.contents === 'object' && 'value' in name.contents ? name.contents.value : '', /^\*\*Compared with the built-in roles\*\*\n\nNearest: \*\*/);
  });

  it('applies per-rule severity settings and the on/off switch', async () => {
    client = await LspClient.start({ settings: { rules: { 'unknown-action': 'error' } } });
    const uri = 'untitled:role-4.json';
    await client.open(uri, ROLE);
    await client.waitForDiagnostics(uri, (ds) => unknown(ds).length === 1 && unknown(ds)[0].severity === 1);
    await client.changeSettings({ rules: { 'unknown-action': 'off' } });
    await client.waitForDiagnostics(uri, (ds) => unknown(ds).length === 0 && ds.length > 0);
    await client.changeSettings({ enable: false, rules: {} });
    await client.waitForDiagnostics(uri, (ds) => ds.length === 0);
    assert.equal(await client.hover(uri, { line: 4, character: 40 }), null);
    await client.changeSettings({});
    await client.waitForDiagnostics(uri, (ds) => unknown(ds).length === 1 && unknown(ds)[0].severity === 2);
  });

  describe('workspace', () => {
    let ws: string;
    beforeEach(() => {
      ws = mkdtempSync(join(tmpdir(), 'abr-ws-'));
      mkdirSync(join(ws, 'roles'));
      mkdirSync(join(ws, 'node_modules', 'dep'), { recursive: true });
      writeFileSync(join(ws, 'roles', 'crr.json'), ROLE);
      writeFileSync(join(ws, 'roles', 'clean.json'), CLEAN);
      writeFileSync(join(ws, 'node_modules', 'dep', 'role.json'), ROLE);
      writeFileSync(join(ws, 'package.json'), '{ "name": "ws" }');
    });
    afterEach(() => rmSync(ws, { recursive: true, force: true }));

    it('checks role files of the workspace before they are opened, skipping node_modules', async () => {
      client = await LspClient.start({ workspace: ws });
      const uri = pathToFileURL(join(ws, 'roles', 'crr.json')).href;
      const [d] = unknown(await client.waitForDiagnostics(uri, (ds) => unknown(ds).length === 1));
      assert.equal(d.code, 'unknown-action');
      assert.equal(client.published.has(pathToFileURL(join(ws, 'node_modules', 'dep', 'role.json')).href), false);
      assert.equal(client.published.has(pathToFileURL(join(ws, 'roles', 'clean.json')).href), false);
    });

    it('follows files changed and deleted on disk', async () => {
      client = await LspClient.start({ workspace: ws });
      const file = join(ws, 'roles', 'crr.json');
      const uri = pathToFileURL(file).href;
      await client.waitForDiagnostics(uri, (ds) => unknown(ds).length === 1);
      writeFileSync(file, ROLE.replace('virtualMachine/', 'virtualMachines/'));
      await client.filesChanged([{ uri, type: FileChangeType.Changed }]);
      await client.waitForDiagnostics(uri, (ds) => unknown(ds).length === 0);
      writeFileSync(file, ROLE);
      await client.filesChanged([{ uri, type: FileChangeType.Changed }]);
      await client.waitForDiagnostics(uri, (ds) => unknown(ds).length === 1);
      rmSync(file);
      await client.filesChanged([{ uri, type: FileChangeType.Deleted }]);
      await client.waitForDiagnostics(uri, (ds) => unknown(ds).length === 0);
    });

    it('prefers the editor text to the file on disk while a file is open, and returns to disk on close', async () => {
      client = await LspClient.start({ workspace: ws });
      const uri = pathToFileURL(join(ws, 'roles', 'crr.json')).href;
      await client.waitForDiagnostics(uri, (ds) => unknown(ds).length === 1);
      await client.open(uri, ROLE.replace('virtualMachine/', 'virtualMachines/'));
      await client.waitForDiagnostics(uri, (ds) => unknown(ds).length === 0);
      await client.close(uri);
      await client.waitForDiagnostics(uri, (ds) => unknown(ds).length === 1);
    });
  });

  it('survives malformed and hostile input', async () => {
    client = await LspClient.start();
    const inputs = ['{', '{"Name": "x", "IsCustom": true, "Actions": [1, {}, null, "[", "*/*/*"]', '\u0000\u0001', '[' .repeat(5000), `{"Name":"x","IsCustom":true,"Actions":["${'a'.repeat(200000)}"]}`];
    for (const [i, text] of inputs.entries()) {
      const uri = `untitled:hostile-${i}.json`;
      await client.open(uri, text);
      await client.waitForDiagnostics(uri, () => true);
      await client.hover(uri, { line: 0, character: 3 });
    }
    assert.equal(client.exited, false, client.stderr);
  });
});
