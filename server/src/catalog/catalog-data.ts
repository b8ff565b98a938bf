// The shape of server/data/catalog.json, written by scripts/build-catalog.mjs. Rows are arrays to
// keep the file small and quick to parse; the columns are named in the file itself.

/** namespace, display name, complete as of (date), coverage */
export type ProviderRow = [string, string | null, string, Coverage];

/**
 * complete: checked against a full list; partial: newer operations may be missing; roles-only:
 * named by built-in roles, no operations on record; imported: from the user's own
 * `az provider operation list`, complete as of its date
 */
export type Coverage = 'complete' | 'partial' | 'roles-only' | 'imported';

/** Operations as columns, one entry per operation in the same order (sorted by lower-case name). */
export interface OperationColumns {
  count: number;
  /** names, one per line */
  names: string;
  /** one letter per operation: a action, d dataAction, b both, ? not recorded */
  planes: string;
  /** one base-32 digit per operation: bit i set when sources[i] lists it */
  sources: string;
  /** descriptions, one per line, '' for none */
  descriptions: string;
  /** resource display name index per operation, base 36, comma-separated, '' for none */
  resources: string;
  /** one character per operation: 1 listed in the Feb-2026 docs, 0 not listed, - not checked */
  inLatestDocs: string;
  /** with an imported catalog: i in it, x of an imported provider but not in it, - provider not imported */
  imported?: string;
}

/** actions, notActions, dataActions, notDataActions, condition? */
export type PermissionRow = [string[], string[], string[], string[], string?];

/** id, roleName, description, permissions, custom (1: an imported custom role) */
export type RoleRow = [string, string, string, PermissionRow[], (0 | 1)?];

/** id, date (YYYY-MM-DD), title */
export type SourceRow = [string, string, string];

export interface CatalogData {
  format: 1;
  generatedBy: string;
  inputs: Record<string, string>;
  sources: SourceRow[];
  rolesDate: string;
  providers: ProviderRow[];
  resourceNames: string[];
  operations: OperationColumns;
  roles: RoleRow[];
  integrity: string;
  /** the user's imported files merged in, with the dates they speak for */
  imported?: { operations?: { file: string; date: string }; roles?: { file: string; date: string } };
}
