// The messages between the VS Code client and the language server besides LSP's own: their method
// names and payloads, in the one module both sides import (the client's bundle takes the names from
// here; the types vanish). Plain data: imports nothing but the core's data shapes.
import type { AddTarget, GeneratedShape, Range, RoleCoverage, RoleFormat } from './core';

export type { GeneratedShape, OperationChoice } from './core';
export type { MissingPermission, OperationCoverage, RoleCoverage, ScopeCoverage } from './core';

/** Client → server notification: the imported catalog files changed (an import command ran). */
export const RELOAD_CATALOG = 'azureBackupRbac/reloadCatalog';

/** Server → client notification: the catalog in use, for the status bar. */
export const CATALOG_STATUS = 'azureBackupRbac/catalogStatus';

export interface CatalogStatus {
  readonly label: string;
  readonly summary: string;
  readonly errors: readonly string[];
}

/**
 * Client → server request: what every role of an open document does for Azure Backup, operation by
 * operation. Answers null when the document is not open, the extension is off for it, or it is
 * over the size limit.
 */
export const COVERAGE_REQUEST = 'azureBackupRbac/coverage';

export interface CoverageParams {
  readonly uri: string;
}

export interface DocumentCoverage {
  readonly uri: string;
  /** the version of the document the answer was worked out for */
  readonly version: number;
  /** every role definition of the document, in document order (none: no role file) */
  readonly roles: readonly RoleCoverage[];
}

/**
 * Client → server request: the edit that adds the permissions a role lacks for an operation (at
 * one scope, or one permission of it), built as the missing-permissions quick fix builds it.
 * Answers null when there is nothing to add (or the document changed since `version`).
 */
export const ADD_PERMISSIONS_REQUEST = 'azureBackupRbac/addMissingPermissions';

/** The operation of a role (a scope of it, or one permission) to add what it lacks for, in a document version. */
export interface AddPermissionsParams extends AddTarget {
  readonly uri: string;
  /** the document version the view showed */
  readonly version: number;
}

export interface AddPermissionsResult {
  /** as the quick fix's title: "Add the 2 missing permissions for Cross region restore" */
  readonly title: string;
  readonly edits: readonly { readonly range: Range; readonly newText: string }[];
}

/**
 * Client → server request: a least-privilege role of what one caller did, from the text of an
 * activity log (`az monitor activity-log list` output, or a Log Analytics AzureActivity export as
 * JSON or CSV) the client read from a file the user picked. Answers the role's text with its notes,
 * the callers to choose from when the log holds several and none is named, or why there is none.
 */
export const ROLE_FROM_ACTIVITY_LOG_REQUEST = 'azureBackupRbac/roleFromActivityLog';

export interface RoleFromActivityLogParams {
  readonly text: string;
  /** a UPN, an object id or an application id, as the log names callers */
  readonly caller?: string;
  readonly format: RoleFormat;
}

export type { ActivityLogAnswer, RoleFormat } from './core';

/** Client → server request: every Azure Backup operation, as the "new least-privilege role" command offers them (OperationChoice[]). */
export const BACKUP_OPERATIONS_REQUEST = 'azureBackupRbac/backupOperations';

/**
 * Client → server request: least-privilege roles for backup operations, one per scope, in a file
 * shape (the text of a new document). Answers null for ids that name no operation.
 */
export const GENERATE_REQUEST = 'azureBackupRbac/generateRoles';

export interface GenerateParams {
  readonly operations: readonly string[];
  readonly shape: GeneratedShape;
  readonly compact?: boolean;
}

export interface GenerateAnswer {
  readonly text: string;
  /** the language id of the document to open: json, jsonc (an ARM template with comments) or bicep */
  readonly language: 'json' | 'jsonc' | 'bicep';
  /** how many roles (one per scope) */
  readonly roles: number;
  /** the operations generated for, those they need besides included */
  readonly operations: readonly string[];
}

// The language server in a browser's Web Worker has no file system: it asks the client, which
// reads through the editor (vscode.workspace.fs), serving only the workspace's role files and the
// extension's own WebAssembly. Node's server reads the disk itself and never sends these.

/**
 * Server → client request (browser only): the files below a workspace folder that match `include`
 * and not `exclude` (globs relative to the folder), at most `limit`, as URIs.
 */
export const FIND_FILES_REQUEST = 'azureBackupRbac/findFiles';

export interface FindFilesParams {
  readonly folder: string;
  readonly include: string;
  readonly exclude: string;
  readonly limit: number;
}

/**
 * Server → client request (browser only): a workspace file's bytes; null when it is not a JSON,
 * JSONC or Bicep file of a workspace folder, is larger than `maxSize`, or cannot be read.
 */
export const READ_FILE_REQUEST = 'azureBackupRbac/readFile';

export interface ReadFileParams {
  readonly uri: string;
  readonly maxSize: number;
}

/** Server → client request (browser only): the Bicep parser's two WebAssembly files, from the extension's own files. */
export const BICEP_WASM_REQUEST = 'azureBackupRbac/bicepWasm';

export interface BicepWasmFiles {
  /** web-tree-sitter's runtime (server/out/web-tree-sitter.wasm) */
  readonly runtime: Uint8Array;
  /** the grammar (server/data/tree-sitter-bicep.wasm) */
  readonly grammar: Uint8Array;
}

/**
 * Whether a value is the two files, as they arrive in `initializationOptions.bicepWasm`: the browser
 * client sends them there when a Bicep document is open as it starts, so that the worker compiles
 * the parser while it inflates its catalog, and does not ask for them after the file is opened.
 */
export function isBicepWasmFiles(value: unknown): value is BicepWasmFiles {
  const v = value as Partial<BicepWasmFiles> | undefined;
  return v?.runtime instanceof Uint8Array && v.grammar instanceof Uint8Array;
}

/** Where the two WebAssembly files ship, relative to the extension's folder. */
export const BICEP_WASM_FILES = { runtime: 'server/out/web-tree-sitter.wasm', grammar: 'server/data/tree-sitter-bicep.wasm' } as const;

/** The files the client reads for the worker: JSON, JSONC and Bicep (core/files.ts's role files). */
export const SERVED_FILE = /\.(json|jsonc|bicep)$/i;
