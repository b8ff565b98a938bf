// The core's entry: everything the faces (language server, CLI, browser worker) may
// use. Faces import the core and the catalog through this module only (held by lint).
export { WorkspaceSession, type FileContext, type SessionOptions } from './session';
export { GlobMatcher } from './analysis/glob';
export { type LanguageService, createLanguageService } from './language-service';
export type { Explanation } from './features/explain';
export { toText } from './features/render';
export { count, megabytes, quote } from './messages';
export { FIX_ALL_KIND, type CodeActionResult } from './features/code-actions';
export type { CompletionResult } from './features/completion';
export type { OffsetEdit } from './model/edits';
export type { TextEdit } from './analysis/incremental';
export type { Location, OutlineSymbol, WorkspaceSymbol } from './features/navigation';
export type { RoleDocument } from './model/role-document';
export { PieceText } from './model/text';
export { RULES, RULE_IDS } from './rules';
export { ALL_CODES, BICEP_NOT_READ, FILE_TOO_LARGE, INVALID_JSON, NESTED_TOO_DEEPLY, UNUSED_SUPPRESSION } from './analysis/codes';
export type { BicepParser, BicepWasm } from './bicep/parser';
export type { DocumentLanguage } from './model/role-document';
export { type ClientDiagnostic, type Diagnostic, type Position, type Range, SEVERITY_BY_NAME, SEVERITY_NAME, SOURCE, Severity } from './types';
export { DEFAULT_MAX_FILE_SIZE, DEFAULT_SETTINGS, type Settings, readSettings, settingsFromFile } from './analysis/settings';
export { Catalog } from '../catalog/catalog';
export type { CatalogData } from '../catalog/catalog-data';
export { type Overlay, mergeCatalogData, readProviderOperations, readRoleDefinitions } from '../catalog/import';
export type { AddTarget, BackupLens, MissingPermission, OperationCoverage, RoleCoverage, ScopeCoverage } from './features/coverage';
// from what a principal did (the activity log), and how roles compare
export { type ActivityLogAnswer, type ActivityLogOptions, type ActivityLogResult, activityLogAnswer, activityLogNotes, roleFromActivityLog } from './features/activity-log';
export { ROLE_FORMATS, type RoleFormat, type RoleSpec, writeRole } from './features/role-writer';
export { type ComparedRole, type RoleDiff, builtInSide, chooseRole, diffRoles, diffText } from './features/compare';
export type { OperationSet } from './analysis/operation-set';
export { GENERATED_SHAPES, type GenerateRequest, type GenerateResult, type GeneratedRole, type GeneratedShape, type OperationChoice } from './features/generate';
export { ROLE_FILE_EXTENSIONS, SKIPPED_FOLDERS, type ReadResult, decodeText, isBicepFile, isCandidateFile } from './files';
export { type LoadedCatalog, catalogSummary } from './catalog-summary';
// what a change grants: two revisions' roles and assignments compared (the CLI's diff --git)
export { type ChangeInput, type ChangeReport, type ChangedFile, type FileChangeReport, type FileStatus, type RoleFile, changeReport, needsOtherRoleFiles } from './features/change-report';
export { changeReportMarkdown } from './features/change-report-markdown';
