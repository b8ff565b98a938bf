// The VS Code client on the desktop: activation. Starts the language server over IPC (a Node
// process), passes settings and file events, shows the catalog in use in the status bar, offers the
// commands (restart, import the user's own catalog files) and the Azure Backup Coverage view
// (activate.ts, shared with the browser client, browser.ts). Everything the extension knows comes
// from the server.
import * as path from 'node:path';
import { type ExtensionContext, Uri, commands, window, workspace } from 'vscode';
import { LanguageClient, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { RELOAD_CATALOG } from '../../server/src/protocol';
import { type ExtensionApi, clientOptions, startClient } from './activate';

export type { ExtensionApi } from './activate';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<ExtensionApi> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const importDir = context.globalStorageUri;
  client = new LanguageClient('azureBackupRbac', 'Azure Backup RBAC', serverOptions,
    clientOptions(context, ['file', 'untitled'], { initializationOptions: { importDir: importDir.fsPath } }));
  context.subscriptions.push(
    commands.registerCommand('azureBackupRbac.importOperationsFile', (file?: Uri) => importFile('operations.json', 'az provider operation list', file)),
    commands.registerCommand('azureBackupRbac.importRolesFile', (file?: Uri) => importFile('roles.json', 'az role definition list', file)),
  );
  // the import commands read the disk: offered where the server runs in Node
  void commands.executeCommand('setContext', 'azureBackupRbac.importsCatalogFiles', true);
  const lc = client;
  return startClient(context, lc, () => lc.restart());
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
  await client.sendNotification(RELOAD_CATALOG);
  void window.showInformationMessage(`Azure Backup RBAC now uses ${path.basename(picked[0].fsPath)} (${command}) over its bundled catalog.`);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
