import { WORKLOAD_SHORT, backupCatalogFor, namesBackupPermission } from '../../catalog/backup/backup-catalog';
import type { Permission } from '../../catalog/backup/backup-operations';
import { type OperationAssessment, type PartAssessment, assessRole, sameAs } from '../analysis/assess';
import { declaredIds } from '../analysis/directives';
import { intentWords } from '../analysis/intent-words';
import { type OffsetEdit, insertIntoList, removeFromArray } from '../model/edits';
import type { ListKey, PermissionBlockModel, RoleDefinition, RoleDocument, StringItem } from '../model/role-document';
import { roleAt } from '../model/role-document';
import { entryAt, isObject, isStringArray } from './fix';
import { type Fix, type Report, type Rule, again, andList, count, lead, permissionEntries, quote, shortForm } from './rule';

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

/** Why a part of an operation is reported. */
type Reason =
  /** the operation's own requirement lacks permissions */
  | 'own'
  /** a requirement of what the operation needs "in addition" (cross-region restore: the restore) lacks permissions */
  | 'also'
  /** only permissions the table needs in some cases (a classic VM) are missing */
  | 'optional';

/** One thing to say about a role: a part of an operation it is meant for, and why. */
interface Finding {
  readonly op: OperationAssessment;
  readonly part: PartAssessment;
  readonly reason: Reason;
  /** a warning: the operation's own vault side, when the role's permissions or a declaration say what it is for */
  readonly primary: boolean;
}

/**
 * What to say of an operation a role is meant for. Declared: every requirement. Chosen by the
 * role's permissions: the vault side, and another scope when the role reaches for it (another
 * role assigned there may hold it). Chosen by the role's words only: the scopes the role reaches
 * for. What the operation needs in addition: its vault side, and the scopes where the role holds
 * an operator's permission.
 */
function findingsOf(op: OperationAssessment): Finding[] {
  const found: Finding[] = [];
  const consider = (part: PartAssessment, eligible: boolean, reason: 'own' | 'also') => {
    if (!eligible) return;
    if (part.missing.length) {
      found.push({ op, part, reason, primary: reason === 'own' && part.info.backupSpecific && !op.byWords });
    } else if (part.optionalMissing.length && part.touched && !op.scoped) {
      // (a role declared for one scope of the operation, as `generate` writes them, leaves out by
      // design what the table needs there only in a case it names, such as classic VMs)
      found.push({ op, part, reason: 'optional', primary: false });
    }
  };
  for (const part of op.parts) {
    consider(part, op.declared || (op.byWords ? part.touched : part.info.backupSpecific || part.touched), 'own');
  }
  // another operation's scopes besides its vault side only when the role holds an operator's permission there
  for (const part of op.also) consider(part, part.info.backupSpecific || part.reached, 'also');
  return found;
}

/** Findings that say the same (of operations of one title): one diagnostic. */
function findingKey(f: Finding): string {
  const names = (list: readonly Permission[]) => list.map((p) => p.name).join(',');
  return [f.op.operation.title, f.reason, f.primary, f.part.info.operation.title, f.part.info.requirement.where,
    names(f.part.missing), names(f.part.optionalMissing), f.op.declared, !!f.op.byWords].join('|');
}

/** "Cross region restore (Azure VM, SQL/HANA)" for the operations of a group of findings. */
function labelOf(group: readonly Finding[]): string {
  const workloads = [...new Set(group.map((f) => WORKLOAD_SHORT[f.op.operation.workload]))];
  return `${group[0].op.operation.title} (${workloads.join(', ')})`;
}

/** How the role is taken to be meant for an operation, in a message. */
function why(op: OperationAssessment): string {
  if (op.declared) return 'this role is declared for it';
  if (op.byWords) return `this role's ${op.byWords.source} ${op.byWords.source.includes(' and ') ? 'point' : 'points'} to it`;
  return 'this role looks meant for it';
}

function reportFinding(group: readonly Finding[], role: RoleDefinition, report: (r: Report<MissingPermissionsData>) => void): void {
  const { op, part, reason, primary } = group[0];
  const label = labelOf(group);
  const requirement = part.info.requirement;
  const where = requirement.where;
  const note = requirement.note ? `; ${requirement.note}` : '';
  const optional = part.optionalMissing;
  const target = targetList(role, (reason === 'optional' ? optional : part.missing).some((m) => m.data));
  const at = target?.block.lists[target.key].property?.children?.[0] ?? role.name?.node ?? role.node;
  const also = reason === 'also' ? part.info.operation : undefined;
  const payloadOf = (addable: readonly Permission[], blocked: readonly string[]): MissingData => ({
    kind: 'missing', operation: part.info.operation.id, title: part.info.operation.title, part: part.info.index, primary,
    addable: addable.map(asAddition), blocked,
  });
  if (reason === 'optional') {
    const named = namedFirst(optional.map((m) => m.name));
    const when = [...new Set(optional.map((m) => m.optional))].join('; ');
    // a hint: what the table needs only in a case it names (classic VMs, retired) is no problem of most roles
    report({
      at, severity: 'hint',
      message: `Missing ${named.text} for ${label} at ${where}, ${when}; add ${named.complete ? (optional.length === 1 ? 'it' : 'them') : optional.map((m) => quote(m.name)).join(', ')} if that applies${note}.`,
      data: payloadOf(optional, []),
    });
    return;
  }
  const blockedNames = part.blocked.map((b) => b.permission.name);
  const them = part.missing.length === 1 ? 'it' : 'them';
  const named = namedFirst(part.missing.map((m) => m.name));
  const amount = part.missing.length === part.total ? `all ${count(part.total, 'permission')}` : `${part.missing.length} of the ${count(part.total, 'permission')}`;
  const blockers = blockersOf(part);
  const todo = remedy(part, blockers, named.complete);
  const whenOptional = optional.length
    ? `, and ${optional.map((m) => quote(m.name)).join(', ')} if it applies (${[...new Set(optional.map((m) => m.optional))].join('; ')})`
    : '';
  const message = also
    ? `Missing ${named.text} for ${label} at ${where}: it needs ${also.title}'s permissions there in addition, unless another role grants ${them}; ${todo}${whenOptional}${note}.`
    : primary
      ? `Missing ${named.text} for ${label} at ${where}: ${why(op)} but lacks ${amount} needed there; ${todo}${whenOptional}${note}.`
      : op.byWords
        ? `Missing ${named.text} for ${label} at ${where}: ${why(op)}, unless another role grants ${them} there; ${todo}${whenOptional}${note}.`
        : `Missing ${named.text} for ${label} at ${where}, unless another role grants ${them} there; ${todo}${whenOptional}${note}.`;
  report({ at, ...(primary ? {} : { severity: 'information' as const }), message, data: payloadOf(addableOf(part), blockedNames) });
  const needs = also ? `${label} needs (with ${also.title})` : `${label} needs`;
  for (const [item, { removes, list }] of blockers) {
    const itself = removes.length === 1 && removes[0].toLowerCase() === item.value.toLowerCase();
    const removed = namedFirst(removes);
    const head = `${lead(item.value, BLOCKER_ROOM)} in ${list} takes away`;
    const value = again(item.value, 'it', BLOCKER_ROOM);
    report({
      at: item.node,
      ...(primary ? {} : { severity: 'information' as const }),
      message: itself
        ? `${head} a permission ${needs} at ${where}; remove ${value}.`
        : `${head} ${removed.text}, which ${needs} at ${where}${removed.complete ? '' : ` (${removes.map(quote).join(', ')})`}; narrow or remove ${value}.`,
      data: { kind: 'blocker', operation: part.info.operation.id, blocker: item.value, removes },
    });
  }
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
    // without a declaration, only a role naming a backup permission itself, or whose name or
    // description names an operation, can be meant for one (the assessment decides the same; this
    // spares it for the many roles that are not about backup)
    if (ids.size === 0 && !namesBackupPermission(permissionEntries(role, ['actions', 'dataActions']).map((e) => e.item.value))
      && !intentWords(role.name?.value, role.description)) return;
    const assessment = assessRole(role, backup, ids);
    if (!assessment) return;
    // every finding of every chosen operation (by id), then those that say the same of operations
    // of one title named together: "Cross region restore (Azure VM, SQL/HANA)"
    const groups = new Map<string, Finding[]>();
    const add = (f: Finding, reported: boolean) => {
      const key = findingKey(f);
      const group = groups.get(key);
      if (group) group.push(f);
      else if (reported) groups.set(key, [f]);
    };
    for (const op of assessment.aimed) for (const f of findingsOf(op)) add(f, true);
    // the operations of the same title the evidence cannot tell from a chosen one lend it their names
    for (const op of assessment.aimed) {
      if (op.declared || op.byWords) continue;
      for (const twin of sameAs(op, assessment.withTitle(op.operation.title))) {
        if (!twin.aimed) for (const f of findingsOf({ ...twin, byWords: undefined })) add(f, false);
      }
    }
    for (const group of groups.values()) reportFinding(group, role, report);
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
