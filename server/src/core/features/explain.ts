// What the catalog knows about an action string or a role GUID, as one structured value. The hover
// renders it as Markdown, the CLI's `explain` as text or JSON, so both always say the same.
import { type BuiltInRole, type Catalog, type Operation, splitOperation } from '../../catalog/catalog';
import type { Plane } from '../../catalog/permissions';
import { WORKLOAD_SHORT, backupCatalogFor } from '../../catalog/backup/backup-catalog';
import type { BackupOperation } from '../../catalog/backup/backup-operations';
import { type PlainBlock, assessBlocks } from '../analysis/assess';
import type { CustomRoleEntry } from '../model/workspace';
import { isGuid } from '../model/arm-expression';
import { nearBuiltIn } from '../analysis/resolve';

export interface OperationExplanation {
  readonly kind: 'operation';
  readonly name: string;
  /** the text as it was written, where its case differs from the catalog's `name` */
  readonly written?: string;
  readonly plane: 'control' | 'data' | 'control and data' | 'not recorded';
  readonly description: string | undefined;
  readonly provider: string;
  readonly providerDisplayName: string | undefined;
  readonly resourceType: string;
  readonly resourceDisplayName: string | undefined;
  /** built-in roles that grant it, Backup roles first */
  readonly grantedBy: readonly string[];
  /** the catalog's word on its freshness */
  readonly catalogNote: string;
  readonly inLatestDocs: boolean | undefined;
  /** its provider is in the user's imported catalog, but it is not */
  readonly notInImport: boolean;
  /** where the catalog has the operation from */
  readonly sources: readonly string[];
  /** the Azure Backup operations that need it, grouped by the scope they need it at */
  readonly backup: readonly { readonly where: string; readonly operations: readonly string[] }[];
}

export interface WildcardExplanation {
  readonly kind: 'wildcard';
  readonly text: string;
  readonly plane: Plane | undefined;
  readonly count: number;
  readonly providers: number;
  readonly examples: readonly { name: string; description: string | undefined }[];
  readonly catalogNote: string;
}

export interface RoleExplanation {
  readonly kind: 'role';
  readonly roleKind: 'built-in' | 'custom';
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly counts: { actions: number; notActions: number; dataActions: number; notDataActions: number };
  /** providers reached by the role's actions and dataActions, most entries first */
  readonly providers: readonly { name: string; entries: number }[];
  readonly wildcards: readonly string[];
  readonly notActions: readonly string[];
  readonly conditional: boolean;
  readonly catalogNote: string;
  /** Azure Backup operations whose every permission the role grants, by title: "Cross region restore (Azure VM, SQL/HANA)" and how many rows of Microsoft's tables that is */
  readonly backupEnables: readonly { readonly label: string; readonly operations: number }[];
  /** how many rows of Microsoft's tables those are, and how many there are */
  readonly backupEnabledCount: number;
  readonly backupOperationCount: number;
  /** for a custom role of the workspace: where it is defined */
  readonly definedIn?: string;
}

export interface UnknownExplanation {
  readonly kind: 'unknown';
  readonly text: string;
  /** what the text was looked up as */
  readonly lookedUpAs: 'operation' | 'role id' | 'role name';
  /** the closest names (or role GUIDs) the catalog does know */
  readonly suggestions: readonly string[];
  readonly catalogNote: string;
}

export type Explanation = OperationExplanation | WildcardExplanation | RoleExplanation | UnknownExplanation;

const EXAMPLES = 5;

/**
 * What the catalog knows of an action, a wildcard or a role GUID; with `roleNames`, of a role's
 * name too (any case), and a name it does not know gets the closest role names. A hover over a
 * permission string leaves names out: there the string is an action, whatever it looks like.
 */
export function explainQuery(catalog: Catalog, query: string, plane?: Plane, options: { roleNames?: boolean } = {}): Explanation {
  const text = query.trim();
  const rolesNote = `built-in roles as of ${catalog.rolesDate}${catalog.imported?.roles ? ` and your imported roles (${catalog.imported.roles.file})` : ''}`;
  if (isGuid(text)) {
    const role = catalog.role(text);
    if (role) return explainRole(catalog, role);
    const near = nearBuiltIn(catalog, text.toLowerCase());
    return { kind: 'unknown', text, lookedUpAs: 'role id', suggestions: near ? [near.id] : [], catalogNote: rolesNote };
  }
  if (text.includes('*')) return explainWildcard(catalog, text, plane);
  const op = catalog.operation(text);
  if (op) return { ...explainOperation(catalog, op, plane), ...(op.name !== text ? { written: text } : {}) };
  if (options.roleNames && !text.includes('/')) {
    const role = catalog.roleByName(text.replace(/\s+/g, ' '));
    if (role) return explainRole(catalog, role);
    // "Microsoft.Compute" is a provider's name, not a role's
    const providerLike = /^[\w-]+(\.[\w-]+)+$/.test(text);
    if (!providerLike) return { kind: 'unknown', text, lookedUpAs: 'role name', suggestions: suggestRoleNames(catalog, text), catalogNote: rolesNote };
  }
  return {
    kind: 'unknown', text, lookedUpAs: 'operation',
    suggestions: catalog.suggestOperations(text, plane).map((o) => o.name),
    catalogNote: catalogNoteFor(catalog, text),
  };
}

/**
 * Role names close to a misspelt one ("Backup Contributer"), closest first; then names that
 * contain it ("backup operator" in "Disk Backup Operator"... or "Backup" in every Backup role).
 */
function suggestRoleNames(catalog: Catalog, name: string, max = 3): string[] {
  const wanted = name.trim().replace(/\s+/g, ' ').toLowerCase();
  if (!wanted) return [];
  const limit = Math.max(2, Math.floor(wanted.length / 4));
  const near: { name: string; d: number }[] = [];
  const containing: string[] = [];
  const seen = new Set<string>();
  for (const role of catalog.roles) {
    const lower = role.name.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    const d = catalog.distance.between(wanted, lower, limit);
    if (d <= limit) near.push({ name: role.name, d });
    else if (wanted.length >= 4 && lower.includes(wanted)) containing.push(role.name);
  }
  near.sort((a, b) => a.d - b.d || a.name.localeCompare(b.name));
  containing.sort((a, b) => a.length - b.length || a.localeCompare(b));
  return [...near.map((x) => x.name), ...containing].slice(0, max);
}

function catalogNoteFor(catalog: Catalog, name: string): string {
  const provider = catalog.provider(name.split('/')[0]);
  if (!provider) return `catalog of ${catalog.date}`;
  switch (provider.coverage) {
    case 'complete': return `${provider.name} operations complete as of ${provider.completeAsOf}`;
    case 'partial': return `${provider.name} operations as of ${provider.completeAsOf}; newer ones may be missing`;
    case 'roles-only': return `${provider.name} is known only from built-in roles (${provider.completeAsOf}); its operations are not on record`;
    case 'imported': return `${provider.name} operations from your imported catalog of ${provider.completeAsOf}`;
  }
}

export function explainOperation(catalog: Catalog, op: Operation, listPlane?: Plane): OperationExplanation {
  const plane = op.planes === 'a' ? 'control' : op.planes === 'd' ? 'data' : op.planes === 'ad' ? 'control and data' : 'not recorded';
  const grantPlane: Plane = listPlane ?? (op.planes === 'd' ? 'data' : 'action');
  const { resourceType } = splitOperation(op.name);
  return {
    kind: 'operation',
    name: op.name,
    plane,
    description: op.description,
    provider: op.provider.name,
    providerDisplayName: op.provider.displayName,
    resourceType,
    resourceDisplayName: fitsResourceType(op.resourceDisplayName, resourceType) ? op.resourceDisplayName : undefined,
    grantedBy: catalog.rolesGranting(op.name, grantPlane).map((r) => r.name),
    catalogNote: catalogNoteFor(catalog, op.name),
    sources: op.sources.map((s) => `${s.title} (${s.date})`),
    backup: backupUses(catalog, op.name),
    inLatestDocs: op.inLatestDocs,
    notInImport: op.importStatus === 'missing',
  };
}

/**
 * Whether a display name plausibly names the resource type: the source data labels some types
 * wrongly (Microsoft.RecoveryServices "Locations" as "Recovery Points"), and a wrong label misleads
 * more than none.
 */
export function fitsResourceType(displayName: string | undefined, resourceType: string): boolean {
  if (!displayName) return false;
  const type = resourceType.toLowerCase();
  return displayName.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2)
    .some((w) => type.includes(w) || type.includes(w.replace(/s$/, '')) || type.includes(w.replace(/ies$/, 'y')) || type.includes(w.replace(/y$/, 'ie')));
}

/** Which backup operations need a permission, at which scope: "Restore VM" at "the Recovery Services vault". */
export function backupUses(catalog: Catalog, name: string): { where: string; operations: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const info of backupCatalogFor(catalog).needing(name)) {
    const permission = info.requirement.permissions.find((p) => p.name.toLowerCase() === name.toLowerCase());
    const title = info.operation.title + (permission?.optional ? ' (optional)' : '');
    const list = groups.get(info.requirement.where) ?? [];
    if (!list.includes(title)) list.push(title);
    groups.set(info.requirement.where, list);
  }
  return [...groups].map(([where, operations]) => ({ where, operations }));
}

export function explainWildcard(catalog: Catalog, text: string, plane: Plane | undefined): WildcardExplanation {
  const matched = plane ? catalog.match(text, plane) : catalog.matchAll(text);
  const sorted = [...matched].sort((a, b) => a.name.length - b.name.length || a.name.localeCompare(b.name));
  return {
    kind: 'wildcard',
    text,
    plane,
    count: matched.length,
    providers: new Set(matched.map((o) => o.provider.lower)).size,
    examples: sorted.slice(0, EXAMPLES).map((o) => ({ name: o.name, description: o.description })),
    catalogNote: catalogNoteFor(catalog, text),
  };
}

export function explainRole(catalog: Catalog, role: BuiltInRole): RoleExplanation {
  return explainPermissions(catalog, { id: role.id, name: role.name, description: role.description, blocks: role.permissions, kind: role.custom ? 'custom' : 'built-in',
    ...(role.custom ? { definedIn: catalog.imported?.roles?.file ?? 'your imported roles', imported: true } : {}) });
}

/** A custom role of the workspace, explained like a built-in one. */
export function explainCustomRole(catalog: Catalog, entry: CustomRoleEntry, definedIn: string): RoleExplanation {
  return explainPermissions(catalog, {
    id: entry.guid ?? entry.nameExpression ?? '', name: entry.name ?? 'Custom role', description: entry.description ?? '',
    blocks: entry.blocks, kind: 'custom', definedIn,
  });
}

/** "Restore VM (Azure VM)", "Cross region restore (Azure VM, SQL/HANA)": one entry per title. */
function groupByTitle(operations: readonly BackupOperation[]): { label: string; operations: number }[] {
  const byTitle = new Map<string, string[]>();
  for (const o of operations) byTitle.set(o.title, [...(byTitle.get(o.title) ?? []), WORKLOAD_SHORT[o.workload]]);
  return [...byTitle].map(([title, workloads]) => ({ label: `${title} (${[...new Set(workloads)].join(', ')})`, operations: workloads.length }));
}

function explainPermissions(catalog: Catalog, role: {
  id: string; name: string; description: string; kind: 'built-in' | 'custom'; definedIn?: string; imported?: boolean;
  blocks: readonly PlainBlock[];
}): RoleExplanation {
  const counts = { actions: 0, notActions: 0, dataActions: 0, notDataActions: 0 };
  const byProvider = new Map<string, { name: string; entries: number }>();
  const wildcards: string[] = [];
  const notActions: string[] = [];
  let conditional = false;
  for (const block of role.blocks) {
    counts.actions += block.actions.length;
    counts.notActions += block.notActions.length;
    counts.dataActions += block.dataActions.length;
    counts.notDataActions += block.notDataActions.length;
    if (block.condition) conditional = true;
    for (const a of [...block.actions, ...block.dataActions]) {
      if (a.includes('*')) wildcards.push(a);
      const ns = a.split('/')[0];
      const key = ns.toLowerCase();
      const entry = byProvider.get(key) ?? { name: catalog.provider(ns)?.name ?? ns, entries: 0 };
      entry.entries++;
      byProvider.set(key, entry);
    }
    notActions.push(...block.notActions, ...block.notDataActions);
  }
  const backup = backupCatalogFor(catalog);
  const assessment = assessBlocks(role.blocks, backup);
  const enabled = assessment.operations.filter((o) => o.complete).map((o) => o.operation);
  return {
    kind: 'role',
    roleKind: role.kind,
    id: role.id,
    name: role.name,
    description: role.description,
    counts,
    providers: [...byProvider.values()].sort((a, b) => b.entries - a.entries || a.name.localeCompare(b.name)),
    wildcards: [...new Set(wildcards)],
    notActions: [...new Set(notActions)],
    conditional,
    catalogNote: role.kind === 'built-in'
      ? `built-in roles as of ${catalog.rolesDate}${catalog.imported?.roles ? ` (your imported roles, ${catalog.imported.roles.file})` : ''}`
      : role.imported ? `from your imported roles of ${catalog.rolesDate}` : 'custom role of this workspace',
    backupEnables: groupByTitle(enabled),
    backupEnabledCount: enabled.length,
    backupOperationCount: backup.operations.length,
    ...(role.definedIn ? { definedIn: role.definedIn } : {}),
  };
}
