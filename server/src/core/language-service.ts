// The facade the faces (language server, CLI, tests) use: everything the product knows how to do
// with a document, over one catalog. Pure: no IO, no editor, no protocol.
import type { Fix } from './rules/rule';
import type { Catalog } from '../catalog/catalog';
import type { Plane } from '../catalog/permissions';
import { type AnalyzeOptions, type Analysis, analyze, analyzeDocument } from './analysis/analyze';
import { type TextEdit, reanalyze } from './analysis/incremental';
import { type Explanation, explainQuery } from './features/explain';
import { type AddTarget, type BackupLens, type RoleCoverage, addMissingPermissions, backupLenses, documentCoverage } from './features/coverage';
import { compareLenses } from './features/compare';
import { type GenerateRequest, type GenerateResult, type OperationChoice, generateRoles, operationChoices } from './features/generate';
import { type CodeActionOptions, type CodeActionResult, codeActions } from './features/code-actions';
import { type CompletionResult, complete } from './features/completion';
import { type HoverResult, hover } from './features/hover';
import { type SemanticSpan, semanticSpans } from './features/semantic';
import { type Location, type OutlineSymbol, definition, documentSymbols } from './features/navigation';
import type { WorkspaceRoles } from './model/workspace';
import { type DocumentLanguage, type RoleDocument, parseRoleDocument } from './model/role-document';
import type { BicepParser } from './bicep/parser';
import type { PieceText } from './model/text';
import type { Diagnostic } from './types';


export interface LanguageService {
  readonly catalog: Catalog;
  /** whether Bicep files can be read (the faces load the grammar when they first meet one) */
  readonly bicep: boolean;
  /**
   * A text as the model of its role definitions and assignments; Bicep only once its parser is
   * given; `passed`, what the workspace's callers pass it as a module (model/modules.ts).
   */
  parse(text: string, language?: DocumentLanguage, passed?: RoleDocument['passed']): RoleDocument;
  diagnostics(document: RoleDocument, options?: AnalyzeOptions): Diagnostic[];
  /** the diagnostics with what it takes to re-check the document in part after an edit */
  analysis(document: RoleDocument, options?: AnalyzeOptions): Analysis;
  /**
   * The analysis after edits (each in the text left by the ones before it), re-checked in part;
   * undefined when only a full analysis will do. Consumes the previous analysis's document.
   */
  reanalyze(previous: Analysis, edits: readonly TextEdit[], uri: string, newText: PieceText): Analysis | undefined;
  hover(document: RoleDocument, offset: number, workspace?: WorkspaceRoles): HoverResult | undefined;
  definition(document: RoleDocument, offset: number, workspace?: WorkspaceRoles): Location | undefined;
  complete(document: RoleDocument, offset: number, workspace?: WorkspaceRoles): CompletionResult[];
  semanticSpans(document: RoleDocument): SemanticSpan[];
  documentSymbols(document: RoleDocument, workspace?: WorkspaceRoles): OutlineSymbol[];
  /** an action, a wildcard, a role GUID or a role's name (any case), as the CLI's `explain` takes them */
  explain(query: string, plane?: Plane): Explanation;
  codeActions(document: RoleDocument, diagnostics: readonly Diagnostic[], options?: CodeActionOptions): CodeActionResult[];
  codeLenses(document: RoleDocument, declaredOperations?: readonly string[]): BackupLens[];
  /** every role of the document against every backup operation, for the coverage view */
  coverage(document: RoleDocument, declaredOperations?: readonly string[]): RoleCoverage[];
  /** the coverage view's "Add missing permissions": the quick fix's edit for an operation, a scope or one permission */
  addMissingPermissions(document: RoleDocument, target: AddTarget, declaredOperations?: readonly string[]): Fix | undefined;
  /** every Azure Backup operation, as the command that generates roles offers them */
  backupOperations(): OperationChoice[];
  /** least-privilege roles for backup operations, one per scope, in a file shape (features/generate.ts) */
  generate(request: GenerateRequest): GenerateResult;
}

/** The service over a catalog; `bicep` (core/bicep/parser.ts, loaded by the faces) lets it read Bicep. */
export function createLanguageService(catalog: Catalog, bicep?: BicepParser): LanguageService {
  const parse = (text: string, language: DocumentLanguage = 'json', passed?: RoleDocument['passed']): RoleDocument => {
    if (language === 'json') return parseRoleDocument(text, passed);
    if (!bicep) throw new Error('a Bicep file was given before the Bicep parser was loaded');
    return bicep.parse(text, passed);
  };
  return {
    catalog,
    bicep: !!bicep,
    parse,
    diagnostics: (document, options) => analyze(document, catalog, options),
    analysis: (document, options) => analyzeDocument(document, catalog, options),
    reanalyze: (previous, edits, uri, newText) => {
      if (previous.catalog !== catalog) return undefined;
      let current: Analysis | undefined = previous;
      for (const [i, edit] of edits.entries()) {
        current = reanalyze(current, edit, uri, i === edits.length - 1 ? newText : undefined);
        if (!current) return undefined;
      }
      return current.document.source === newText ? current : undefined;
    },
    hover: (document, offset, workspace) => hover(document, catalog, offset, workspace),
    definition: (document, offset, workspace) => definition(document, catalog, offset, workspace),
    complete: (document, offset, workspace) => complete(document, catalog, offset, workspace),
    semanticSpans: (document) => semanticSpans(document, catalog),
    documentSymbols: (document, workspace) => documentSymbols(document, catalog, workspace),
    explain: (query, plane) => explainQuery(catalog, query, plane, { roleNames: true }),
    codeActions: (document, diagnostics, options) => codeActions(document, catalog, diagnostics, { ...options, parse: (text) => parse(text, document.language, document.passed) }),
    codeLenses: (document, declared) => (document.kind === 'role-file'
      ? [...backupLenses(document, catalog, declared), ...compareLenses(document, catalog)].sort((a, b) => a.offset - b.offset || a.roleIndex - b.roleIndex)
      : []),
    coverage: (document, declared) => documentCoverage(document, catalog, declared),
    addMissingPermissions: (document, target, declared) => addMissingPermissions(document, catalog, target, declared),
    backupOperations: () => operationChoices(catalog),
    generate: (request) => generateRoles(catalog, request),
  };
}
