// The offline catalog: every known Azure operation and built-in role, indexed for case-insensitive
// exact lookup, wildcard matching and did-you-mean suggestions. Built once from CatalogData (the
// parsed server/data/catalog.json) and shared read-only by every request.
import type { CatalogData, Coverage } from './catalog-data';
import { Memo } from './memo';
import { EditDistance } from './edit-distance';
import { type CompiledBlock, type PermissionBlock, type Plane, compileBlock, grantingEntry } from './permissions';
import { type Pattern, covers, pattern } from './wildcard';

export interface CatalogSource {
  readonly id: string;
  readonly date: string;
  readonly title: string;
}

export interface Provider {
  readonly name: string;
  readonly lower: string;
  readonly displayName: string | undefined;
  /** the date up to which the catalog knows this provider's operations */
  readonly completeAsOf: string;
  /** 'complete': checked against that date's full list; 'partial': newer operations may be missing; 'roles-only': known from built-in roles alone */
  readonly coverage: Coverage;
  /** this provider's operations (built on first use) */
  readonly operations: readonly Operation[];
}

export interface Operation {
  readonly name: string;
  readonly lower: string;
  /** 'a' control plane, 'd' data plane, 'ad' registered as both, '?' not known (names-only source) */
  readonly planes: 'a' | 'd' | 'ad' | '?';
  readonly provider: Provider;
  readonly description: string | undefined;
  readonly resourceDisplayName: string | undefined;
  /** false when the Feb-2026 docs no longer list it (possibly removed); undefined when not checked */
  readonly inLatestDocs: boolean | undefined;
  readonly sources: readonly CatalogSource[];
  /** with an imported catalog: 'imported' in it, 'missing' its provider was imported but it was not; undefined otherwise */
  readonly importStatus: 'imported' | 'missing' | undefined;
}

/** An operation of the catalog, made on first use; one class, so that every operation has the same shape. */
class CatalogOperation implements Operation {
  constructor(
    private readonly catalog: Catalog,
    private readonly index: number,
    readonly name: string,
    readonly lower: string,
    readonly planes: Operation['planes'],
    readonly provider: Provider,
    readonly resourceDisplayName: string | undefined,
    readonly inLatestDocs: boolean | undefined,
    readonly sources: readonly CatalogSource[],
    readonly importStatus: Operation['importStatus'],
  ) {}

  get description(): string | undefined {
    return this.catalog.describe(this.index);
  }

  /** As data (its description included, its catalog left out). */
  toJSON(): Record<string, unknown> {
    const { name, lower, planes, description, resourceDisplayName, inLatestDocs, sources, importStatus } = this;
    return { name, lower, planes, provider: this.provider.name, description, resourceDisplayName, inLatestDocs, sources, importStatus };
  }
}

export interface BuiltInRole {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly permissions: readonly PermissionBlock[];
  /** a custom role from the user's imported `az role definition list` */
  readonly custom?: true;
}

/** Whether an operation may stand in a list of this plane ('?' is taken as possible in both). */
export function inPlane(op: Operation, plane: Plane): boolean {
  return op.planes === '?' || op.planes.includes(plane === 'action' ? 'a' : 'd');
}

/** Whether the catalog knows for sure that the operation belongs to the other plane only. */
export function onlyInOtherPlane(op: Operation, plane: Plane): boolean {
  return op.planes === (plane === 'action' ? 'd' : 'a');
}

/** Resource type and verb of an operation name, as Azure splits it for display. */
export function splitOperation(name: string): { namespace: string; resourceType: string; verb: string } {
  const parts = name.split('/');
  const namespace = parts[0];
  const verbParts = parts.length > 2 && parts[parts.length - 1].toLowerCase() === 'action' ? 2 : 1;
  const resourceType = parts.slice(1, Math.max(1, parts.length - verbParts)).join('/');
  const verb = parts.slice(Math.max(1, parts.length - verbParts)).join('/');
  return { namespace, resourceType, verb };
}

/** Roles of Azure Backup lead the lists of granting roles; restore and snapshot roles follow. */
function backupTier(roleName: string): number {
  if (/\bbackup\b/i.test(roleName)) return 0;
  if (/\b(restore|snapshot)\b/i.test(roleName)) return 1;
  return 2;
}

class ProviderEntry implements Provider {
  readonly lower: string;
  private ops: Operation[] | undefined;

  constructor(
    readonly name: string,
    readonly displayName: string | undefined,
    readonly completeAsOf: string,
    readonly coverage: Coverage,
    private readonly range: () => Operation[],
  ) {
    this.lower = name.toLowerCase();
  }

  get operations(): readonly Operation[] {
    this.ops ??= this.range();
    return this.ops;
  }
}

const PLANES: Record<string, Operation['planes']> = { a: 'a', d: 'd', b: 'ad', '?': '?' };

/** A resource type more providers than this have (locations, operations, …) suggests no other provider. */
const MAX_PROVIDERS_OF_TYPE = 3;

/** The first position of a sorted list (read through `at`) whose key is not below `key`; `length` when none. */
function firstNotBelow(length: number, at: (i: number) => string, key: string): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (at(mid) < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Lookups answered by halving before the catalog builds its hash index of names. */
const INDEX_AFTER_LOOKUPS = 2000;

export class Catalog {
  /** facts derived from this catalog, kept by it (its Backup catalog: backup/backup-catalog.ts) */
  readonly memo = new Memo();
  /** did-you-mean distances, with their scratch rows */
  readonly distance = new EditDistance();
  readonly providers: readonly Provider[];
  readonly roles: readonly BuiltInRole[];
  readonly sources: readonly CatalogSource[];
  readonly rolesDate: string;
  /** the newest date any source speaks for */
  readonly date: string;
  readonly operationCount: number;
  /** the user's imported files in this catalog, with their dates */
  readonly imported: CatalogData['imported'];

  // Operations are kept as the columns of the data file and become objects when first asked for.
  private readonly names: string[];
  private readonly lowerNames: string[];
  private readonly columns: CatalogData['operations'];
  private descriptions: string[] | undefined;
  private resources: string[] | undefined;
  private readonly resourceNames: readonly string[];
  private readonly ops: (Operation | undefined)[];
  private readonly byProvider = new Map<string, ProviderEntry>();
  private readonly rolesById = new Map<string, BuiltInRole>();
  private readonly rolesByName = new Map<string, BuiltInRole>();
  private readonly sourceSets = new Map<string, CatalogSource[]>();
  private readonly matchCache = new Map<string, readonly Operation[]>();
  /** name → index, built once lookups are many (see operationLower) */
  private byName: Map<string, number> | undefined;
  private lookups = 0;
  private readonly grantCache = new Map<string, BuiltInRole[]>();
  private builtinPatterns: { action: Pattern[]; data: Pattern[] } | undefined;
  private compiledRoles: Map<BuiltInRole, readonly CompiledBlock[]> | undefined;
  private all: readonly Operation[] | undefined;
  private readonly importedSource: CatalogSource | undefined;
  /** operation indices ordered by the name after the namespace (built on first use) */
  private byResourcePath: { rest: string[]; order: number[] } | undefined;

  static fromData(data: CatalogData): Catalog {
    return new Catalog(data);
  }

  private constructor(data: CatalogData) {
    if (data.format !== 1) throw new Error(`unsupported catalog format ${String(data.format)}`);
    this.sources = data.sources.map(([id, date, title]) => ({ id, date, title }));
    this.rolesDate = data.imported?.roles?.date ?? data.rolesDate;
    this.date = [data.imported?.operations?.date, data.imported?.roles?.date].reduce<string>((d, x) => (x && x > d ? x : d),
      this.sources.reduce((d, s) => (s.date > d ? s.date : d), data.rolesDate));
    this.columns = data.operations;
    this.names = data.operations.names.split('\n');
    this.lowerNames = data.operations.names.toLowerCase().split('\n');
    this.operationCount = this.names.length;
    if (this.operationCount !== data.operations.count) throw new Error('catalog operations are inconsistent');
    this.resourceNames = data.resourceNames;
    this.ops = new Array<Operation | undefined>(this.operationCount);
    this.providers = data.providers.map(([name, displayName, completeAsOf, coverage]) => {
      const entry: ProviderEntry = new ProviderEntry(name, displayName ?? undefined, completeAsOf, coverage, () => this.providerRange(entry));
      this.byProvider.set(entry.lower, entry);
      return entry;
    });
    this.imported = data.imported;
    this.importedSource = data.imported?.operations
      ? { id: 'imported', date: data.imported.operations.date, title: `your imported catalog (${data.imported.operations.file})` } : undefined;
    this.roles = data.roles.map(([id, name, description, blocks, custom]) => ({
      id, name, description,
      permissions: blocks.map(([actions, notActions, dataActions, notDataActions, condition]) => ({
        actions, notActions, dataActions, notDataActions, ...(condition ? { condition } : {}),
      })),
      ...(custom ? { custom: true as const } : {}),
    }));
    for (const r of this.roles) {
      this.rolesById.set(r.id.toLowerCase(), r);
      // the first of a name, as a search in order would find
      if (!this.rolesByName.has(r.name.toLowerCase())) this.rolesByName.set(r.name.toLowerCase(), r);
    }
  }

  /** Every operation (materialised on first use). */
  get operations(): readonly Operation[] {
    this.all ??= this.lowerNames.map((_, i) => this.at(i));
    return this.all;
  }

  /** An operation's description: the descriptions (a third of the data) are split only when one is read, and a check reads none. */
  describe(i: number): string | undefined {
    this.descriptions ??= this.columns.descriptions.split('\n');
    return this.descriptions[i] || undefined;
  }

  private at(i: number): Operation {
    let op = this.ops[i];
    if (!op) {
      this.resources ??= this.columns.resources.split(',');
      const lower = this.lowerNames[i];
      const resource = this.resources[i];
      const docs = this.columns.inLatestDocs[i];
      const imported = this.columns.imported?.[i];
      op = new CatalogOperation(this, i, this.names[i], lower, PLANES[this.columns.planes[i]], this.byProvider.get(lower.slice(0, lower.indexOf('/')))!,
        resource ? this.resourceNames[parseInt(resource, 36)] : undefined,
        docs === '-' ? undefined : docs === '1',
        imported === 'i' && this.importedSource ? [...this.sourcesOf(this.columns.sources[i]), this.importedSource] : this.sourcesOf(this.columns.sources[i]),
        imported === 'i' ? 'imported' : imported === 'x' ? 'missing' : undefined);
      this.ops[i] = op;
    }
    return op;
  }

  private sourcesOf(digit: string): CatalogSource[] {
    let set = this.sourceSets.get(digit);
    if (!set) {
      const bits = parseInt(digit, 32);
      set = this.sources.filter((_, i) => (bits & (1 << i)) !== 0);
      this.sourceSets.set(digit, set);
    }
    return set;
  }

  /** The provider's operations: the run of names starting with `namespace/` (names are sorted). */
  private providerRange(provider: Provider): Operation[] {
    const prefix = provider.lower + '/';
    const found: Operation[] = [];
    for (let i = firstNotBelow(this.lowerNames.length, (k) => this.lowerNames[k], prefix); i < this.lowerNames.length && this.lowerNames[i].startsWith(prefix); i++) found.push(this.at(i));
    return found;
  }

  operation(name: string): Operation | undefined {
    return this.operationLower(name.toLowerCase());
  }

  /** The operation of a name already lower-cased. */
  operationLower(lower: string): Operation | undefined {
    // a check of a few files asks a few hundred names: halving the sorted names answers them with no
    // index to build at load; a large workspace asks thousands, and gets a hash index once
    if (this.byName) {
      const i = this.byName.get(lower);
      return i === undefined ? undefined : this.at(i);
    }
    if (++this.lookups > INDEX_AFTER_LOOKUPS) {
      this.byName = new Map();
      for (let i = 0; i < this.lowerNames.length; i++) this.byName.set(this.lowerNames[i], i);
      return this.operationLower(lower);
    }
    // the lower-cased names are sorted (the generator writes them so)
    const i = firstNotBelow(this.lowerNames.length, (k) => this.lowerNames[k], lower);
    return this.lowerNames[i] === lower ? this.at(i) : undefined;
  }

  provider(namespace: string): Provider | undefined {
    return this.byProvider.get(namespace.toLowerCase());
  }

  role(id: string): BuiltInRole | undefined {
    return this.rolesById.get(id.toLowerCase());
  }

  roleByName(name: string): BuiltInRole | undefined {
    return this.rolesByName.get(name.toLowerCase());
  }

  /** Every catalog operation the pattern matches, whatever its plane. */
  matchAll(text: string): readonly Operation[] {
    const key = text.toLowerCase();
    let hit = this.matchCache.get(key);
    if (!hit) {
      const p = pattern(text);
      if (p.provider !== undefined) {
        const pool = this.byProvider.get(p.provider)?.operations ?? [];
        hit = pool.filter((op) => p.matchesLower(op.lower));
      } else {
        const found: Operation[] = [];
        for (let i = 0; i < this.lowerNames.length; i++) if (p.matchesLower(this.lowerNames[i])) found.push(this.at(i));
        hit = found;
      }
      if (this.matchCache.size > 5000) this.matchCache.clear();
      this.matchCache.set(key, hit);
    }
    return hit;
  }

  /** The operations a pattern grants in a list of the given plane. */
  match(text: string, plane: Plane): readonly Operation[] {
    return this.matchAll(text).filter((op) => inPlane(op, plane));
  }

  /**
   * Whether the pattern covers a wildcard that some built-in role uses: the catalog misses
   * operations of stale providers, but what Azure's own roles name exists, so a pattern that
   * reaches all of it matches something too.
   */
  coversBuiltinPattern(text: string, plane: Plane): boolean {
    if (!this.builtinPatterns) {
      const action = new Map<string, Pattern>();
      const data = new Map<string, Pattern>();
      for (const r of this.roles) {
        for (const b of r.permissions) {
          for (const a of [...b.actions, ...b.notActions]) if (a.includes('*')) action.set(a.toLowerCase(), pattern(a));
          for (const a of [...b.dataActions, ...b.notDataActions]) if (a.includes('*')) data.set(a.toLowerCase(), pattern(a));
        }
      }
      this.builtinPatterns = { action: [...action.values()], data: [...data.values()] };
    }
    const p = pattern(text);
    return this.builtinPatterns[plane].some((b) => covers(p, b));
  }

  /** A built-in role's permission blocks, compiled once. */
  compiled(role: BuiltInRole): readonly CompiledBlock[] {
    this.compiledRoles ??= new Map(this.roles.map((r) => [r, r.permissions.map(compileBlock)]));
    return this.compiledRoles.get(role) ?? role.permissions.map(compileBlock);
  }

  /** Built-in roles that grant the operation, Backup roles first, then the narrower ones. */
  rolesGranting(name: string, plane: Plane): BuiltInRole[] {
    const lower = name.toLowerCase();
    const key = `${plane}:${lower}`;
    let hit = this.grantCache.get(key);
    if (!hit) {
      const scored: { role: BuiltInRole; score: number }[] = [];
      for (const role of this.roles) {
        let best: Pattern | undefined;
        for (const block of this.compiled(role)) {
          const entry = grantingEntry(block, lower, plane);
          if (entry !== undefined && (best === undefined || entry.stars === 0)) best = entry;
        }
        if (best === undefined) continue;
        // Backup roles first; then roles that name the operation, smallest (most purposeful)
        // first; then roles that reach it by a wildcard, narrow wildcards first
        const size = role.permissions.reduce((n, b) => n + b.actions.length + b.dataActions.length, 0);
        const reach = best.stars > 0 ? 100000 + (1000 - best.prefix.length) * 100 : 0;
        scored.push({ role, score: backupTier(role.name) * 10000000 + reach + Math.min(size, 99) });
      }
      scored.sort((a, b) => a.score - b.score || a.role.name.localeCompare(b.role.name));
      hit = scored.map((s) => s.role);
      if (this.grantCache.size > 2000) this.grantCache.clear();
      this.grantCache.set(key, hit);
    }
    return hit;
  }

  /** Namespaces closest to an unknown one. */
  suggestProviders(namespace: string, max = 3): Provider[] {
    const lower = namespace.toLowerCase();
    const limit = Math.max(2, Math.floor(lower.length * 0.3));
    return this.providers
      .map((p) => ({ p, d: this.distance.between(lower, p.lower, limit) }))
      .filter((x) => x.d <= limit)
      .sort((a, b) => a.d - b.d || a.p.name.localeCompare(b.p.name))
      // a clearly closer name is the one meant: drop the distant ones
      .filter((x, _, all) => x.d <= all[0].d + 1)
      .slice(0, max)
      .map((x) => x.p);
  }

  /**
   * The operations of other providers whose name after the namespace starts with `path` (lower
   * case, e.g. `managedclusters/`): the same resource type under another namespace, as when a
   * role names Microsoft.Kubernetes/managedClusters for AKS, whose clusters are
   * Microsoft.ContainerService's. Only for a resource type few providers have (at most
   * `MAX_PROVIDERS_OF_TYPE`): `locations/` or `operations/` under another namespace says nothing.
   */
  sameResourceElsewhere(namespace: string, path: string): Operation[] {
    const own = namespace.toLowerCase();
    const slash = path.indexOf('/');
    if (slash <= 0) return [];
    const typeOwners = new Set<string>();
    for (const i of this.resourcePathRange(path.slice(0, slash + 1))) {
      typeOwners.add(this.lowerNames[i].slice(0, this.lowerNames[i].indexOf('/')));
      if (typeOwners.size > MAX_PROVIDERS_OF_TYPE + 1) return [];
    }
    typeOwners.delete(own);
    if (typeOwners.size === 0 || typeOwners.size > MAX_PROVIDERS_OF_TYPE) return [];
    const found = this.resourcePathRange(path).filter((i) => !this.lowerNames[i].startsWith(`${own}/`)).map((i) => this.at(i));
    // the provider with more of that resource (AKS's hundreds of managedClusters operations over
    // Service Fabric's few) first
    const size = new Map<Provider, number>();
    for (const op of found) size.set(op.provider, (size.get(op.provider) ?? 0) + 1);
    return found.sort((a, b) => size.get(b.provider)! - size.get(a.provider)! || a.provider.lower.localeCompare(b.provider.lower));
  }

  /** Indices of the operations whose lower-cased name after the namespace starts with `prefix`. */
  private resourcePathRange(prefix: string): number[] {
    if (!this.byResourcePath) {
      const rest = this.lowerNames.map((n) => n.slice(n.indexOf('/') + 1));
      const order = rest.map((_, i) => i).sort((a, b) => (rest[a] < rest[b] ? -1 : rest[a] > rest[b] ? 1 : 0));
      this.byResourcePath = { rest, order };
    }
    const { rest, order } = this.byResourcePath;
    const found: number[] = [];
    for (let k = firstNotBelow(order.length, (m) => rest[order[m]], prefix); k < order.length && rest[order[k]].startsWith(prefix); k++) found.push(order[k]);
    return found;
  }

  /**
   * Operations closest to a name the catalog lacks, preferring the given plane. Looks in the
   * name's provider, or in the providers closest to it when the namespace itself is unknown; for
   * a known namespace, also at the same name under the few other providers with its resource type
   * (taken as one edit away).
   */
  suggestOperations(name: string, plane: Plane | undefined, max = 3): Operation[] {
    const trimmed = name.trim();
    const slash = trimmed.indexOf('/');
    const namespace = slash < 0 ? trimmed : trimmed.slice(0, slash);
    const rest = (slash < 0 ? '' : trimmed.slice(slash + 1)).toLowerCase();
    const known = this.provider(namespace);
    const providers = known ? [known] : this.suggestProviders(namespace, 2);
    const limit = Math.max(3, Math.floor(rest.length * 0.4));
    const within = (bound: number) => {
      const found: { op: Operation; d: number; elsewhere?: number }[] = [];
      for (const provider of providers) {
        const skip = provider.lower.length + 1;
        for (const op of provider.operations) {
          const d = this.distance.between(rest, op.lower, bound, skip);
          if (d > bound) continue;
          const planePenalty = plane !== undefined && !inPlane(op, plane) ? 1 : 0;
          found.push({ op, d: d + planePenalty });
        }
      }
      return found;
    };
    // most slips are an edit or two away: look close first (cheap), and further only when the
    // closest found leaves room for others within 2 of it
    const near = Math.min(limit, 4);
    let candidates = within(near);
    const best = Math.min(...candidates.map((c) => c.d));
    if (candidates.length === 0 || best + 2 > near) candidates = within(limit);
    if (known) {
      const exact = this.sameResourceElsewhere(namespace, rest).filter((op) => op.lower.length === op.provider.lower.length + 1 + rest.length);
      exact.forEach((op, k) => candidates.push({ op, d: 1 + (plane !== undefined && !inPlane(op, plane) ? 1 : 0), elsewhere: k }));
    }
    candidates.sort((a, b) => a.d - b.d || (a.elsewhere ?? -1) - (b.elsewhere ?? -1) || a.op.name.length - b.op.name.length || a.op.name.localeCompare(b.op.name));
    return candidates.filter((c) => c.d <= candidates[0].d + 2).slice(0, max).map((c) => c.op);
  }

  /**
   * Wildcards close to one that matches nothing: the same pattern with its literal part before
   * the `*` replaced by the nearest resource path the catalog knows, kept when it matches; for a
   * known namespace, also the same resource path under the few other providers that have its
   * resource type (taken as one edit away).
   */
  suggestWildcards(text: string, plane: Plane, max = 2): string[] {
    const star = text.indexOf('*');
    if (star < 0 || text.indexOf('*', star + 1) >= 0) return [];
    const head = text.slice(0, star);
    const tail = text.slice(star);
    const cut = head.lastIndexOf('/') + 1;
    if (cut === 0) return [];
    const dir = head.slice(0, cut).toLowerCase();
    const partial = head.slice(cut);
    const segments = dir.split('/').length - 1;
    const namespace = dir.slice(0, dir.indexOf('/'));
    const known = this.provider(namespace);
    const providers = known ? [known] : this.suggestProviders(namespace, 2);
    const limit = Math.max(2, Math.floor((dir.length - namespace.length) * 0.4));
    const seen = new Map<string, number>();
    const found: { text: string; d: number; elsewhere?: number }[] = [];
    for (const provider of providers) {
      for (const op of provider.operations) {
        const parts = op.name.split('/');
        if (parts.length <= segments) continue;
        const candidate = parts.slice(0, segments).join('/') + '/';
        const key = candidate.toLowerCase();
        if (seen.has(key)) continue;
        const d = this.distance.between(dir, key, limit);
        seen.set(key, d);
        if (d > limit || d === 0) continue;
        const suggestion = candidate + partial + tail;
        if (this.match(suggestion, plane).length > 0) found.push({ text: suggestion, d });
      }
    }
    if (known && segments > 1) {
      const path = dir.slice(namespace.length + 1);
      const elsewhere = new Set<string>();
      for (const op of this.sameResourceElsewhere(namespace, path)) {
        // the operation's own spelling of the path, under its provider
        elsewhere.add(op.name.split('/').slice(0, segments).join('/') + '/');
      }
      [...elsewhere].forEach((candidate, k) => {
        const suggestion = candidate + partial + tail;
        if (this.match(suggestion, plane).length > 0) found.push({ text: suggestion, d: 1, elsewhere: k });
      });
    }
    found.sort((a, b) => a.d - b.d || (a.elsewhere ?? -1) - (b.elsewhere ?? -1) || a.text.localeCompare(b.text));
    return found.filter((f) => f.d <= found[0].d + 1).slice(0, max).map((f) => f.text);
  }
}
