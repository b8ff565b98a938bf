// "Azure Backup RBAC: New Least-Privilege Role for Backup Operations…" in a real VS Code: the test
// drives the command's two quick picks with the workbench's own commands (move down, check an
// item, accept), reading what the picks show through the extension's API, and checks the untitled
// document it opens: an ARM template for cross-region restore, which the checker (running on it
// as on any open document) finds nothing in, with a code lens over each role.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../client/src/extension';
import type { PickState } from '../../client/src/generate-role';
import { openTabs, ours, waitFor } from './support';

describe('New Least-Privilege Role for Backup Operations in VS Code', () => {
  let api: ExtensionApi;
  before(async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'azure-backup-rbac');
    assert.ok(ext);
    api = (await ext.activate()) as ExtensionApi;
  });

  /** Moves the cursor of the pick whose title has `step` down to the item `wanted` names (its label or id). */
  async function moveTo(step: string, wanted: string): Promise<PickState> {
    await waitFor(`the pick ${step}`, () => (api.newRolePick()?.title.includes(step) ? true : undefined));
    for (let i = 0; i < 60; i++) {
      const state = api.newRolePick();
      if (state?.active.includes(wanted)) return state;
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await waitFor(`the cursor to move from ${state?.active.join(' ') || 'nowhere'}`, () => (api.newRolePick()?.active.join() !== state?.active.join() ? true : undefined), 5000);
    }
    throw new Error(`${wanted} not found in the pick ${step}`);
  }

  it('picks cross-region restore and the ARM shape, and opens a checked template with a role per scope', async () => {
    const before = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    let failed: unknown;
    const ran = Promise.resolve(vscode.commands.executeCommand<{ roles: number; operations: string[] } | undefined>('azureBackupRbac.newLeastPrivilegeRole'))
      .catch((e: unknown) => { failed = e; return undefined; });
    await waitFor('the command to show its first pick', () => {
      if (failed) throw new Error(`the command failed: ${String(failed)}`);
      return api.newRolePick() ? true : undefined;
    });

    // 1/2: the operations, grouped by workload; check cross-region restore of Azure VMs
    const first = await moveTo('(1/2)', 'vm-cross-region-restore');
    assert.ok(first.active.includes('Cross region restore'), first.active.join());
    await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
    await waitFor('the operation checked', () => (api.newRolePick()?.selected.includes('vm-cross-region-restore') ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');

    // 2/2: the shape
    await moveTo('(2/2)', 'ARM template');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');

    const answer = await ran;
    assert.ok(answer, 'the command answered');
    // cross-region restore needs the restore's own scopes besides the vault's subscription
    assert.deepEqual(answer.operations, ['vm-restore', 'vm-cross-region-restore']);
    const doc = await waitFor('the new untitled document', () =>
      vscode.workspace.textDocuments.find((d) => d.isUntitled && !before.has(d.uri.toString()) && d.getText().includes('subscriptionDeploymentTemplate')));
    assert.equal(vscode.window.activeTextEditor?.document, doc);
    assert.equal(doc.languageId, 'jsonc');
    const text = doc.getText();
    assert.match(text, /\/\/ azure-backup-rbac-operations vm-cross-region-restore@vault-subscription\n/);
    assert.match(text, /"Microsoft\.RecoveryServices\/locations\/backupCrossRegionRestore\/action"/);
    assert.equal(text.match(/"type": "Microsoft\.Authorization\/roleDefinitions"/g)?.length, answer.roles);
    assert.equal(text.match(/"type": "Microsoft\.Authorization\/roleAssignments"/g)?.length, answer.roles);

    // the checker runs on it as on any open document: a lens over each role, and no finding
    const lenses = await waitFor('a code lens over each role', async () => {
      const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri))?.filter((l) => l.command?.title.startsWith('Azure Backup'));
      return found && found.length === answer.roles ? found : undefined;
    });
    assert.ok(lenses.some((l) => l.command?.title === 'Azure Backup: enables Cross region restore at the subscription of the Recovery Services vault'), lenses.map((l) => l.command?.title).join('\n'));
    assert.deepEqual(ours(doc.uri).map((d) => d.message), []);
    // closed, and seen closed, before the next test opens an untitled document of its own: the
    // command closes whichever editor is active when it runs
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor('the template closed', () => (openTabs().includes(doc.uri.toString()) ? undefined : true));
  });
});
