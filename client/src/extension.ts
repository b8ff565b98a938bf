// The VS Code client: activation only. Starts the language server over IPC, passes settings and
// file events, shows the catalog in use in the status bar, and offers the commands: restart, show
// coverage, import the user's own catalog files. Everything else happens in the server.
import * as path from 'node:path';
import { type ExtensionContext, StatusBarAlignment, type StatusBarItem, Uri, ViewColumn, commands, window, workspace } from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let status: StatusBarItem | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const importDir = context.globalStorageUri;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
      { scheme: 'untitled', language: 'json' },
      { scheme: 'untitled', language: 'jsonc' },
    ],
    synchronize: {
      configurationSection: 'azureBackupRbac',
      fileEvents: workspace.createFileSystemWatcher('**/*.{json,jsonc}'),
    },
    initializationOptions: { importDir: importDir.fsPath },
    outputChannelName: 'Azure Backup RBAC',
  };
  client = new LanguageClient('azureBackupRbac', 'Azure Backup RBAC', serverOptions, clientOptions);

  status = window.createStatusBarItem('azureBackupRbac.catalog', StatusBarAlignment.Right, 100);
  status.name = 'Azure Backup RBAC catalog';
  status.command = 'azureBackupRbac.showOutput';
  context.subscriptions.push(status);
  const showStatus = () => {
    const language = window.activeTextEditor?.document.languageId;
    if (language === 'json' || language === 'jsonc') status?.show();
    else status?.hide();
  };
  context.subscriptions.push(window.onDidChangeActiveTextEditor(showStatus));

  context.subscriptions.push(
    commands.registerCommand('azureBackupRbac.restartServer', async () => {
      await client?.restart();
    }),
    commands.registerCommand('azureBackupRbac.showOutput', () => client?.outputChannel.show(true)),
    commands.registerCommand('azureBackupRbac.showCoverage', showCoverage),
    commands.registerCommand('azureBackupRbac.importOperationsFile', (file?: Uri) => importFile('operations.json', 'az provider operation list', file)),
    commands.registerCommand('azureBackupRbac.importRolesFile', (file?: Uri) => importFile('roles.json', 'az role definition list', file)),
  );
  await client.start();
  context.subscriptions.push(client.onNotification('azureBackupRbac/catalogStatus', (s: { label: string; summary: string; errors: string[] }) => {
    if (!status) return;
    status.text = `$(shield) ${s.label}`;
    status.tooltip = s.errors.length ? `${s.summary}\n\n${s.errors.join('\n')}` : s.summary;
    showStatus();
  }));
}

/**
 * Copies the output of `az provider operation list` or `az role definition list` into the
 * extension's storage; the server lays it over the bundled catalog (the catalog.* settings, when
 * set, take precedence). The file is read, never run.
 */
async function importFile(target: string, command: string, given?: Uri): Promise<void> {
  const picked = given ? [given] : await window.showOpenDialog({
    canSelectMany: false, filters: { JSON: ['json'] }, openLabel: 'Import',
    title: `Import the output of \`${command}\``,
  });
  if (!picked?.length || !client) return;
  const dir = client.clientOptions.initializationOptions?.importDir as string | undefined;
  if (!dir) return;
  await workspace.fs.createDirectory(Uri.file(dir));
  await workspace.fs.copy(picked[0], Uri.file(path.join(dir, target)), { overwrite: true });
  await client.sendNotification('azureBackupRbac/reloadCatalog');
  void window.showInformationMessage(`Azure Backup RBAC now uses ${path.basename(picked[0].fsPath)} (${command}) over its bundled catalog.`);
}

/**
 * The Azure Backup coverage table of a role (from the code lens: its document and role index; from
 * the command palette: the first role of the active editor), opened as a Markdown preview.
 */
async function showCoverage(uri?: string, role?: number): Promise<void> {
  const target = uri ?? window.activeTextEditor?.document.uri.toString();
  if (!client || !target) {
    void window.showInformationMessage('Open an Azure role file to see its Azure Backup coverage.');
    return;
  }
  const markdown = await client.sendRequest<string | null>('azureBackupRbac/coverage', { uri: target, role: role ?? 0 });
  if (!markdown) {
    void window.showInformationMessage('This file holds no Azure role definition.');
    return;
  }
  const doc = await workspace.openTextDocument({ language: 'markdown', content: markdown });
  await window.showTextDocument(doc, { viewColumn: ViewColumn.Beside, preview: true });
  await commands.executeCommand('markdown.showPreview', doc.uri).then(undefined, () => undefined);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
