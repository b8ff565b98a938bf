// The VS Code client in a browser (vscode.dev, github.dev: the web worker extension host): the
// extension's `browser` entry. Starts the language server in a Web Worker (server/out/worker.js,
// the catalog bundled into it) and serves the worker what it cannot read itself, through the
// editor's file system: the workspace's role files and the Bicep parser's WebAssembly from the
// extension's own files. The rest is shared with the desktop client (activate.ts).
import { type ExtensionContext, FileType, RelativePattern, Uri, workspace } from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import {
  BICEP_WASM_FILES, BICEP_WASM_REQUEST, type BicepWasmFiles, FIND_FILES_REQUEST, type FindFilesParams, READ_FILE_REQUEST, type ReadFileParams, SERVED_FILE,
} from '../../server/src/protocol';
import { type ExtensionApi, clientOptions, startClient } from './activate';

export type { ExtensionApi } from './activate';

interface WorkerScope {
  Worker: new (url: string, options?: { name?: string }) => { terminate(): void };
  URL: { createObjectURL(blob: Blob): string; revokeObjectURL(url: string): void };
}

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<ExtensionApi> {
  // A worker cannot be started from the extension's URI where it is no http(s) URL (vscode-remote:
  // in a remote web workbench), so from the bundle's bytes, read as the editor reads any file
  const scope = globalThis as unknown as WorkerScope;
  // with a Bicep document open, the parser's WebAssembly goes with initialize: the worker compiles
  // it while it inflates its catalog, rather than asking for it once the document is opened
  const bicepOpen = workspace.textDocuments.some((d) => d.languageId === 'bicep' || /\.bicep$/i.test(d.uri.path));
  const [bundle, bicepWasm] = await Promise.all([
    workspace.fs.readFile(Uri.joinPath(context.extensionUri, 'server', 'out', 'worker.js')),
    bicepOpen ? readBicepWasm(context) : undefined,
  ]);
  const url = scope.URL.createObjectURL(new Blob([bundle], { type: 'text/javascript' }));
  // one worker per start of the client: a restart ends the one before. The transports are made
  // here: the host's Worker (a nested worker, patched by the web worker extension host) fails the
  // client's `instanceof Worker`
  let worker: { terminate(): void } | undefined;
  const startWorker = (): Promise<MessageTransports> => {
    worker?.terminate();
    worker = new scope.Worker(url, { name: 'Azure Backup RBAC language server' });
    const port = worker as ConstructorParameters<typeof BrowserMessageReader>[0];
    return Promise.resolve({ reader: new BrowserMessageReader(port), writer: new BrowserMessageWriter(port) });
  };
  context.subscriptions.push({ dispose: () => { worker?.terminate(); scope.URL.revokeObjectURL(url); } });
  const schemes = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-test-web', ...(workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)]);
  // the rule docs' links point into the extension's own files, wherever the editor serves them from
  const rulesDoc = Uri.joinPath(context.extensionUri, 'docs', 'rules.md').toString();
  const lc = new LanguageClient('azureBackupRbac', 'Azure Backup RBAC', startWorker, clientOptions(context, [...schemes], { initializationOptions: { rulesDoc, ...(bicepWasm ? { bicepWasm } : {}) } }));
  client = lc;
  serveFiles(lc, context);
  return startClient(context, lc, async () => {
    await lc.stop();
    await lc.start();
  });
}

/** The worker's reads: workspace role files (listed and read), and the two WebAssembly files of the extension. */
function serveFiles(lc: LanguageClient, context: ExtensionContext): void {
  const inWorkspace = (uri: Uri) => workspace.getWorkspaceFolder(uri) !== undefined;
  lc.onRequest(FIND_FILES_REQUEST, async ({ folder, include, exclude, limit }: FindFilesParams): Promise<string[]> => {
    const root = Uri.parse(folder);
    if (!inWorkspace(root)) return [];
    const found = await workspace.findFiles(new RelativePattern(root, include), exclude, limit);
    return found.map((uri) => uri.toString()).sort();
  });
  lc.onRequest(READ_FILE_REQUEST, async ({ uri, maxSize }: ReadFileParams): Promise<Uint8Array | null> => {
    const file = Uri.parse(uri);
    if (!SERVED_FILE.test(file.path) || !inWorkspace(file)) return null;
    try {
      const stat = await workspace.fs.stat(file);
      if (stat.type !== FileType.File || stat.size > maxSize) return null;
      return await workspace.fs.readFile(file);
    } catch {
      return null;
    }
  });
  lc.onRequest(BICEP_WASM_REQUEST, () => readBicepWasm(context));
}

/** The Bicep parser's two WebAssembly files, from the extension's own files. */
async function readBicepWasm(context: ExtensionContext): Promise<BicepWasmFiles> {
  const read = (path: string) => workspace.fs.readFile(Uri.joinPath(context.extensionUri, ...path.split('/')));
  const [runtime, grammar] = await Promise.all([read(BICEP_WASM_FILES.runtime), read(BICEP_WASM_FILES.grammar)]);
  return { runtime, grammar };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
