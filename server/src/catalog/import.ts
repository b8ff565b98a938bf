// Users' own, fresh catalog data: the JSON `az provider operation list` and `az role definition
// list` print. Read into an overlay over the bundled snapshot: imported operations are added or
// update descriptions; bundled operations of an imported provider that the import lacks stay, marked
// "not in your imported catalog"; imported roles replace bundled ones with the same id, and imported
// custom roles become known roles. A file of the wrong shape yields one error and no overlay.
import type { CatalogData, RoleRow } from './catalog-data';

export interface ImportedOperation {
  readonly name: string;
  readonly isDataAction: boolean;
  readonly description: string | undefined;
  readonly resourceDisplayName: string | undefined;
}

export interface ImportedProvider {
  readonly name: string;
  readonly displayName: string | undefined;
}

export interface OperationsImport {
  readonly providers: readonly ImportedProvider[];
  readonly operations: readonly ImportedOperation[];
}

export interface ImportedRole {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly custom: boolean;
  readonly permissions: readonly { actions: string[]; notActions: string[]; dataActions: string[]; notDataActions: string[]; condition?: string }[];
}

export interface Overlay {
  readonly operations?: { readonly data: OperationsImport; readonly file: string; readonly date: string };
  readonly roles?: { readonly data: readonly ImportedRole[]; readonly file: string; readonly date: string };
}

export type ImportResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const MAX_OPERATIONS = 500000;
const MAX_ROLES = 100000;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Reads `az provider operation list` output (also a single provider object). */
export function readProviderOperations(json: unknown): ImportResult<OperationsImport> {
  const list = Array.isArray(json) ? json : json && typeof json === 'object' ? [json] : undefined;
  if (!list) return { ok: false, error: 'expected the JSON array that `az provider operation list` prints' };
  const providers: ImportedProvider[] = [];
  const operations: ImportedOperation[] = [];
  const take = (op: unknown, resourceDisplayName: string | undefined) => {
    if (!op || typeof op !== 'object') return;
    const o = op as Record<string, unknown>;
    const name = str(o.name);
    if (!name || !name.includes('/') || /\s/.test(name)) return;
    operations.push({ name, isDataAction: o.isDataAction === true, description: str(o.description), resourceDisplayName });
  };
  for (const p of list) {
    if (!p || typeof p !== 'object') return { ok: false, error: 'expected an array of providers, each with "name" and "operations" or "resourceTypes"' };
    const r = p as Record<string, unknown>;
    const name = str(r.name) ?? str(r.namespace);
    if (!name || (!Array.isArray(r.operations) && !Array.isArray(r.resourceTypes))) {
      return { ok: false, error: 'expected an array of providers, each with "name" and "operations" or "resourceTypes" (the output of `az provider operation list`)' };
    }
    providers.push({ name, displayName: str(r.displayName) });
    for (const op of Array.isArray(r.operations) ? r.operations : []) take(op, undefined);
    for (const t of Array.isArray(r.resourceTypes) ? r.resourceTypes : []) {
      if (!t || typeof t !== 'object') continue;
      const rt = t as Record<string, unknown>;
      for (const op of Array.isArray(rt.operations) ? rt.operations : []) take(op, str(rt.displayName));
    }
    if (operations.length > MAX_OPERATIONS) return { ok: false, error: `more than ${MAX_OPERATIONS} operations: not an operations list` };
  }
  if (providers.length === 0) return { ok: false, error: 'the file lists no provider' };
  return { ok: true, value: { providers, operations } };
}

/** Reads `az role definition list` output (built-in and custom roles; also a single role). */
export function readRoleDefinitions(json: unknown): ImportResult<ImportedRole[]> {
  const list = Array.isArray(json) ? json : json && typeof json === 'object' ? [json] : undefined;
  if (!list) return { ok: false, error: 'expected the JSON array that `az role definition list` prints' };
  const roles: ImportedRole[] = [];
  for (const r of list) {
    if (!r || typeof r !== 'object') return { ok: false, error: 'expected an array of role definitions' };
    const o = r as Record<string, unknown>;
    const props = o.properties && typeof o.properties === 'object' ? (o.properties as Record<string, unknown>) : o;
    const roleName = str(props.roleName) ?? str(o.roleName);
    const guid = (str(o.name) ?? str(o.id) ?? '').split('/').pop() ?? '';
    if (!roleName || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(guid) || !Array.isArray(props.permissions)) {
      return { ok: false, error: 'expected role definitions with "name" (a GUID), "roleName" and "permissions" (the output of `az role definition list`)' };
    }
    roles.push({
      id: guid.toLowerCase(),
      name: roleName,
      description: str(props.description) ?? '',
      custom: (str(props.roleType) ?? str(props.type) ?? '').toLowerCase() !== 'builtinrole',
      permissions: (props.permissions as unknown[]).filter((b): b is Record<string, unknown> => !!b && typeof b === 'object').map((b) => ({
        actions: strings(b.actions), notActions: strings(b.notActions), dataActions: strings(b.dataActions), notDataActions: strings(b.notDataActions),
        ...(str(b.condition) ? { condition: str(b.condition) } : {}),
      })),
    });
    if (roles.length > MAX_ROLES) return { ok: false, error: `more than ${MAX_ROLES} roles: not a role list` };
  }
  return { ok: true, value: roles };
}

/** The bundled data with an overlay merged in, in the bundled data's own format. */
export function mergeCatalogData(base: CatalogData, overlay: Overlay): CatalogData {
  let data = base;
  if (overlay.operations) data = mergeOperations(data, overlay.operations.data, overlay.operations.file, overlay.operations.date);
  if (overlay.roles) data = mergeRoles(data, overlay.roles.data, overlay.roles.file, overlay.roles.date);
  return data;
}

function mergeOperations(base: CatalogData, imported: OperationsImport, file: string, date: string): CatalogData {
  const cols = base.operations;
  const names = cols.names.split('\n');
  const descriptions = cols.descriptions.split('\n');
  const resources = cols.resources.split(',');
  type Row = { name: string; plane: string; sources: number; description: string; resource: string; docs: string; imported: string };
  const rows = new Map<string, Row>();
  const importedProviders = new Set(imported.providers.map((p) => p.name.toLowerCase()));
  names.forEach((name, i) => {
    const provider = name.slice(0, name.indexOf('/')).toLowerCase();
    rows.set(name.toLowerCase(), {
      name, plane: cols.planes[i], sources: parseInt(cols.sources[i], 32), description: descriptions[i], resource: resources[i], docs: cols.inLatestDocs[i],
      imported: importedProviders.has(provider) ? 'x' : '-',
    });
  });
  const resourceNames = [...base.resourceNames];
  const resourceIndex = new Map(resourceNames.map((r, i) => [r, i]));
  for (const op of imported.operations) {
    const key = op.name.toLowerCase();
    let rIdx = '';
    if (op.resourceDisplayName) {
      let idx = resourceIndex.get(op.resourceDisplayName);
      if (idx === undefined) {
        idx = resourceNames.length;
        resourceNames.push(op.resourceDisplayName);
        resourceIndex.set(op.resourceDisplayName, idx);
      }
      rIdx = idx.toString(36);
    }
    const existing = rows.get(key);
    const plane = op.isDataAction ? 'd' : 'a';
    if (existing) {
      existing.imported = 'i';
      existing.name = op.name;
      if (op.description) existing.description = op.description.replace(/\s*[\r\n]+\s*/g, ' ').trim();
      if (rIdx) existing.resource = rIdx;
      // the import says which plane; a name registered in both keeps both
      if (existing.plane !== 'b' && existing.plane !== plane) existing.plane = existing.plane === '?' ? plane : 'b';
    } else {
      rows.set(key, { name: op.name, plane, sources: 0, description: (op.description ?? '').replace(/\s*[\r\n]+\s*/g, ' ').trim(), resource: rIdx, docs: '-', imported: 'i' });
    }
  }
  const sorted = [...rows.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, r]) => r);
  // providers: the imported ones are complete as of the import; new namespaces are added
  const providers = base.providers.map((p) => (importedProviders.has(p[0].toLowerCase()) ? [p[0], p[1] ?? imported.providers.find((x) => x.name.toLowerCase() === p[0].toLowerCase())?.displayName ?? null, date, 'imported'] : p)) as CatalogData['providers'];
  const known = new Set(providers.map((p) => p[0].toLowerCase()));
  for (const p of imported.providers) if (!known.has(p.name.toLowerCase())) providers.push([p.name, p.displayName ?? null, date, 'imported']);
  return {
    ...base,
    imported: { ...base.imported, operations: { file, date } },
    providers,
    resourceNames,
    operations: {
      count: sorted.length,
      names: sorted.map((r) => r.name).join('\n'),
      planes: sorted.map((r) => r.plane).join(''),
      sources: sorted.map((r) => r.sources.toString(32)).join(''),
      descriptions: sorted.map((r) => r.description).join('\n'),
      resources: sorted.map((r) => r.resource).join(','),
      inLatestDocs: sorted.map((r) => r.docs).join(''),
      imported: sorted.map((r) => r.imported).join(''),
    },
  };
}

function mergeRoles(base: CatalogData, imported: readonly ImportedRole[], file: string, date: string): CatalogData {
  const byId = new Map(base.roles.map((r) => [r[0].toLowerCase(), r]));
  for (const r of imported) {
    const row: RoleRow = [r.id, r.name, r.description, r.permissions.map((b) => {
      const block: [string[], string[], string[], string[], string?] = [b.actions, b.notActions, b.dataActions, b.notDataActions];
      if (b.condition) block.push(b.condition);
      return block;
    }), r.custom ? 1 : 0];
    byId.set(r.id, row);
  }
  return { ...base, roles: [...byId.values()].sort((a, b) => a[1].localeCompare(b[1])), imported: { ...base.imported, roles: { file, date } } };
}
