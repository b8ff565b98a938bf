// How the faces describe the catalog in use (status bar, logs): one line, whichever face loaded it.
import type { Catalog } from '../catalog/catalog';

export interface LoadedCatalog {
  readonly catalog: Catalog;
  /** one clear message per file that could not be used; the bundled data answers for it */
  readonly errors: readonly string[];
  /** "bundled snapshot (…)" or "imported operations of 2026-11-20 + …", for status bars and logs */
  readonly summary: string;
}

export function catalogSummary(catalog: Catalog): string {
  const n = (v: number) => String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const ops = catalog.imported?.operations
    ? `operations: imported ${catalog.imported.operations.file} of ${catalog.imported.operations.date} over the bundled snapshot`
    : 'operations: bundled snapshot (complete for five providers as of 2026-02-23)';
  const roles = catalog.imported?.roles ? `roles: imported ${catalog.imported.roles.file} of ${catalog.imported.roles.date}` : `roles: bundled built-in roles of ${catalog.rolesDate}`;
  return `${n(catalog.operationCount)} operations, ${n(catalog.roles.length)} roles; ${ops}; ${roles}`;
}
