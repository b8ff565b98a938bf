// The Azure Backup Coverage view in a real VS Code: the code lens reveals it focused on the role;
// its tree (read from the running view's provider through the extension's API) shows the
// operation, its scope and the missing string; "Add missing permissions" edits the document; the
// view follows the edit and the active editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CoverageApi, CoverageItem } from '../../client/src/coverage-view';
import type { ExtensionApi } from '../../client/src/extension';
import { waitFor, workspaceFile } from './support';

const AAD = 'Microsoft.RecoveryServices/locations/backupAadProperties/read';

const flatten = (items: readonly CoverageItem[]): CoverageItem[] => items.flatMap((i) => [i, ...flatten(i.children)]);

describe('Azure Backup Coverage view in VS Code', () => {
  let coverage: CoverageApi;
  before(async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'azure-backup-rbac');
    assert.ok(ext);
    coverage = ((await ext.activate()) as ExtensionApi).coverage;
  });

  it('opens from the code lens on the role, shows what it lacks, and adds it with one action', async () => {
    const uri = workspaceFile('roles', 'crr-coverage-view.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);

    // the lens sits above the line the role object starts on
    const lens = await waitFor('the code lens', async () =>
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri))?.find((l) => l.command?.title.startsWith('Azure Backup')));
    assert.equal(lens.range.start.line, 0);
    assert.equal(doc.lineAt(0).text, '{');
    assert.ok(lens.command);
    await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));

    const [role] = await waitFor('the role in the view', async () => {
      const items = await coverage.items();
      return items[0]?.label === 'CRR Operator (coverage view)' ? items : undefined;
    });
    await waitFor('the role selected', () => (coverage.selection()[0] === 'CRR Operator (coverage view)' ? true : undefined));
    assert.equal(coverage.message(), undefined);
    assert.equal(role.description, 'Cross region restore: 1 missing');

    // what the role is meant for (cross-region restore, in the VM and the SQL/HANA tables) on top
    // and open; the other operations folded under "Not granted"
    assert.deepEqual(role.children.map((c) => [c.label, c.expanded]), [
      ['Azure VM backup', true], ['Azure workload backups (SQL and HANA DB backups)', true], ['Not granted', false]]);
    const operations = flatten([role]).filter((i) => i.contextValue?.startsWith('operation'));
    assert.equal(operations.length, 46, 'every operation of the tables, once');
    assert.deepEqual(role.children.slice(0, 2).map((w) => w.children.map((o) => [o.label, o.description])),
      [[['Cross region restore', 'meant for · 1 of 6 missing']], [['Cross region restore', 'meant for · 1 of 6 missing']]]);
    assert.equal(role.children[2].description, '44 operations');
    assert.ok(role.children[2].children.flatMap((w) => w.children).every((o) => o.description === 'none granted' && o.icon === 'dash'));
    const [crr] = role.children[0].children;
    assert.deepEqual([crr.icon, crr.contextValue, crr.expanded], ['error', 'operation.addable', true]);
    const [scope] = crr.children;
    assert.deepEqual([scope.label, scope.description, scope.icon, scope.expanded], ['The subscription of the Recovery Services vault', 'Backup Operator · 1 of 6 missing', 'error', true]);
    assert.deepEqual(scope.children.map((p) => [p.label, p.description, p.contextValue]), [[AAD, 'missing', 'permission.addable']]);
    // every glyph is a codicon; the text has no combining marks (which render as boxes)
    for (const item of flatten([role])) {
      for (const text of [item.label, item.description ?? '', item.tooltip ?? '']) assert.doesNotMatch(text, /\p{M}/u, text);
    }

    // "Add missing permissions" on the operation: the edit lands in the document, unsaved
    await vscode.commands.executeCommand('azureBackupRbac.coverage.addMissingPermissions', crr.element);
    await waitFor('the edit', () => (doc.getText().includes(AAD) ? true : undefined));
    const actions = (JSON.parse(doc.getText()) as { Actions: string[] }).Actions;
    assert.equal(actions.filter((a) => a === AAD).length, 1);
    assert.equal(actions.length, 6);
    assert.ok(doc.isDirty);

    // the view follows the edit
    const done = await waitFor('the operation to show complete', async () => {
      const [r] = await coverage.items();
      const op = r?.children[0]?.children.find((c) => c.label === 'Cross region restore');
      return op?.description === 'meant for · all granted' ? op : undefined;
    });
    assert.deepEqual([done.icon, done.contextValue], ['pass', 'operation']);

    // a click on the role selects it in the editor
    const [fixedRole] = await coverage.items();
    await vscode.commands.executeCommand('azureBackupRbac.coverage.revealRole', fixedRole.element);
    const editor = await waitFor('the role name selected', () => {
      const e = vscode.window.activeTextEditor;
      return e && !e.selection.isEmpty && e.document === doc ? e : undefined;
    });
    assert.equal(doc.getText(editor.selection), '"CRR Operator (coverage view)"');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('follows the active editor, and says so when it holds no role', async () => {
    await vscode.commands.executeCommand('azureBackupRbac.coverage.focus');
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: '{ "name": "not-a-role", "version": "1.0.0" }\n' });
    await vscode.window.showTextDocument(doc);
    await waitFor('the message', () => (coverage.message()?.startsWith('The active editor holds no Azure role definition') ? true : undefined));
    assert.deepEqual(await coverage.items(), []);

    // and back to a role file
    const role = await vscode.workspace.openTextDocument(workspaceFile('roles', 'crr-custom-role.json'));
    await vscode.window.showTextDocument(role);
    const [item] = await waitFor('the role', async () => {
      const items = await coverage.items();
      return items[0]?.label === 'Cross-Region Restore Operator' ? items : undefined;
    });
    assert.equal(coverage.message(), undefined);
    assert.equal(item.description, 'enables Cross region restore');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
