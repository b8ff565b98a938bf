// What a change grants: the role definitions and role assignments of two revisions of some files,
// matched up, and what each added, removed or changed one grants or takes away after wildcards and
// notActions (operation by operation, counted by provider and plane), the Azure Backup operations
// it newly enables or no longer enables, the escalation paths it opens or closes, and the
// assignable scopes it adds or removes; for assignments, the role, principal, scope and condition
// that changed and what the role of a new one grants. The CLI's `diff --git` (cli/git-diff.ts)
// reads the revisions; this module only compares parsed documents. What a deployment alone knows
// (an ARM expression over parameters, a Bicep param) is shown as written and called symbolic: no
// finding rests on a parameter's default value.
import type { BuiltInRole, Catalog } from '../../catalog/catalog';
import { type CompiledBlock, type Plane, compileBlock, roleGrants } from '../../catalog/permissions';
import { backupCatalogFor, blocksGrant } from '../../catalog/backup/backup-catalog';
import type { BackupOperation } from '../../catalog/backup/backup-operations';
import { type Granted, type OperationSet, PLANES, builtInSets, grantedOnlyBy, operationSet } from '../analysis/operation-set';
import { type ResolvedRole, resolveRole, roleKey } from '../analysis/resolve';
import { symbolicResource } from '../analysis/scope';
import { ACCESS_WRITES } from '../rules/privilege-escalation';
import { type Environment, type Value, canonical, evaluateString } from '../model/arm/expression';
import { isGuid } from '../model/arm-expression';
import type { RoleAssignment } from '../model/assignment';
import { prop } from '../model/json';
import type { RoleDefinition, RoleDocument } from '../model/role-document';
import { type StringItem, stringItemOf } from '../model/string-item';
import { type CustomRoleEntry, WorkspaceIndex, customRolesOf, evaluateItem } from '../model/workspace';
import { roleOperationSet } from './compare';
import { count, thousands } from '../messages';

// ------------------------------------------------------------------------------------- the input

export type FileStatus = 'added' | 'deleted' | 'modified' | 'renamed';

/** A file the change touches, parsed on each side where it exists as a JSON, JSONC or Bicep file. */
export interface ChangedFile {
  /** its path at the head (at the base when it was deleted), relative to the repository */
  readonly path: string;
  /** its path at the base, when it was renamed */
  readonly previousPath?: string;
  readonly status: FileStatus;
  readonly base?: RoleDocument;
  readonly head?: RoleDocument;
  /** why a side that exists could not be read (too large, unreadable): what it holds cannot be told */
  readonly unread?: string;
}

/** A role file of a revision that the change does not touch: its custom roles name what assignments use. */
export interface RoleFile {
  readonly path: string;
  readonly document: RoleDocument;
}

/** A revision as the reader named it. */
export interface Revision {
  /** the revision as given (`origin/main`), or "the working tree" */
  readonly label: string;
  /** the commit it names, when it is one */
  readonly commit?: string;
}

export interface ChangeSide extends Revision {
  /** the revision's other role files (optional: read when `needsOtherRoleFiles` says so) */
  readonly others?: readonly RoleFile[];
}

export interface ChangeInput {
  readonly base: ChangeSide;
  readonly head: ChangeSide;
  readonly files: readonly ChangedFile[];
}

// ------------------------------------------------------------------------------------ the report

/** A value as the file writes it: literal, or (symbolic) an expression only a deployment can evaluate, as canonical text. */
export interface Shown {
  readonly text: string;
  readonly symbolic: boolean;
  /** the text describes the value in words ("the deployment's resource group") rather than writing it */
  readonly prose?: true;
}

/** Operations granted or taken away under one provider, in one plane. */
export interface ProviderCount {
  readonly provider: string;
  readonly plane: Plane;
  readonly added: number;
  readonly removed: number;
}

export interface GrantChange {
  /** what is granted now and was not before: catalog operations by name, then names the catalog lacks */
  readonly added: readonly Granted[];
  /** what was granted before and is not now */
  readonly removed: readonly Granted[];
  /** the same counted by provider and plane, providers in name order, actions before data actions */
  readonly byProvider: readonly ProviderCount[];
}

/** An Azure Backup operation of the backup catalog (the ids `generate --operations` takes). */
export interface BackupOperationRef {
  readonly id: string;
  readonly title: string;
  readonly workload: string;
}

/** An access write the privilege-escalation rule treats as escalation. */
export interface EscalationPath {
  readonly operation: string;
  readonly what: string;
}

/** What one role, or the role of an assignment, grants after the change that it did not before, and the reverse. */
export interface Effect {
  readonly grants: GrantChange;
  readonly backup: { readonly enabled: readonly BackupOperationRef[]; readonly disabled: readonly BackupOperationRef[] };
  readonly escalation: { readonly opened: readonly EscalationPath[]; readonly closed: readonly EscalationPath[] };
}

export interface RoleChange {
  readonly change: 'added' | 'removed' | 'changed';
  /** the role's name (at the base for a removed role) */
  readonly name: Shown | undefined;
  /** its name at the base, when that differs */
  readonly previousName?: Shown;
  /** the role's id: its GUID, or the canonical text of a guid(...) expression */
  readonly id?: string;
  /** its id at the base, when that differs */
  readonly previousId?: string;
  /** how a changed role was matched with its base: by its id, else by its name */
  readonly matchedBy?: 'id' | 'name';
  /** the file the role was in at the base, when it moved to another file */
  readonly movedFrom?: string;
  readonly builtIn: boolean;
  /** what it grants and takes away; undefined when a side's permissions are computed at deployment */
  readonly effect?: Effect;
  /** its permission lists were written differently (whether or not that changes what it grants) */
  readonly rewritten: boolean;
  readonly assignableScopes: { readonly added: readonly Shown[]; readonly removed: readonly Shown[] };
  readonly descriptionChanged: boolean;
  /** what cannot be told from the files, in words */
  readonly symbolic: readonly string[];
}

export type AssignmentField = 'role' | 'principal' | 'principalType' | 'scope' | 'condition';

/** The role an assignment names. */
export interface AssignedRole {
  /** built-in, a custom role of the repository, a GUID neither is, or an expression only a deployment can evaluate */
  readonly kind: 'built-in' | 'custom' | 'unknown' | 'symbolic';
  /** the role's name, when known */
  readonly name?: string;
  /** a built-in role's GUID, a custom role's id, or the GUID nobody defines */
  readonly id?: string;
  /** where a custom role is defined */
  readonly definedIn?: string;
  /** a catalog role that is one of the user's imported custom roles (`--roles`), not a built-in one */
  readonly imported?: true;
  /** as written (canonical), for a symbolic one */
  readonly text: string;
  /** for a symbolic one: the role it names when the parameters keep their default values */
  readonly byDefault?: string;
}

export interface AssignmentFields {
  readonly role: AssignedRole;
  readonly principal: Shown | undefined;
  /** `az role assignment list` prints the principal's name too */
  readonly principalName?: string;
  readonly principalType: Shown | undefined;
  /** where it lands: written, or the deployment's own scope (symbolic) */
  readonly scope: Shown;
  readonly condition: Shown | undefined;
}

/** What a role grants, summed up (for an assignment added or removed). */
export interface RoleSummary {
  /** catalog operations, both planes */
  readonly operations: number;
  readonly byProvider: readonly { readonly provider: string; readonly plane: Plane; readonly count: number }[];
  /** names it writes out that the catalog lacks */
  readonly notInCatalog: number;
  readonly backup: readonly BackupOperationRef[];
  readonly escalation: readonly EscalationPath[];
}

export interface AssignmentChange {
  readonly change: 'added' | 'removed' | 'changed';
  /** the assignment's name (ARM resource name, REST name), when written */
  readonly name: Shown | undefined;
  /** as it is now (at the base for a removed one) */
  readonly fields: AssignmentFields;
  /** as it was, for a changed one */
  readonly previous?: AssignmentFields;
  readonly changed: readonly AssignmentField[];
  readonly movedFrom?: string;
  /** what its role grants: of an added assignment, of a removed one (what goes), of a changed one's new principal or scope */
  readonly summary?: RoleSummary;
  /** a changed assignment whose role alone changed: what the principal gains and loses */
  readonly effect?: Effect;
  readonly symbolic: readonly string[];
}

export interface FileChangeReport {
  readonly path: string;
  readonly previousPath?: string;
  readonly status: FileStatus;
  readonly roles: readonly RoleChange[];
  readonly assignments: readonly AssignmentChange[];
  /** what could not be read or told */
  readonly notes: readonly string[];
}

export interface Verdict {
  /** something is granted that was not (operations, scopes, an assignment, a role) */
  readonly grants: boolean;
  /** something is taken away */
  readonly takesAway: boolean;
  /** some of what changed cannot be told from the files */
  readonly undetermined: boolean;
  /** "Grants more", "Takes away", "Grants more and takes some away", or that it does neither */
  readonly headline: string;
  /** what changed, counted: "1 role added, 2 assignments changed, 1 escalation path opened." */
  readonly details: string;
  /** the headline and the details in one line */
  readonly text: string;
}

export interface ChangeReport {
  readonly base: Revision;
  readonly head: Revision;
  readonly verdict: Verdict;
  /** the files whose roles or assignments changed, by path */
  readonly files: readonly FileChangeReport[];
  /** the catalog the operations are counted over */
  readonly catalog: string;
}

// ----------------------------------------------------------------------------------- evaluation

/** The template's variables, but no parameter: what only a deployment knows stays symbolic. */
function strictEnvironment(env: Environment | undefined): Environment | undefined {
  return env && { variable: (name) => env.variable(name), parameter: () => undefined };
}

function shownOf(v: Value): Shown {
  return v.kind === 'string' ? { text: v.value, symbolic: false } : { text: canonical(v), symbolic: v.kind !== 'number' && v.kind !== 'bool' };
}

/** A string of the document as a deployment-independent value, or symbolic. */
function shown(item: StringItem | undefined, env: Environment | undefined): Shown | undefined {
  return item && shownOf(evaluateItem(item, strictEnvironment(env)));
}

const sameShown = (a: Shown | undefined, b: Shown | undefined) => a?.text.toLowerCase() === b?.text.toLowerCase() && a?.symbolic === b?.symbolic;

// ---------------------------------------------------------------------------------------- roles

interface SideRole {
  readonly file: ChangedFile;
  /** the file's path on its side */
  readonly path: string;
  /** where it stands in its file */
  readonly offset: number;
  readonly role: RoleDefinition;
  readonly id: string | undefined;
  readonly name: Shown | undefined;
}

/** The role's id as the workspace index keys it: a GUID, or a guid(...) expression's canonical text. */
function roleId(role: RoleDefinition): string | undefined {
  if (!role.id) return undefined;
  const v = evaluateItem(role.id, role.template?.env);
  if (v.kind === 'string') {
    const last = v.value.split('/').pop() ?? '';
    return isGuid(last) ? last.toLowerCase() : v.value;
  }
  return canonical(v);
}

function sideRoles(files: readonly ChangedFile[], side: 'base' | 'head'): SideRole[] {
  return files.flatMap((f) => {
    const document = f[side];
    const path = side === 'base' ? f.previousPath ?? f.path : f.path;
    return (document?.roles ?? []).map((role) => ({ file: f, path, offset: (role.resource ?? role.node).offset, role, id: roleId(role), name: shown(role.name, role.template?.env) }));
  });
}

/** Pairs the base's roles with the head's: by id, then by name (any case); each at most once, in order. */
function pairUp<T>(base: readonly T[], head: readonly T[], keys: readonly ((x: T) => string | undefined)[]): { pairs: [T, T, number][]; added: T[]; removed: T[] } {
  const pairs: [T, T, number][] = [];
  const freeBase = new Set(base);
  const freeHead = new Set(head);
  keys.forEach((key, k) => {
    const byKey = new Map<string, T[]>();
    for (const b of freeBase) {
      const kb = key(b);
      if (kb !== undefined) byKey.set(kb, [...(byKey.get(kb) ?? []), b]);
    }
    for (const h of [...freeHead]) {
      const kh = key(h);
      const b = kh === undefined ? undefined : byKey.get(kh)?.shift();
      if (b === undefined) continue;
      pairs.push([b, h, k]);
      freeBase.delete(b);
      freeHead.delete(h);
    }
  });
  return { pairs, added: [...freeHead], removed: [...freeBase] };
}

/** What a set of compiled blocks enables of the backup catalog: every requirement of the operation granted. */
function enabledOperations(catalog: Catalog, blocks: readonly CompiledBlock[]): Set<BackupOperation> {
  const backup = backupCatalogFor(catalog);
  return new Set(backup.operations.filter((op) => backup.requirements(op).every((info) => info.requirement.permissions.every((p) => p.optional || blocksGrant(blocks, p)))));
}

function escalationsOf(blocks: readonly CompiledBlock[]): EscalationPath[] {
  return ACCESS_WRITES.filter((w) => roleGrants(blocks, w.name, 'action')).map((w) => ({ operation: w.name, what: w.what }));
}

const refOf = (op: BackupOperation): BackupOperationRef => ({ id: op.id, title: op.title, workload: op.workload });

function providerOf(name: string): string {
  const slash = name.indexOf('/');
  return slash < 0 ? name : name.slice(0, slash);
}

const byName = (a: string, b: string) => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Operations counted by provider and plane. The catalog spells some providers in several cases: a
 * provider is named as most of its operations spell it, a spelling in capitals before all lower case.
 */
function countByProvider(added: readonly Granted[], removed: readonly Granted[]): ProviderCount[] {
  const counts = new Map<string, { plane: Plane; lower: string; added: number; removed: number }>();
  const spellings = new Map<string, Map<string, number>>();
  const tally = (list: readonly Granted[], which: 'added' | 'removed') => {
    for (const g of list) {
      const provider = providerOf(g.name);
      const lower = provider.toLowerCase();
      const seen = spellings.get(lower) ?? new Map<string, number>();
      seen.set(provider, (seen.get(provider) ?? 0) + 1);
      spellings.set(lower, seen);
      const key = `${g.plane}|${lower}`;
      let c = counts.get(key);
      if (!c) counts.set(key, c = { plane: g.plane, lower, added: 0, removed: 0 });
      c[which]++;
    }
  };
  tally(added, 'added');
  tally(removed, 'removed');
  const spelling = (lower: string) => [...spellings.get(lower)!].sort((a, b) => Number(a[0] === lower) - Number(b[0] === lower) || b[1] - a[1] || byName(a[0], b[0]))[0][0];
  return [...counts.values()].map((c) => ({ provider: spelling(c.lower), plane: c.plane, added: c.added, removed: c.removed }))
    .sort((a, b) => byName(a.provider, b.provider) || PLANES.indexOf(a.plane) - PLANES.indexOf(b.plane));
}

/** What `after` grants that `before` did not, and the reverse (an empty set stands for "no role"). */
function effectOf(catalog: Catalog, before: OperationSet, after: OperationSet): Effect {
  const added = grantedOnlyBy(catalog, after, before);
  const removed = grantedOnlyBy(catalog, before, after);
  const was = enabledOperations(catalog, before.blocks);
  const is = enabledOperations(catalog, after.blocks);
  const backup = backupCatalogFor(catalog).operations;
  const wasEscalation = escalationsOf(before.blocks);
  const isEscalation = escalationsOf(after.blocks);
  return {
    grants: { added, removed, byProvider: countByProvider(added, removed) },
    backup: { enabled: backup.filter((o) => is.has(o) && !was.has(o)).map(refOf), disabled: backup.filter((o) => was.has(o) && !is.has(o)).map(refOf) },
    escalation: {
      opened: isEscalation.filter((e) => !wasEscalation.some((w) => w.operation === e.operation)),
      closed: wasEscalation.filter((w) => !isEscalation.some((e) => e.operation === w.operation)),
    },
  };
}

const NOTHING = (catalog: Catalog) => operationSet(catalog, []);

/** The permission lists as written, to tell a rewrite from no change. */
function permissionText(role: RoleDefinition): string {
  return JSON.stringify(role.blocks.map((b) => Object.values(b.lists).map((l) => [l.expression, l.items.map((i) => i.value)])));
}

function scopesOf(role: RoleDefinition): Shown[] {
  const env = role.template?.env;
  const list = role.assignableScopes.items.map((i) => shown(i, env)!);
  if (role.assignableScopes.expression) list.push({ text: canonical(evaluateString(String(role.assignableScopes.property?.children?.[1]?.value), strictEnvironment(env))), symbolic: true });
  return list;
}

function computedNote(side: 'base' | 'head' | undefined): string {
  return `${side === 'base' ? 'before the change, its' : side === 'head' ? 'after the change, its' : 'its'} permissions are computed at deployment (an expression in a list), so what it grants cannot be told from the file`;
}

function compareRoles(catalog: Catalog, base: SideRole | undefined, head: SideRole | undefined, matchedBy: 'id' | 'name' | undefined): RoleChange | undefined {
  const either = (head ?? base)!;
  const baseSet = base ? roleOperationSet(catalog, base.role) : NOTHING(catalog);
  const headSet = head ? roleOperationSet(catalog, head.role) : NOTHING(catalog);
  const symbolic: string[] = [];
  if (!baseSet) symbolic.push(computedNote(head ? 'base' : undefined));
  if (!headSet) symbolic.push(computedNote(base ? 'head' : undefined));
  const effect = baseSet && headSet ? effectOf(catalog, baseSet, headSet) : undefined;
  const baseScopes = base ? scopesOf(base.role) : [];
  const headScopes = head ? scopesOf(head.role) : [];
  const assignableScopes = {
    added: headScopes.filter((s) => !baseScopes.some((b) => sameShown(b, s))),
    removed: baseScopes.filter((b) => !headScopes.some((s) => sameShown(b, s))),
  };
  const rewritten = !!base && !!head && permissionText(base.role) !== permissionText(head.role);
  const renamed = !!base && !!head && (base.name?.text !== head.name?.text || base.name?.symbolic !== head.name?.symbolic);
  const descriptionChanged = !!base && !!head && base.role.description !== head.role.description;
  const change = !base ? 'added' : !head ? 'removed' : 'changed';
  if (change === 'changed' && !rewritten) {
    // the same permissions, as written: what it grants has not changed, computed or not
    if (!assignableScopes.added.length && !assignableScopes.removed.length && !renamed && !descriptionChanged) return undefined;
    symbolic.length = 0;
  }
  return {
    change, name: either.name,
    ...(renamed ? { previousName: base.name ?? { text: '(no name)', symbolic: false } } : {}),
    ...(either.id !== undefined ? { id: either.id } : {}),
    ...(base && head && base.id !== undefined && base.id !== head.id ? { previousId: base.id } : {}),
    ...(matchedBy ? { matchedBy } : {}),
    ...(base && head && base.file !== head.file ? { movedFrom: base.path } : {}),
    builtIn: either.role.builtIn,
    ...(effect ? { effect } : {}),
    rewritten, assignableScopes, descriptionChanged, symbolic,
  };
}

// ---------------------------------------------------------------------------------- assignments

interface SideAssignment {
  readonly file: ChangedFile;
  readonly path: string;
  readonly offset: number;
  readonly document: RoleDocument;
  readonly assignment: RoleAssignment;
  readonly name: Shown | undefined;
  readonly fields: AssignmentFields;
  /** what its role grants, when it can be told */
  readonly set: OperationSet | undefined;
  /** the role's identity, to tell whether two assignments name the same role */
  readonly roleKey: string;
}

const DEPLOYMENT_SCOPE: Record<string, string> = {
  resourceGroup: "the deployment's resource group", subscription: "the deployment's subscription", managementGroup: "the deployment's management group", tenant: 'the tenant',
};

function scopeShown(a: RoleAssignment, document: RoleDocument): Shown {
  if (a.scope) {
    const raw = String(a.scope.node.value);
    // languageVersion 2.0 (and Bicep's `scope: vault`): the symbolic name of a resource of the file
    if (!raw.startsWith('[') && !raw.includes('/')) {
      const target = symbolicResource(document, raw);
      const nameNode = target && prop(target.node, 'name');
      const name = nameNode && shown(stringItemOf(nameNode), target.template.env);
      return { text: target ? `${target.type} ${name && !name.symbolic ? `'${name.text}'` : `'${raw}' of the file`}` : raw, symbolic: !!name?.symbolic || !target, ...(target ? { prose: true as const } : {}) };
    }
    return shown(a.scope, a.template?.env)!;
  }
  if (a.resource) {
    const type = a.resource.type;
    if (type.endsWith('/providers/roleassignments')) {
      // the older child form `<type>/providers/roleAssignments`, named `<resource>/Microsoft.Authorization/<guid>`
      const name = shown(a.name, a.template?.env);
      return { text: `${type.slice(0, -'/providers/roleassignments'.length)} ${name?.text.split('/')[0] ?? ''}`.trim(), symbolic: !!name?.symbolic };
    }
    return { text: DEPLOYMENT_SCOPE[a.resource.template.scope] ?? 'the deployment scope', symbolic: true, prose: true };
  }
  return { text: 'no scope given', symbolic: false, prose: true };
}

/** The assigned role, and what it grants when that can be told. */
function assignedRole(catalog: Catalog, index: WorkspaceIndex, a: RoleAssignment, paths: ReadonlyMap<string, string>): { role: AssignedRole; set: OperationSet | undefined; key: string } {
  const env = a.template?.env;
  const resolved = resolveRole(catalog, index, a.roleDefinitionId, a.roleDefinitionName, env);
  const written = a.roleDefinitionId ? shown(a.roleDefinitionId, env)! : a.roleDefinitionName ? shown(a.roleDefinitionName, env)! : { text: '(no role given)', symbolic: false };
  // resolved through a parameter's default value: the deployment may pass another
  const strictKey = a.roleDefinitionId && roleKey(a.roleDefinitionId, strictEnvironment(env));
  const fullKey = a.roleDefinitionId && roleKey(a.roleDefinitionId, env);
  const viaDefault = !!a.roleDefinitionId && JSON.stringify(strictKey) !== JSON.stringify(fullKey);
  const named = (r: ResolvedRole) => (r.kind === 'builtin' ? r.role.name : r.kind === 'custom' ? r.entry.name ?? '(unnamed custom role)' : undefined);
  if (viaDefault) {
    const text = strictKey && 'expression' in strictKey ? strictKey.expression : written.text;
    const byDefault = named(resolved) ?? (resolved.kind === 'unknown' ? resolved.guid : undefined);
    return { role: { kind: 'symbolic', text, ...(byDefault ? { byDefault } : {}) }, set: undefined, key: `symbolic:${text}` };
  }
  if (resolved.kind === 'builtin') return { role: { kind: 'built-in', name: resolved.role.name, id: resolved.role.id, text: written.text, ...(resolved.role.custom ? { imported: true as const } : {}) }, set: builtInSet(catalog, resolved.role), key: `role:${resolved.role.id.toLowerCase()}` };
  if (resolved.kind === 'custom') {
    const e = resolved.entry;
    const id = e.guid ?? e.nameExpression;
    return {
      role: { kind: 'custom', ...(e.name !== undefined ? { name: e.name } : {}), ...(id ? { id } : {}), definedIn: paths.get(e.uri) ?? e.uri, text: written.text },
      set: entrySet(catalog, e), key: `role:${id ?? `name:${e.name ?? ''}`}`.toLowerCase(),
    };
  }
  if (resolved.kind === 'unknown') return { role: { kind: 'unknown', id: resolved.guid, text: written.text }, set: undefined, key: `role:${resolved.guid}` };
  return { role: { kind: 'symbolic', text: written.text }, set: undefined, key: `symbolic:${written.text.toLowerCase()}` };
}

function builtInSet(catalog: Catalog, role: BuiltInRole): OperationSet {
  return builtInSets(catalog).get(role) ?? operationSet(catalog, catalog.compiled(role));
}

function entrySet(catalog: Catalog, entry: CustomRoleEntry): OperationSet | undefined {
  return entry.partial ? undefined : operationSet(catalog, entry.blocks.map(compileBlock));
}

function summaryOf(catalog: Catalog, set: OperationSet): RoleSummary {
  const granted = grantedOnlyBy(catalog, set, NOTHING(catalog));
  const counts = countByProvider(granted, []);
  const backup = backupCatalogFor(catalog).operations;
  const enabled = enabledOperations(catalog, set.blocks);
  return {
    operations: set.size, byProvider: counts.map((c) => ({ provider: c.provider, plane: c.plane, count: c.added })), notInCatalog: set.unknown.length,
    backup: backup.filter((o) => enabled.has(o)).map(refOf), escalation: escalationsOf(set.blocks),
  };
}

function sideAssignments(catalog: Catalog, files: readonly ChangedFile[], side: 'base' | 'head', index: WorkspaceIndex, paths: ReadonlyMap<string, string>): SideAssignment[] {
  return files.flatMap((f) => {
    const document = f[side];
    if (!document) return [];
    const path = side === 'base' ? f.previousPath ?? f.path : f.path;
    return document.assignments.map((assignment) => {
      const env = assignment.template?.env;
      const { role, set, key } = assignedRole(catalog, index, assignment, paths);
      const conditionNode = prop(assignment.node, 'condition');
      const fields: AssignmentFields = {
        role,
        principal: shown(assignment.principalId, env),
        ...(assignment.principalName && !assignment.principalName.expression ? { principalName: assignment.principalName.value } : {}),
        principalType: shown(assignment.principalType, env),
        scope: scopeShown(assignment, document),
        condition: conditionNode ? shown(stringItemOf(conditionNode), env) ?? { text: '(not a string)', symbolic: false } : undefined,
      };
      return { file: f, path, offset: (assignment.resource?.node ?? assignment.node).offset, document, assignment, name: shown(assignment.name, env), fields, set, roleKey: key };
    });
  });
}

/** The assignment's content: role, principal, scope (two names for one assignment pair up by it). */
const contentKey = (a: SideAssignment) => [a.roleKey, a.fields.principal?.text.toLowerCase() ?? '', a.fields.scope.text.toLowerCase()].join('|');

function changedFields(base: SideAssignment, head: SideAssignment): AssignmentField[] {
  const out: AssignmentField[] = [];
  if (base.roleKey !== head.roleKey) out.push('role');
  if (!sameShown(base.fields.principal, head.fields.principal)) out.push('principal');
  if (!sameShown(base.fields.principalType, head.fields.principalType)) out.push('principalType');
  if (!sameShown(base.fields.scope, head.fields.scope)) out.push('scope');
  if (base.fields.condition?.text !== head.fields.condition?.text) out.push('condition');
  return out;
}

function roleNote(role: AssignedRole, set: OperationSet | undefined): string | undefined {
  if (role.kind === 'custom' && !set) return `its role ${role.name ?? role.id ?? ''} has permissions computed at deployment, so what it grants cannot be told from the files`;
  if (role.kind === 'symbolic') {
    return `its role is computed at deployment (${role.text})${role.byDefault ? `; with the parameters' default values it is ${role.byDefault}` : ''}, so what it grants cannot be told from the files`;
  }
  if (role.kind === 'unknown') return `its role ${role.id} is neither a built-in role nor a custom role of the repository, so what it grants cannot be told`;
  return undefined;
}

function compareAssignments(catalog: Catalog, base: SideAssignment | undefined, head: SideAssignment | undefined): AssignmentChange | undefined {
  const either = (head ?? base)!;
  const symbolic: string[] = [];
  if (!base || !head) {
    const note = roleNote(either.fields.role, either.set);
    if (note) symbolic.push(note);
    return {
      change: head ? 'added' : 'removed', name: either.name, fields: either.fields, changed: [],
      ...(either.set ? { summary: summaryOf(catalog, either.set) } : {}), symbolic,
    };
  }
  const changed = changedFields(base, head);
  if (!changed.length) return undefined;
  // the same principal at the same scope with another role: what it gains and loses
  const roleOnly = changed.every((f) => f === 'role');
  let effect: Effect | undefined;
  if (roleOnly && base.set && head.set) effect = effectOf(catalog, base.set, head.set);
  for (const [side, s] of [['before the change', base], ['after the change', head]] as const) {
    const note = roleNote(s.fields.role, s.set);
    if (note && (changed.includes('role') || side === 'after the change')) symbolic.push(`${side}, ${note}`);
  }
  return {
    change: 'changed', name: head.name, fields: head.fields, previous: base.fields, changed,
    ...(base.file !== head.file ? { movedFrom: base.path } : {}),
    ...(effect ? { effect } : !roleOnly && head.set ? { summary: summaryOf(catalog, head.set) } : {}),
    symbolic,
  };
}

// ------------------------------------------------------------------------------------ the change

/** A side's index of custom roles: its changed files' own (as they are on that side), then its other files'. */
function indexOf(files: readonly ChangedFile[], side: 'base' | 'head', others: readonly RoleFile[] | undefined): { index: WorkspaceIndex; paths: Map<string, string> } {
  const index = new WorkspaceIndex();
  const paths = new Map<string, string>();
  const seen = new Set<string>();
  for (const f of files) {
    const path = side === 'base' ? f.previousPath ?? f.path : f.path;
    seen.add(path);
    const document = f[side];
    if (!document) continue;
    const uri = `${side}:${path}`;
    index.set(uri, customRolesOf(uri, document));
    paths.set(uri, path);
  }
  for (const o of others ?? []) {
    if (seen.has(o.path)) continue;
    const uri = `${side}:${o.path}`;
    index.set(uri, customRolesOf(uri, o.document));
    paths.set(uri, o.path);
  }
  return { index, paths };
}

/**
 * Whether an assignment of a side names a role that is neither built in nor defined in the files
 * the change touches: then the face reads the revision's other role files (`ChangeSide.others`).
 */
export function needsOtherRoleFiles(catalog: Catalog, files: readonly ChangedFile[]): { readonly base: boolean; readonly head: boolean } {
  const need = (side: 'base' | 'head') => {
    const { index } = indexOf(files, side, undefined);
    return files.some((f) => (f[side]?.assignments ?? []).some((a) => {
      const r = resolveRole(catalog, index, a.roleDefinitionId, a.roleDefinitionName, a.template?.env);
      if (r.kind === 'unknown') return true;
      // a guid(...) expression or a name another file may define
      const key = a.roleDefinitionId && roleKey(a.roleDefinitionId, a.template?.env);
      return r.kind === 'unresolved' && ((!!key && 'expression' in key) || (!!a.roleDefinitionName && !a.roleDefinitionName.expression));
    }));
  };
  return { base: need('base'), head: need('head') };
}

/** The report of a change. */
export function changeReport(catalog: Catalog, input: ChangeInput): ChangeReport {
  const files = [...input.files].sort((a, b) => byName(a.path, b.path) || byName(a.previousPath ?? '', b.previousPath ?? ''));
  // roles: matched across every file of the change, so a role moved to another file is one role
  const roles = pairUp(sideRoles(files, 'base'), sideRoles(files, 'head'), [(r) => r.id?.toLowerCase(), (r) => (r.name && !r.name.symbolic ? `name:${r.name.text.toLowerCase()}` : undefined)]);
  type Placed<T> = { readonly file: ChangedFile; readonly order: readonly [number, number]; readonly change: T };
  const roleChanges: Placed<RoleChange>[] = [];
  for (const [b, h, k] of roles.pairs) {
    const change = compareRoles(catalog, b, h, k === 0 ? 'id' : 'name');
    if (change) roleChanges.push({ file: h.file, order: [0, h.offset], change });
  }
  for (const h of roles.added) roleChanges.push({ file: h.file, order: [0, h.offset], change: compareRoles(catalog, undefined, h, undefined)! });
  for (const b of roles.removed) roleChanges.push({ file: b.file, order: [1, b.offset], change: compareRoles(catalog, b, undefined, undefined)! });

  const baseIndex = indexOf(files, 'base', input.base.others);
  const headIndex = indexOf(files, 'head', input.head.others);
  const assignments = pairUp(sideAssignments(catalog, files, 'base', baseIndex.index, baseIndex.paths), sideAssignments(catalog, files, 'head', headIndex.index, headIndex.paths),
    [(a) => (a.name ? `${a.name.symbolic ? 's' : 'l'}:${a.name.text.toLowerCase()}` : undefined), contentKey]);
  const assignmentChanges: Placed<AssignmentChange>[] = [];
  for (const [b, h] of assignments.pairs) {
    const change = compareAssignments(catalog, b, h);
    if (change) assignmentChanges.push({ file: h.file, order: [0, h.offset], change });
  }
  for (const h of assignments.added) assignmentChanges.push({ file: h.file, order: [0, h.offset], change: compareAssignments(catalog, undefined, h)! });
  for (const b of assignments.removed) assignmentChanges.push({ file: b.file, order: [1, b.offset], change: compareAssignments(catalog, b, undefined)! });

  // in each file: what it holds now in the order of its text, then what it no longer holds in the order of its old text
  const mine = <T>(list: readonly Placed<T>[], f: ChangedFile) => list.filter((c) => c.file === f).sort((x, y) => x.order[0] - y.order[0] || x.order[1] - y.order[1]).map((c) => c.change);
  const reports: FileChangeReport[] = [];
  for (const f of files) {
    const notes = f.unread ? [`${f.unread}: what it holds cannot be told`] : [];
    const r = mine(roleChanges, f);
    const a = mine(assignmentChanges, f);
    if (r.length || a.length || notes.length) reports.push({ path: f.path, ...(f.previousPath ? { previousPath: f.previousPath } : {}), status: f.status, roles: r, assignments: a, notes });
  }
  return {
    base: revisionOf(input.base), head: revisionOf(input.head), verdict: verdictOf(reports), files: reports,
    catalog: `after wildcards and notActions, over the ${thousands(catalog.operationCount)} operations of the catalog of ${catalog.date}`,
  };
}

const revisionOf = (side: ChangeSide): Revision => ({ label: side.label, ...(side.commit ? { commit: side.commit } : {}) });

function effectGrants(e: Effect | undefined): boolean {
  return !!e && (e.grants.added.length > 0 || e.backup.enabled.length > 0 || e.escalation.opened.length > 0);
}

function effectTakes(e: Effect | undefined): boolean {
  return !!e && (e.grants.removed.length > 0 || e.backup.disabled.length > 0 || e.escalation.closed.length > 0);
}

function verdictOf(files: readonly FileChangeReport[]): Verdict {
  const roles = files.flatMap((f) => f.roles);
  const assignments = files.flatMap((f) => f.assignments);
  const grants = roles.some((r) => r.change === 'added' || effectGrants(r.effect) || r.assignableScopes.added.length > 0)
    || assignments.some((a) => a.change === 'added' || (a.change === 'changed' && (a.effect ? effectGrants(a.effect) : a.changed.some((f) => f !== 'principalType'))));
  const takesAway = roles.some((r) => r.change === 'removed' || effectTakes(r.effect) || r.assignableScopes.removed.length > 0)
    || assignments.some((a) => a.change === 'removed' || (a.change === 'changed' && (a.effect ? effectTakes(a.effect) : a.changed.some((f) => f !== 'principalType'))));
  const undetermined = roles.some((r) => r.symbolic.length > 0) || assignments.some((a) => a.symbolic.length > 0) || files.some((f) => f.notes.length > 0);
  const headline = grants && takesAway ? 'Grants more and takes some away' : grants ? 'Grants more' : takesAway ? 'Takes away' : 'Grants nothing new and takes nothing away';
  const tally = (list: readonly { change: string }[], what: string) => (['added', 'removed', 'changed'] as const)
    .map((c) => [c, list.filter((x) => x.change === c).length] as const).filter(([, n]) => n > 0).map(([c, n]) => `${count(n, what)} ${c}`);
  const paths = (which: 'opened' | 'closed') => roles.reduce((n, r) => n + (r.effect?.escalation[which].length ?? 0), 0) + assignments.reduce((n, a) => n + (a.effect?.escalation[which].length ?? 0), 0);
  const counts = [...tally(roles, 'role'), ...tally(assignments, 'assignment')];
  for (const which of ['opened', 'closed'] as const) if (paths(which)) counts.push(`${count(paths(which), 'escalation path')} ${which}`);
  const symbolic = roles.some((r) => r.symbolic.length > 0) || assignments.some((a) => a.symbolic.length > 0);
  const unread = files.some((f) => f.notes.length > 0);
  const why = symbolic && unread ? 'some of it is symbolic, and some could not be read' : symbolic ? 'some of it is symbolic' : 'some of it could not be read';
  const head = `${headline}${undetermined ? `, as far as the files tell (${why})` : ''}.`;
  const details = counts.length ? `${counts.join(', ')}.` : undetermined ? '' : 'No role definition or role assignment changed.';
  return { grants, takesAway, undetermined, headline: head, details, text: [head, details].filter(Boolean).join(' ') };
}
