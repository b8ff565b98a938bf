// The only code that knows the Language Server Protocol: capabilities, the document cache,
// settings per resource, the workspace scan, and one-line handlers into the core.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  type CompletionItem,
  CompletionItemKind,
  InsertTextFormat,
  type CodeAction,
  type Connection,
  DidChangeConfigurationNotification,
  type InitializeParams,
  type InitializeResult,
  MarkupKind,
  TextDocumentSyncKind,
  SemanticTokensBuilder,
  SymbolKind,
  TextDocuments,
  FileChangeType,
  type CancellationToken,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Diagnostic, SOURCE } from '../core/types';
import { type LanguageService, createLanguageService } from '../core/language-service';
import type { Analysis } from '../core/analyze';
import type { TextEdit } from '../core/incremental';
import type { RoleDocument } from '../core/role-document';
import { workspaceSymbols } from '../core/navigation';
import { WorkspaceIndex, customRolesOf, sameEntries } from '../core/workspace';
import { FIX_ALL_KIND } from '../core/code-actions';
import type { OffsetEdit } from '../core/edits';
import { findJsonFiles, isCandidateFile, readTextFile } from '../node/files';
import { declaredFor, inScope, relativeToFolders } from '../node/glob';
import { fileTooLarge } from '../core/codes';
import { bundledCatalog, expandPath, loadCatalog, ruleDocsLink } from '../node/load-catalog';
import { DEFAULT_SETTINGS, type Settings, readSettings } from '../core/settings';
import { ADD_PERMISSIONS_REQUEST, type AddPermissionsParams, type AddPermissionsResult, CATALOG_STATUS, COVERAGE_REQUEST, type CatalogStatus, type CoverageParams, type DocumentCoverage, RELOAD_CATALOG } from '../protocol';

const SECTION = 'azureBackupRbac';
/** Cheap test before parsing a file of the workspace: role files and templates name one of these. */
const MAYBE_ROLE = /actions|roleDefinitions|assignableScopes|roleDefinitionId/i;
const SCAN_LIMIT = 50000;
/** files read at once by the workspace scan */
const SCAN_BATCH = 32;
const COMPLETION_KIND = {
  provider: CompletionItemKind.Module,
  'resource-type': CompletionItemKind.Class,
  operation: CompletionItemKind.Function,
  wildcard: CompletionItemKind.Operator,
  role: CompletionItemKind.Reference,
  snippet: CompletionItemKind.Snippet,
} as const;

/** The answer to a request the client cancelled while it waited (the server checks between steps). */
const requestCancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');

/** What an open document was last checked with: an edit since then may be re-checked in part. */
interface Checked {
  readonly version: number;
  readonly analysis: Analysis;
  readonly settings: Settings;
  /** the edits since, each in the text left by the ones before it; undefined: the whole text was replaced */
  edits: TextEdit[] | undefined;
}

export function startServer(connection: Connection): void {
  const checkedWith = new Map<string, Checked>();
  // the editor sends edits; they are kept so that a large document is re-checked in part
  const documents = new TextDocuments<TextDocument>({
    create: TextDocument.create,
    update: (doc, changes, version) => {
      const state = checkedWith.get(doc.uri);
      for (const change of changes) {
        if (state?.edits && 'range' in change) {
          const offset = doc.offsetAt(change.range.start);
          state.edits.push({ offset, length: doc.offsetAt(change.range.end) - offset, text: change.text });
        } else if (state) {
          state.edits = undefined;
        }
        TextDocument.update(doc, [change], version);
      }
      return doc;
    },
  });
  let service: LanguageService | undefined;
  let workspaceFolders: string[] = [];
  let canPullConfiguration = false;
  let supportsFolders = false;
  let canRefreshLenses = false;
  /** the client takes a completion list's shared edit range (LSP 3.17 itemDefaults) */
  let completionDefaults = false;
  const settingsCache = new Map<string, Promise<Settings>>();
  /** the custom roles of every role file, open or not, for resolving assignments across files */
  const index = new WorkspaceIndex();
  /** files that hold role assignments: checked again when a custom role changes */
  const assignmentFiles = new Set<string>();
  const parsed = new Map<string, { version: number; document: RoleDocument }>();
  /** diagnostics published for files that are not open, by URI */
  const fromDisk = new Set<string>();
  const pending = new Map<string, NodeJS.Immediate>();
  let scanGeneration = 0;
  const ruleDocs = ruleDocsLink();

  const languageService = (): LanguageService => {
    service ??= createLanguageService(bundledCatalog());
    return service;
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
    const base = workspaceFolders[0];
    const stored = (name: string) => (importDir && existsSync(join(importDir, name)) ? join(importDir, name) : undefined);
    const operationsFile = settings.catalog.operationsFile ? expandPath(settings.catalog.operationsFile, base) : stored('operations.json');
    const rolesFile = settings.catalog.rolesFile ? expandPath(settings.catalog.rolesFile, base) : stored('roles.json');
    const stamp = (f: string | undefined) => (f ? `${f}@${existsSync(f) ? statSync(f).mtimeMs : 'missing'}` : '');
    const key = `${stamp(operationsFile)}|${stamp(rolesFile)}`;
    if (key === catalogKey && service) return false;
    catalogKey = key;
    const loaded = loadCatalog({ ...(operationsFile ? { operationsFile } : {}), ...(rolesFile ? { rolesFile } : {}) });
    if (service?.catalog !== loaded.catalog) service = createLanguageService(loaded.catalog);
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
  let globalSettings = DEFAULT_SETTINGS;
  /** where the import commands keep the user's catalog files (the extension's global storage) */
  let importDir: string | undefined;

  const parse = (doc: TextDocument): RoleDocument => {
    const hit = parsed.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.document;
    // edited since it was checked: check it now, in part where it can be (a request came first)
    const state = checkedWith.get(doc.uri);
    if (state?.edits && state.version < doc.version && doc.getText().length <= state.settings.maxFileSize) {
      const analysis = analysisOf(doc, state.settings);
      return analysis.document;
    }
    const document = languageService().parse(doc.getText());
    parsed.set(doc.uri, { version: doc.version, document });
    return document;
  };

  /** Operation ids the settings declare for a file, its path taken relative to its workspace folder. */
  const declaredOperations = (uri: string, settings: Settings): string[] => {
    if (!uri.startsWith('file:') || Object.keys(settings.backupOperations).length === 0) return [];
    return declaredFor(relativePath(uri), settings.backupOperations);
  };

  /** The file's path relative to its workspace folder (its full path outside any). */
  const relativePath = (uri: string): string => {
    if (!uri.startsWith('file:')) return uri;
    return relativeToFolders(fileURLToPath(uri), workspaceFolders);
  };

  /** Whether the include/exclude settings let the file be checked. */
  const checked = (uri: string, settings: Settings): boolean =>
    settings.enable && (!uri.startsWith('file:') || inScope(relativePath(uri), settings.include, settings.exclude));

  const analyzeOptions = (uri: string, settings: Settings) => ({ rules: settings.rules, ruleDocs, declaredOperations: declaredOperations(uri, settings), workspace: index, uri });

  const toTextEdits = (doc: TextDocument, edits: readonly OffsetEdit[]) =>
    edits.map((e) => ({ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.text }));

  /** Keeps the index of custom roles current; true when this file's roles changed. */
  const indexDocument = (uri: string, document: RoleDocument | undefined): boolean => {
    if (document && document.assignments.length > 0) assignmentFiles.add(uri);
    else assignmentFiles.delete(uri);
    const entries = document ? customRolesOf(uri, document) : [];
    if (sameEntries(index.get(uri), entries)) {
      index.move(uri, entries); // where they are written may have moved
      return false;
    }
    index.set(uri, entries);
    // the other open files may resolve their assignments to these roles: check them in full
    for (const other of checkedWith.keys()) if (other !== uri) checkedWith.delete(other);
    return true;
  };

  /** After a custom role changed: the files with assignments are checked again (once per burst). */
  let dependentsTimer: NodeJS.Timeout | undefined;
  const revalidateDependents = (changed: string): void => {
    if (dependentsTimer) clearTimeout(dependentsTimer);
    dependentsTimer = setTimeout(() => {
      dependentsTimer = undefined;
      for (const uri of assignmentFiles) {
        if (uri === changed) continue;
        const open = documents.get(uri);
        if (open) schedule(open);
        else void validateFromDisk(uri).catch(() => undefined);
      }
    }, 100);
  };

  /**
   * The analysis of an open document: re-checked in part after edits inside one role or
   * assignment, else in full. Keeps the index of custom roles current.
   */
  const analysisOf = (doc: TextDocument, settings: Settings): Analysis => {
    const service = languageService();
    const before = checkedWith.get(doc.uri);
    checkedWith.delete(doc.uri);
    const usable = before?.edits && before.settings === settings && before.analysis.catalog === service.catalog ? before : undefined;
    const started = performance.now();
    let how = 'in full';
    let analysis: Analysis | undefined;
    if (usable && usable.version === doc.version && usable.edits!.length === 0) {
      analysis = usable.analysis; // two checks were under way
      how = 'already';
    } else if (usable && usable.version < doc.version) {
      analysis = service.reanalyze(usable.analysis, usable.edits!, doc.uri, doc.getText());
      if (analysis) {
        how = 'in part';
        parsed.set(doc.uri, { version: doc.version, document: analysis.document });
        if (indexDocument(doc.uri, analysis.document)) revalidateDependents(doc.uri);
      }
    }
    if (!analysis) {
      const document = parse(doc);
      if (indexDocument(doc.uri, document)) revalidateDependents(doc.uri);
      analysis = service.analysis(document, analyzeOptions(doc.uri, settings));
    }
    checkedWith.set(doc.uri, { version: doc.version, analysis, settings, edits: [] });
    connection.tracer.log(`checked ${doc.uri} (version ${doc.version}) ${how} in ${Math.round(performance.now() - started)} ms`);
    return analysis;
  };

  const validateOpen = async (doc: TextDocument): Promise<void> => {
    const settings = await settingsFor(doc.uri);
    const current = documents.get(doc.uri);
    if (!current || current.version !== doc.version) return; // superseded by a newer edit
    let diagnostics: Diagnostic[];
    if (doc.getText().length > settings.maxFileSize) {
      parsed.delete(doc.uri);
      const note = checked(doc.uri, settings) ? fileTooLarge(doc.getText().length, settings.maxFileSize, { rules: settings.rules, ruleDocs }) : undefined;
      diagnostics = note ? [note] : [];
    } else if (!checked(doc.uri, settings)) {
      checkedWith.delete(doc.uri);
      const document = parse(doc);
      if (indexDocument(doc.uri, document)) revalidateDependents(doc.uri);
      diagnostics = [];
    } else {
      const analysis = analysisOf(doc, settings);
      diagnostics = [...analysis.diagnostics];
    }
    fromDisk.delete(doc.uri);
    await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: diagnostics as never });
  };

  /** Coalesces bursts of edits: the document is checked once the event loop is free. */
  const schedule = (doc: TextDocument): void => {
    const previous = pending.get(doc.uri);
    if (previous) clearImmediate(previous);
    pending.set(doc.uri, setImmediate(() => {
      pending.delete(doc.uri);
      validateOpen(doc).catch((e: unknown) => connection.console.error(`checking ${doc.uri} failed: ${String(e)}`));
    }));
  };

  /** Reads and parses a file of the workspace; undefined when it is no role file. */
  const readRoleFile = async (uri: string, settings: Settings): Promise<RoleDocument | undefined> => {
    if (!checked(uri, settings)) return undefined;
    const read = await readTextFile(fileURLToPath(uri), settings.maxFileSize);
    if (read.kind !== 'text' || !MAYBE_ROLE.test(read.text)) return undefined;
    const document = languageService().parse(read.text);
    return document.kind === 'role-file' ? document : undefined;
  };

  /** Publishes the diagnostics of a file read from disk (readRoleFile has applied the settings). */
  const publishFromDisk = async (uri: string, document: RoleDocument | undefined, settings: Settings): Promise<void> => {
    const diagnostics = document ? languageService().diagnostics(document, analyzeOptions(uri, settings)) : [];
    if (diagnostics.length > 0) {
      fromDisk.add(uri);
      await connection.sendDiagnostics({ uri, diagnostics: diagnostics as never });
    } else if (fromDisk.delete(uri)) {
      await connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  };

  const validateFromDisk = async (uri: string): Promise<void> => {
    if (documents.get(uri)) return; // the editor's text wins
    const settings = await settingsFor(uri);
    const document = settings.scanWorkspace ? await readRoleFile(uri, settings) : undefined;
    if (indexDocument(uri, document)) revalidateDependents(uri);
    await publishFromDisk(uri, document, settings);
  };

  /**
   * Checks every role file of the workspace: first indexes the custom roles of all files, then
   * checks the role files, so an assignment resolves a role defined in a file found after it. A
   * few files at a time, so requests are never kept waiting; a newer scan cancels this one.
   */
  const scanWorkspace = async (): Promise<void> => {
    const generation = ++scanGeneration;
    const cancelled = () => generation !== scanGeneration;
    const started = Date.now();
    const roleFiles: { uri: string; document: RoleDocument; settings: Settings }[] = [];
    let read = 0;
    for (const folder of workspaceFolders) {
      // the folder's settings stand for its files (an editor answers the same for a closed file)
      const settings = await settingsFor(pathToFileURL(folder).href);
      if (!settings.scanWorkspace) continue;
      const files = await findJsonFiles(folder, { limit: SCAN_LIMIT, isCancelled: cancelled });
      // a few files read at a time: the reads overlap, and requests are answered between batches
      for (let i = 0; i < files.length; i += SCAN_BATCH) {
        if (cancelled()) return;
        const batch = files.slice(i, i + SCAN_BATCH).map((file) => pathToFileURL(file).href).filter((uri) => !documents.get(uri));
        read += batch.length;
        const documentsRead = await Promise.all(batch.map((uri) => readRoleFile(uri, settings).catch(() => undefined)));
        if (cancelled()) return;
        for (const [k, uri] of batch.entries()) {
          const document = documentsRead[k];
          indexDocument(uri, document);
          if (document) roleFiles.push({ uri, document, settings });
        }
        connection.tracer.log(`workspace scan: ${read} of ${files.length} files of ${folder} read`);
        await new Promise((r) => setImmediate(r));
      }
    }
    for (const [i, { uri, document, settings }] of roleFiles.entries()) {
      if (cancelled()) return;
      if (documents.get(uri)) continue;
      await publishFromDisk(uri, document, settings);
      if (i % 25 === 24) await new Promise((r) => setImmediate(r));
    }
    // open files may reference roles the scan has just found
    for (const doc of documents.all()) schedule(doc);
    connection.console.info(`Checked ${read} JSON files of the workspace (${roleFiles.length} role files, ${index.size} with custom roles) in ${Date.now() - started} ms.`);
  };

  const revalidateAll = (): void => {
    settingsCache.clear();
    checkedWith.clear();
    if (canRefreshLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    for (const doc of documents.all()) schedule(doc);
    for (const uri of [...fromDisk]) {
      fromDisk.delete(uri);
      connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    }
    void scanWorkspace().catch((e: unknown) => connection.console.error(`workspace scan failed: ${String(e)}`));
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    supportsFolders = !!params.capabilities.workspace?.workspaceFolders;
    canRefreshLenses = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    completionDefaults = !!params.capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange');
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri)
      .concat(!params.workspaceFolders && params.rootUri ? [params.rootUri] : [])
      .filter((u) => u.startsWith('file:'))
      .map((u) => fileURLToPath(u));
    const init = params.initializationOptions as { settings?: unknown; importDir?: unknown } | undefined;
    if (init?.settings) globalSettings = readSettings(init.settings);
    if (typeof init?.importDir === 'string') importDir = init.importDir;
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
        workspaceFolders = workspaceFolders.filter((p) => !removed.has(pathToFileURL(p).href))
          .concat(event.added.filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri)));
        revalidateAll();
      });
    }
    void ensureCatalog().catch((e: unknown) => connection.console.error(`loading the catalog failed: ${String(e)}`))
      .then(() => scanWorkspace()).catch((e: unknown) => connection.console.error(`workspace scan failed: ${String(e)}`));
  });

  // VS Code may announce one change twice (the server's registration and the client's own sync):
  // one reload and re-check per burst
  let configurationTimer: NodeJS.Timeout | undefined;
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
      if (!change.uri.startsWith('file:') || !isCandidateFile(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) {
        if (indexDocument(change.uri, undefined)) revalidateDependents(change.uri);
        if (fromDisk.delete(change.uri)) connection.sendDiagnostics({ uri: change.uri, diagnostics: [] }).catch(() => undefined);
      } else {
        void validateFromDisk(change.uri).catch(() => undefined);
      }
    }
  });

  documents.onDidOpen(({ document }) => schedule(document));
  documents.onDidChangeContent(({ document }) => schedule(document));
  documents.onDidClose(({ document }) => {
    parsed.delete(document.uri);
    checkedWith.delete(document.uri);
    settingsCache.delete(document.uri);
    const p = pending.get(document.uri);
    if (p) clearImmediate(p);
    pending.delete(document.uri);
    // what stays is what is on disk; an untitled file's roles go with it
    if (!document.uri.startsWith('file:') && indexDocument(document.uri, undefined)) revalidateDependents(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] }).then(() =>
      document.uri.startsWith('file:') ? validateFromDisk(document.uri) : undefined).catch(() => undefined);
  });

  /**
   * The open document a request is about, with its settings: null when there is nothing to answer
   * (not open, the extension off for it, or over the size limit, so never read); RequestCancelled
   * when the client gave up while the settings were asked for.
   */
  const requested = async (uri: string, token: CancellationToken) => {
    const doc = documents.get(uri);
    if (!doc) return null;
    const settings = await settingsFor(uri);
    if (!settings.enable || doc.getText().length > settings.maxFileSize) return null;
    if (token.isCancellationRequested) return requestCancelled();
    return { doc, settings };
  };

  connection.onHover(async ({ textDocument, position }, token) => {
    const r = await requested(textDocument.uri, token);
    if (!r || r instanceof ResponseError) return r;
    const { doc } = r;
    const result = languageService().hover(parse(doc), doc.offsetAt(position), index);
    return result ? { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: result.range } : null;
  });

  connection.onCodeAction(async ({ textDocument, context }, token) => {
    const r = await requested(textDocument.uri, token);
    if (!r || r instanceof ResponseError) return r;
    const { doc, settings } = r;
    // the client's diagnostics stand for the server's own, found again by code, range and message:
    // a stale or forged one (its data is what the fixes act on) gets no fix
    const sent = context.diagnostics.filter((d) => d.source === SOURCE);
    const current = sent.length > 0 && checked(doc.uri, settings) ? analysisOf(doc, settings).diagnostics : [];
    const key = (d: { code?: unknown; range: { start: { line: number; character: number }; end: { line: number; character: number } }; message: unknown }) =>
      `${String(d.code)}|${d.range.start.line}:${d.range.start.character}|${d.range.end.line}:${d.range.end.character}|${String(d.message)}`;
    const byKey = new Map(current.map((d) => [key(d), d]));
    const ours = sent.map((d) => byKey.get(key(d))).filter((d): d is Diagnostic => d !== undefined);
    const document = parse(doc);
    // ARM templates may carry comments (Azure accepts them); plain role JSON for `az` may not
    const commentsAllowed = doc.languageId === 'jsonc' || document.resources.length > 0;
    const results = languageService().codeActions(document, ours, { only: context.only, analyze: analyzeOptions(doc.uri, settings), commentsAllowed });
    return results.map((r): CodeAction => ({
      title: r.title,
      kind: r.kind,
      ...(r.diagnostics ? { diagnostics: r.diagnostics as never } : {}),
      ...(r.isPreferred ? { isPreferred: true } : {}),
      edit: { changes: { [doc.uri]: toTextEdits(doc, r.edits) } },
    }));
  });

  /** the last completion list's documentation, sent on request (completionItem/resolve) rather than with the list */
  let lastCompletion: { id: number; documentation: (string | undefined)[] } = { id: 0, documentation: [] };
  connection.onCompletion(async ({ textDocument, position }, token) => {
    const r = await requested(textDocument.uri, token);
    if (!r || r instanceof ResponseError) return r;
    const { doc } = r;
    const items = languageService().complete(parse(doc), doc.offsetAt(position), index);
    const id = lastCompletion.id + 1;
    lastCompletion = { id, documentation: items.map((c) => c.documentation) };
    const rangeOf = (c: (typeof items)[number]) => ({ start: doc.positionAt(c.edit.offset), end: doc.positionAt(c.edit.offset + c.edit.length) });
    // items that replace the same text share one edit range (itemDefaults), which keeps large lists small
    const first = items[0]?.edit;
    const shared = completionDefaults && first && items.every((c) => c.edit.offset === first.offset && c.edit.length === first.length) ? rangeOf(items[0]) : undefined;
    return {
      isIncomplete: false,
      ...(shared ? { itemDefaults: { editRange: shared } } : {}),
      items: items.map((c, i): CompletionItem => ({
        label: c.label,
        kind: COMPLETION_KIND[c.kind],
        ...(c.detail ? { detail: c.detail } : {}),
        // (the label is what is filtered on, and with a shared range what is inserted, unless told otherwise)
        ...(shared ? (c.edit.text !== c.label ? { textEditText: c.edit.text } : {}) : { textEdit: { range: rangeOf(c), newText: c.edit.text } }),
        ...(c.filterText && c.filterText !== c.label ? { filterText: c.filterText } : {}),
        ...(c.sortText ? { sortText: c.sortText } : {}),
        ...(c.snippet ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
        ...(c.retrigger ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
        ...(c.documentation ? { data: [id, i] } : {}),
      })),
    };
  });

  connection.onCompletionResolve((item) => {
    const [id, i] = Array.isArray(item.data) ? (item.data as number[]) : [];
    const documentation = id === lastCompletion.id ? lastCompletion.documentation[i] : undefined;
    return documentation ? { ...item, documentation: { kind: MarkupKind.Markdown, value: documentation } } : item;
  });

  connection.languages.semanticTokens.on(async ({ textDocument }, token) => {
    const builder = new SemanticTokensBuilder();
    const r = await requested(textDocument.uri, token);
    if (!r) return builder.build();
    if (r instanceof ResponseError) return r;
    const { doc } = r;
    for (const span of languageService().semanticSpans(parse(doc))) {
      const at = doc.positionAt(span.offset);
      builder.push(at.line, at.character, span.length, 0, 1 /* deprecated */);
    }
    return builder.build();
  });

  connection.onDefinition(async ({ textDocument, position }, token) => {
    const r = await requested(textDocument.uri, token);
    if (!r || r instanceof ResponseError) return r;
    const { doc } = r;
    const location = languageService().definition(parse(doc), doc.offsetAt(position), index);
    return location ? { uri: location.uri, range: location.range } : null;
  });

  connection.onDocumentSymbol(async ({ textDocument }, token) => {
    const r = await requested(textDocument.uri, token);
    if (!r || r instanceof ResponseError) return r;
    const { doc } = r;
    return languageService().documentSymbols(parse(doc), index).map((sym) => ({
      name: sym.name, detail: sym.detail, kind: sym.kind === 'role' ? SymbolKind.Class : SymbolKind.Key,
      range: sym.range, selectionRange: sym.selectionRange,
    }));
  });

  connection.onWorkspaceSymbol(({ query }) =>
    workspaceSymbols(index, query).map((sym) => ({ name: sym.name, kind: SymbolKind.Class, location: sym.location, containerName: 'custom role' })));

  connection.onCodeLens(async ({ textDocument }, token) => {
    const r = await requested(textDocument.uri, token);
    if (!r || r instanceof ResponseError) return r;
    const { doc, settings } = r;
    if (!settings.codeLens) return null;
    return languageService().codeLenses(parse(doc), declaredOperations(doc.uri, settings)).map((lens) => ({
      range: { start: doc.positionAt(lens.offset), end: doc.positionAt(lens.offset + lens.length) },
      command: { title: lens.title, command: 'azureBackupRbac.showCoverage', arguments: [doc.uri, lens.roleIndex] },
    }));
  });

  connection.onRequest(COVERAGE_REQUEST, async (params: CoverageParams, token): Promise<DocumentCoverage | null | ResponseError> => {
    const r = await requested(params?.uri, token);
    if (!r || r instanceof ResponseError) return r;
    return { uri: r.doc.uri, version: r.doc.version, roles: languageService().coverage(parse(r.doc), declaredOperations(r.doc.uri, r.settings)) };
  });

  connection.onRequest(ADD_PERMISSIONS_REQUEST, async (params: AddPermissionsParams, token): Promise<AddPermissionsResult | null | ResponseError> => {
    const r = await requested(params?.uri, token);
    if (!r || r instanceof ResponseError) return r;
    if (r.doc.version !== params.version) return null; // stale: the view asks again over the current text
    const fix = languageService().addMissingPermissions(parse(r.doc), params, declaredOperations(r.doc.uri, r.settings));
    return fix ? { title: fix.title, edits: toTextEdits(r.doc, fix.edits) } : null;
  });

  documents.listen(connection);
  connection.listen();
}
