// Writing a role in a real VS Code: completion of a partial action string, a repair quick fix.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, ours, waitFor } from './support';

const ROLE = (action: string) => `{
  "Name": "Authoring test",
  "IsCustom": true,
  "Actions": [
    "${action}"
  ],
  "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"]
}
`;

describe('Authoring roles in VS Code', () => {
  it('completes a partial action string with the operations of its resource type', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: ROLE('Microsoft.RecoveryServices/Locations/backupCr') });
    await vscode.window.showTextDocument(doc);
    const position = new vscode.Position(4, 5 + 'Microsoft.RecoveryServices/Locations/backupCr'.length);
    const list = await waitFor('completions', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
      return l.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'backupCrossRegionRestore/action') ? l : undefined;
    });
    const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'backupCrossRegionRestore/action')!;
    assert.equal(item.kind, vscode.CompletionItemKind.Function);
    assert.match(String(item.detail), /Trigger Cross region restore/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('repairs a misspelt action with the quick fix', async () => {
    // a new untitled document of its own name: VS Code hands a closed untitled document's name
    // (Untitled-1) to the next one, and the language client may then tell the server of the old
    // one's close after the new one's open
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse('untitled:authoring-repair.json'));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), ROLE('Microsoft.Compute/virtualMachine/read')));
    const d = await waitFor('the unknown-action warning', () => ours(doc.uri).find((x) => codeOf(x) === 'unknown-action'));
    // the editor may ask before the server has checked the version it shows: asked again until answered
    let titles: string[] = [];
    const fix = await waitFor('the quick fix', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
      titles = actions.map((a) => a.title);
      return actions.find((a) => a.title === 'Change to "Microsoft.Compute/virtualMachines/read"');
    }).catch((e: unknown) => assert.fail(`${String(e)}; offered: ${titles.join(', ')}`));
    assert.ok(fix.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.getText(), ROLE('Microsoft.Compute/virtualMachines/read'));
    await waitFor('the warning to go', () => (ours(doc.uri).length === 0 ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
