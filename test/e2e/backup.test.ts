// The cross-region-restore scenario in a real VS Code: the warning, the quick fix from the code
// action provider applied as VS Code applies it, the warning gone; the code lens over the role.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, ours, waitFor, workspaceFile } from './support';

const AAD = 'Microsoft.RecoveryServices/locations/backupAadProperties/read';

describe('Azure Backup in VS Code', () => {
  it('fixes a cross-region restore role that lacks a permission, with one quick fix', async () => {
    const uri = workspaceFile('roles', 'crr-missing-aad.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const isWarning = (d: vscode.Diagnostic) => codeOf(d) === 'missing-operation-permissions' && d.severity === vscode.DiagnosticSeverity.Warning;
    const missing = await waitFor('the missing-permissions warning', () => ours(uri).find(isWarning));
    assert.match(missing.message, /^Missing 'Microsoft\.RecoveryServices\/locations\/backupAadProperties\/read' for Cross region restore .* lacks 1 of the 6 permissions/);
    assert.equal(doc.getText(missing.range), '"Actions"');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, missing.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit, `a preferred fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.title, 'Add the missing permission for Cross region restore');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));

    const text = doc.getText();
    assert.equal(text.split(`"${AAD}"`).length - 1, 1);
    const parsed = JSON.parse(text) as { Actions: string[] };
    assert.equal(parsed.Actions.length, 6);
    await waitFor('the warning to go', () => (ours(uri).some(isWarning) ? undefined : true));
    // left: the note that cross-region restore needs Restore VM's permissions in addition, which another role may grant
    assert.deepEqual(ours(uri).map((d) => [codeOf(d), d.severity, /needs Restore VM's permissions there in addition/.test(d.message)]),
      [['missing-operation-permissions', vscode.DiagnosticSeverity.Information, true]]);
    await doc.save();
  });

  it('shows the Azure Backup code lens over a role', async () => {
    const uri = workspaceFile('roles', 'crr-restore-operator.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const lenses = await waitFor('a code lens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return found?.find((l) => l.command?.title.startsWith('Azure Backup'));
    });
    assert.equal(lenses.command?.command, 'azureBackupRbac.showCoverage');
    assert.match(lenses.command?.title ?? '', /Cross region restore: 1 missing/);
  });
});
