// The language server in a browser's Web Worker: the extension's `browser` entry (client/src/
// browser.ts) starts it for vscode.dev and github.dev. The same LSP face as server.ts, over the
// worker's messages, on a host that does no Node IO (browser/host.ts). Imports nothing from node/.
import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, createConnection } from 'vscode-languageserver/browser';
import { browserHost } from './browser/host';
import { startServer } from './lsp/start-server';

// the worker's global scope is its message port
const port = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(port), new BrowserMessageWriter(port));
// a fault in one task is logged, not the end of the server
const scope = globalThis as unknown as { addEventListener(type: 'unhandledrejection', listener: (e: { reason: unknown }) => void): void };
scope.addEventListener('unhandledrejection', (e) => connection.console.error(`unexpected: ${e.reason instanceof Error ? e.reason.message : String(e.reason)}`));
startServer(connection, (init) => browserHost(connection, init));
