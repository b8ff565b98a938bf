// Role assignments in a real VS Code: a custom role defined in one file, assigned in another.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, hoverText, ours, waitFor, workspaceFile } from './support';

describe('Role assignments in VS Code', () => {
  it('resolves the custom role of another file: hover and go to definition', async () => {
    const uri = workspaceFile('templates', 'assign-crr.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const finding = await waitFor('the scope finding', () => ours(uri).find((d) => codeOf(d) === 'assignment-scope-insufficient'));
    assert.match(finding.message, /Cross-Region Restore Operator' at a resource group is too low for Cross region restore/);

    const at = doc.positionAt(doc.getText().indexOf("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables") + 5);
    const text = await waitFor('the role hover', async () => {
      const t = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at)) ?? []);
      return t.includes('Cross-Region Restore Operator') ? t : undefined;
    });
    assert.match(text, /custom role in `crr-custom-role\.json`/);

    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, at);
    const target = locations.map((l) => ('targetUri' in l ? l.targetUri : l.uri))[0];
    assert.ok(target?.path.endsWith('/roles/crr-custom-role.json'), `definition in ${target?.toString()}`);
  });

  it('shows roles and assignments in the outline', async () => {
    const uri = workspaceFile('templates', 'assign-crr.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // VS Code's JSON support adds the keys of the file; ours name the roles and assignments
    const symbols = await waitFor('our symbols', async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
      return s?.some((x) => x.detail === 'role assignment') ? s : undefined;
    });
    assert.deepEqual(symbols.filter((x) => x.detail === 'role assignment').map((x) => x.name), ['Cross-Region Restore Operator → Group computed principal']);
  });
});
