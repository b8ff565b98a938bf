// A real LSP client for protocol tests: starts `node server/out/server.js --stdio` and talks
// JSON-RPC to it over the child's stdio, answering the server's requests as an editor would.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type CompletionItem,
  type CompletionList,
  CompletionRequest,
  CompletionResolveRequest,
  ConfigurationRequest,
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type FileEvent,
  type Hover,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  LogTraceNotification,
  SetTraceNotification,
  type Position,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  ExitNotification,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { REPO } from './harness';

export interface ClientOptions {
  /** workspace folder to scan, if any */
  readonly workspace?: string;
  /** the `azureBackupRbac` settings the client answers with */
  settings?: Record<string, unknown>;
  /** declare no completion capabilities (an older client) */
  readonly minimal?: boolean;
  /** Node options for the server process, and its environment */
  readonly execArgv?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** the server's trace from the start (InitializeParams.trace), as `azureBackupRbac.trace.server` does */
  readonly trace?: 'messages' | 'verbose';
}

export class LspClient {
  readonly published = new Map<string, Diagnostic[]>();
  /** the document version each publish was for */
  readonly publishedVersion = new Map<string, number | undefined>();
  private readonly listeners = new Set<() => void>();
  stderr = '';
  /** the server's trace messages ($/logTrace), once `trace()` turned them on */
  readonly traces: string[] = [];
  /** what the server said about its catalog (azureBackupRbac/catalogStatus) */
  readonly catalogStatus: { label: string; errors: string[] }[] = [];
  /** what the server wrote to its log (window/logMessage) */
  readonly logs: string[] = [];

  private constructor(private readonly child: ChildProcess, readonly connection: ProtocolConnection, private readonly options: ClientOptions) {}

  static async start(options: ClientOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [...(options.execArgv ?? []), join(REPO, 'server', 'out', 'server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'], ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, options);
    child.stderr!.on('data', (d: Buffer) => { client.stderr += d.toString(); });
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.published.set(p.uri, p.diagnostics);
      client.publishedVersion.set(p.uri, p.version);
      for (const l of [...client.listeners]) l();
    });
    connection.onNotification(LogMessageNotification.type, (p) => {
      client.logs.push(p.message);
      for (const l of [...client.listeners]) l();
    });
    connection.onNotification(LogTraceNotification.type, (p) => {
      client.traces.push(p.message);
      for (const l of [...client.listeners]) l();
    });
    connection.onNotification('azureBackupRbac/catalogStatus', (p: { label: string; errors: string[] }) => {
      client.catalogStatus.push(p);
      for (const l of [...client.listeners]) l();
    });
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => client.options.settings ?? {}));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.listen();
    const folder = options.workspace;
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folder ? pathToFileURL(folder).href : null,
      ...(options.trace ? { trace: options.trace } : {}),
      workspaceFolders: folder ? [{ uri: pathToFileURL(folder).href, name: 'ws' }] : null,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          hover: { contentFormat: ['markdown'] },
          // what VS Code declares; `minimal` leaves it out, as older clients do
          ...(options.minimal ? {} : { completion: { completionItem: { snippetSupport: true, resolveSupport: { properties: ['documentation', 'detail'] } }, completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] } } }),
        },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Resolves with what `probe` finds, asked again on every publish and log line; rejects after the timeout. */
  private waitUntil<T>(probe: () => T | undefined, timeoutMs: number, failure: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found === undefined) return false;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(failure()));
      }, timeoutMs);
      if (!check()) this.listeners.add(check);
    });
  }

  /** Resolves with the diagnostics of `uri` once `accept` holds for them (polled on every publish). */
  waitForDiagnostics(uri: string, accept: (d: Diagnostic[]) => boolean, timeoutMs = 10000): Promise<Diagnostic[]> {
    return this.waitUntil(() => {
      const d = this.published.get(uri);
      return d && accept(d) ? d : undefined;
    }, timeoutMs, () => `no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.published.get(uri))}\n${this.stderr}`);
  }

  async open(uri: string, text: string, languageId = 'json', version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  async replace(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async edit(uri: string, version: number, range: { start: Position; end: Position }, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  /** Several changes in one notification, each in the text the ones before it left. */
  async editMany(uri: string, version: number, changes: { range: { start: Position; end: Position }; text: string }[]): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  /** Resolves with the first log line matching `pattern`. */
  waitForLog(pattern: RegExp, timeoutMs = 10000): Promise<string> {
    return this.waitUntil(() => this.logs.find((l) => pattern.test(l)), timeoutMs, () => `no log line matching ${pattern} within ${timeoutMs} ms`);
  }

  /** Resolves with the first trace message matching `pattern` (tracing on: the `trace` option or `trace()`). */
  waitForTrace(pattern: RegExp, timeoutMs = 10000): Promise<string> {
    return this.waitUntil(() => this.traces.find((l) => pattern.test(l)), timeoutMs, () => `no trace message matching ${pattern} within ${timeoutMs} ms`);
  }

  /** The process id of the server. */
  get pid(): number {
    return this.child.pid!;
  }

  /** Asks the server for its trace messages, as the `azureBackupRbac.trace.server` setting does. */
  async trace(value: 'off' | 'messages' | 'verbose' = 'verbose'): Promise<void> {
    await this.connection.sendNotification(SetTraceNotification.type, { value });
  }

  /** The diagnostics published for a version of a document. */
  waitForVersion(uri: string, version: number, timeoutMs = 10000): Promise<Diagnostic[]> {
    return this.waitForDiagnostics(uri, () => this.publishedVersion.get(uri) === version, timeoutMs);
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  complete(uri: string, position: Position): Promise<CompletionList | CompletionItem[] | null> {
    return this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
  }

  resolveCompletion(item: CompletionItem): Promise<CompletionItem> {
    return this.connection.sendRequest(CompletionResolveRequest.type, item);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.options.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { azureBackupRbac: settings } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  get exited(): boolean {
    return this.child.exitCode !== null;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise((r) => this.child.once('exit', r));
    await this.connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await this.connection.sendNotification(ExitNotification.type).catch(() => undefined);
    await Promise.race([exit, new Promise((r) => setTimeout(r, 3000))]);
    this.connection.dispose();
    if (!this.exited) this.child.kill();
  }
}

/**
 * One server for the tests of the enclosing `describe`: started before them, stopped after.
 * Call inside a `describe`; the getter gives the client once it has started.
 */
export function serverForSuite(options: ClientOptions = {}): () => LspClient {
  let client: LspClient | undefined;
  before(async () => {
    client = await LspClient.start(options);
  });
  after(async () => {
    await client?.stop();
  });
  return () => {
    if (!client) throw new Error('the suite\'s server has not started');
    return client;
  };
}
