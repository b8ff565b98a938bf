// The browser face's language server (server/out/worker.js, the bundle the browser client starts as
// a Web Worker) over its messages, in a Node worker thread: what a Web Worker gives it (postMessage,
// onmessage) is all it is handed. The test plays the browser client: it answers the worker's
// requests for the workspace's files and the Bicep WebAssembly from a folder on disk, and records
// them. The same bundle in a real browser: test/web.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type Diagnostic, DidOpenTextDocumentNotification, InitializeRequest, InitializedNotification, PortMessageReader, PortMessageWriter,
  type ProtocolConnection, PublishDiagnosticsNotification, createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { BICEP_WASM_FILES, BICEP_WASM_REQUEST, FIND_FILES_REQUEST, type FindFilesParams, READ_FILE_REQUEST, type ReadFileParams, SERVED_FILE } from '../../server/src/protocol';
import { REPO } from '../support/harness';

/** A Web Worker's scope over the thread's port: postMessage, onmessage, addEventListener. */
const WORKER_SCOPE = `
const { parentPort, workerData } = require('node:worker_threads');
let onmessage;
parentPort.on('message', (data) => onmessage && onmessage({ data }));
Object.assign(globalThis, {
  postMessage: (message) => parentPort.postMessage(message),
  addEventListener: (type, listener) => { if (type === 'unhandledrejection') process.on('unhandledRejection', (reason) => listener({ reason })); },
});
Object.defineProperty(globalThis, 'onmessage', { get: () => onmessage, set: (f) => { onmessage = f; } });
require(workerData.bundle);
`;

/** The worker bundle in a thread, and the client's side of its connection: what it publishes goes to `published`. */
function startWorker(published: Map<string, Diagnostic[]>): { worker: Worker; connection: ProtocolConnection } {
  const worker = new Worker(WORKER_SCOPE, { eval: true, workerData: { bundle: join(REPO, 'server', 'out', 'worker.js') } });
  const connection = createProtocolConnection(new PortMessageReader(worker), new PortMessageWriter(worker));
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.set(p.uri, p.diagnostics);
  });
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  return { worker, connection };
}

const codes = (ds: readonly Diagnostic[] | undefined) => (ds ?? []).map((d) => String(d.code));

describe('the browser worker bundle over its messages', function () {
  this.timeout(60000);
  let ws: string;
  let worker: Worker;
  let connection: ProtocolConnection;
  const published = new Map<string, Diagnostic[]>();
  const read: string[] = [];
  const listed: string[] = [];
  let wasmAsked = 0;
  let started = 0;

  const waitFor = async <T>(what: string, probe: () => T | undefined): Promise<T> => {
    const deadline = Date.now() + 30000;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const uriOf = (...parts: string[]) => pathToFileURL(join(ws, ...parts)).href;

  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'abr-worker-'));
    cpSync(join(REPO, 'test', 'e2e', 'workspace'), ws, { recursive: true });
    ({ worker, connection } = startWorker(published));
    // the browser client's side (client/src/browser.ts), from the folder on disk
    connection.onRequest(FIND_FILES_REQUEST, ({ folder }: FindFilesParams) => {
      listed.push(folder);
      const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : SERVED_FILE.test(name) ? [pathToFileURL(path).href] : [];
      });
      return walk(fileURLToPath(folder));
    });
    connection.onRequest(READ_FILE_REQUEST, ({ uri }: ReadFileParams) => {
      read.push(uri);
      return new Uint8Array(readFileSync(fileURLToPath(uri)));
    });
    connection.onRequest(BICEP_WASM_REQUEST, () => {
      wasmAsked++;
      return { runtime: new Uint8Array(readFileSync(join(REPO, BICEP_WASM_FILES.runtime))), grammar: new Uint8Array(readFileSync(join(REPO, BICEP_WASM_FILES.grammar))) };
    });
    connection.listen();
    started = Date.now();
    await connection.sendRequest(InitializeRequest.type, {
      processId: null, rootUri: pathToFileURL(ws).href, workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true } },
    });
    await connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    connection?.dispose();
    await worker?.terminate();
    rmSync(ws, { recursive: true, force: true });
  });

  it('starts with its catalog inflated and checks an open role', async () => {
    const uri = 'untitled:Untitled-1';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'json', version: 1, text: readFileSync(join(ws, 'roles', 'crr-restore-operator.json'), 'utf8') },
    });
    const found = await waitFor('diagnostics of the open role', () => (published.get(uri)?.length ? published.get(uri) : undefined));
    assert.ok(codes(found).includes('unknown-action') && codes(found).includes('data-action-in-actions'), codes(found).join(', '));
    console.log(`      (initialize to the first diagnostics: ${Date.now() - started} ms)`);
  });

  it('checks the workspace through its client: files never opened, a Bicep file, an assignment of a role of another file', async () => {
    assert.deepEqual(await waitFor('not-opened.json', () => published.get(uriOf('roles', 'not-opened.json'))).then(codes), ['privilege-escalation']);
    assert.deepEqual(await waitFor('the Bicep file', () => published.get(uriOf('bicep', 'backup-job-reader.bicep'))).then(codes), ['unknown-action']);
    const assignment = await waitFor('the assignment', () => published.get(uriOf('templates', 'assign-crr.json'))?.find((d) => d.code === 'assignment-scope-insufficient'));
    assert.match(typeof assignment.message === 'string' ? assignment.message : assignment.message.value, /Cross-Region Restore Operator' at a resource group is too low for Cross region restore/);
  });

  it('asks its client for the workspace folder\'s role files only, and for the Bicep WebAssembly once', () => {
    assert.deepEqual(listed, [pathToFileURL(ws).href]);
    assert.ok(read.length > 0 && read.every((uri) => uri.startsWith(`${pathToFileURL(ws).href}/`) && SERVED_FILE.test(uri)), read.join('\n'));
    assert.equal(wasmAsked, 1);
  });
});

describe('the browser worker bundle started with a Bicep file open', function () {
  this.timeout(60000);
  let worker: Worker;
  let connection: ProtocolConnection;
  const published = new Map<string, Diagnostic[]>();
  let wasmAsked = 0;

  before(async () => {
    ({ worker, connection } = startWorker(published));
    connection.onRequest(BICEP_WASM_REQUEST, () => {
      wasmAsked++;
      return null;
    });
    connection.listen();
    // what the browser client sends when a Bicep document is open as it starts
    const bicepWasm = { runtime: new Uint8Array(readFileSync(join(REPO, BICEP_WASM_FILES.runtime))), grammar: new Uint8Array(readFileSync(join(REPO, BICEP_WASM_FILES.grammar))) };
    await connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: { workspace: { configuration: true } }, initializationOptions: { bicepWasm } });
    await connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    connection?.dispose();
    await worker?.terminate();
  });

  it('takes the parser\'s WebAssembly from initialize: checks the Bicep file without asking for it', async () => {
    const uri = 'untitled:backup-job-reader.bicep';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'bicep', version: 1, text: readFileSync(join(REPO, 'test', 'e2e', 'workspace', 'bicep', 'backup-job-reader.bicep'), 'utf8') },
    });
    const deadline = Date.now() + 30000;
    while (!published.get(uri)?.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(codes(published.get(uri)), ['unknown-action']);
    assert.equal(wasmAsked, 0);
  });
});
