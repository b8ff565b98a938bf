// The messages between the VS Code client and the language server besides LSP's own: their method
// names and payloads, in the one module both sides import (the client's bundle takes the names from
// here; the types vanish). Plain data: imports nothing but the core's data shapes.
import type { Range } from './core/types';

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

export interface RoleCoverage {
  /** the role's index in the document, as the code lens and the add request name it */
  readonly index: number;
  /** its roleName, else "role N" */
  readonly name: string;
  readonly builtIn: boolean;
  /** the role object (for an ARM template resource or a REST wrapper, the object around it) */
  readonly range: Range;
  /** what to select to show the role: its name, else where the object starts */
  readonly selection: Range;
  /** in a few words, as the code lens over the role says it */
  readonly summary: string;
  /** false when its lists are computed at deployment (ARM expressions): nothing can be told, operations is empty */
  readonly known: boolean;
  /** every operation of Microsoft's tables of minimum roles, in table order */
  readonly operations: readonly OperationCoverage[];
}

export interface OperationCoverage {
  /** the operation's stable id (docs/backup-operations.md) */
  readonly id: string;
  /** the table's "Management Operation" cell */
  readonly title: string;
  /** the table the operation belongs to ("Azure VM backup") */
  readonly workload: string;
  /** declared in a comment or the settings */
  readonly declared: boolean;
  /**
   * declared, or evidently meant: the role names a permission only an operator of it holds (an
   * operation of the same title in another table that lacks the same counts too, as the
   * missing-permissions warning names them)
   */
  readonly aimed: boolean;
  /** every scope has all it needs */
  readonly complete: boolean;
  readonly parts: readonly ScopeCoverage[];
}

/** One row of the table: what the operation needs at one scope. */
export interface ScopeCoverage {
  /** the requirement's index within the operation */
  readonly index: number;
  /** "the subscription of the Recovery Services vault" */
  readonly where: string;
  /** the minimum built-in role the table names there */
  readonly role: string;
  /** how many permissions it needs there (optional ones not counted) */
  readonly total: number;
  readonly missing: readonly MissingPermission[];
}

export interface MissingPermission {
  readonly name: string;
  /** a data action (goes in dataActions) */
  readonly data: boolean;
  /** the allow lists grant it, but these notActions / notDataActions entries take it away (empty: not granted at all) */
  readonly takenAwayBy: readonly string[];
}

/**
 * Client → server request: the edit that adds the permissions a role lacks for an operation (at
 * one scope, or one permission of it), built as the missing-permissions quick fix builds it.
 * Answers null when there is nothing to add (or the document changed since `version`).
 */
export const ADD_PERMISSIONS_REQUEST = 'azureBackupRbac/addMissingPermissions';

export interface AddPermissionsParams {
  readonly uri: string;
  /** the document version the view showed */
  readonly version: number;
  /** RoleCoverage.index */
  readonly role: number;
  /** OperationCoverage.id */
  readonly operation: string;
  /** only this scope (ScopeCoverage.index) */
  readonly part?: number;
  /** only this permission (of that scope, when one is given) */
  readonly permission?: string;
}

export interface AddPermissionsResult {
  /** as the quick fix's title: "Add the 2 missing permissions for Cross region restore" */
  readonly title: string;
  readonly edits: readonly { readonly range: Range; readonly newText: string }[];
}
