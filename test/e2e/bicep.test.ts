// Bicep files in a VS Code without Microsoft's Bicep extension: they open in the `bicep` language
// this extension contributes (with its comments and brackets) and are checked like JSON role files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, hoverText, ours, waitFor, workspaceFile } from './support';

describe('Bicep files, with this extension alone', () => {
  const uri = () => workspaceFile('bicep', 'backup-job-reader.bicep');

  it('open as bicep and get the diagnostics at the exact string', async () => {
    const doc = await vscode.workspace.openTextDocument(uri());
    assert.equal(doc.languageId, 'bicep');
    await vscode.window.showTextDocument(doc);
    const unknown = await waitFor('unknown-action', () => ours(uri()).find((d) => codeOf(d) === 'unknown-action'));
    assert.equal(doc.getText(unknown.range), "'Microsoft.RecoveryServices/vaults/backupJobs/reed'");
    assert.match(unknown.message, /did you mean 'Microsoft\.RecoveryServices\/vaults\/backupJobs\/read'/i);
  });

  it('explain an action string on hover', async () => {
    const doc = await vscode.workspace.openTextDocument(uri());
    const offset = doc.getText().indexOf("'Microsoft.RecoveryServices/vaults/read'");
    const text = await waitFor('hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri(), doc.positionAt(offset + 5));
      const t = hoverText(hovers ?? []);
      return /Control-plane action/.test(t) ? t : undefined;
    });
    assert.match(text, /^`Microsoft\.RecoveryServices\/Vaults\/read`/);
  });

  it('comment out a line with //, from the language configuration', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'bicep', content: "var role = 'Backup Reader'\n" });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('editor.action.commentLine');
    await waitFor('the comment', () => (doc.getText() === "// var role = 'Backup Reader'\n" ? true : undefined), 10000);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
