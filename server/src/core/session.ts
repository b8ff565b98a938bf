// The workspace session: what the product knows of a workspace at a moment, fed by the faces (the
// language server from the editor's documents and the disk, the CLI from the files it is given)
// and asked by them for diagnostics, hovers, fixes and symbols. It owns the documents (text,
// version, the edits since the last check), their parses and analyses, the index of custom roles
// across files and which files depend on it, the settings of each file, and the catalog's
// language service. Pure: no IO, no editor, no protocol; offsets in, offsets out.
import type { Catalog } from '../catalog/catalog';
import type { AnalyzeOptions, Analysis } from './analysis/analyze';
import type { AddTarget, BackupLens, RoleCoverage } from './features/coverage';
import type { CodeActionResult } from './features/code-actions';
import type { GenerateRequest, GenerateResult, OperationChoice } from './features/generate';
import type { Fix } from './rules/rule';
import { fileTooLarge } from './analysis/codes';
import type { CompletionResult } from './features/completion';
import { GlobMatcher } from './analysis/glob';
import type { HoverResult } from './features/hover';
import { type ActivityLogAnswer, type ActivityLogOptions, activityLogAnswer } from './features/activity-log';
import type { RoleFormat } from './features/role-writer';
import type { TextEdit } from './analysis/incremental';
import { type LanguageService, createLanguageService } from './language-service';
import { type Location, type OutlineSymbol, type WorkspaceSymbol, workspaceSymbols } from './features/navigation';

import { type DocumentLanguage, type RoleDocument, documentFromTree } from './model/role-document';
import type { BicepParser } from './bicep/parser';
import { PieceText } from './model/text';
import type { SemanticSpan } from './features/semantic';
import type { Settings } from './analysis/settings';
import type { ClientDiagnostic, Diagnostic } from './types';
import { WorkspaceIndex, customRolesOf, sameEntries } from './model/workspace';
import { muaEntriesOf } from './analysis/mua';
import { ModuleCallIndex, moduleCallsOf } from './model/modules';

/** Cheap test before parsing a file of the workspace: role files and templates name one of these. */
const MAYBE_ROLE = /actions|roleDefinitions|assignableScopes|roleDefinitionId/i;

/** What the session needs to know of a file besides its text. */
export interface FileContext {
  /** the settings that apply to it (the faces resolve them per resource) */
  readonly settings: Settings;
  /** its path relative to its workspace folder, for the settings' globs; none for an untitled file */
  readonly path?: string;
  /** it may carry comments (JSONC, or an editor that says so): suppression comments can be offered */
  readonly comments?: boolean;
  /** the file is Bicep (its language id, or `.bicep`); JSON unless said */
  readonly language?: DocumentLanguage;
}

export interface SessionOptions {
  readonly catalog: Catalog;
  /** where a rule's documentation lives, for codeDescription.href */
  readonly ruleDocs?: (ruleId: string) => string | undefined;
  /** report JSON syntax errors of role files (the CLI does; in the editor the JSON service does) */
  readonly reportSyntaxErrors?: boolean;
  /** the custom roles of a file changed: files with assignments elsewhere may read differently now */
  readonly onRolesChanged?: (uri: string) => void;
  /** how each check of an open document went (the server's trace) */
  readonly trace?: (message: string) => void;
}

/** An open document: the editor's text, and what it was last checked with. */
interface OpenDocument {
  readonly uri: string;
  version: number;
  /** in pieces: an edit builds no new whole text (model/text.ts) */
  text: PieceText;
  context: FileContext;
  /** the parse of this version */
  parsed: RoleDocument | undefined;
  /** the last analysis and the edits since, each in the text left by the ones before it (undefined: replaced) */
  checked: { readonly version: number; readonly analysis: Analysis; readonly settings: Settings; edits: TextEdit[] | undefined } | undefined;
}

export class WorkspaceSession {
  private service: LanguageService;
  private bicep: BicepParser | undefined;
  private readonly globs = new GlobMatcher();
  /** the custom roles of every role file, open or not, for resolving assignments across files */
  private readonly index = new WorkspaceIndex();
  /** files that hold role assignments: they read differently when a custom role changes */
  private readonly assignmentFiles = new Set<string>();
  /** the module calls of every file (Bicep modules, ARM deployments of relative templates), by calling file */
  private readonly moduleCalls = new ModuleCallIndex();
  private readonly open = new Map<string, OpenDocument>();

  constructor(private readonly options: SessionOptions) {
    this.service = createLanguageService(options.catalog);
  }

  get catalog(): Catalog {
    return this.service.catalog;
  }

  /** Another catalog (an import, a reload): every analysis is redone; false when it is the same. */
  setCatalog(catalog: Catalog): boolean {
    if (catalog === this.service.catalog) return false;
    this.service = createLanguageService(catalog, this.bicep);
    this.invalidate();
    return true;
  }

  /** Whether Bicep files can be read yet: the faces load the parser (core/bicep/) when they first meet one. */
  get readsBicep(): boolean {
    return this.bicep !== undefined;
  }

  /** The Bicep parser, loaded by a face: open Bicep documents are checked again with it. */
  useBicep(parser: BicepParser): void {
    if (this.bicep === parser) return;
    this.bicep = parser;
    this.service = createLanguageService(this.service.catalog, parser);
    for (const doc of this.open.values()) {
      if (doc.context.language === 'bicep') {
        doc.parsed = undefined;
        doc.checked = undefined;
      }
    }
  }

  /**
   * The parse of a text in its language. A Bicep text met before its parser was given reads as
   * nothing (no roles, no findings) until the face has loaded it and asks again.
   */
  private parse(uri: string, text: string, language: DocumentLanguage | undefined): RoleDocument {
    if (language === 'bicep' && !this.bicep) return documentFromTree(text, undefined, [], 'bicep');
    return this.service.parse(text, language, this.passedTo(uri));
  }

  /** What the workspace's module calls all pass the file at `uri` alike (model/modules.ts). */
  private passedTo(uri: string): RoleDocument['passed'] {
    return this.moduleCalls.passedTo(uri);
  }

  /** Whether a parse of the file at `uri` was read with what its callers pass now. */
  private passedCurrent(uri: string, document: RoleDocument): boolean {
    return document.passed?.key === this.passedTo(uri)?.key;
  }

  /** Forgets every analysis (settings or the catalog changed): the next check of each document is in full. */
  invalidate(): void {
    for (const doc of this.open.values()) doc.checked = undefined;
  }

  // ---------------------------------------------------------------- the settings of a file

  /** Whether the settings let the file be checked (on, and within include/exclude). */
  isChecked(context: FileContext): boolean {
    const { settings, path } = context;
    return settings.enable && (path === undefined || this.globs.inScope(path, settings.include, settings.exclude));
  }

  /** The backup operation ids the settings declare for the roles of a file. */
  declaredOperations(context: FileContext): string[] {
    const map = context.settings.backupOperations;
    if (context.path === undefined || Object.keys(map).length === 0) return [];
    return this.globs.declaredFor(context.path, map);
  }

  private analyzeOptions(uri: string, context: FileContext): AnalyzeOptions {
    return {
      rules: context.settings.rules,
      declaredOperations: this.declaredOperations(context),
      workspace: this.index,
      uri,
      ...(this.options.ruleDocs ? { ruleDocs: this.options.ruleDocs } : {}),
      ...(this.options.reportSyntaxErrors ? { reportSyntaxErrors: true } : {}),
    };
  }

  // ---------------------------------------------------------------- documents open in an editor

  openDocument(uri: string, version: number, text: string, context: FileContext): void {
    this.open.set(uri, { uri, version, text: PieceText.of(text), context, parsed: undefined, checked: undefined });
  }

  /**
   * The editor's text changed; `edits` (in order, each in the text left by the ones before) let a
   * large document be re-checked in part. The text may come in pieces (an editor's face keeps it so).
   */
  updateDocument(uri: string, version: number, text: string | PieceText, edits?: readonly TextEdit[]): void {
    const doc = this.open.get(uri);
    if (!doc) return;
    doc.version = version;
    doc.text = typeof text === 'string' ? PieceText.of(text) : text;
    doc.parsed = undefined;
    if (doc.checked?.edits && edits) doc.checked.edits.push(...edits);
    else if (doc.checked) doc.checked.edits = undefined;
  }

  /** The settings of an open document, as the editor answers now. */
  setContext(uri: string, context: FileContext): void {
    const doc = this.open.get(uri);
    if (doc) doc.context = context;
  }

  /** Closed in the editor: what stays is what is on disk; an untitled file's roles go with it. */
  closeDocument(uri: string, onDisk: boolean): void {
    this.open.delete(uri);
    if (!onDisk) this.indexRoles(uri, undefined);
  }

  /**
   * The diagnostics of an open document as it is now: re-checked in part after edits inside one
   * role or assignment, else in full; a file over the size limit gets one note and is never read.
   */
  diagnostics(uri: string): Diagnostic[] {
    const doc = this.open.get(uri);
    if (!doc) return [];
    const { settings } = doc.context;
    if (doc.text.length > settings.maxFileSize) {
      doc.parsed = undefined;
      doc.checked = undefined;
      const note = this.isChecked(doc.context) ? fileTooLarge(doc.text.length, settings.maxFileSize, { rules: settings.rules, ...(this.options.ruleDocs ? { ruleDocs: this.options.ruleDocs } : {}) }) : undefined;
      return note ? [note] : [];
    }
    if (!this.isChecked(doc.context)) {
      doc.checked = undefined;
      this.indexRoles(uri, this.parsedOf(doc));
      return [];
    }
    return [...this.analysisOf(doc).diagnostics];
  }

  /** The parse of an open document's current text (after edits, through a partial re-check where it can). */
  private parsedOf(doc: OpenDocument): RoleDocument {
    this.dropIfCallersChanged(doc);
    if (doc.parsed) return doc.parsed;
    const state = doc.checked;
    if (state?.edits && state.version < doc.version && doc.text.length <= state.settings.maxFileSize) return this.analysisOf(doc).document;
    doc.parsed = this.parse(doc.uri, doc.text.toString(), doc.context.language);
    return doc.parsed;
  }

  /** A document used as a module whose callers now pass it other values is read again, in full. */
  private dropIfCallersChanged(doc: OpenDocument): void {
    const document = doc.parsed ?? doc.checked?.analysis.document;
    if (document && !this.passedCurrent(doc.uri, document)) {
      doc.parsed = undefined;
      doc.checked = undefined;
    }
  }

  private analysisOf(doc: OpenDocument): Analysis {
    this.dropIfCallersChanged(doc);
    const settings = doc.context.settings;
    const before = doc.checked;
    doc.checked = undefined;
    const usable = before?.edits && before.settings === settings && before.analysis.catalog === this.service.catalog ? before : undefined;
    const started = performance.now();
    let how = 'in full';
    let analysis: Analysis | undefined;
    if (usable?.edits && usable.version === doc.version && usable.edits.length === 0) {
      analysis = usable.analysis; // two checks were under way
      how = 'already';
    } else if (usable?.edits && usable.version < doc.version) {
      analysis = this.service.reanalyze(usable.analysis, usable.edits, doc.uri, doc.text);
      if (analysis) {
        how = 'in part';
        doc.parsed = analysis.document;
        this.indexRoles(doc.uri, analysis.document);
      }
    }
    if (!analysis) {
      const document = this.parsedOf(doc);
      this.indexRoles(doc.uri, document);
      analysis = this.service.analysis(document, this.analyzeOptions(doc.uri, doc.context));
    }
    doc.checked = { version: doc.version, analysis, settings, edits: [] };
    this.options.trace?.(`checked ${doc.uri} (version ${doc.version}) ${how} in ${Math.round(performance.now() - started)} ms`);
    return analysis;
  }

  /**
   * The open document a request is about, parsed: undefined when there is nothing to answer (not
   * open, the extension off for it, or over the size limit, so never read).
   */
  private requested(uri: string): { doc: OpenDocument; document: RoleDocument } | undefined {
    const doc = this.open.get(uri);
    if (!doc || !this.answers(uri)) return undefined;
    return { doc, document: this.parsedOf(doc) };
  }

  /** Whether requests about the document get an answer (see `requested`). */
  answers(uri: string): boolean {
    const doc = this.open.get(uri);
    return !!doc && doc.context.settings.enable && doc.text.length <= doc.context.settings.maxFileSize;
  }

  hover(uri: string, offset: number): HoverResult | undefined {
    const r = this.requested(uri);
    return r && this.service.hover(r.document, offset, this.index);
  }

  complete(uri: string, offset: number): CompletionResult[] {
    const r = this.requested(uri);
    return r ? this.service.complete(r.document, offset, this.index) : [];
  }

  definition(uri: string, offset: number): Location | undefined {
    const r = this.requested(uri);
    return r && this.service.definition(r.document, offset, this.index);
  }

  documentSymbols(uri: string): OutlineSymbol[] | undefined {
    const r = this.requested(uri);
    return r && this.service.documentSymbols(r.document, this.index);
  }

  semanticSpans(uri: string): SemanticSpan[] {
    const r = this.requested(uri);
    return r ? this.service.semanticSpans(r.document) : [];
  }

  /** "New Least-Privilege Role from Activity Log…": the role of what a caller did, from the log's text, written in the format. */
  roleFromActivityLog(text: string, options: ActivityLogOptions & { readonly format: RoleFormat }): ActivityLogAnswer {
    return activityLogAnswer(this.service.catalog, text, options);
  }

  /** The code lens over each role; none when the settings turn lenses off. */
  codeLenses(uri: string): BackupLens[] | undefined {
    const r = this.requested(uri);
    if (!r || !r.doc.context.settings.codeLens) return undefined;
    return this.service.codeLenses(r.document, this.declaredOperations(r.doc.context));
  }

  /** Every Azure Backup operation, as the command that generates roles offers them. */
  backupOperations(): OperationChoice[] {
    return this.service.backupOperations();
  }

  /** Least-privilege roles for backup operations (features/generate.ts), over the session's catalog. */
  generate(request: GenerateRequest): GenerateResult {
    return this.service.generate(request);
  }

  coverage(uri: string): { version: number; roles: RoleCoverage[] } | undefined {
    const r = this.requested(uri);
    return r && { version: r.doc.version, roles: this.service.coverage(r.document, this.declaredOperations(r.doc.context)) };
  }

  /** The coverage view's "Add missing permissions", for the version the view showed (undefined when the text moved on). */
  addMissingPermissions(uri: string, version: number, target: AddTarget): Fix | undefined {
    const r = this.requested(uri);
    if (!r || r.doc.version !== version) return undefined;
    return this.service.addMissingPermissions(r.document, target, this.declaredOperations(r.doc.context));
  }

  /**
   * Fixes for diagnostics a client sent back. They stand for the session's own current
   * diagnostics, found again by code, range and message: a stale or forged one (its data is what
   * the fixes act on) gets no fix.
   */
  codeActions(uri: string, sent: readonly ClientDiagnostic[], only?: readonly string[]): CodeActionResult[] | undefined {
    const r = this.requested(uri);
    if (!r) return undefined;
    const current = sent.length > 0 && this.isChecked(r.doc.context) ? this.analysisOf(r.doc).diagnostics : [];
    const byKey = new Map(current.map((d) => [diagnosticKey(d), d]));
    const ours = sent.map((d) => byKey.get(diagnosticKey(d))).filter((d): d is Diagnostic => d !== undefined);
    const document = this.parsedOf(r.doc);
    // Bicep and ARM templates may carry comments (Azure accepts them); plain role JSON for `az` may not
    const commentsAllowed = !!r.doc.context.comments || document.language === 'bicep' || document.resources.length > 0;
    return this.service.codeActions(document, ours, { ...(only ? { only } : {}), analyze: this.analyzeOptions(uri, r.doc.context), commentsAllowed });
  }

  // ---------------------------------------------------------------- files on disk (not open)

  /**
   * A file of the workspace as read from disk (undefined: gone or unreadable): its custom roles are
   * indexed, and its parse is handed back when it is a role file the settings let be checked.
   */
  readFile(uri: string, text: string | undefined, context: FileContext): RoleDocument | undefined {
    const document = text !== undefined && this.isChecked(context) && MAYBE_ROLE.test(text) ? this.parse(uri, text, context.language) : undefined;
    const roleFile = document?.kind === 'role-file' ? document : undefined;
    this.indexRoles(uri, roleFile);
    return roleFile;
  }

  /**
   * Any JSON or Bicep text the CLI was given: indexed like a file of the workspace, and handed back
   * when it has anything to report (a role file, a file too deep to read, a Bicep statement that
   * could not be read).
   */
  readText(uri: string, text: string, language?: DocumentLanguage): RoleDocument | undefined {
    const document = this.parse(uri, text, language);
    this.indexRoles(uri, document);
    return document.kind !== 'other' || document.tooDeep || (document.language === 'bicep' && document.syntaxProblems.length > 0 && MAYBE_ROLE.test(text)) ? document : undefined;
  }

  /**
   * The diagnostics of a file read from disk, against the workspace as the session knows it now (a
   * file used as a module is read again when the files read after it pass it other values).
   */
  checkFile(uri: string, document: RoleDocument, context: FileContext): Diagnostic[] {
    let current = document;
    if (!this.passedCurrent(uri, document)) {
      current = this.parse(uri, document.text, document.language);
      this.indexRoles(uri, current);
    }
    return this.service.diagnostics(current, this.analyzeOptions(uri, context));
  }

  /** A file deleted from disk. */
  deleteFile(uri: string): void {
    this.indexRoles(uri, undefined);
  }

  // ---------------------------------------------------------------- the workspace

  workspaceSymbols(query: string): WorkspaceSymbol[] {
    return workspaceSymbols(this.index, query);
  }

  /** How many files define custom roles. */
  get filesWithRoles(): number {
    return this.index.size;
  }

  /** Files with assignments, other than `except`: what to check again after a custom role changed. */
  dependents(except?: string): string[] {
    return [...this.assignmentFiles].filter((uri) => uri !== except);
  }

  /** Keeps the module calls of a file current; true when they changed (the files they call read differently). */
  private indexModuleCalls(uri: string, document: RoleDocument | undefined): boolean {
    return this.moduleCalls.set(uri, document ? moduleCallsOf(uri, document) : []);
  }

  /**
   * Keeps the index of custom roles, and of the assignments multi-user authorization turns on,
   * current. When a file's changed, the other open documents are checked in full next time (their
   * assignments may resolve to these roles, or pair with these assignments) and `onRolesChanged`
   * tells the face.
   */
  private indexRoles(uri: string, document: RoleDocument | undefined): void {
    if (document && document.assignments.length > 0) this.assignmentFiles.add(uri);
    else this.assignmentFiles.delete(uri);
    const callsChanged = this.indexModuleCalls(uri, document);
    const entries = document ? customRolesOf(uri, document) : [];
    // the assignments multi-user authorization turns on: another file may pair with them
    const muaChanged = this.index.setMua(uri, document ? muaEntriesOf(uri, document, this.service.catalog) : []);
    if (sameEntries(this.index.get(uri), entries) && !callsChanged && !muaChanged) {
      this.index.move(uri, entries); // where they are written may have moved
      return;
    }
    this.index.set(uri, entries);
    for (const doc of this.open.values()) if (doc.uri !== uri) doc.checked = undefined;
    this.options.onRolesChanged?.(uri);
  }
}

function diagnosticKey(d: ClientDiagnostic): string {
  return `${String(d.code)}|${d.range.start.line}:${d.range.start.character}|${d.range.end.line}:${d.range.end.character}|${String(d.message)}`;
}
