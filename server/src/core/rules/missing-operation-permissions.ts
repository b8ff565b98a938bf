import { WORKLOAD_SHORT, backupCatalogFor, namesBackupPermission } from '../../catalog/backup/backup-catalog';
import type { Permission } from '../../catalog/backup/backup-operations';
import { type OperationAssessment, type PartAssessment, assessRole, sameAs } from '../analysis/assess';
import { declaredIds } from '../analysis/directives';
import { type OffsetEdit, insertIntoList, removeFromArray } from '../model/edits';
import type { ListKey, PermissionBlockModel, RoleDefinition, RoleDocument, StringItem } from '../model/role-document';
import { roleAt } from '../model/role-document';
import { entryAt, isObject, isStringArray } from './fix';
import { type Fix, type Rule, again, andList, count, lead, permissionEntries, quote, shortForm } from './rule';

export const id = 'missing-operation-permissions';

/** Room for a notAction at the head of a message, before " in notActions takes away …". */
const BLOCKER_ROOM = 50;

/** Payload of the diagnostic on the list: what the quick fix adds. */
export interface MissingData {
  readonly kind: 'missing';
  readonly operation: string;
  readonly title: string;
  readonly part: number;
  /** the vault side of the operation (a warning), not a part another role may hold (information) */
  readonly primary: boolean;
  /** missing permissions that adding to the allow list grants */
  readonly addable: readonly { readonly name: string; readonly data?: true }[];
  /** missing permissions a notAction takes away */
  readonly blocked: readonly string[];
}

/** Payload of the diagnostic on a notAction that removes a needed permission. */
export interface BlockerData {
  readonly kind: 'blocker';
  readonly operation: string;
  readonly blocker: string;
  readonly removes: readonly string[];
}

/** Payload of the diagnostic on a declared id that names no operation. */
export interface UnknownIdData {
  readonly kind: 'unknown-id';
  readonly suggestion: string | undefined;
}

export type MissingPermissionsData = MissingData | BlockerData | UnknownIdData;

/** What a part lacks that adding to the allow lists grants: its missing permissions no notAction takes away. */
export function addableOf(part: PartAssessment): Permission[] {
  const blocked = new Set(part.blocked.map((b) => b.permission));
  return part.missing.filter((m) => !blocked.has(m));
}

/** A permission as the fix adds it: its name, and whether it goes in dataActions. */
export function asAddition(p: Permission): { name: string; data?: true } {
  return p.data ? { name: p.name, data: true } : { name: p.name };
}

/** "Cross region restore (Azure VM, SQL/HANA)" */
export function operationLabel(target: OperationAssessment, all: readonly OperationAssessment[]): string {
  const workloads = [target, ...sameAs(target, all)].map((o) => WORKLOAD_SHORT[o.operation.workload]);
  return `${target.operation.title} (${[...new Set(workloads)].join(', ')})`;
}

/** The block and allow list where a role's missing permissions go: the first block with that list, else the first. */
export function targetList(role: RoleDefinition, data: boolean): { block: PermissionBlockModel; key: ListKey } | undefined {
  const key: ListKey = data ? 'dataActions' : 'actions';
  const block = role.blocks.find((b) => b.lists[key].array) ?? role.blocks[0];
  return block ? { block, key } : undefined;
}

/** Room for the permissions a message names first, so that "Missing " and they fit in the first 80 characters. */
const NAMES_ROOM = 72;

/**
 * The missing permissions as a message names them first: the first two whole, else the first
 * whole, else the first two by their last segments, else the first so, with how many more.
 * `complete` when that names all of them whole.
 */
function namedFirst(names: readonly string[]): { text: string; complete: boolean } {
  const named = (shown: readonly string[]) => {
    const more = names.length - shown.length;
    return more > 0 ? `${shown.join(', ')} and ${more} more` : andList(shown);
  };
  const whole = names.slice(0, 2).map(quote);
  const short = names.slice(0, 2).map((n) => shortForm(n));
  const tries = [whole, whole.slice(0, 1), short, short.slice(0, 1)];
  const fits = tries.find((shown) => named(shown).length <= NAMES_ROOM) ?? tries[3];
  return { text: named(fits), complete: fits === whole && names.length <= 2 };
}

/** The notActions (notDataActions) entries that take a part's needed permissions away, with what each removes. */
type Blockers = Map<StringItem, { removes: string[]; list: string }>;

function blockersOf(part: PartAssessment): Blockers {
  const byBlocker: Blockers = new Map();
  for (const b of part.blocked) {
    for (const item of b.by) {
      const entry = byBlocker.get(item) ?? { removes: [], list: b.permission.data ? 'notDataActions' : 'notActions' };
      entry.removes.push(b.permission.name);
      byBlocker.set(item, entry);
    }
  }
  return byBlocker;
}

/**
 * What to do about a part's missing permissions: add those the allow lists lack (as "it" or
 * "them" when the message named them all whole already), narrow what takes the others away.
 */
function remedy(part: PartAssessment, blockers: Blockers, namedWhole: boolean): string {
  const addable = addableOf(part);
  const steps: string[] = [];
  if (addable.length) {
    steps.push(`add ${namedWhole && part.blocked.length === 0 ? (addable.length === 1 ? 'it' : 'them') : addable.map((m) => quote(m.name)).join(', ')}`);
  }
  for (const [item, { removes, list }] of blockers) {
    steps.push(`narrow ${quote(item.value)} in ${list}, which takes away ${removes.map(quote).join(', ')}`);
  }
  return steps.join('; ');
}

export const rule: Rule<MissingPermissionsData> = {
  id,
  summary: 'A role evidently meant for an Azure Backup operation lacks some of the permissions Microsoft lists for it.',
  defaultSeverity: 'warning',
  appliesToBuiltInRoles: false,
  check({ document, role, catalog, declaredOperations, report }) {
    const backup = backupCatalogFor(catalog);
    const { ids, unknown } = declaredIds(role, document, declaredOperations, backup);
    for (const x of unknown) {
      const near = backup.ids().map((k) => ({ k, d: catalog.distance.between(x.id, k, 6) })).filter((c) => c.d <= 6).sort((a, b) => a.d - b.d)[0];
      report({
        at: { offset: x.offset, length: x.length },
        message: `${quote(x.id)} is not a backup operation id${near ? `; did you mean ${quote(near.k)}?` : '; see docs/backup-operations.md for the ids.'}`,
        data: { kind: 'unknown-id', suggestion: near?.k },
      });
    }
    // without a declaration, only a role naming a backup permission itself can be meant for an operation
    // (the assessment decides the same; this spares it for the many roles that are not about backup)
    if (ids.size === 0 && !namesBackupPermission(permissionEntries(role, ['actions', 'dataActions']).map((e) => e.item.value))) return;
    const assessment = assessRole(role, backup, ids);
    if (!assessment) return;
    const reported = new Set<OperationAssessment>();
    for (const op of assessment.aimed) {
      if (reported.has(op)) continue;
      for (const twin of sameAs(op, assessment.aimed)) reported.add(twin);
      reported.add(op);
      // a declared operation is that one; evidence may speak for its twins in other tables too
      const label = operationLabel(op, op.declared ? assessment.aimed : assessment.withTitle(op.operation.title));
      const verb = op.declared ? 'is declared' : 'looks meant';
      for (const part of op.parts) {
        if (part.complete) continue;
        const primary = part.info.backupSpecific;
        if (!primary && !part.touched && !op.declared) continue; // another role may hold it there
        const requirement = part.info.requirement;
        const data = part.missing.some((m) => m.data);
        const target = targetList(role, data);
        const at = target?.block.lists[target.key].property?.children?.[0] ?? role.name?.node ?? role.node;
        const blockedNames = new Set(part.blocked.map((b) => b.permission.name));
        const payload: MissingData = {
          kind: 'missing', operation: op.operation.id, title: op.operation.title, part: part.info.index, primary,
          addable: addableOf(part).map(asAddition),
          blocked: [...blockedNames],
        };
        const them = part.missing.length === 1 ? 'it' : 'them';
        const named = namedFirst(part.missing.map((m) => m.name));
        const amount = part.missing.length === part.total ? `all ${count(part.total, 'permission')}` : `${part.missing.length} of the ${count(part.total, 'permission')}`;
        const blockers = blockersOf(part);
        const todo = remedy(part, blockers, named.complete);
        report(primary
          ? {
            at,
            message: `Missing ${named.text} for ${label} at ${requirement.where}: this role ${verb} for it but lacks ${amount} needed there; ${todo}.`,
            data: payload,
          }
          : {
            at,
            severity: 'information',
            message: `Missing ${named.text} for ${label} at ${requirement.where}, unless another role grants ${them} there; ${todo}.`,
            data: payload,
          });
        for (const [item, { removes, list }] of blockers) {
          const itself = removes.length === 1 && removes[0].toLowerCase() === item.value.toLowerCase();
          const removed = namedFirst(removes);
          const head = `${lead(item.value, BLOCKER_ROOM)} in ${list} takes away`;
          const value = again(item.value, 'it', BLOCKER_ROOM);
          report({
            at: item.node,
            ...(primary ? {} : { severity: 'information' as const }),
            message: itself
              ? `${head} a permission ${op.operation.title} needs at ${requirement.where}; remove ${value}.`
              : `${head} ${removed.text}, which ${op.operation.title} needs at ${requirement.where}${removed.complete ? '' : ` (${removes.map(quote).join(', ')})`}; narrow or remove ${value}.`,
            data: { kind: 'blocker', operation: op.operation.id, blocker: item.value, removes },
          });
        }
      }
    }
  },
  isData(data): data is MissingPermissionsData {
    if (!isObject(data)) return false;
    if (data.kind === 'missing') {
      return typeof data.title === 'string' && typeof data.primary === 'boolean' && Array.isArray(data.addable)
        && data.addable.every((a) => isObject(a) && typeof a.name === 'string');
    }
    if (data.kind === 'blocker') return typeof data.blocker === 'string' && isStringArray(data.removes);
    return data.kind === 'unknown-id';
  },
  fixes({ document, data, offset }) {
    if (data.kind === 'missing') {
      const role = roleAt(document, offset);
      const fix = role && addPermissionsFix(document, role, data.addable, data.title);
      return fix ? [fix] : [];
    }
    if (data.kind === 'blocker') {
      const entry = entryAt(document, offset);
      if (!entry || entry.item.value !== data.blocker) return [];
      return [{ title: `Remove ${JSON.stringify(data.blocker)} from ${entry.key}`, edits: [removeFromArray(document, entry.list.array, entry.item.node)] }];
    }
    return [];
  },
  // the vault side only: what another role may hold at another scope is the author's call
  fixAll: { label: 'added missing permissions', accepts: (data) => data.kind === 'missing' && data.primary },
};

/** Insertions of permission names into a role's allow lists, merged per list. */
function additions(document: RoleDocument, role: RoleDefinition, names: readonly { name: string; data?: boolean }[]): { edits: OffsetEdit[]; added: number } {
  const perList = new Map<PermissionBlockModel, Map<ListKey, Set<string>>>();
  for (const n of names) {
    const target = targetList(role, !!n.data);
    if (!target) continue;
    const lists = perList.get(target.block) ?? new Map<ListKey, Set<string>>();
    const set = lists.get(target.key) ?? new Set<string>();
    set.add(n.name);
    lists.set(target.key, set);
    perList.set(target.block, lists);
  }
  const edits: OffsetEdit[] = [];
  let added = 0;
  for (const [block, lists] of perList) {
    for (const [key, set] of lists) {
      const present = new Set(block.lists[key].items.map((i) => i.value.toLowerCase()));
      const e = insertIntoList(document, block, key, [...set]);
      if (!e) continue;
      edits.push(...e);
      added += [...set].filter((n) => !present.has(n.toLowerCase())).length;
    }
  }
  return { edits, added };
}

/**
 * The rule's quick fix, which the coverage view's "Add missing permissions" applies too: adds the
 * names to the role's allow lists in the file's own layout; undefined when all are there.
 */
export function addPermissionsFix(document: RoleDocument, role: RoleDefinition, names: readonly { name: string; data?: boolean }[], operationTitle: string): Fix | undefined {
  const { edits, added } = additions(document, role, names);
  if (added === 0) return undefined;
  return { title: `Add the ${added === 1 ? 'missing permission' : `${added} missing permissions`} for ${operationTitle}`, isPreferred: true, edits };
}
