// The only code that knows the Language Server Protocol: capabilities, settings per resource, the
// workspace scan, when to check what, and one-line handlers into the workspace session
// (core/session.ts), which owns the documents, their analyses and the index of custom roles. The
// platform's IO (the disk in Node, the editor's files in a browser worker) comes from its host.
import {
  type CancellationToken,
  CodeActionKind,
  CodeLensRefreshRequest,
  type Connection,
  DidChangeConfigurationNotification,
  FileChangeType,
  type InitializeParams,
  type InitializeResult,
  LSPErrorCodes,
  MarkupKind,
  MessageType,
  ResponseError,
  SemanticTokensBuilder,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { EditorDocument } from './editor-document';
import { DEFAULT_SETTINGS, FIX_ALL_KIND, type FileContext, GENERATED_SHAPES, ROLE_FORMATS, type RoleDocument, SOURCE, type Settings, type TextEdit, WorkspaceSession, isBicepFile, isCandidateFile, readSettings } from '../core';
import { ADD_PERMISSIONS_REQUEST, type ActivityLogAnswer, type AddPermissionsParams, type AddPermissionsResult, BACKUP_OPERATIONS_REQUEST, CATALOG_STATUS, COVERAGE_REQUEST, type CatalogStatus, type CoverageParams, type DocumentCoverage, GENERATE_REQUEST, type GenerateAnswer, type GenerateParams, RELOAD_CATALOG, ROLE_FROM_ACTIVITY_LOG_REQUEST, type RoleFromActivityLogParams, isBicepWasmFiles } from '../protocol';
import type { HostInit, ServerHost } from './host';
import * as proto from './to-proto';

const SECTION = 'azureBackupRbac';
const SCAN_LIMIT = 50000;
/** files read at once by the workspace scan */
const SCAN_BATCH = 32;
/** how long symbols wait for the workspace index, once per session (README › Performance: 10,000 files indexed in about 2 s) */
const INDEX_WAIT_MS = 10000;

/** The answer to a request the client cancelled while it waited (the server checks between steps). */
const requestCancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');

/** Runs a function on the next turn of the event loop: setImmediate in Node, a zero timeout in a worker. */
function nextTurn(f: () => void): { cancel(): void } {
  if (typeof setImmediate === 'function') {
    const handle = setImmediate(f);
    return { cancel: () => clearImmediate(handle) };
  }
  const handle = setTimeout(f, 0);
  return { cancel: () => clearTimeout(handle) };
}

const yieldTurn = () => new Promise<void>((r) => nextTurn(r));

/** The language server on a connection; `makeHost` gets what the client said at `initialize`. */
export function startServer(connection: Connection, makeHost: (init: HostInit) => ServerHost): void {
  let session: WorkspaceSession | undefined;
  /** the workspace folders' URIs */
  let workspaceFolders: string[] = [];
  let canPullConfiguration = false;
  let supportsFolders = false;
  let canRefreshLenses = false;
  /** the client takes a completion list's shared edit range (LSP 3.17 itemDefaults) */
  let completionDefaults = false;
  let globalSettings = DEFAULT_SETTINGS;
  /** what the client said at `initialize` that the host uses */
  const hostInit: HostInit = {};
  const host = makeHost(hostInit);
  const settingsCache = new Map<string, Promise<Settings>>();
  /** diagnostics published for files that are not open, by URI */
  const fromDisk = new Set<string>();
  const pending = new Map<string, { cancel(): void }>();
  let scanGeneration = 0;
  /**
   * Document and workspace symbols wait for the index: VS Code keeps a document's symbols until the
   * document changes, so an assignment named before the scan had read the file of its custom role
   * would show the role's symbol, not its name, until the next edit. `indexed` settles when a scan
   * has read every file (or failed). The wait for it, INDEX_WAIT_MS at most, is one per session,
   * started by the first request that needs it: a client that never sends `initialized`, or a scan
   * slower than that, holds requests up once.
   */
  let markIndexed!: () => void;
  const indexed = new Promise<void>((resolve) => {
    markIndexed = resolve;
  });
  let indexWait: Promise<void> | undefined;
  const whenIndexed = (token: CancellationToken): Promise<void> => {
    const wait = (indexWait ??= new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, INDEX_WAIT_MS);
      void indexed.then(() => {
        clearTimeout(timer);
        resolve();
      });
    }));
    return new Promise<void>((resolve) => {
      const onCancel = token.onCancellationRequested(() => resolve());
      void wait.then(() => {
        onCancel.dispose();
        resolve();
      });
    });
  };

  /** The session, over the bundled catalog until ensureCatalog has laid the user's files over it. */
  const core = (): WorkspaceSession => {
    if (session) return session;
    const ruleDocs = host.ruleDocs();
    session = new WorkspaceSession({
      catalog: host.bundledCatalog(),
      ...(ruleDocs ? { ruleDocs } : {}),
      onRolesChanged: (uri) => revalidateDependents(uri),
      trace: (message) => connection.tracer.log(message),
    });
    return session;
  };

  // the editor sends edits; the session keeps them, so that a large document is re-checked in part
  // (and the text in pieces: see editor-document.ts)
  const documents = new TextDocuments<EditorDocument>({
    create: (uri, languageId, version, text) => {
      core().openDocument(uri, version, text, contextFor(uri, languageId, globalSettings));
      return new EditorDocument(uri, languageId, version, text);
    },
    update: (doc, changes, version) => {
      let edits: TextEdit[] | undefined = [];
      for (const change of changes) {
        if (edits && 'range' in change) {
          const offset = doc.offsetAt(change.range.start);
          edits.push({ offset, length: doc.offsetAt(change.range.end) - offset, text: change.text });
        } else edits = undefined;
        doc.update([change], version);
      }
      core().updateDocument(doc.uri, version, doc.text, edits);
      return doc;
    },
  });

  /** What the session needs to know of a file besides its text. */
  const contextFor = (uri: string, languageId: string | undefined, settings: Settings): FileContext => ({
    settings,
    ...withPath(host.relativePath(uri, workspaceFolders)),
    ...(languageId === 'jsonc' ? { comments: true } : {}),
    ...(languageId === 'bicep' || (languageId === undefined && isBicepFile(uri)) ? { language: 'bicep' as const } : {}),
  });

  const withPath = (path: string | undefined) => (path !== undefined ? { path } : {});

  /** The Bicep parser, loaded the first time a Bicep file is met (never for a JSON-only workspace). */
  let bicepFailed = false;
  const ensureBicep = async (context: FileContext): Promise<void> => {
    if (context.language !== 'bicep' || core().readsBicep || bicepFailed) return;
    try {
      core().useBicep(await host.loadBicep());
    } catch (e) {
      bicepFailed = true;
      const message = `Azure Backup RBAC: Bicep files cannot be checked: the Bicep parser did not load (${e instanceof Error ? e.message : String(e)}).`;
      connection.console.error(message);
      connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message }).catch(() => undefined);
    }
  };

  /**
   * The catalog in use: the bundled one, with the user's imported files laid over it (the
   * `azureBackupRbac.catalog.*` settings, else the copies the import commands keep in the
   * extension's storage). Reloaded when the files or settings change; true when it did.
   */
  let catalogKey = '';
  const shownErrors = new Set<string>();
  const ensureCatalog = async (): Promise<boolean> => {
    const settings = canPullConfiguration
      ? await connection.workspace.getConfiguration({ section: SECTION }).then(readSettings, () => DEFAULT_SETTINGS)
      : globalSettings;
    const wanted = host.catalog(settings, workspaceFolders);
    if (wanted.key === catalogKey && session) return false;
    catalogKey = wanted.key;
    const loaded = wanted.load();
    core().setCatalog(loaded.catalog);
    connection.console.info(`Catalog: ${loaded.summary}`);
    for (const e of loaded.errors) {
      connection.console.error(e);
      // a notification: nothing to answer (showErrorMessage would ask a request the client may not serve)
      if (!shownErrors.has(e)) connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `Azure Backup RBAC: ${e}` }).catch(() => undefined);
      shownErrors.add(e);
    }
    connection.sendNotification(CATALOG_STATUS, {
      label: loaded.catalog.imported ? `RBAC catalog: imported ${loaded.catalog.imported.operations?.date ?? loaded.catalog.imported.roles?.date}` : 'RBAC catalog: bundled',
      summary: loaded.summary,
      errors: loaded.errors,
    } satisfies CatalogStatus).catch(() => undefined);
    return true;
  };

  const settingsFor = (uri: string): Promise<Settings> => {
    if (!canPullConfiguration) return Promise.resolve(globalSettings);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }).then(readSettings, () => DEFAULT_SETTINGS);
      settingsCache.set(uri, s);
    }
    return s;
  };

  /** After a custom role changed: the files with assignments are checked again (once per burst). */
  let dependentsTimer: ReturnType<typeof setTimeout> | undefined;
  /** the scan indexes every file first and checks the open ones after: it wants no re-check per file */
  let scanning = false;
  const revalidateDependents = (changed: string): void => {
    if (scanning) return;
    if (dependentsTimer) clearTimeout(dependentsTimer);
    dependentsTimer = setTimeout(() => {
      dependentsTimer = undefined;
      for (const uri of core().dependents(changed)) {
        const open = documents.get(uri);
        if (open) schedule(open);
        else void validateFromDisk(uri).catch(() => undefined);
      }
    }, 100);
  };

  const validateOpen = async (doc: EditorDocument): Promise<void> => {
    const settings = await settingsFor(doc.uri);
    const current = documents.get(doc.uri);
    if (!current || current.version !== doc.version) return; // superseded by a newer edit
    const context = contextFor(doc.uri, doc.languageId, settings);
    await ensureBicep(context);
    if (documents.get(doc.uri)?.version !== doc.version) return;
    core().setContext(doc.uri, context);
    const diagnostics = core().diagnostics(doc.uri);
    fromDisk.delete(doc.uri);
    await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: proto.published(diagnostics) });
  };

  /** Coalesces bursts of edits: the document is checked once the event loop is free. */
  const schedule = (doc: EditorDocument): void => {
    pending.get(doc.uri)?.cancel();
    pending.set(doc.uri, nextTurn(() => {
      pending.delete(doc.uri);
      validateOpen(doc).catch((e: unknown) => connection.console.error(`checking ${doc.uri} failed: ${String(e)}`));
    }));
  };

  /** A file's text from disk; undefined when the settings leave it unchecked (it is not read) or it is no text. */
  const textOnDisk = async (uri: string, context: FileContext): Promise<string | undefined> => {
    if (!core().isChecked(context)) return undefined;
    return host.readText(uri, context.settings.maxFileSize).catch(() => undefined);
  };

  /** Publishes the diagnostics of a file read from disk. */
  const publishFromDisk = async (uri: string, document: RoleDocument | undefined, context: FileContext): Promise<void> => {
    const diagnostics = document ? core().checkFile(uri, document, context) : [];
    if (diagnostics.length > 0) {
      fromDisk.add(uri);
      await connection.sendDiagnostics({ uri, diagnostics: proto.published(diagnostics) });
    } else if (fromDisk.delete(uri)) {
      await connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  };

  const validateFromDisk = async (uri: string): Promise<void> => {
    if (documents.get(uri)) return; // the editor's text wins
    const settings = await settingsFor(uri);
    const context = contextFor(uri, undefined, settings);
    const text = settings.scanWorkspace ? await textOnDisk(uri, context) : undefined;
    if (text !== undefined) await ensureBicep(context);
    const document = core().readFile(uri, text, context);
    await publishFromDisk(uri, document, context);
  };

  /**
   * Checks every role file of the workspace: first indexes the custom roles of all files, then
   * checks the role files, so an assignment resolves a role defined in a file found after it. A
   * few files at a time, so requests are never kept waiting; a newer scan cancels this one.
   */
  const scanWorkspace = async (): Promise<void> => {
    const generation = ++scanGeneration;
    const cancelled = () => generation !== scanGeneration;
    try {
      await scanFolders(cancelled);
    } catch (e) {
      // symbols wait no longer (a cancelled scan leaves it to the newer one)
      if (!cancelled()) markIndexed();
      throw e;
    }
  };

  /** The scan's two passes; returns early once a newer scan has started. */
  const scanFolders = async (cancelled: () => boolean): Promise<void> => {
    const started = Date.now();
    const roleFiles: { uri: string; document: RoleDocument; context: FileContext }[] = [];
    let read = 0;
    for (const folder of workspaceFolders) {
      // the folder's settings stand for its files (an editor answers the same for a closed file)
      if (!host.reads(folder)) continue;
      const settings = await settingsFor(folder);
      if (!settings.scanWorkspace) continue;
      const files = await host.findRoleFiles(folder, { limit: SCAN_LIMIT, isCancelled: cancelled }).catch(() => []);
      // a few files read at a time: the reads overlap, and requests are answered between batches
      for (let i = 0; i < files.length; i += SCAN_BATCH) {
        if (cancelled()) return;
        const batch = files.slice(i, i + SCAN_BATCH).filter((uri) => !documents.get(uri));
        read += batch.length;
        const contexts = batch.map((uri) => contextFor(uri, undefined, settings));
        const texts = await Promise.all(batch.map((uri, k) => textOnDisk(uri, contexts[k])));
        for (const [k, context] of contexts.entries()) if (texts[k] !== undefined) await ensureBicep(context);
        if (cancelled()) return;
        scanning = true;
        try {
          for (const [k, uri] of batch.entries()) {
            const document = core().readFile(uri, texts[k], contexts[k]);
            if (document) roleFiles.push({ uri, document, context: contexts[k] });
          }
        } finally {
          scanning = false;
        }
        connection.tracer.log(`workspace scan: ${read} of ${files.length} files of ${folder} read`);
        await yieldTurn();
      }
    }
    connection.tracer.log(`workspace scan: every file read, the custom roles of ${core().filesWithRoles} files indexed`);
    markIndexed();
    for (const [i, { uri, document, context }] of roleFiles.entries()) {
      if (cancelled()) return;
      if (documents.get(uri)) continue;
      await publishFromDisk(uri, document, context);
      if (i % 25 === 24) await yieldTurn();
    }
    // open files may reference roles the scan has just found
    for (const doc of documents.all()) schedule(doc);
    connection.console.info(`Checked ${read} JSON and Bicep files of the workspace (${roleFiles.length} role files, ${core().filesWithRoles} with custom roles) in ${Date.now() - started} ms.`);
  };

  const revalidateAll = (): void => {
    settingsCache.clear();
    core().invalidate();
    if (canRefreshLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    for (const doc of documents.all()) schedule(doc);
    for (const uri of [...fromDisk]) {
      fromDisk.delete(uri);
      connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    }
    void scanWorkspace().catch((e: unknown) => connection.console.error(`workspace scan failed: ${String(e)}`));
  };

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    supportsFolders = !!params.capabilities.workspace?.workspaceFolders;
    canRefreshLenses = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    completionDefaults = !!params.capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange');
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri)
      .concat(!params.workspaceFolders && params.rootUri ? [params.rootUri] : []);
    const init = params.initializationOptions as { settings?: unknown; importDir?: unknown; rulesDoc?: unknown; bicepWasm?: unknown } | undefined;
    if (init?.settings) globalSettings = readSettings(init.settings);
    if (typeof init?.importDir === 'string') hostInit.importDir = init.importDir;
    if (typeof init?.rulesDoc === 'string') hostInit.rulesDoc = init.rulesDoc;
    if (isBicepWasmFiles(init?.bicepWasm)) hostInit.bicepWasm = init.bicepWasm;
    await host.ready();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        definitionProvider: true,
        completionProvider: { triggerCharacters: ['"', '/', "'"], resolveProvider: true },
        semanticTokensProvider: { legend: { tokenTypes: ['function'], tokenModifiers: ['deprecated'] }, full: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'azure-backup-rbac', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration) connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch(() => undefined);
    if (supportsFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => f.uri));
        workspaceFolders = workspaceFolders.filter((uri) => !removed.has(uri)).concat(event.added.map((f) => f.uri));
        revalidateAll();
      });
    }
    void ensureCatalog().catch((e: unknown) => connection.console.error(`loading the catalog failed: ${String(e)}`))
      .then(() => scanWorkspace()).catch((e: unknown) => connection.console.error(`workspace scan failed: ${String(e)}`));
  });

  // VS Code may announce one change twice (the server's registration and the client's own sync):
  // one reload and re-check per burst
  let configurationTimer: ReturnType<typeof setTimeout> | undefined;
  connection.onDidChangeConfiguration((change) => {
    if (!canPullConfiguration) globalSettings = readSettings((change.settings as Record<string, unknown> | undefined)?.[SECTION]);
    if (configurationTimer) clearTimeout(configurationTimer);
    configurationTimer = setTimeout(() => {
      configurationTimer = undefined;
      void ensureCatalog().catch(() => false).then(() => revalidateAll());
    }, 50);
  });

  connection.onNotification(RELOAD_CATALOG, () => {
    void ensureCatalog().then((changed) => (changed ? revalidateAll() : undefined)).catch((e: unknown) => connection.console.error(String(e)));
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      if (!host.reads(change.uri) || !isCandidateFile(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) {
        core().deleteFile(change.uri);
        if (fromDisk.delete(change.uri)) connection.sendDiagnostics({ uri: change.uri, diagnostics: [] }).catch(() => undefined);
      } else {
        void validateFromDisk(change.uri).catch(() => undefined);
      }
    }
  });

  documents.onDidOpen(({ document }) => schedule(document));
  documents.onDidChangeContent(({ document }) => schedule(document));
  documents.onDidClose(({ document }) => {
    const onDisk = host.reads(document.uri);
    core().closeDocument(document.uri, onDisk);
    settingsCache.delete(document.uri);
    pending.get(document.uri)?.cancel();
    pending.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] }).then(() =>
      onDisk ? validateFromDisk(document.uri) : undefined).catch(() => undefined);
  });

  /**
   * The open document a request is about, its settings handed to the session: null when there is
   * nothing to answer (not open, the extension off for it, or over the size limit, so never read);
   * RequestCancelled when the client gave up while the settings were asked for.
   */
  const requested = async (uri: string | undefined, token: CancellationToken): Promise<EditorDocument | null | ResponseError> => {
    const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!doc) return null;
    const settings = await settingsFor(doc.uri);
    const context = contextFor(doc.uri, doc.languageId, settings);
    await ensureBicep(context);
    core().setContext(doc.uri, context);
    if (!core().answers(doc.uri)) return null;
    if (token.isCancellationRequested) return requestCancelled();
    return doc;
  };

  connection.onHover(async ({ textDocument, position }, token) => {
    const doc = await requested(textDocument.uri, token);
    if (!doc || doc instanceof ResponseError) return doc;
    const result = core().hover(doc.uri, doc.offsetAt(position));
    return result ? { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: result.range } : null;
  });

  connection.onCodeAction(async ({ textDocument, context }, token) => {
    const doc = await requested(textDocument.uri, token);
    if (!doc || doc instanceof ResponseError) return doc;
    const sent = context.diagnostics.filter((d) => d.source === SOURCE);
    return (core().codeActions(doc.uri, sent, context.only) ?? []).map((r) => proto.codeAction(doc, r));
  });

  /** the last completion list's documentation, sent on request (completionItem/resolve) rather than with the list */
  let lastCompletion: { id: number; documentation: (string | undefined)[] } = { id: 0, documentation: [] };
  connection.onCompletion(async ({ textDocument, position }, token) => {
    const doc = await requested(textDocument.uri, token);
    if (!doc || doc instanceof ResponseError) return doc;
    const items = core().complete(doc.uri, doc.offsetAt(position));
    lastCompletion = { id: lastCompletion.id + 1, documentation: items.map((c) => c.documentation) };
    return proto.completionList(doc, items, lastCompletion.id, completionDefaults);
  });

  connection.onCompletionResolve((item) => {
    const [id, i] = Array.isArray(item.data) ? (item.data as number[]) : [];
    const documentation = id === lastCompletion.id ? lastCompletion.documentation[i] : undefined;
    return documentation ? { ...item, documentation: { kind: MarkupKind.Markdown, value: documentation } } : item;
  });

  connection.languages.semanticTokens.on(async ({ textDocument }, token) => {
    const builder = new SemanticTokensBuilder();
    const doc = await requested(textDocument.uri, token);
    if (!doc) return builder.build();
    if (doc instanceof ResponseError) return doc;
    for (const span of core().semanticSpans(doc.uri)) {
      const at = doc.positionAt(span.offset);
      builder.push(at.line, at.character, span.length, 0, 1 /* deprecated */);
    }
    return builder.build();
  });

  connection.onDefinition(async ({ textDocument, position }, token) => {
    const doc = await requested(textDocument.uri, token);
    if (!doc || doc instanceof ResponseError) return doc;
    return core().definition(doc.uri, doc.offsetAt(position)) ?? null;
  });

  connection.onDocumentSymbol(async ({ textDocument }, token) => {
    await whenIndexed(token);
    const doc = await requested(textDocument.uri, token);
    if (!doc || doc instanceof ResponseError) return doc;
    return core().documentSymbols(doc.uri)?.map(proto.documentSymbol) ?? null;
  });

  connection.onWorkspaceSymbol(async ({ query }, token) => {
    await whenIndexed(token);
    if (token.isCancellationRequested) return requestCancelled();
    return core().workspaceSymbols(query).map(proto.workspaceSymbol);
  });

  connection.onCodeLens(async ({ textDocument }, token) => {
    const doc = await requested(textDocument.uri, token);
    if (!doc || doc instanceof ResponseError) return doc;
    return core().codeLenses(doc.uri)?.map((lens) => ({
      range: proto.range(doc, lens.offset, lens.length),
      // the comparison opens nothing: its title says it all (the hover on the role's name lists the operations)
      command: lens.kind === 'compare' ? { title: lens.title, command: '' } : { title: lens.title, command: 'azureBackupRbac.showCoverage', arguments: [doc.uri, lens.roleIndex] },
    })) ?? null;
  });

  connection.onRequest(COVERAGE_REQUEST, async (params: CoverageParams, token): Promise<DocumentCoverage | null | ResponseError> => {
    const doc = await requested(params?.uri, token);
    if (!doc || doc instanceof ResponseError) return doc;
    const coverage = core().coverage(doc.uri);
    return coverage ? { uri: doc.uri, ...coverage } : null;
  });

  connection.onRequest(ADD_PERMISSIONS_REQUEST, async (params: AddPermissionsParams, token): Promise<AddPermissionsResult | null | ResponseError> => {
    const doc = await requested(params?.uri, token);
    if (!doc || doc instanceof ResponseError) return doc;
    // undefined when stale: the view asks again over the current text
    const fix = core().addMissingPermissions(doc.uri, params.version, params);
    return fix ? { title: fix.title, edits: proto.textEdits(doc, fix.edits) } : null;
  });

  connection.onRequest<ActivityLogAnswer, void>(ROLE_FROM_ACTIVITY_LOG_REQUEST, (params: RoleFromActivityLogParams) =>
    typeof params?.text === 'string' && ROLE_FORMATS.includes(params.format)
      ? core().roleFromActivityLog(params.text, { format: params.format, ...(typeof params.caller === 'string' ? { caller: params.caller } : {}) })
      : { kind: 'problem', message: 'the request names no log text or no format (cli, arm or bicep)' });

  connection.onRequest(BACKUP_OPERATIONS_REQUEST, () => core().backupOperations());

  // the roles for the command "New Least-Privilege Role for Backup Operations…": no document, only the catalog
  connection.onRequest(GENERATE_REQUEST, (params: GenerateParams): GenerateAnswer | null => {
    const shape = params?.shape;
    if (!Array.isArray(params?.operations) || !params.operations.every((o) => typeof o === 'string') || !GENERATED_SHAPES.includes(shape)) return null;
    const result = core().generate({ operations: params.operations, shape, ...(params.compact === true ? { compact: true } : {}) });
    if (result.kind !== 'generated') return null;
    return { text: result.text, language: shape === 'bicep' ? 'bicep' : shape === 'arm' ? 'jsonc' : 'json', roles: result.roles.length, operations: result.operations };
  });

  documents.listen(connection);
  connection.listen();
}
