// The VS Code client: activation. Starts the language server over IPC, passes settings and file
// events, shows the catalog in use in the status bar, offers the commands (restart, import the
// user's own catalog files, a new least-privilege role: generate-role.ts) and the Azure Backup
// Coverage view (coverage-view.ts). Everything the
// extension knows comes from the server.
import * as path from 'node:path';
import { type ExtensionContext, StatusBarAlignment, type StatusBarItem, Uri, commands, window, workspace } from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { CATALOG_STATUS, type CatalogStatus, RELOAD_CATALOG, type RoleFormat } from '../../server/src/protocol';
import { type CoverageApi, CoverageView } from './coverage-view';
import { newRoleFromActivityLog } from './activity-log-command';
import { NEW_ROLE_COMMAND, NewRoleCommand, type PickState } from './generate-role';

/** What the extension hands other extensions (and its tests): the coverage view as it shows. */
export interface ExtensionApi {
  readonly coverage: CoverageApi;
  /** the pick of "New Least-Privilege Role for Backup Operations…" on screen, if any */
  readonly newRolePick: () => PickState | undefined;
}

let client: LanguageClient | undefined;
let status: StatusBarItem | undefined;

export async function activate(context: ExtensionContext): Promise<ExtensionApi> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const importDir = context.globalStorageUri;
  // the watcher is ours to dispose: the client disposes only its listeners on it
  const roleFiles = workspace.createFileSystemWatcher('**/*.{json,jsonc,bicep}');
  context.subscriptions.push(roleFiles);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
      { scheme: 'untitled', language: 'json' },
      { scheme: 'untitled', language: 'jsonc' },
      { scheme: 'file', language: 'bicep' },
      { scheme: 'untitled', language: 'bicep' },
    ],
    synchronize: {
      configurationSection: 'azureBackupRbac',
      fileEvents: roleFiles,
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
    if (language === 'json' || language === 'jsonc' || language === 'bicep') status?.show();
    else status?.hide();
  };
  context.subscriptions.push(window.onDidChangeActiveTextEditor(showStatus));

  context.subscriptions.push(
    commands.registerCommand('azureBackupRbac.restartServer', async () => {
      await client?.restart();
    }),
    commands.registerCommand('azureBackupRbac.showOutput', () => client?.outputChannel.show(true)),
    commands.registerCommand('azureBackupRbac.importOperationsFile', (file?: Uri) => importFile('operations.json', 'az provider operation list', file)),
    commands.registerCommand('azureBackupRbac.importRolesFile', (file?: Uri) => importFile('roles.json', 'az role definition list', file)),
  );
  await client.start();
  context.subscriptions.push(client.onNotification(CATALOG_STATUS, (s: CatalogStatus) => {
    if (!status) return;
    status.text = `$(shield) ${s.label}`;
    status.tooltip = s.errors.length ? `${s.summary}\n\n${s.errors.join('\n')}` : s.summary;
    showStatus();
  }));

  const started = client;
  // from the palette (a file dialog), or with a log's URI (and a format and caller) from tests and other extensions
  context.subscriptions.push(commands.registerCommand('azureBackupRbac.newRoleFromActivityLog', (file?: Uri, format?: RoleFormat, caller?: string) =>
    newRoleFromActivityLog(started, started.outputChannel, file, format, caller)));

  const coverage = new CoverageView(client, context);
  // from the code lens over a role (its document and index) or the palette (the role at the cursor)
  context.subscriptions.push(commands.registerCommand('azureBackupRbac.showCoverage', (uri?: string, role?: number) =>
    coverage.show(typeof uri === 'string' ? Uri.parse(uri) : undefined, typeof role === 'number' ? role : undefined)));
  // a new untitled document with least-privilege roles for the backup operations picked
  const newRole = new NewRoleCommand(client);
  context.subscriptions.push(commands.registerCommand(NEW_ROLE_COMMAND, () => newRole.run()));
  return { coverage: coverage.api, newRolePick: () => newRole.state() };
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
