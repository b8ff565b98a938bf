// What the desktop client (extension.ts, the server in a Node process) and the browser client
// (browser.ts, the server in a Web Worker) share: the document selector and options, the status bar
// of the catalog in use, the restart and output commands, the Azure Backup Coverage view, and the
// commands that open new least-privilege roles (generate-role.ts, activity-log-command.ts).
import { type ExtensionContext, StatusBarAlignment, type StatusBarItem, Uri, commands, window, workspace } from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { CATALOG_STATUS, type CatalogStatus, type RoleFormat } from '../../server/src/protocol';
import { type CoverageApi, CoverageView } from './coverage-view';
import { newRoleFromActivityLog } from './activity-log-command';
import { NEW_ROLE_COMMAND, NewRoleCommand, type PickState } from './generate-role';

/** What the extension hands other extensions (and its tests): the coverage view as it shows. */
export interface ExtensionApi {
  readonly coverage: CoverageApi;
  /** the pick of "New Least-Privilege Role for Backup Operations…" on screen, if any */
  readonly newRolePick: () => PickState | undefined;
}

const LANGUAGES = ['json', 'jsonc', 'bicep'];

/** The client's options: JSON, JSONC and Bicep documents of these URI schemes, the settings, the file events. */
export function clientOptions(context: ExtensionContext, schemes: readonly string[], extra: Partial<LanguageClientOptions> = {}): LanguageClientOptions {
  // the watcher is ours to dispose: the client disposes only its listeners on it
  const roleFiles = workspace.createFileSystemWatcher('**/*.{json,jsonc,bicep}');
  context.subscriptions.push(roleFiles);
  return {
    documentSelector: schemes.flatMap((scheme) => LANGUAGES.map((language) => ({ scheme, language }))),
    synchronize: { configurationSection: 'azureBackupRbac', fileEvents: roleFiles },
    outputChannelName: 'Azure Backup RBAC',
    ...extra,
  };
}

/**
 * Starts the client, then shows what its server answers: the catalog in the status bar, the
 * coverage view. `restart` starts the server again (the restart command).
 */
export async function startClient(context: ExtensionContext, client: BaseLanguageClient, restart: () => Promise<void>): Promise<ExtensionApi> {
  const status: StatusBarItem = window.createStatusBarItem('azureBackupRbac.catalog', StatusBarAlignment.Right, 100);
  status.name = 'Azure Backup RBAC catalog';
  status.command = 'azureBackupRbac.showOutput';
  context.subscriptions.push(status);
  const showStatus = () => {
    const language = window.activeTextEditor?.document.languageId;
    if (language && LANGUAGES.includes(language)) status.show();
    else status.hide();
  };
  context.subscriptions.push(window.onDidChangeActiveTextEditor(showStatus));
  context.subscriptions.push(
    commands.registerCommand('azureBackupRbac.restartServer', restart),
    commands.registerCommand('azureBackupRbac.showOutput', () => client.outputChannel.show(true)),
  );
  await client.start();
  context.subscriptions.push(client.onNotification(CATALOG_STATUS, (s: CatalogStatus) => {
    status.text = `$(shield) ${s.label}`;
    status.tooltip = s.errors.length ? `${s.summary}\n\n${s.errors.join('\n')}` : s.summary;
    showStatus();
  }));

  const coverage = new CoverageView(client, context);
  // from the code lens over a role (its document and index) or the palette (the role at the cursor)
  context.subscriptions.push(commands.registerCommand('azureBackupRbac.showCoverage', (uri?: string, role?: number) =>
    coverage.show(typeof uri === 'string' ? Uri.parse(uri) : undefined, typeof role === 'number' ? role : undefined)));
  // from the palette (a file dialog), or with a log's URI (and a format and caller) from tests and other extensions
  context.subscriptions.push(commands.registerCommand('azureBackupRbac.newRoleFromActivityLog', (file?: Uri, format?: RoleFormat, caller?: string) =>
    newRoleFromActivityLog(client, client.outputChannel, file, format, caller)));
  // a new untitled document with least-privilege roles for the backup operations picked
  const newRole = new NewRoleCommand(client);
  context.subscriptions.push(commands.registerCommand(NEW_ROLE_COMMAND, () => newRole.run()));
  return { coverage: coverage.api, newRolePick: () => newRole.state() };
}
