// Bicep files over the real protocol (language id `bicep`): found by the workspace scan, checked
// when opened, answering hovers, completions, the outline, definitions and code lenses, and
// resolving custom roles across Bicep and JSON files both ways.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeLensRequest, DefinitionRequest, DocumentSymbolRequest, type Location, WorkspaceSymbolRequest } from 'vscode-languageserver-protocol';
import { REPO } from '../support/harness';
import { LspClient } from '../support/lsp-client';

const codes = (ds: { code?: unknown }[]) => ds.map((d) => String(d.code)).sort();
const markdown = (hover: { contents: unknown } | null) => (hover && typeof hover.contents === 'object' && hover.contents && 'value' in hover.contents ? String(hover.contents.value) : '');

describe('language server: Bicep files', function () {
  this.timeout(30000);
  let ws: string;
  let client: LspClient;
  const uriOf = (path: string) => pathToFileURL(join(ws, path)).href;
  const textOf = (path: string) => readFileSync(join(ws, path), 'utf8');
  beforeEach(async () => {
    ws = mkdtempSync(join(tmpdir(), 'abr-ws-bicep-'));
    cpSync(join(REPO, 'test', 'fixtures', 'workspace-bicep'), ws, { recursive: true });
    client = await LspClient.start({ workspace: ws });
  });
  afterEach(async () => {
    await client.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('scans Bicep files with the JSON ones: a custom role resolves across the two, both ways', async () => {
    // a JSON template assigns the role a Bicep file defines (the same guid(…) name)…
    const json = await client.waitForDiagnostics(uriOf('templates/assign-restore.json'), (d) => d.length > 0);
    assert.deepEqual(codes(json), ['assignment-scope-insufficient']);
    assert.match(String(json[0].message), /^'Restore Operator \(Bicep\)' at a resource group is too low for Cross region restore/);
    // …and a Bicep file assigns the role a JSON file defines (its GUID, through a variable)
    const bicep = await client.waitForDiagnostics(uriOf('templates/assign-crr.bicep'), (d) => d.length > 0);
    assert.deepEqual(codes(bicep), ['assignment-scope-insufficient']);
    assert.match(String(bicep[0].message), /^'Cross-Region Restore Operator' at a resource group/);
    assert.deepEqual(bicep[0].range.start, { line: 8, character: 22 }, 'on the roleDefinitionId value, in the Bicep text');
  });

  it('checks an open Bicep file as it is edited, with ranges in the Bicep text', async () => {
    const uri = uriOf('roles/restore-operator.bicep');
    const text = textOf('roles/restore-operator.bicep');
    await client.open(uri, text.replace("'Microsoft.RecoveryServices/locations/backupCrrJob/action'", "'Microsoft.RecoveryServices/locations/backupCrrJob/actions'"), 'bicep');
    const ds = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(codes(ds), ['missing-operation-permissions', 'unknown-action']);
    const unknown = ds.find((d) => d.code === 'unknown-action')!;
    assert.deepEqual(unknown.range, { start: { line: 13, character: 10 }, end: { line: 13, character: 69 } });
    // the typo mended: quiet
    await client.replace(uri, text, 2);
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
  });

  it('answers hovers and completions inside Bicep strings', async () => {
    const uri = uriOf('roles/restore-operator.bicep');
    const text = textOf('roles/restore-operator.bicep');
    await client.open(uri, text, 'bicep');
    await client.waitForDiagnostics(uri, () => true);
    const line = text.split('\n').findIndex((l) => l.includes('backupCrossRegionRestore/action'));
    const hover = markdown(await client.hover(uri, { line, character: 40 }));
    assert.match(hover, /^`Microsoft\.RecoveryServices\/locations\/backupCrossRegionRestore\/action`\n\nTrigger Cross region restore\./);
    assert.match(hover, /_The catalog writes it `Microsoft\.RecoveryServices\/Locations\/backupCrossRegionRestore\/action`; Azure compares/);
    assert.match(hover, /Control-plane action \(goes in `actions`\)/);
    // completion right after `Microsoft.RecoveryServices/locations/backupCrr` offers the CRR operations
    const character = text.split('\n')[line + 2].indexOf('backupCrrJobs') + 'backupCrr'.length;
    const list = await client.complete(uri, { line: line + 2, character });
    const labels = (Array.isArray(list) ? list : list?.items ?? []).map((i) => i.label);
    assert.ok(labels.includes('backupCrrJobs/action') && labels.includes('backupCrrJob/action'), JSON.stringify(labels.slice(0, 10)));
  });

  it('lists Bicep roles and assignments in the outline, goes to a role defined in JSON, and shows the code lens', async () => {
    const uri = uriOf('templates/assign-crr.bicep');
    const text = textOf('templates/assign-crr.bicep');
    await client.open(uri, text, 'bicep');
    await client.waitForDiagnostics(uri, (d) => codes(d).join() === 'assignment-scope-insufficient');
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    assert.deepEqual((symbols as { name: string; detail?: string }[]).map((s) => [s.name, s.detail]), [['Cross-Region Restore Operator → Group computed principal', 'role assignment']]);
    const line = text.split('\n').findIndex((l) => l.includes('roleDefinitionId:'));
    const def = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line, character: 30 } })) as Location;
    assert.equal(def.uri, uriOf('roles/crr-operator.json'));
    // the role defined in Bicep: found by name among the workspace symbols, with its lens
    const found = await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'restore operator (bicep)' });
    assert.deepEqual((found as { name: string; location: Location }[]).map((s) => [s.name, s.location.uri]), [['Restore Operator (Bicep)', uriOf('roles/restore-operator.bicep')]]);
    const roleUri = uriOf('roles/restore-operator.bicep');
    await client.open(roleUri, textOf('roles/restore-operator.bicep'), 'bicep');
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: roleUri } });
    assert.equal(lenses?.length, 1);
    assert.match(String(lenses?.[0].command?.title), /Cross region restore/);
    assert.equal(lenses?.[0].range.start.line, 3, 'over the role resource');
  });
});
