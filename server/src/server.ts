// The language server process: `node server/out/server.js --stdio` (or --node-ipc, as the
// VS Code client starts it). Only the protocol is ever written to stdout.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './lsp/start-server';

startServer(createConnection(ProposedFeatures.all));
