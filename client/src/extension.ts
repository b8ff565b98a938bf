// The VS Code client: activation only. Starts the language server over IPC, passes settings and
// file events, and offers a restart command. Everything else happens in the server.
import * as path from 'node:path';
import { type ExtensionContext, commands, workspace } from 'vscode';
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
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
