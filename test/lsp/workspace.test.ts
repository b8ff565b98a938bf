// Role assignments resolved across the files of a workspace, over the real protocol.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DefinitionRequest, DocumentSymbolRequest, FileChangeType, type Location, WorkspaceSymbolRequest } from 'vscode-languageserver-protocol';
import { REPO } from '../support/harness';
import { LspClient } from '../support/lsp-client';

const codes = (ds: { code?: unknown }[]) => ds.map((d) => String(d.code)).sort();

describe('language server: assignments across the workspace', function () {
  this.timeout(30000);
  let ws: string;
  let client: LspClient;
  let roleUri: string;
  let assignUri: string;
  beforeEach(async () => {
    ws = mkdtempSync(join(tmpdir(), 'abr-ws-roles-'));
    cpSync(join(REPO, 'test', 'fixtures', 'workspace-roles'), ws, { recursive: true });
    roleUri = pathToFileURL(join(ws, 'roles', 'crr-operator.json')).href;
    assignUri = pathToFileURL(join(ws, 'templates', 'assign-crr.json')).href;
    client = await LspClient.start({ workspace: ws });
  });
  afterEach(async () => {
    await client.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  /**
   * Starts the server again over the workspace and 400 files that hold no role, opens a document,
   * and returns once the scan has read its first files and has more to read.
   */
  async function restartMidScan(uri: string, text: string): Promise<void> {
    await client.stop();
    for (let i = 0; i < 400; i++) writeFileSync(join(ws, `noise-${i}.json`), JSON.stringify({ name: `pkg-${i}`, version: '1.0.0', description: 'x'.repeat(2000), actions: ['build', 'test'] }));
    client = await LspClient.start({ workspace: ws, trace: 'messages' });
    await client.open(uri, text);
    const [, read, total] = /^workspace scan: (\d+) of (\d+) files/.exec(await client.waitForTrace(/^workspace scan: \d+ of \d+ files/))!.map(Number);
    assert.ok(read < total, `the scan read ${read} of ${total} files in its first step`);
  }

  it('resolves a custom role defined in another file: the scope is judged, the GUID is known', async () => {
    const ds = await client.waitForDiagnostics(assignUri, (d) => d.length > 0);
    assert.deepEqual(codes(ds), ['assignment-scope-insufficient'], 'the role is indexed before any file is checked');
    assert.match(String(ds[0].message), /^'Cross-Region Restore Operator' at a resource group is too low for Cross region restore, which needs its permissions at the subscription of the Recovery Services vault/);
  });

  it('reports the role as unknown once the file that defines it is deleted', async () => {
    await client.waitForDiagnostics(assignUri, (d) => d.length > 0);
    rmSync(join(ws, 'roles', 'crr-operator.json'));
    await client.filesChanged([{ uri: roleUri, type: FileChangeType.Deleted }]);
    const ds = await client.waitForDiagnostics(assignUri, (d) => codes(d).includes('unknown-role-definition'));
    assert.match(String(ds.find((d) => d.code === 'unknown-role-definition')!.message), /^'6f1c9e7a-3b2d-4c8e-9f0a-1b2c3d4e5f60' names no role, built-in or of the workspace/);
  });

  it('follows an edit of the role in the editor: widening it to restores makes the finding change', async () => {
    await client.waitForDiagnostics(assignUri, (d) => d.length > 0);
    // the open role loses its CRR permission: it is no longer "meant for" cross-region restore
    const text = readFileSync(join(ws, 'roles', 'crr-operator.json'), 'utf8');
    await client.open(roleUri, text.replace('"Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action",\n', ''));
    await client.waitForDiagnostics(assignUri, (d) => d.length === 0);
  });

  it('forgets the roles of an untitled file once it is closed', async () => {
    await client.waitForDiagnostics(assignUri, (d) => d.length > 0);
    rmSync(join(ws, 'roles', 'crr-operator.json'));
    await client.filesChanged([{ uri: roleUri, type: FileChangeType.Deleted }]);
    await client.waitForDiagnostics(assignUri, (d) => codes(d).includes('unknown-role-definition'));
    // the same role, pasted into a new untitled editor: the assignment resolves to it
    const text = readFileSync(join(REPO, 'test', 'fixtures', 'workspace-roles', 'roles', 'crr-operator.json'), 'utf8');
    await client.open('untitled:Untitled-1', text);
    await client.waitForDiagnostics(assignUri, (d) => codes(d).join() === 'assignment-scope-insufficient');
    // closed without saving: it is gone
    await client.close('untitled:Untitled-1');
    await client.waitForDiagnostics(assignUri, (d) => codes(d).includes('unknown-role-definition'));
  });

  it('hovers the role reference with the custom role, and goes to its definition', async () => {
    const text = readFileSync(join(ws, 'templates', 'assign-crr.json'), 'utf8');
    await client.open(assignUri, text);
    // once the scan has indexed the role of the other file, the assignment resolves
    await client.waitForDiagnostics(assignUri, (d) => codes(d).join() === 'assignment-scope-insufficient');
    const line = text.split('\n').findIndex((l) => l.includes('"roleDefinitionId"'));
    const character = text.split('\n')[line].indexOf('subscriptionResourceId');
    const hover = await client.hover(assignUri, { line, character });
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(value, /^\*\*Cross-Region Restore Operator\*\* · custom role in `crr-operator\.json`\n\nRestores VMs in the paired region/);
    assert.match(value, /Azure Backup: enables 2 operations: Cross region restore \(Azure VM, SQL\/HANA\)\./);
    const def = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: assignUri }, position: { line, character } })) as Location;
    assert.equal(def.uri, roleUri);
    assert.deepEqual(def.range.start, { line: 4, character: 16 });
  });

  it('lists roles and assignments in the outline, and finds custom roles by name', async () => {
    const text = readFileSync(join(ws, 'templates', 'assign-crr.json'), 'utf8');
    await client.open(assignUri, text);
    // once the scan has indexed the role of the other file, the assignment resolves
    await client.waitForDiagnostics(assignUri, (d) => codes(d).join() === 'assignment-scope-insufficient');
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: assignUri } });
    assert.deepEqual((symbols as { name: string; detail?: string }[]).map((s) => [s.name, s.detail]), [['Cross-Region Restore Operator → Group computed principal', 'role assignment']]);
    const found = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'crrop' });
    assert.deepEqual((found as { name: string; location: Location }[]).map((s) => [s.name, s.location.uri]), [['Cross-Region Restore Operator', roleUri]]);
  });

  it('names the custom role of another file in the outline, and finds it by name, when asked while the scan is still reading files (VS Code keeps the symbols until the next edit)', async () => {
    await restartMidScan(assignUri, readFileSync(join(ws, 'templates', 'assign-crr.json'), 'utf8'));
    const [symbols, found] = await Promise.all([
      client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: assignUri } }),
      client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'crrop' }),
    ]);
    assert.deepEqual((symbols as { name: string }[]).map((s) => s.name), ['Cross-Region Restore Operator → Group computed principal']);
    assert.deepEqual((found as { name: string }[]).map((s) => s.name), ['Cross-Region Restore Operator']);
    // messages arrive in the order the server sent them: the answers waited for the index
    assert.ok(client.traces.some((l) => /^workspace scan: every file read/.test(l)), 'answered before the scan had read every file');
  });

  it('keeps no one waiting for an index where there is no folder to scan', async () => {
    await client.stop();
    client = await LspClient.start();
    const uri = 'untitled:role.json';
    await client.open(uri, readFileSync(join(ws, 'roles', 'crr-operator.json'), 'utf8'));
    const started = Date.now();
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    const took = Date.now() - started;
    assert.deepEqual((symbols as { name: string }[]).map((s) => s.name), ['Cross-Region Restore Operator']);
    // symbols wait for the index for 10 s at most: an answer within half of that did not time out
    assert.ok(took < 5000, `symbols answered in ${took} ms`);
  });

  it('reloads and scans once for a burst of settings changes (an editor may announce one twice)', async () => {
    const scans = () => client.logs.filter((l) => /^Checked \d+ JSON and Bicep files of the workspace/.test(l)).length;
    await client.waitForLog(/^Checked \d+ JSON and Bicep files of the workspace/);
    assert.equal(scans(), 1);
    await client.changeSettings({ rules: { 'prefer-group-assignment': 'off' } });
    await client.changeSettings({ rules: { 'prefer-group-assignment': 'off' } });
    const deadline = Date.now() + 5000;
    while (scans() < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500)); // time for a second scan, were there one
    assert.equal(scans(), 2);
  });

  it('stays responsive while indexing a large workspace: a hover is answered while the scan is still reading files', async () => {
    const uri = 'untitled:role.json';
    await restartMidScan(uri, '{\n  "Name": "x",\n  "IsCustom": true,\n  "Actions": ["Microsoft.RecoveryServices/Vaults/read"],\n  "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"]\n}');
    const started = Date.now();
    const hover = await client.hover(uri, { line: 3, character: 20 });
    const took = Date.now() - started;
    // messages arrive in the order the server sent them: had the scan ended before the answer, its
    // closing log line would be here already
    const finished = client.logs.filter((l) => /^Checked \d+ JSON and Bicep files of the workspace/.test(l));
    assert.deepEqual(finished, [], 'the scan had finished before the hover was answered, so this run shows nothing');
    assert.match(JSON.stringify(hover?.contents), /Microsoft\.RecoveryServices\/Vaults\/read/);
    assert.ok(took < 2000, `a hover answered in ${took} ms during the scan`);
    await client.waitForLog(/^Checked \d+ JSON and Bicep files of the workspace/);
    await client.waitForDiagnostics(assignUri, (d) => d.length > 0);
  });
});
