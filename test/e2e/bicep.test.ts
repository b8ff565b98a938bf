// Bicep files in a VS Code without Microsoft's Bicep extension: they open in the `bicep` language
// this extension contributes (with its comments and brackets) and are checked like JSON role files.
// A custom role written in Bicep: the missing-permissions warning on its `actions` key, the hover
// over an action string, the code lens over the resource, and the quick fix applied as VS Code
// applies it, which writes Bicep (single quotes, one string per line at the list's indentation, no
// commas), after which the warning goes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, hoverText, ours, waitFor, workspaceFile } from './support';

const AAD = 'Microsoft.RecoveryServices/locations/backupAadProperties/read';
const CRR_JOB = 'Microsoft.RecoveryServices/locations/backupCrrJob/action';
const MISSING = 'missing-operation-permissions';
/** the list's indentation in the fixtures */
const ITEM = '          ';

/** Opens a Bicep file in an editor: the `bicep` language this extension contributes. */
async function openBicep(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  assert.equal(doc.languageId, 'bicep');
  await vscode.window.showTextDocument(doc);
  return doc;
}

function missingOf(uri: vscode.Uri): Promise<vscode.Diagnostic> {
  return waitFor(`the ${MISSING} warning`, () => ours(uri).find((d) => codeOf(d) === MISSING));
}

/**
 * Applies the preferred quick fix of a Bicep file's missing-permissions warning, as the light bulb
 * would, and checks the whole text: the file as it was with `from` turned into `to`. Then the
 * warning goes. The file is put back as it is on disk and closed, whatever the test found.
 */
async function quickFixGives(file: string, from: string, to: string): Promise<void> {
  const uri = workspaceFile('bicep', file);
  const doc = await openBicep(uri);
  try {
    const before = doc.getText();
    assert.ok(before.includes(from), `${file} holds the lines the fix extends`);
    const missing = await missingOf(uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, missing.range, vscode.CodeActionKind.QuickFix.value);
    // (VS Code hands the actions back without their diagnostics: the title names the fix)
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit, `a preferred fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.title, 'Add the 2 missing permissions for Cross region restore');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));

    assert.equal(doc.getText(), before.replace(from, to));
    await waitFor('the warning to go', () => (ours(uri).some((d) => codeOf(d) === MISSING) ? undefined : true));
    assert.deepEqual(ours(uri).map(codeOf), []);
  } finally {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

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
    // as written in the file; the catalog's spelling further down
    assert.match(text, /^`Microsoft\.RecoveryServices\/vaults\/read`\n/);
    assert.match(text, /_The catalog writes it `Microsoft\.RecoveryServices\/Vaults\/read`; Azure compares permissions without regard to case\._/);
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

describe('A cross-region restore role in Bicep', () => {
  it('warns on the actions key of a Bicep role that lacks permissions for cross-region restore', async () => {
    const uri = workspaceFile('bicep', 'crr-operator.bicep');
    const doc = await openBicep(uri);
    const missing = await missingOf(uri);
    assert.equal(missing.source, 'azure-backup-rbac');
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(doc.getText(missing.range), 'actions');
    assert.equal(doc.lineAt(missing.range.start.line).text, '        actions: [');
    assert.match(missing.message, /^Missing '…\/backupAadProperties\/read' and '…\/backupCrrJob\/action' for Cross region restore \(Azure VM, SQL\/HANA\) .* lacks 2 of the 6 permissions/);
    // nothing else: the grammar read every statement
    assert.deepEqual(ours(uri).map(codeOf), [MISSING]);
  });

  it('explains an action string in Bicep on hover', async () => {
    const uri = workspaceFile('bicep', 'crr-operator.bicep');
    const doc = await openBicep(uri);
    const action = 'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action';
    const at = doc.positionAt(doc.getText().indexOf(action) + 'Microsoft.RecoveryServices/locations/backupCross'.length);
    const hovers = await waitFor('the hover', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
      return found?.length ? found : undefined;
    });
    // the operation as the file writes it, then its description (the catalog's spelling further down)
    assert.ok(hoverText(hovers).startsWith('`Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action`\n\nTrigger Cross region restore.'), hoverText(hovers));
    assert.match(hoverText(hovers), /_The catalog writes it `Microsoft\.RecoveryServices\/Locations\/backupCrossRegionRestore\/action`; Azure compares/);
    assert.match(hoverText(hovers), /Control-plane action \(goes in `actions`\)/);
    const range = hovers.find((h) => h.range)?.range;
    assert.ok(range);
    assert.equal(doc.getText(range), `'${action}'`);
  });

  it('shows the Azure Backup code lens over the Bicep resource', async () => {
    const uri = workspaceFile('bicep', 'crr-operator.bicep');
    const doc = await openBicep(uri);
    const lens = await waitFor('the code lens', async () =>
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri))?.find((l) => l.command?.title.startsWith('Azure Backup')));
    assert.equal(lens.command?.title, 'Azure Backup: Cross region restore: 2 missing');
    assert.equal(lens.command?.command, 'azureBackupRbac.showCoverage');
    assert.match(doc.lineAt(lens.range.start.line).text, /^resource crrOperator 'Microsoft\.Authorization\/roleDefinitions@/);
  });

  it('adds the missing permissions in Bicep layout at the end of an unsorted list, and the warning goes', async () => {
    const last = `${ITEM}'Microsoft.RecoveryServices/locations/backupCrrOperationsStatus/read'\n        ]`;
    await quickFixGives('crr-operator.bicep', last,
      `${ITEM}'Microsoft.RecoveryServices/locations/backupCrrOperationsStatus/read'\n${ITEM}'${AAD}'\n${ITEM}'${CRR_JOB}'\n        ]`);
  });

  it('adds the missing permissions in Bicep layout in their sorted places in a sorted list', async () => {
    const crossRegion = `${ITEM}'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action'\n`;
    const crrJobs = `${ITEM}'Microsoft.RecoveryServices/locations/backupCrrJobs/action'\n`;
    await quickFixGives('crr-operator-sorted.bicep', crossRegion + crrJobs, `${ITEM}'${AAD}'\n${crossRegion}${ITEM}'${CRR_JOB}'\n${crrJobs}`);
  });
});
