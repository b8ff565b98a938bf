// The VS Code client: activation only. Starts the language server over IPC, passes settings and
// file events, and offers a restart command. Everything else happens in the server.
import * as path from 'node:path';
import { type ExtensionContext, ViewColumn, commands, window, workspace } from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
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
    outputChannelName: 'Azure Backup RBAC',
  };
  client = new LanguageClient('azureBackupRbac', 'Azure Backup RBAC', serverOptions, clientOptions);
  context.subscriptions.push(
    commands.registerCommand('azureBackupRbac.restartServer', async () => {
      await client?.restart();
    }),
    commands.registerCommand('azureBackupRbac.showOutput', () => client?.outputChannel.show(true)),
    commands.registerCommand('azureBackupRbac.showCoverage', showCoverage),
  );
  await client.start();
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
