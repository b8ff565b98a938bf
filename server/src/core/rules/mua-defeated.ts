// Multi-user authorization holds only while the vault's administrators cannot approve their own
// critical operations: a principal that administers a vault and also holds Contributor, Backup MUA
// Admin or Backup MUA Operator on the Resource Guard defeats it. Which roles and permissions count
// is data (catalog/backup/mua.ts); this file finds both assignments of one principal in a file.
import { blocksGrant } from '../../catalog/backup/backup-catalog';
import { GUARD_ROLES, GUARD_ROLES_BY_IMPLICATION, MUA_VAULT_TYPES, RESOURCE_GUARDS, VAULT_CRITICAL_PERMISSIONS } from '../../catalog/backup/mua';
import type { Catalog } from '../../catalog/catalog';
import { type CompiledBlock, compileBlock } from '../../catalog/permissions';
import { canonical } from '../model/arm/expression';
import type { RoleAssignment } from '../model/assignment';
import { resolveRole } from '../analysis/resolve';
import { type Place, holds, placeOfAssignment, placeOfResource } from '../analysis/placement';
import type { RoleDocument } from '../model/role-document';
import { type WorkspaceRoles, evaluateItem } from '../model/workspace';
import { lead, type Rule } from './rule';

export const id = 'mua-defeated';

export interface Data {
  readonly guardRole: string;
  readonly adminRole: string;
}

/** An assignment as MUA sees it: whose, which role, and whether it reaches a Resource Guard or administers a vault. */
interface Holder {
  readonly assignment: RoleAssignment;
  readonly principal: string;
  readonly role: string;
  readonly onGuard: boolean;
  readonly administers: boolean;
}

/** The type path of a resource place: its namespace and types, lower-cased ('microsoft.dataprotection/resourceguards'). */
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

function holders(document: RoleDocument, catalog: Catalog, workspace: WorkspaceRoles): Holder[] {
  const placesOf = (types: readonly string[]) => document.resources.filter((r) => types.includes(r.type)).map(placeOfResource).filter((p): p is Place => p !== undefined);
  const guards = placesOf([RESOURCE_GUARDS]);
  const vaults = placesOf(MUA_VAULT_TYPES);
  const out: Holder[] = [];
  for (const a of document.assignments) {
    if (!a.principalId) continue;
    const role = resolveRole(catalog, workspace, a.roleDefinitionId, a.roleDefinitionName, a.template?.env);
    if (role.kind !== 'builtin' && role.kind !== 'custom') continue;
    const blocks = role.kind === 'builtin' ? catalog.compiled(role.role) : role.entry.blocks.map(compileBlock);
    const name = role.kind === 'builtin' ? role.role.name : role.entry.name;
    const nested = a.resource?.type === `${RESOURCE_GUARDS}/providers/roleassignments`;
    const place = nested ? undefined : placeOfAssignment(a, document);
    const type = place && typeOf(place);
    const isGuard = nested || type === RESOURCE_GUARDS;
    const reachesGuard = isGuard || (!!place && !type && guards.some((g) => holds(place, g) === true));
    const onGuard = reachesGuard && guardRole(name, blocks, catalog) !== undefined;
    // a vault; a scope above resources holding a vault of the file; or, away from the file's
    // Resource Guards, one that may hold vaults elsewhere
    const overVaults = !!place && !isGuard
      && (type ? MUA_VAULT_TYPES.includes(type) : vaults.some((v) => holds(place, v) === true) || (!reachesGuard && place[0] === 'subscriptions'));
    const administers = overVaults && VAULT_CRITICAL_PERMISSIONS.some((p) => blocksGrant(blocks, { name: p }));
    if (!onGuard && !administers) continue;
    out.push({
      assignment: a, principal: canonical(evaluateItem(a.principalId, a.template?.env)).toLowerCase(),
      role: (onGuard ? guardRole(name, blocks, catalog) : name) ?? 'a custom role', onGuard, administers,
    });
  }
  return out;
}

export const rule: Rule<Data> = {
  id,
  summary: 'A principal administers a Backup vault and holds Contributor, Backup MUA Admin or Backup MUA Operator on its Resource Guard, which defeats multi-user authorization.',
  defaultSeverity: 'warning',
  appliesToBuiltInRoles: true,
  checkDocument({ document, catalog, workspace, report }) {
    if (document.assignments.length === 0) return;
    const found = holders(document, catalog, workspace);
    for (const guard of found.filter((h) => h.onGuard)) {
      const admin = found.find((h) => h.administers && h.principal === guard.principal && h !== guard) ?? (guard.administers ? guard : undefined);
      if (!admin) continue;
      const who = lead(String(guard.assignment.principalId!.node.value), 50);
      const at = guard.assignment.roleDefinitionId?.node ?? guard.assignment.node;
      const data: Data = { guardRole: guard.role, adminRole: admin.role };
      report({
        at,
        data,
        message: admin === guard
          ? `${guard.role} defeats multi-user authorization: its scope holds both a Backup vault and the Resource Guard, so ${who} approves its own critical operations; `
            + 'keep the Resource Guard in a resource group or subscription the vault administrators have no role on.'
          : `${guard.role} on the Resource Guard defeats multi-user authorization: ${who} also administers the vault (${admin.role}); `
            + "give the guard's roles to a principal that does not administer the vault.",
      });
    }
  },
  isData(data: unknown): data is Data {
    return typeof data === 'object' && data !== null && typeof (data as Data).guardRole === 'string' && typeof (data as Data).adminRole === 'string';
  },
};
