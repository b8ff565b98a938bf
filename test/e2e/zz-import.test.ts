// Importing the user's own `az provider operation list` output in a real VS Code (runs last: the
// imported catalog stays in use for the rest of the session).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, ours, waitFor, workspaceFile } from './support';

describe('Importing a catalog in VS Code', () => {
  it('turns a false unknown-action into none after "Import Azure Operations File…"', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'json',
      content: JSON.stringify({ Name: 'dp', IsCustom: true, Actions: ['Microsoft.DataProtection/backupVaults/backupInstances/crossRegionRestore/action'],
        AssignableScopes: ['/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f'] }, null, 2),
    });
    await vscode.window.showTextDocument(doc);
    const d = await waitFor('the unknown-action warning', () => ours(doc.uri).find((x) => codeOf(x) === 'unknown-action'));
    assert.match(d.message, /not in the catalog snapshot of 2023-08-12 for Microsoft\.DataProtection/);
    await vscode.commands.executeCommand('azureBackupRbac.importOperationsFile', workspaceFile('imports', 'operations.json'));
    await waitFor('the warning to go', () => (ours(doc.uri).length === 0 ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
