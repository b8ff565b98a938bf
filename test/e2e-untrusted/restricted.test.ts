// In Restricted Mode (a workspace not trusted) the extension does what it always does, reading and
// checking role files, while the settings a workspace could use to make it read other files
// (the catalog files, the size limit) are ignored: package.json declares them restricted, and
// VS Code leaves them out. The workspace's .vscode/settings.json names imports/operations.json,
// which, were it read, would make the action below known.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, ours, waitFor, workspaceFile } from '../e2e/support';

describe('Restricted Mode', () => {
  it('checks role files, and ignores the catalog file the workspace names', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace is not trusted');
    const settings = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('.vscode', 'settings.json')));
    assert.match(settings, /"azureBackupRbac\.catalog\.operationsFile": "imports\/operations\.json"/, 'the workspace sets it');
    assert.equal(vscode.workspace.getConfiguration('azureBackupRbac').get('catalog.operationsFile'), '', 'Restricted Mode leaves it out');
    const ext = vscode.extensions.getExtension('azure-backup-rbac.azure-backup-rbac') ?? vscode.extensions.all.find((e) => e.id.endsWith('azure-backup-rbac'));
    assert.ok(ext, 'the extension is installed');
    const doc = await vscode.workspace.openTextDocument({
      language: 'json',
      content: JSON.stringify({ Name: 'dp', IsCustom: true, Actions: ['Microsoft.DataProtection/backupVaults/backupInstances/crossRegionRestore/action', 'Microsoft.Compute/virtualMachine/read'],
        AssignableScopes: ['/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f'] }, null, 2),
    });
    await vscode.window.showTextDocument(doc);
    assert.ok(ext.isActive, 'the extension runs in Restricted Mode');
    const found = await waitFor('the checks', () => {
      const ds = ours(doc.uri).filter((d) => codeOf(d) === 'unknown-action');
      return ds.length === 2 ? ds : undefined;
    });
    // the bundled snapshot answered: the workspace's catalog file was not read
    assert.ok(found.some((d) => /not in the catalog snapshot of 2023-08-12 for Microsoft\.DataProtection/.test(d.message)), found.map((d) => d.message).join('\n'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
