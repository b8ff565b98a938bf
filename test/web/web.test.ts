// The extension in VS Code's web worker extension host, its language server in a Web Worker, as on
// vscode.dev and github.dev: diagnostics, a hover and a quick fix in a JSON and in a Bicep role
// file, a completion, the code lens and the coverage view, and the workspace's files read through
// the editor (a file never opened is checked; an assignment resolves a custom role of another
// file). The last test leaves a Bicep
// role on screen with its warning's hover, for the harness's screenshot (test-results/web.png).
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../client/src/activate';
import type { CoverageItem } from '../../client/src/coverage-view';
import { codeOf, hoverText, ours, waitFor, workspaceFile } from '../e2e/support';

// node:assert is not in a browser: the few checks the tests make
function ok(value: unknown, message: string): asserts value {
  if (!value) throw new Error(message);
}
function equal<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
function match(text: string, pattern: RegExp, what: string): void {
  if (!pattern.test(text)) throw new Error(`${what}: ${JSON.stringify(text.slice(0, 400))} does not match ${String(pattern)}`);
}

const exists = (uri: vscode.Uri) => Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false);

const timing = (line: string) => console.log(`[web-results] timing: ${line}`);

/** Opens a file, shows it, and times its first diagnostics of ours. */
async function openAndTime(uri: vscode.Uri, label: string): Promise<{ doc: vscode.TextDocument; diagnostics: vscode.Diagnostic[] }> {
  const started = Date.now();
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const shown = Date.now() - started;
  const diagnostics = await waitFor(`diagnostics of ${uri.path}`, () => (ours(uri).length > 0 ? ours(uri) : undefined));
  timing(`diagnostics on ${label} ${Date.now() - started} ms after opening it (the editor shown at ${shown} ms)`);
  return { doc, diagnostics };
}

async function hoverAt(uri: vscode.Uri, at: vscode.Position, expect: RegExp): Promise<string> {
  return waitFor(`a hover matching ${String(expect)}`, async () => {
    const text = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at)) ?? []);
    return expect.test(text) ? text : undefined;
  });
}

/** A quick fix of a diagnostic, by its title, applied as the light bulb would. */
async function applyQuickFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: string): Promise<void> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => a.title === title);
  ok(fix?.edit, `the quick fix '${title}' among: ${actions.map((a) => a.title).join(', ')}`);
  ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applied');
}

async function revertAndClose(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

describe('Azure Backup RBAC in the web worker extension host', () => {
  it('runs in a web worker, not in Node', async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'azure-backup-rbac');
    ok(ext, 'the extension is installed');
    const scope = globalThis as { importScripts?: unknown; process?: { versions?: { node?: string } } };
    equal(typeof scope.importScripts, 'function', 'importScripts (a worker global)');
    equal(scope.process?.versions?.node, undefined, 'the Node version');
    ok(ext.packageJSON.browser, 'the extension has a browser entry');
    // activated at startup (workspaceContains), or here; an activation that fails says why
    const wasActive = ext.isActive;
    const started = Date.now();
    await ext.activate();
    timing(wasActive ? 'activated at startup' : `activation (the worker started, the catalog inflated, initialize answered) ${Date.now() - started} ms`);
    // a workspace file's findings are usually published by the scan before it is opened: the
    // server's own time from opening to diagnostics is measured on a role the scan cannot know
    const role = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('roles', 'crr-restore-operator.json')));
    const opened = Date.now();
    const untitled = await vscode.workspace.openTextDocument({ language: 'json', content: role });
    await waitFor('diagnostics of an untitled role', () => (ours(untitled.uri).length >= 2 ? true : undefined));
    timing(`diagnostics on an untitled JSON role (not in the scan) ${Date.now() - opened} ms after opening it`);
    // as in a fresh session: a new worker (the catalog inflated, initialize answered), then the open role checked
    const restarted = Date.now();
    await vscode.commands.executeCommand('azureBackupRbac.restartServer');
    const ready = Date.now() - restarted;
    await waitFor('diagnostics after the restart', () => (ours(untitled.uri).length >= 2 ? true : undefined));
    timing(`restart of the language server to diagnostics on the open role ${Date.now() - restarted} ms (a new worker ready at ${ready} ms)`);
    await vscode.window.showTextDocument(untitled);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await openAndTime(workspaceFile('roles', 'crr-restore-operator.json'), 'the first JSON role file opened');
  });

  it('shows diagnostics, a hover and a quick fix in a JSON role file', async () => {
    const uri = workspaceFile('roles', 'crr-restore-operator.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    try {
      const diagnostics = await waitFor('both diagnostics', () => (ours(uri).length >= 2 ? ours(uri) : undefined));
      const unknown = diagnostics.find((d) => codeOf(d) === 'unknown-action');
      ok(unknown, `unknown-action among ${diagnostics.map(codeOf).join(', ')}`);
      equal(doc.getText(unknown.range), '"Microsoft.RecoveryServices/locations/backupCrrJob/actions"', 'the unknown action');
      match(unknown.message, /did you mean 'Microsoft\.RecoveryServices\/Locations\/backupCrrJob\/action'/, 'the message');
      // the rule's documentation, from the extension's own files
      const target = typeof unknown.code === 'object' ? unknown.code.target.toString() : '';
      match(target, /\/docs\/rules\.md#unknown-action$/, 'the rule\'s link');
      ok(diagnostics.some((d) => codeOf(d) === 'data-action-in-actions' && d.severity === vscode.DiagnosticSeverity.Error), 'data-action-in-actions, an error');

      const hover = await hoverAt(uri, doc.positionAt(doc.getText().indexOf('backupCrossRegionRestore') + 3), /Trigger Cross region restore/);
      match(hover, /Control-plane action/, 'the hover');
      match(hover, /Granted by \*\*Backup Operator\*\*, \*\*Backup Contributor\*\*/, 'the hover');

      const before = doc.getText();
      await applyQuickFix(uri, unknown, 'Change to "Microsoft.RecoveryServices/Locations/backupCrrJob/action"');
      equal(doc.getText(), before.replace('locations/backupCrrJob/actions"', 'Locations/backupCrrJob/action"'), 'the text after the fix');
      await waitFor('unknown-action to go', () => (ours(uri).some((d) => codeOf(d) === 'unknown-action') ? undefined : true));
    } finally {
      await revertAndClose(doc);
    }
    // closed unsaved, the file is read again as it is in the workspace: the finding is back
    await waitFor('unknown-action from the file as saved', () => (ours(uri).some((d) => codeOf(d) === 'unknown-action') ? true : undefined)).catch(async (e: unknown) => {
      const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      throw new Error(`${String(e)}; on disk: ${onDisk.includes('backupCrrJob/actions"') ? 'as before' : 'CHANGED'}; open: ${vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())}; diagnostics: ${ours(uri).map(codeOf).join(',')}`);
    });
  });

  it('completes a partial action string with the operations of its resource type', async () => {
    const partial = 'Microsoft.RecoveryServices/Locations/backupCr';
    // an untitled document of its own name: VS Code hands a closed untitled document's name to the
    // next one, and the client may tell the server of the old one's close after the new one's open
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse('untitled:web-completion.json'));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), `{\n  "Name": "Completion",\n  "IsCustom": true,\n  "Actions": [\n    "${partial}"\n  ],\n  "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"]\n}\n`));
    const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    const item = await waitFor('the completion', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(4, 5 + partial.length));
      return list.items.find((i) => label(i) === 'backupCrossRegionRestore/action');
    });
    match(String(item.detail), /Trigger Cross region restore/, 'the completion\'s detail');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows diagnostics, a hover, the code lens and a quick fix in a Bicep role file', async () => {
    const uri = workspaceFile('bicep', 'crr-operator.bicep');
    const { doc } = await openAndTime(uri, 'a Bicep role file');
    try {
      equal(doc.languageId, 'bicep', 'the language');
      const missing = await waitFor('the missing-permissions warning', () => ours(uri).find((d) => codeOf(d) === 'missing-operation-permissions'));
      equal(doc.getText(missing.range), 'actions', 'the warning is on');
      match(missing.message, /^Missing '…\/backupAadProperties\/read' and '…\/backupCrrJob\/action' for Cross region restore/, 'the message');

      const action = 'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action';
      const hover = await hoverAt(uri, doc.positionAt(doc.getText().indexOf(action) + 40), /Trigger Cross region restore/);
      match(hover, /Control-plane action \(goes in `actions`\)/, 'the hover');

      const lenses = await waitFor('the code lens', async () =>
        (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri))?.find((l) => l.command?.title.startsWith('Azure Backup')));
      equal(lenses.command?.title, 'Azure Backup: Cross region restore: 2 missing', 'the code lens');
      // the lens opens the coverage view on the role, which lists what it lacks
      ok(lenses.command, 'the lens has a command');
      await vscode.commands.executeCommand(lenses.command.command, ...(lenses.command.arguments ?? []));
      const coverage = (vscode.extensions.all.find((e) => e.packageJSON.name === 'azure-backup-rbac')?.exports as ExtensionApi).coverage;
      const flatten = (items: readonly CoverageItem[]): CoverageItem[] => items.flatMap((i) => [i, ...flatten(i.children)]);
      let shown: string[] = [];
      await waitFor('the missing permission in the coverage view', async () => {
        shown = flatten(await coverage.items()).map((i) => `${i.label} (${i.description ?? ''})`);
        return shown.some((l) => l.startsWith('Microsoft.RecoveryServices/locations/backupCrrJob/action ')) ? true : undefined;
      }).catch((e: unknown) => {
        throw new Error(`${String(e)}; the view shows: ${shown.slice(0, 12).join('; ')} (message: ${coverage.message() ?? 'none'})`);
      });

      const item = '          ';
      const last = `${item}'Microsoft.RecoveryServices/locations/backupCrrOperationsStatus/read'\n`;
      const before = doc.getText();
      await applyQuickFix(uri, missing, 'Add the 2 missing permissions for Cross region restore');
      equal(doc.getText(), before.replace(last, `${last}${item}'Microsoft.RecoveryServices/locations/backupAadProperties/read'\n${item}'Microsoft.RecoveryServices/locations/backupCrrJob/action'\n`), 'the text after the fix');
      // the warning goes; what cross-region restore needs in addition (the restore's own permissions,
      // which another role may grant) stays, as an information note
      const left = await waitFor('the warning to go', () => {
        const now = ours(uri);
        return now.every((d) => d.severity !== vscode.DiagnosticSeverity.Warning) ? now : undefined;
      });
      equal(left.map((d) => `${codeOf(d)} ${vscode.DiagnosticSeverity[d.severity]}`).join(', '), 'missing-operation-permissions Information', 'what is left after the fix');
      match(left[0].message, /it needs Restore VM's permissions there in addition, unless another role grants them/, 'the note left');
    } finally {
      await revertAndClose(doc);
    }
  });

  it('checks the workspace through the editor: a file never opened, an assignment of a role defined in another file', async () => {
    const notOpened = workspaceFile('roles', 'not-opened.json');
    ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === notOpened.toString()), 'not-opened.json is not open');
    const found = await waitFor('the scan to check not-opened.json', () => (ours(notOpened).length > 0 ? ours(notOpened) : undefined));
    equal(found.map(codeOf).join(','), 'privilege-escalation', 'its diagnostics');

    const uri = workspaceFile('templates', 'assign-crr.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const finding = await waitFor('the scope finding', () => ours(uri).find((d) => codeOf(d) === 'assignment-scope-insufficient'));
    match(finding.message, /Cross-Region Restore Operator' at a resource group is too low for Cross region restore/, 'the assignment finding');
    const at = doc.positionAt(doc.getText().indexOf("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables") + 5);
    match(await hoverAt(uri, at, /Cross-Region Restore Operator/), /custom role in `crr-custom-role\.json`/, 'the role hover');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('shows a Bicep role with its warning and hover (the harness\'s screenshot)', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const uri = workspaceFile('bicep', 'crr-operator.bicep');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const missing = await waitFor('the warning', () => ours(uri).find((d) => codeOf(d) === 'missing-operation-permissions'));
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(editor.document);
    editor.selection = new vscode.Selection(missing.range.start, missing.range.start);
    await vscode.commands.executeCommand('editor.action.showHover');
    // scripts/e2e.mjs --web marks the workspace: it takes the screenshot now, while the extension
    // runs (its diagnostics go with it when the tests end), and answers with a file
    const harness = workspaceFile('.web-harness');
    if (!(await exists(harness))) return;
    console.log('[web-results] screenshot');
    await waitFor('the screenshot', async () => (await exists(workspaceFile('.web-screenshot-taken'))) || undefined, 60000);
  });
});
