// The assignments multi-user authorization turns on, found in one document: whose they are, which
// role, and whether they reach a Resource Guard with a role that gets past it or administer a vault
// (catalog/backup/mua.ts says which roles and permissions count). The rule mua-defeated pairs them
// within a file; the workspace index keeps each file's as small entries (`MuaEntry`) so that a
// pair across two files is found too.
import { blocksGrant } from '../../catalog/backup/backup-catalog';
import { GUARD_ROLES, GUARD_ROLES_BY_IMPLICATION, MUA_VAULT_TYPES, RESOURCE_GUARDS, VAULT_CRITICAL_PERMISSIONS } from '../../catalog/backup/mua';
import type { Catalog } from '../../catalog/catalog';
import { memoKey } from '../../catalog/memo';
import { type CompiledBlock, compileBlock } from '../../catalog/permissions';
import { canonical } from '../model/arm/expression';
import { isGuid } from '../model/arm-expression';
import type { RoleAssignment } from '../model/assignment';
import type { RoleDocument } from '../model/role-document';
import { type WorkspaceRoles, evaluateItem, withDocument } from '../model/workspace';
import { type Place, holds, placeOfAssignment, placeOfResource } from './placement';
import { type ResolvedRole, compiledBlocksOf, resolveRole } from './resolve';

/** An assignment as MUA sees it. */
export interface MuaHolder {
  readonly assignment: RoleAssignment;
  /** the principal id's canonical text, lower-cased: a GUID in quotes, or an expression */
  readonly principal: string;
  /** the role's name (for a guard holder, the guard role it amounts to) */
  readonly role: string;
  /** reaches a Resource Guard with a role that gets past it */
  readonly onGuard: boolean;
  /** grants a critical vault operation at a vault or a scope that may hold vaults */
  readonly administers: boolean;
}

/** A holder of another file, as the workspace index keeps it: only literal principal ids compare across files. */
export interface MuaEntry {
  readonly uri: string;
  readonly principal: string;
  readonly role: string;
  readonly onGuard: boolean;
  readonly administers: boolean;
}

/** The type path of a resource place ('microsoft.dataprotection/resourceguards'); undefined above resources. */
function typeOf(place: Place): string | undefined {
  const at = place.indexOf('providers');
  if (at < 0 || place[0] === 'providers') return undefined;
  const rest = place.slice(at + 1);
  return [rest[0], ...rest.slice(1).filter((_, i) => i % 2 === 0)].join('/');
}

/** Whether compiled blocks grant every action of a built-in role. */
function holdsRole(blocks: readonly CompiledBlock[], catalog: Catalog, name: string): boolean {
  const role = catalog.roleByName(name);
  return !!role && role.permissions.every((b) => b.actions.every((a) => blocksGrant(blocks, { name: a })));
}

/** The guard role a role amounts to on a Resource Guard, if any. */
function guardRole(name: string | undefined, blocks: readonly CompiledBlock[], catalog: Catalog): string | undefined {
  if (name && [...GUARD_ROLES, ...GUARD_ROLES_BY_IMPLICATION].some((r) => r.toLowerCase() === name.toLowerCase())) return name;
  const held = GUARD_ROLES.find((r) => holdsRole(blocks, catalog, r));
  return held ? (name ?? held) : undefined;
}

const VAULT_ADMIN = memoKey<WeakMap<object, boolean>>('grants a vault-critical permission');

/**
 * Whether a resolved role grants a permission MUA protects, worked out once per built-in role or
 * workspace entry and kept by the catalog. A custom role's strings are compiled for the question
 * and let go: the answer is all that is kept (a file of thousands of assignments would otherwise
 * keep a compiled copy of the strings of each role they name).
 */
function grantsVaultCritical(catalog: Catalog, role: Extract<ResolvedRole, { kind: 'builtin' | 'custom' }>): boolean {
  const known = catalog.memo.get(VAULT_ADMIN, () => new WeakMap());
  const key = role.kind === 'builtin' ? role.role : role.entry;
  let grants = known.get(key);
  if (grants === undefined) {
    const blocks = role.kind === 'builtin' ? catalog.compiled(role.role) : role.entry.blocks.map(compileBlock);
    known.set(key, grants = VAULT_CRITICAL_PERMISSIONS.some((p) => blocksGrant(blocks, { name: p })));
  }
  return grants;
}

/**
 * The assignments of a document that hold a guard role on a Resource Guard or administer a vault;
 * with `literalOnly`, only those whose principal id is a literal GUID (what another file can pair with).
 * `roleOf` says what an assignment's role resolves to: the analysis run's (which the assignment
 * rules share), or by default resolved here against `workspace`.
 */
export function muaHolders(document: RoleDocument, catalog: Catalog, workspace: WorkspaceRoles, literalOnly = false,
  roleOf: (a: RoleAssignment) => ResolvedRole = (a) => resolveRole(catalog, workspace, a.roleDefinitionId, a.roleDefinitionName, a.template?.env)): MuaHolder[] {
  if (document.assignments.length === 0) return [];
  const placesOf = (types: readonly string[]) => document.resources.filter((r) => types.includes(r.type)).map(placeOfResource).filter((p): p is Place => p !== undefined);
  const guards = placesOf([RESOURCE_GUARDS]);
  const vaults = placesOf(MUA_VAULT_TYPES);
  const out: MuaHolder[] = [];
  for (const a of document.assignments) {
    if (!a.principalId) continue;
    // (the principal first: whom it names is cheaper to tell than what the role grants where)
    const principal = canonical(evaluateItem(a.principalId, a.template?.env)).toLowerCase();
    if (literalOnly && !isLiteralPrincipal(principal)) continue;
    const role = roleOf(a);
    if (role.kind !== 'builtin' && role.kind !== 'custom') continue;
    const name = role.kind === 'builtin' ? role.role.name : role.entry.name;
    const nested = a.resource?.type === `${RESOURCE_GUARDS}/providers/roleassignments`;
    const place = nested ? undefined : placeOfAssignment(a, document);
    const type = place && typeOf(place);
    const isGuard = nested || type === RESOURCE_GUARDS;
    const reachesGuard = isGuard || (!!place && !type && guards.some((g) => holds(place, g) === true));
    const onGuardAs = reachesGuard ? guardRole(name, compiledBlocksOf(catalog, role), catalog) : undefined;
    // a vault; a scope above resources holding a vault of the file; or, away from the file's
    // Resource Guards, one that may hold vaults elsewhere
    const overVaults = !!place && !isGuard
      && (type ? MUA_VAULT_TYPES.includes(type) : vaults.some((v) => holds(place, v) === true) || (!reachesGuard && place[0] === 'subscriptions'));
    const administers = overVaults && grantsVaultCritical(catalog, role);
    if (onGuardAs === undefined && !administers) continue;
    out.push({
      assignment: a, principal,
      role: onGuardAs ?? name ?? 'a custom role', onGuard: onGuardAs !== undefined, administers,
    });
  }
  return out;
}

/** Whether a principal's canonical text is a literal GUID, the same principal in any file. */
export function isLiteralPrincipal(principal: string): boolean {
  return principal.startsWith("'") && isGuid(principal.slice(1, -1));
}

const MUA_ENTRIES = memoKey<{ readonly uri: string; readonly catalog: Catalog; readonly entries: readonly MuaEntry[] }>('mua entries');

/**
 * A document's holders with a literal principal id, as index entries (worked out once per parsed
 * document, URI and catalog). Roles resolve against the document's own custom roles and the
 * catalog: a custom role defined in a third file is left out.
 */
export function muaEntriesOf(uri: string, document: RoleDocument, catalog: Catalog): readonly MuaEntry[] {
  const hit = document.memo.peek(MUA_ENTRIES);
  if (hit && hit.uri === uri && hit.catalog === catalog) return hit.entries;
  const entries = muaHolders(document, catalog, withDocument(undefined, uri, document), true)
    .map((h): MuaEntry => ({ uri, principal: h.principal, role: h.role, onGuard: h.onGuard, administers: h.administers }));
  document.memo.set(MUA_ENTRIES, { uri, catalog, entries });
  return entries;
}
