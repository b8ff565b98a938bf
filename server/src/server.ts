// The language server process: `node server/out/server.js --stdio` (or --node-ipc, as the
// VS Code client starts it). Only the protocol is ever written to stdout.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './lsp/start-server';
import { nodeHost } from './node/host';

const connection = createConnection(ProposedFeatures.all);
// a fault in one task is logged, not the end of the server (and of every open file's checks)
process.on('unhandledRejection', (e) => connection.console.error(`unexpected: ${e instanceof Error ? e.message : String(e)}`));
process.on('uncaughtException', (e) => connection.console.error(`unexpected: ${e.message}`));
startServer(connection, nodeHost);
