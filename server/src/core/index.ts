// The core's entry: everything the faces (language server, CLI, and later the browser worker) may
// use. Faces import the core and the catalog through this module only (held by lint).
export { WorkspaceSession, type FileContext, type SessionOptions } from './session';
export { GlobMatcher } from './glob';
export { type LanguageService, createLanguageService } from './language-service';
export type { Explanation } from './explain';
export { toText } from './render';
export { FIX_ALL_KIND, type CodeActionResult } from './code-actions';
export type { CompletionResult } from './completion';
export type { OffsetEdit } from './edits';
export type { TextEdit } from './incremental';
export type { Location, OutlineSymbol, WorkspaceSymbol } from './navigation';
export type { RoleDocument } from './role-document';
export { RULES, RULE_IDS } from './rules';
export { INVALID_JSON, NESTED_TOO_DEEPLY, UNUSED_SUPPRESSION } from './codes';
export { type ClientDiagnostic, type Diagnostic, type Position, type Range, SEVERITY_BY_NAME, SEVERITY_NAME, SOURCE, Severity } from './types';
export { DEFAULT_MAX_FILE_SIZE, DEFAULT_SETTINGS, type Settings, readSettings, settingsFromFile } from './settings';
export { Catalog } from '../catalog/catalog';
export type { CatalogData } from '../catalog/catalog-data';
export { type Overlay, mergeCatalogData, readProviderOperations, readRoleDefinitions } from '../catalog/import';
export type { AddTarget, BackupLens, MissingPermission, OperationCoverage, RoleCoverage, ScopeCoverage } from './backup/coverage';
