// Modules: a role passed to a module of the workspace (Bicep `module … = { params: {…} }`, or an
// ARM deployment of a relative template) resolves inside the module's assignments, when every
// caller passes the same value; the session fed as the faces feed it (files read, documents open).
import * as assert from 'node:assert/strict';
import { type BicepParser, DEFAULT_SETTINGS, type FileContext, WorkspaceSession } from '../../server/src/core';
import { CRR_ROLE, loadBicepParser } from '../support/bicep';
import { catalog } from '../support/harness';

let bicep: BicepParser;
const bicepFile = (path: string): FileContext => ({ settings: DEFAULT_SETTINGS, path, language: 'bicep' });
const jsonFile = (path: string): FileContext => ({ settings: DEFAULT_SETTINGS, path });
const codes = (diagnostics: readonly { code: string }[]) => diagnostics.map((d) => d.code);

const ROLE = `targetScope = 'subscription'\n${CRR_ROLE}`;
const call = (name: string, path: string, role: string) => `module ${name} '${path}' = {
  scope: resourceGroup('rg-backup')
  name: '${name}'
  params: {
    roleDefinitionId: ${role}
    principalId: '00000000-0000-0000-0000-000000000001'
  }
}
`;
const MODULE = `param roleDefinitionId string
param principalId string
resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, roleDefinitionId)
  properties: {
    roleDefinitionId: roleDefinitionId
    principalId: principalId
    principalType: 'Group'
  }
}
`;
const MAIN = 'file:///ws/main.bicep';
const ASSIGN = 'file:///ws/modules/assign.bicep';

function session(): WorkspaceSession {
  const s = new WorkspaceSession({ catalog });
  s.useBicep(bicep);
  return s;
}

describe('modules', () => {
  before(async () => {
    bicep = await loadBicepParser();
  });

  it("resolves a custom role passed to a Bicep module inside the module's assignment, whichever file is read first", () => {
    for (const order of [[MAIN, ASSIGN], [ASSIGN, MAIN]]) {
      const s = session();
      const texts: Record<string, string> = { [MAIN]: ROLE + call('assign', 'modules/assign.bicep', 'crr.id'), [ASSIGN]: MODULE };
      const read = Object.fromEntries(order.map((uri) => [uri, s.readText(uri, texts[uri], 'bicep')]));
      const found = s.checkFile(ASSIGN, read[ASSIGN]!, bicepFile('modules/assign.bicep'));
      // the role is the file's CRR role: assigned in a resource group, too low for cross-region restore
      assert.deepEqual(codes(found), ['assignment-scope-insufficient'], order.join(' then '));
      assert.match(found[0].message, /^'CRR operator' at a resource group is too low for Cross region restore/);
    }
  });

  it('passes a built-in role GUID: a typo in the caller is found in the module that uses it', () => {
    const s = session();
    const module = MODULE.replace('roleDefinitionId: roleDefinitionId', "roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)");
    const document = s.readText(ASSIGN, module, 'bicep')!;
    s.readText(MAIN, call('assign', './modules/assign.bicep', "'a795c7a0-d4a2-40c1-ae25-d81f01202913'"), 'bicep');
    const found = s.checkFile(ASSIGN, document, bicepFile('modules/assign.bicep'));
    assert.deepEqual(codes(found), ['unknown-role-definition']);
    assert.match(found[0].message, /did you mean Backup Reader/);
  });

  it('judges nothing on a value the callers do not agree on, or that no caller passes', () => {
    const s = session();
    const document = s.readText(ASSIGN, MODULE, 'bicep')!;
    assert.deepEqual(codes(s.checkFile(ASSIGN, document, bicepFile('modules/assign.bicep'))), [], 'no caller: the parameter stays unknown');
    s.readText(MAIN, ROLE + call('assign', 'modules/assign.bicep', 'crr.id'), 'bicep');
    s.readText('file:///ws/other.bicep', call('assign', 'modules/assign.bicep', "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')"), 'bicep');
    assert.deepEqual(codes(s.checkFile(ASSIGN, document, bicepFile('modules/assign.bicep'))), [], 'two callers, two roles: which one is not known');
  });

  it('agrees again when the caller passing another value stops calling, and when it goes', () => {
    const s = session();
    const document = () => s.readText(ASSIGN, MODULE, 'bicep')!;
    const OTHER = 'file:///ws/other.bicep';
    s.readText(MAIN, ROLE + call('assign', 'modules/assign.bicep', 'crr.id'), 'bicep');
    const other = call('assign', 'modules/assign.bicep', "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')");
    s.readText(OTHER, other, 'bicep');
    assert.deepEqual(codes(s.checkFile(ASSIGN, document(), bicepFile('modules/assign.bicep'))), [], 'two callers disagree');
    s.readText(OTHER, other.replace('modules/assign.bicep', 'modules/elsewhere.bicep'), 'bicep');
    assert.deepEqual(codes(s.checkFile(ASSIGN, document(), bicepFile('modules/assign.bicep'))), ['assignment-scope-insufficient'], 'the other file calls another module now');
    s.readText(OTHER, other, 'bicep');
    assert.deepEqual(codes(s.checkFile(ASSIGN, document(), bicepFile('modules/assign.bicep'))), [], 'it calls this one again');
    s.deleteFile(OTHER);
    assert.deepEqual(codes(s.checkFile(ASSIGN, document(), bicepFile('modules/assign.bicep'))), ['assignment-scope-insufficient'], 'the other file is gone');
  });

  it('follows an edit of the caller in the editor into the open module', () => {
    const changed: string[] = [];
    const s = new WorkspaceSession({ catalog, onRolesChanged: (uri) => changed.push(uri) });
    s.useBicep(bicep);
    s.openDocument(ASSIGN, 1, MODULE, bicepFile('modules/assign.bicep'));
    s.openDocument(MAIN, 1, ROLE + call('assign', 'modules/assign.bicep', 'crr.id'), bicepFile('main.bicep'));
    s.diagnostics(MAIN);
    assert.deepEqual(codes(s.diagnostics(ASSIGN)), ['assignment-scope-insufficient']);
    assert.deepEqual(s.dependents(MAIN), [ASSIGN], 'the module is checked again when the caller changes');
    // the caller now passes a built-in role's GUID, mistyped
    s.updateDocument(MAIN, 2, ROLE + call('assign', 'modules/assign.bicep', "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae8')"));
    s.diagnostics(MAIN);
    assert.ok(changed.includes(MAIN));
    assert.deepEqual(codes(s.diagnostics(ASSIGN)), ['unknown-role-definition']);
  });

  it('reads ARM deployments of relative templates the same way', () => {
    const s = session();
    const module = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0',
      parameters: { roleGuid: { type: 'string' } },
      resources: [{ type: 'Microsoft.Authorization/roleAssignments', apiVersion: '2022-04-01', name: "[guid(resourceGroup().id, parameters('roleGuid'))]",
        properties: { roleDefinitionId: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', parameters('roleGuid'))]", principalId: '00000000-0000-0000-0000-000000000001', principalType: 'Group' } }],
    }, null, 2);
    const caller = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0',
      resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'assign',
        properties: { mode: 'Incremental', templateLink: { relativePath: 'nested/assign.json' }, parameters: { roleGuid: { value: 'acdd72a7-3385-48ef-bd42-f606fba81ae8' } } } }],
    }, null, 2);
    const document = s.readText('file:///ws/nested/assign.json', module)!;
    s.readText('file:///ws/main.json', caller);
    const found = s.checkFile('file:///ws/nested/assign.json', document, jsonFile('nested/assign.json'));
    assert.deepEqual(codes(found), ['unknown-role-definition']);
    assert.match(found[0].message, /did you mean Reader/);
  });
});
