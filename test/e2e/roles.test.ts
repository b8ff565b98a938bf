// A role from an activity log, and the comparison with the nearest built-in role, in a real VS Code:
// the command opens the role the server made as an untitled document, and the code lens over it
// says how it compares.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { openTabs, waitFor } from './support';

const ITEM = 'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems';
const VAULT = '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod';

describe('a role from an activity log in VS Code', () => {
  const file = join(tmpdir(), `abr-activity-${process.pid}.json`);
  after(() => rmSync(file, { force: true }));

  it('opens the role of what the caller did as an untitled document, with the comparison lens over it', async () => {
    const event = (caller: string, action: string, status: string) => ({
      caller, authorization: { action, scope: `${VAULT}/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-app;vm1/protectedItems/VM;iaasvmcontainerv2;rg-app;vm1` },
      status: { value: status }, category: { value: 'Administrative' }, eventTimestamp: '2026-11-03T21:04:40Z',
    });
    writeFileSync(file, JSON.stringify([event('alice@contoso.com', `${ITEM}/backup/action`, 'Succeeded'), event('bob@contoso.com', `${ITEM}/delete`, 'Succeeded')]));
    await vscode.commands.executeCommand('azureBackupRbac.newRoleFromActivityLog', vscode.Uri.file(file), 'cli', 'alice@contoso.com');
    // shown in an editor (which editor has the focus after the command is the workbench's to say)
    const doc = await waitFor('the role in an untitled editor', () =>
      vscode.window.visibleTextEditors.map((e) => e.document).find((d) => d.isUntitled && d.getText().includes('"Activity of alice@contoso.com"')))
      .catch((e: Error) => {
        const seen = vscode.workspace.textDocuments.filter((d) => d.isUntitled).map((d) => `${d.uri.toString()} ${JSON.stringify(d.getText().slice(0, 80))}`);
        const visible = vscode.window.visibleTextEditors.map((ed) => ed.document.uri.toString());
        throw new Error(`${e.message} (open tabs: ${openTabs().join(', ') || 'none'}; visible: ${visible.join(', ') || 'none'}; untitled documents: ${seen.join(', ') || 'none'})`);
      });
    assert.equal(doc.languageId, 'json');
    const role = JSON.parse(doc.getText()) as { Actions: string[] };
    assert.ok(role.Actions.includes(`${ITEM}/backup/action`));
    assert.ok(!role.Actions.includes(`${ITEM}/delete`), "bob's call");
    const lens = await waitFor('the comparison lens', async () =>
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri))?.find((l) => l.command?.title.startsWith('Compared:')));
    assert.match(lens.command?.title ?? '', /^Compared: nearest built-in role \w/);
  });
});
