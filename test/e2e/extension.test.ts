// The extension in a real VS Code: diagnostics in the Problems model, hovers from the hover
// provider, the workspace scan, settings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, hoverText, ours, waitFor, workspaceFile } from './support';

describe('Azure Backup RBAC in VS Code', () => {
  it('activates on a JSON role file', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('roles', 'crr-restore-operator.json'));
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'azure-backup-rbac');
    assert.ok(ext, 'extension is installed');
    await waitFor('activation', () => ext.isActive || undefined);
  });

  it('shows diagnostics for a broken role file at the exact string, with the rule id', async () => {
    const uri = workspaceFile('roles', 'crr-restore-operator.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waitFor('diagnostics', () => {
      const d = ours(uri);
      return d.length >= 2 ? d : undefined;
    });
    const unknown = diagnostics.find((d) => codeOf(d) === 'unknown-action');
    assert.ok(unknown, `unknown-action among ${diagnostics.map(codeOf).join(', ')}`);
    assert.equal(doc.getText(unknown.range), '"Microsoft.RecoveryServices/locations/backupCrrJob/actions"');
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(unknown.message, /did you mean 'Microsoft\.RecoveryServices\/Locations\/backupCrrJob\/action'/);
    const plane = diagnostics.find((d) => codeOf(d) === 'data-action-in-actions');
    assert.ok(plane);
    assert.equal(plane.severity, vscode.DiagnosticSeverity.Error);
  });

  it('explains an action string on hover', async () => {
    const uri = workspaceFile('roles', 'crr-restore-operator.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    const offset = doc.getText().indexOf('backupCrossRegionRestore');
    const text = await waitFor('hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, doc.positionAt(offset + 3));
      const t = hoverText(hovers ?? []);
      return /Trigger Cross region restore/.test(t) ? t : undefined;
    });
    assert.match(text, /Control-plane action/);
    assert.match(text, /Granted by \*\*Backup Operator\*\*, \*\*Backup Contributor\*\*/);
  });

  it('explains a built-in role GUID in an ARM template on hover', async () => {
    const uri = workspaceFile('templates', 'vault-automation.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const offset = doc.getText().indexOf('5e467623-bb1f-42f4-a55d-6e525e11384b');
    const text = await waitFor('role hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, doc.positionAt(offset + 10));
      const t = hoverText(hovers ?? []);
      return /Backup Contributor/.test(t) ? t : undefined;
    });
    assert.match(text, /\*\*Backup Contributor\*\* · built-in role `5e467623-bb1f-42f4-a55d-6e525e11384b`/);
  });

  it('reports role files of the workspace that were never opened', async () => {
    const uri = workspaceFile('roles', 'not-opened.json');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()));
    const diagnostics = await waitFor('workspace diagnostics', () => {
      const d = ours(uri);
      return d.length > 0 ? d : undefined;
    });
    assert.deepEqual(diagnostics.map(codeOf), ['privilege-escalation']);
  });

  it('follows an edit: the diagnostic goes when the string is fixed', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'json',
      content: '{\n  "Name": "Edit me",\n  "IsCustom": true,\n  "Actions": ["Microsoft.Compute/virtualMachine/read"],\n  "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"]\n}\n',
    });
    const editor = await vscode.window.showTextDocument(doc);
    await waitFor('the diagnostic', () => (ours(doc.uri).length === 1 ? true : undefined));
    const at = doc.positionAt(doc.getText().indexOf('virtualMachine/') + 'virtualMachine'.length);
    await editor.edit((e) => e.insert(at, 's'));
    await waitFor('the diagnostic to go', () => (ours(doc.uri).length === 0 ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('honours the per-rule severity setting', async () => {
    const uri = workspaceFile('roles', 'crr-restore-operator.json');
    // it is reported first (the workspace scan), so that "off" below has something to take away
    await waitFor('unknown-action to be reported', () => (ours(uri).some((d) => codeOf(d) === 'unknown-action') ? true : undefined));
    const config = vscode.workspace.getConfiguration('azureBackupRbac');
    await config.update('rules', { 'unknown-action': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('unknown-action to be off', () => (ours(uri).some((d) => codeOf(d) === 'unknown-action') ? undefined : true));
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('unknown-action to return', () => (ours(uri).some((d) => codeOf(d) === 'unknown-action') ? true : undefined));
  });
});
